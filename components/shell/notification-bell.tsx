"use client";

import Link from "next/link";
import { useEffect, useId, useRef, useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Bell, BellRing, CheckCheck, Clock, KeyRound, UserCheck } from "lucide-react";
import { useTRPC } from "../trpc";
import type { NotificationItem } from "../types";
import { cn } from "../ui/cn";
import { RelativeTime } from "../ui/relative-time";

const kindIcon: Record<string, typeof Bell> = { "grant.expiring": Clock, "grant.ended": KeyRound, "request.decided": UserCheck, "approval.pending": BellRing };

/** The bell in the rail's header: unread count, and a panel of my notices (Escape or a click outside closes it). */
export function NotificationBell() {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const panelId = useId();
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const q = useQuery({ ...trpc.notifications.list.queryOptions(), refetchInterval: open ? 5_000 : 20_000, staleTime: 3_000 });
  const markRead = useMutation(trpc.notifications.markRead.mutationOptions({
    onSuccess: () => void qc.invalidateQueries({ queryKey: trpc.notifications.pathKey() }),
  }));
  const unread = q.data?.unread ?? 0;

  useEffect(() => {
    if (!open) return;
    const onDown = (e: MouseEvent) => { if (!root.current?.contains(e.target as Node)) setOpen(false); };
    // On the document: focus may have left the panel (a button that just became disabled drops it).
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== "Escape") return;
      setOpen(false);
      button.current?.focus();
    };
    document.addEventListener("mousedown", onDown);
    document.addEventListener("keydown", onKey);
    return () => {
      document.removeEventListener("mousedown", onDown);
      document.removeEventListener("keydown", onKey);
    };
  }, [open]);

  return (
    <div ref={root} className="relative">
      <button
        ref={button}
        type="button"
        aria-label={unread ? `Notifications, ${unread} unread` : "Notifications"}
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen((o) => !o)}
        className="relative rounded-md p-1.5 text-slate-500 hover:bg-slate-100 hover:text-slate-900 focus-visible:outline-2 focus-visible:outline-indigo-600"
      >
        <Bell aria-hidden className="size-4" />
        {unread > 0 && (
          <span aria-hidden className="absolute -top-0.5 -right-0.5 min-w-4 rounded-full bg-indigo-600 px-1 text-center text-[10px] font-semibold leading-4 tabular-nums text-white">
            {unread > 9 ? "9+" : unread}
          </span>
        )}
      </button>
      {open && (
        <div id={panelId} role="region" aria-label="Notifications" className="absolute top-full left-0 z-40 mt-1.5 w-96 overflow-hidden rounded-lg border border-slate-200 bg-white shadow-lg">
          <div className="flex items-center justify-between border-b border-slate-200 px-4 py-2.5">
            <h2 className="text-sm font-semibold text-slate-900">Notifications</h2>
            <button
              type="button"
              disabled={!unread || markRead.isPending}
              onClick={() => markRead.mutate({ all: true })}
              className="inline-flex items-center gap-1 rounded px-1.5 py-0.5 text-xs font-medium text-indigo-700 hover:bg-indigo-50 disabled:text-slate-400 disabled:hover:bg-transparent"
            >
              <CheckCheck aria-hidden className="size-3.5" /> Mark all read
            </button>
          </div>
          {q.isPending ? (
            <p role="status" className="px-4 py-6 text-center text-sm text-slate-500">Loading…</p>
          ) : q.isError ? (
            <p role="alert" className="px-4 py-6 text-center text-sm text-red-800">Notifications could not load. <button type="button" className="font-medium underline" onClick={() => void q.refetch()}>Try again</button></p>
          ) : q.data.notifications.length === 0 ? (
            <p className="px-4 py-8 text-center text-sm text-slate-500">Nothing yet. Decisions on your requests and access about to expire show up here.</p>
          ) : (
            <ul aria-label="Notifications" className="max-h-[26rem] divide-y divide-slate-100 overflow-y-auto">
              {q.data.notifications.map((n) => (
                <Notice key={n.id} n={n} onOpen={() => { if (!n.readAt) markRead.mutate({ ids: [n.id] }); setOpen(false); }} />
              ))}
            </ul>
          )}
        </div>
      )}
    </div>
  );
}

function Notice({ n, onOpen }: { n: NotificationItem; onOpen: () => void }) {
  const Icon = kindIcon[n.kind] ?? Bell;
  const body = (
    <>
      <Icon aria-hidden className={cn("mt-0.5 size-4 shrink-0", n.readAt ? "text-slate-400" : "text-indigo-600")} />
      <span className="min-w-0 flex-1">
        <span className={cn("block text-sm", n.readAt ? "text-slate-700" : "font-medium text-slate-900")}>{n.title}</span>
        <span className="mt-0.5 block text-xs text-slate-600">{n.body}</span>
        <span className="mt-1 block text-xs text-slate-400"><RelativeTime date={n.createdAt} /></span>
      </span>
      {!n.readAt && <span className="mt-1.5 size-2 shrink-0 rounded-full bg-indigo-600"><span className="sr-only">Unread</span></span>}
    </>
  );
  const cls = cn("flex w-full gap-3 px-4 py-3 text-left hover:bg-slate-50 focus-visible:bg-slate-50 focus-visible:outline-none", !n.readAt && "bg-indigo-50/40");
  return (
    <li>
      {n.link ? <Link href={n.link} className={cls} onClick={onOpen}>{body}</Link> : <button type="button" className={cls} onClick={onOpen}>{body}</button>}
    </li>
  );
}
