"use client";

import Link from "next/link";
import { createRef, useEffect, useMemo, useRef, useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { Inbox as InboxIcon, KeyRound } from "lucide-react";
import { useTRPC } from "../trpc";
import type { InboxItem } from "../types";
import { Card, Page, PageHeader } from "../ui/page";
import { Skeleton } from "../ui/skeleton";
import { EmptyState, ErrorState } from "../ui/states";
import { RelativeTime } from "../ui/relative-time";
import { RiskBadge } from "../ui/status";
import { cn } from "../ui/cn";
import { PrivilegedTag } from "../catalog/role-facts";
import { stepKindLabels } from "../catalog/format";
import { DecidePanel, type DecideHandle } from "./decide";
import { OthersTasksSection, ReviewsInboxSection, TasksInboxSection } from "../reviews/inbox-sections";
import { useMe } from "../shell/me-context";
import { ConfirmationsInboxSection } from "../lifecycle/confirmations-inbox-section";
import { ReclaimInboxSection } from "../reclaim/inbox-section";
import { durationWords } from "./format";

export function InboxPage() {
  const trpc = useTRPC();
  const q = useQuery({ ...trpc.requests.inbox.queryOptions(), refetchInterval: 15_000 });
  const reviews = useQuery({ ...trpc.reviews.list.queryOptions(), refetchInterval: 30_000 });
  const tasks = useQuery({ ...trpc.reviews.myTasks.queryOptions(), refetchInterval: 30_000 });
  const me = useMe();
  const admin = me.membership.roles.includes("admin");
  // Admins also see the manual work assigned to others (the app owners), to chase or do it themselves.
  const queue = useQuery({ ...trpc.reviews.openTasks.queryOptions(), enabled: admin, refetchInterval: 30_000 });
  const othersTasks = (queue.data ?? []).filter((t) => !me.membership.personId || !t.assigneePersonIds.includes(me.membership.personId));
  const confirmations = useQuery({ ...trpc.lifecycle.myConfirmations.queryOptions(), refetchInterval: 30_000 });
  const reclaimNotices = useQuery({ ...trpc.reclaim.myNotices.queryOptions(), refetchInterval: 30_000 });
  const noticeCount = reclaimNotices.data?.length ?? 0;
  const items = useMemo(() => q.data ?? [], [q.data]);
  const reviewsWaiting = (reviews.data ?? []).filter((c) => c.status === "ACTIVE" && c.myPending > 0);
  const reviewCount = reviewsWaiting.reduce((n, c) => n + c.myPending, 0);
  const taskCount = tasks.data?.length ?? 0;
  // Everything loaded and nothing anywhere: one empty state for the page. Otherwise one section per kind.
  const confirmCount = confirmations.data?.length ?? 0;
  const loaded = !!q.data && !reviews.isPending && !tasks.isPending && !confirmations.isPending && !reclaimNotices.isPending && (!admin || !queue.isPending);
  const nothing = loaded && items.length === 0 && reviewCount === 0 && taskCount === 0 && confirmCount === 0 && noticeCount === 0 && othersTasks.length === 0;
  const [selected, setSelected] = useState(0);
  const [done, setDone] = useState<string | null>(null);
  const refs = useMemo(() => items.map(() => ({ comment: createRef<HTMLTextAreaElement>(), handle: createRef<DecideHandle>(), card: createRef<HTMLElement>() })), [items]);
  const sel = Math.min(selected, Math.max(0, items.length - 1));
  const selRef = useRef(sel);
  selRef.current = sel;

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const t = e.target as HTMLElement | null;
      if (e.metaKey || e.ctrlKey || e.altKey) return;
      if (t && (t.tagName === "TEXTAREA" || t.tagName === "INPUT" || t.tagName === "SELECT" || t.isContentEditable)) {
        if (e.key === "Escape") t.blur();
        return;
      }
      if (!refs.length) return;
      const i = selRef.current;
      const move = (n: number) => {
        const next = Math.max(0, Math.min(refs.length - 1, n));
        setSelected(next);
        refs[next]?.card.current?.scrollIntoView({ block: "nearest" });
        refs[next]?.card.current?.focus({ preventScroll: true });
      };
      if (e.key === "j") { e.preventDefault(); move(i + 1); }
      else if (e.key === "k") { e.preventDefault(); move(i - 1); }
      else if (e.key === "a") { e.preventDefault(); refs[i]?.handle.current?.approve(); }
      else if (e.key === "d") { e.preventDefault(); refs[i]?.comment.current?.focus(); }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [refs]);

  return (
    <Page>
      <PageHeader
        title="Inbox"
        count={loaded ? `${items.length + reviewCount + taskCount + noticeCount} waiting for you` : undefined}
        description={items.length ? <>Everything you need to decide is on the card. Keyboard: <Kbd>j</Kbd>/<Kbd>k</Kbd> move, <Kbd>a</Kbd> approve, <Kbd>d</Kbd> deny (write why, then press Deny).</> : undefined}
      />
      {done && (
        <p role="status" className="mb-4 rounded-md border border-emerald-200 bg-emerald-50 px-3 py-2 text-sm text-emerald-900">{done}</p>
      )}
      {q.isPending || (q.data && !loaded) ? (
        <div role="status" className="space-y-3">
          <span className="sr-only">Loading your inbox…</span>
          <Skeleton className="h-48 w-full" />
          <Skeleton className="h-48 w-full" />
        </div>
      ) : q.isError ? (
        <ErrorState error={q.error} title="Your inbox could not load" onRetry={() => void q.refetch()} />
      ) : nothing ? (
        <EmptyState icon={<InboxIcon aria-hidden className="size-5" />} title="Nothing waits for you">
          Requests that need your approval, access reviews and tasks appear here, with everything you need to decide. Your own requests are under{" "}
          <Link href="/requests" className="font-medium text-indigo-700 hover:underline">Requests</Link>.
        </EmptyState>
      ) : items.length === 0 ? (
        <>
          <RequestsHeading n={0} />
          <p className="rounded-lg border border-dashed border-slate-300 bg-white px-4 py-3 text-sm text-slate-600">No request waits for your approval.</p>
        </>
      ) : (
        <>
        {(reviewCount > 0 || taskCount > 0) && <RequestsHeading n={items.length} />}
        <ul aria-label="Waiting for your decision" className="space-y-3">
          {items.map((it, i) => (
            <li key={it.id}>
              <InboxCard
                item={it}
                selected={i === sel}
                onSelect={() => setSelected(i)}
                refs={refs[i]!}
                onDecided={(d) => setDone(`${d === "APPROVE" ? "Approved" : "Denied"}: ${it.app.name} · ${it.roleName} for ${it.beneficiary.displayName}.`)}
              />
            </li>
          ))}
        </ul>
        </>
      )}
      {loaded && !nothing && (
        <>
          <ReviewsInboxSection campaigns={reviews.data ?? []} />
          <TasksInboxSection tasks={tasks.data ?? []} onDone={setDone} />
          {admin && othersTasks.length > 0 && <OthersTasksSection tasks={othersTasks} onDone={setDone} />}
          <ConfirmationsInboxSection confirmations={confirmations.data ?? []} />
          <ReclaimInboxSection notices={reclaimNotices.data ?? []} onKept={setDone} />
        </>
      )}
    </Page>
  );
}

function RequestsHeading({ n }: { n: number }) {
  return (
    <h2 className="mb-3 text-sm font-semibold text-slate-900">
      Requests to approve{n ? <span className="font-normal text-slate-500"> · {n}</span> : null}
    </h2>
  );
}

function Kbd({ children }: { children: string }) {
  return <kbd className="rounded border border-slate-300 bg-white px-1 font-mono text-[11px] text-slate-700">{children}</kbd>;
}

function InboxCard({ item: it, selected, onSelect, refs, onDecided }: {
  item: InboxItem; selected: boolean; onSelect: () => void; onDecided: (d: "APPROVE" | "DENY") => void;
  refs: { comment: React.RefObject<HTMLTextAreaElement | null>; handle: React.RefObject<DecideHandle | null>; card: React.RefObject<HTMLElement | null> };
}) {
  const headingId = `inbox-${it.id}`;
  const b = it.beneficiary;
  const forSelf = it.requester.id === b.id;
  return (
    <Card className={cn("transition-shadow", selected && "ring-2 ring-indigo-500")}>
      <article
        ref={refs.card}
        tabIndex={-1}
        aria-labelledby={headingId}
        aria-current={selected ? "true" : undefined}
        onFocusCapture={onSelect}
        onClick={onSelect}
        className="grid gap-x-8 gap-y-4 px-5 py-4 outline-none lg:grid-cols-[1fr_24rem]"
      >
        <div className="min-w-0">
          <div className="flex flex-wrap items-center gap-2">
            <h2 id={headingId} className="text-sm font-semibold text-slate-900">
              <Link href={`/requests/${it.id}`} className="hover:underline">{b.displayName} · {it.app.name} · {it.roleName}</Link>
            </h2>
            {it.privileged && <PrivilegedTag />}
            <RiskBadge risk={it.risk} />
            <span className="text-xs text-slate-500">Step {it.step.position + 1} of {it.step.of} · {stepKindLabels[it.step.kind] ?? it.step.kind}</span>
          </div>
          <dl className="mt-3 grid grid-cols-[8rem_1fr] gap-x-3 gap-y-1.5 text-sm">
            <dt className="text-slate-500">For</dt>
            <dd className="text-slate-900">
              {b.displayName}
              <span className="text-slate-600">{[b.title, b.department].filter(Boolean).length ? ` — ${[b.title, b.department].filter(Boolean).join(", ")}` : ""}</span>
              {b.manager && <span className="text-slate-500"> · manager {b.manager.displayName}</span>}
            </dd>
            <dt className="text-slate-500">Requested by</dt>
            <dd className="text-slate-900">{forSelf ? "Themselves" : it.requester.displayName} · <RelativeTime date={it.createdAt} /></dd>
            <dt className="text-slate-500">Gives</dt>
            <dd className="flex flex-wrap gap-1">
              {it.groups.length ? it.groups.map((g) => (
                <code key={g.id} title={g.externalId} className="rounded bg-slate-100 px-1.5 py-px font-mono text-xs text-slate-800">{g.source}:{g.name}</code>
              )) : <span className="text-slate-600">Granted by hand by the app owner</span>}
            </dd>
            <dt className="text-slate-500">Duration</dt>
            <dd className="text-slate-900">{durationWords(it.durationMinutes)}</dd>
            <dt className="text-slate-500">Held before</dt>
            <dd className="text-slate-900">{it.heldBefore ? `Yes, ${it.heldBefore} time${it.heldBefore === 1 ? "" : "s"}` : "No, first time"}</dd>
            <dt className="text-slate-500">Prior approvals</dt>
            <dd className="text-slate-900">
              {it.priorApprovals.length ? (
                <ul>
                  {it.priorApprovals.map((p, i) => (
                    <li key={i}>Step {p.step}: {p.by} · <RelativeTime date={p.at} />{p.comment ? <span className="text-slate-600"> — “{p.comment}”</span> : null}</li>
                  ))}
                </ul>
              ) : <span className="text-slate-600">None yet — you are first</span>}
            </dd>
            {it.step.fallback && (
              <>
                <dt className="text-slate-500">Why you</dt>
                <dd className="text-amber-800">{it.step.fallback}</dd>
              </>
            )}
          </dl>
          <figure className="mt-3">
            <figcaption className="text-xs text-slate-500">Reason</figcaption>
            <blockquote className="mt-0.5 border-l-2 border-slate-200 pl-3 text-sm text-slate-800">{it.reason}</blockquote>
          </figure>
        </div>
        <div className="border-t border-slate-100 pt-4 lg:border-t-0 lg:border-l lg:pt-0 lg:pl-6">
          <div className="mb-2 flex items-center gap-1.5 text-xs font-medium text-slate-500">
            <KeyRound aria-hidden className="size-3.5" /> Your decision
          </div>
          <DecidePanel
            compact
            ref={refs.comment}
            handle={refs.handle}
            onDecided={onDecided}
            ctx={{
              requestId: it.id, beneficiaryName: b.displayName, groups: it.groups.map((g) => `${g.source}:${g.name}`), durationMinutes: it.durationMinutes,
              step: { position: it.step.position, of: it.step.of },
            }}
          />
        </div>
      </article>
    </Card>
  );
}
