"use client";

import Link from "next/link";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { BellRing, CheckCircle2, CircleSlash, Clock, KeyRound, RefreshCw, Trash2, XCircle } from "lucide-react";
import { useTRPC } from "../trpc";
import type { RequestDetail } from "../types";
import { Button } from "../ui/button";
import { FormError } from "../ui/states";
import { clientNow, RelativeTime } from "../ui/relative-time";
import { StatusBadge } from "../ui/status";
import { endReasonWords } from "../grants/grant-format";
import { IdentityActions } from "./identity-actions";
import { ManualTaskEvent } from "./manual-task-event";
import { TrailEvent, type TrailTone } from "./trail-event";
import { durationWords, exact, whenPhrase } from "./format";

type Grant = NonNullable<RequestDetail["grant"]>;
type Audit = RequestDetail["audit"];

/**
 * The grant's life on the request trail: added in the directory (with read-backs), active until its expiry,
 * warned, extended, then ending (why and by whom) and removed (with the read-back proving it is gone).
 */
export function GrantTrail({ grant, audit, canRetry, app }: { grant: Grant; audit: Audit; canRetry: boolean; app: string }) {
  const setUpTask = grant.manualTasks.find((t) => t.kind === "grant");
  const removalTask = grant.manualTasks.find((t) => t.kind === "remove");
  // Named after the role's directory (Okta, Entra ID, Google Workspace, SCIM 2.0); "the directory" when several.
  const names = [...new Set(grant.actions.map((a) => a.directory))];
  const directory = names.length === 1 ? names[0]! : "the directory";
  const adds = grant.actions.filter((a) => a.kind === "ADD_MEMBER");
  const removes = grant.actions.filter((a) => a.kind === "REMOVE_MEMBER");
  const ending = grant.status === "ENDING" || grant.status === "ENDED";
  const endingAt = [...audit].reverse().find((a) => a.action === "grant.ending")?.at ?? null;
  const extensions = audit.filter((a) => a.action === "grant.extended");
  const addTone: TrailTone = grant.status === "PENDING" ? "now" : grant.status === "FAILED" ? "bad" : "done";
  return (
    <>
      {setUpTask ? <ManualTaskEvent task={setUpTask} app={app} /> : <TrailEvent tone={addTone} icon={<KeyRound className="size-3.5" />} title={grant.status === "PENDING" ? `Adding in ${directory}` : `Added in ${directory}`}
        badge={grant.status === "PENDING" ? <StatusBadge status="running" /> : undefined}>
        {adds.length === 0 ? (
          <p className="text-sm text-slate-600">{grant.status === "PENDING" ? "Queued…" : "No identity actions (granted by hand)."}</p>
        ) : <IdentityActions actions={adds} removing={false} />}
      </TrailEvent>}
      {grant.status === "FAILED" ? <Failed grant={grant} canRetry={canRetry} /> : grant.activatedAt && (
        <TrailEvent tone={ending ? "done" : "done"} icon={<CheckCircle2 className="size-3.5" />} title="Access active" badge={grant.status === "ACTIVE" ? <StatusBadge status="ACTIVE" /> : undefined} at={grant.activatedAt}>
          <ActiveFacts grant={grant} />
        </TrailEvent>
      )}
      {extensions.map((e) => {
        const d = e.data as { extensionRequestId?: string; previousExpiresAt?: string; expiresAt?: string; byMinutes?: number };
        return (
          <TrailEvent key={e.seq} icon={<Clock className="size-3.5" />} title={`Extended by ${durationWords(d.byMinutes)}`} at={e.at} meta={`by ${e.actorLabel}`}>
            <p className="text-sm text-slate-600">
              Now ends <span title={exact(d.expiresAt)}>{d.expiresAt ? whenPhrase(d.expiresAt) : "—"}</span> (was {d.previousExpiresAt ? whenPhrase(d.previousExpiresAt) : "—"}).{" "}
              {d.extensionRequestId && <Link href={`/requests/${d.extensionRequestId}`} className="text-indigo-700 hover:underline">Extension request</Link>}
            </p>
          </TrailEvent>
        );
      })}
      {ending && (
        <TrailEvent tone={grant.status === "ENDED" ? "done" : "ending"} icon={<CircleSlash className="size-3.5" />} title={endReasonWords(grant.endReason)} at={endingAt}
          meta={grant.endedBy ? `by ${grant.endedBy}` : undefined} />
      )}
      {ending && removalTask && <ManualTaskEvent task={removalTask} app={app} />}
      {ending && !removalTask && (
        <TrailEvent tone={grant.status === "ENDED" ? "done" : removes.some((a) => a.lastError) ? "bad" : "ending"} icon={<Trash2 className="size-3.5" />}
          title={grant.status === "ENDED" ? `Removed from ${directory}` : "Removing…"} badge={grant.status === "ENDING" ? <StatusBadge status="ENDING" /> : undefined}>
          {grant.status === "ENDING" && (
            <p className="mb-2 text-sm text-slate-600">
              {removes.some((a) => a.lastError) ? `${directory === "the directory" ? "The directory" : directory} refused or failed; Gatehouse keeps retrying until the membership is confirmed gone.` : "Removing the membership, then reading it back to confirm it is gone."}
            </p>
          )}
          {removes.length ? <IdentityActions actions={removes} removing /> : <p className="text-sm text-slate-600">No groups to remove.</p>}
        </TrailEvent>
      )}
      {grant.status === "ENDED" && (
        <TrailEvent icon={<XCircle className="size-3.5" />} title="Access ended" badge={<StatusBadge status="ENDED" />} at={grant.endedAt}>
          <p className="text-sm text-slate-600">{removalTask ? "The removal was confirmed by hand, with a note." : "Every group removal is confirmed by a read-back."} Recorded in the audit log and on the Jira issue.</p>
        </TrailEvent>
      )}
    </>
  );
}

function ActiveFacts({ grant }: { grant: Grant }) {
  const due = grant.status === "ACTIVE" && grant.expiresAt && new Date(grant.expiresAt).getTime() <= clientNow();
  return (
    <div className="space-y-1 text-sm text-slate-700">
      {grant.expiresAt ? (
        <p>
          {grant.status === "ACTIVE" ? (due ? "Expired " : "Expires ") : "Was to expire "}
          <RelativeTime date={grant.expiresAt} className="font-medium text-slate-900" /> · <span title={exact(grant.expiresAt)}>{whenPhrase(grant.expiresAt)}</span>
          {grant.durationMinutes ? <span className="text-slate-500"> ({durationWords(grant.durationMinutes)} from approval)</span> : null}
          {due && <span className="text-slate-500"> — removing now…</span>}
        </p>
      ) : <p>Permanent until removed.</p>}
      {grant.warnedAt && (
        <p className="text-xs text-slate-500">
          <BellRing aria-hidden className="mr-1 inline size-3.5 align-[-3px]" />
          Holder warned <RelativeTime date={grant.warnedAt} /> that it ends soon.
        </p>
      )}
    </div>
  );
}

function Failed({ grant, canRetry }: { grant: Grant; canRetry: boolean }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const retry = useMutation(trpc.requests.retryGrant.mutationOptions({ onSuccess: () => void qc.invalidateQueries({ queryKey: trpc.requests.pathKey() }) }));
  return (
    <TrailEvent tone="bad" icon={<XCircle className="size-3.5" />} title="Grant failed" badge={<StatusBadge status="FAILED" />} at={grant.endedAt}>
      <p className="text-sm text-red-800">{grant.failureReason ?? "The directory did not confirm the change."}</p>
      {canRetry && (
        <Button size="sm" className="mt-2" icon={<RefreshCw aria-hidden className="size-3.5" />} busy={retry.isPending} onClick={() => retry.mutate({ grantId: grant.id })}>
          Retry
        </Button>
      )}
      <FormError error={retry.error} className="mt-2" />
    </TrailEvent>
  );
}
