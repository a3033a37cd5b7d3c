"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Webhook } from "lucide-react";
import { useTRPC } from "../trpc";
import type { Connection } from "../types";
import { Badge } from "../ui/badge";
import { Button } from "../ui/button";
import { RelativeTime } from "../ui/relative-time";
import { FormError } from "../ui/states";

type EventHook = { id: string | null; uri: string; events: string[]; status: "ACTIVE" | "INACTIVE" | "FAILED"; verified: boolean; at: string; error?: string | null };

/**
 * The Okta event hook: Okta pushes joiners, movers and leavers to Gatehouse as they happen (the periodic sync
 * stays as the safety net). Setting it up registers, verifies and activates the hook in Okta; the shared secret
 * goes straight to Okta and is never shown.
 */
export function OktaEventHookPanel({ connection: c }: { connection: Connection }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const hook = (c.config as { eventHook?: EventHook }).eventHook ?? null;
  const setUp = useMutation(trpc.connections.setUpEventHook.mutationOptions({
    onSettled: () => void qc.invalidateQueries({ queryKey: trpc.connections.list.queryKey() }),
  }));
  const live = hook?.status === "ACTIVE" && hook.verified;

  return (
    <section aria-labelledby={`hook-${c.id}`} className="border-t border-slate-200 px-5 py-4">
      <div className="flex flex-wrap items-center gap-3">
        <h3 id={`hook-${c.id}`} className="flex items-center gap-2 text-sm font-semibold text-slate-900">
          <Webhook aria-hidden className="size-4 text-slate-500" /> Event hook
        </h3>
        {live ? (
          <Badge tone="green">Event hook active · verified</Badge>
        ) : hook?.status === "FAILED" ? (
          <Badge tone="red">Not verified</Badge>
        ) : hook ? (
          <Badge tone="amber">{hook.status === "INACTIVE" ? "Inactive" : "Not verified"}</Badge>
        ) : (
          <Badge tone="slate">Not set up</Badge>
        )}
        <span className="ml-auto">
          <Button busy={setUp.isPending} variant={live ? "secondary" : "primary"} onClick={() => setUp.mutate({ connectionId: c.id })}>
            {hook ? "Set up event hook again" : "Set up event hook"}
          </Button>
        </span>
      </div>
      <p className="mt-1 text-sm text-slate-600">
        {live
          ? "Okta tells Gatehouse about new people, profile changes, suspensions, deactivations and group changes as they happen; the sync every 15 minutes remains the safety net."
          : "Without it, Gatehouse sees joiners, movers and leavers at the next sync (every 15 minutes). Setting it up registers a hook in Okta, which checks that it can reach Gatehouse."}
      </p>
      {hook && (
        <dl className="mt-3 grid grid-cols-[8rem_1fr] gap-x-4 gap-y-1 text-sm">
          <dt className="text-slate-500">Endpoint</dt>
          <dd className="min-w-0 truncate"><code className="font-mono text-xs">{hook.uri}</code></dd>
          {hook.id && (<><dt className="text-slate-500">Hook id</dt><dd><code className="font-mono text-xs">{hook.id}</code></dd></>)}
          <dt className="text-slate-500">Events</dt>
          <dd className="min-w-0 text-slate-700">{hook.events.join(", ")}</dd>
          <dt className="text-slate-500">{hook.status === "FAILED" ? "Tried" : "Set up"}</dt>
          <dd><RelativeTime date={hook.at} /></dd>
        </dl>
      )}
      {hook?.status === "FAILED" && hook.error && !setUp.error && (
        <p className="mt-2 rounded-md border border-red-200 bg-red-50 px-3 py-1.5 text-sm text-red-800"><span className="font-medium">Last attempt:</span> {hook.error}</p>
      )}
      {setUp.error && <div className="mt-2"><FormError error={setUp.error} /></div>}
      {setUp.isSuccess && <p role="status" className="mt-2 text-sm text-emerald-800">Event hook set up: Okta verified that it can reach Gatehouse.</p>}
    </section>
  );
}
