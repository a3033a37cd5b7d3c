import { ShieldCheck } from "lucide-react";
import type { RequestDetail } from "../types";
import { cn } from "../ui/cn";
import { RelativeTime } from "../ui/relative-time";
import { StatusBadge } from "../ui/status";

type Action = NonNullable<RequestDetail["grant"]>["actions"][number];
type ReadBack = { isMember?: boolean; kept?: boolean; checkedAt?: string; detail?: string };

/**
 * The identity actions of one direction (adding or removing) with their proof: the read-back that
 * shows the membership is there (after an add) or gone (after a removal), or why a group was kept.
 */
export function IdentityActions({ actions, removing }: { actions: Action[]; removing: boolean }) {
  return (
    <ul aria-label={removing ? "Removals" : "Additions"} className="space-y-2">
      {actions.map((a) => {
        const rb = a.readBack as ReadBack | null;
        const proves = rb && !rb.kept && (removing ? rb.isMember === false : rb.isMember === true);
        return (
          <li key={a.id} className="rounded-md border border-slate-200 bg-white px-3 py-2 text-sm">
            <div className="flex flex-wrap items-center gap-2">
              <span className="text-slate-700">{removing ? "Remove from" : "Add to"}</span>
              <code className="rounded bg-slate-100 px-1.5 py-px font-mono text-xs text-slate-800">{a.source}:{a.group?.name ?? a.groupExternalId}</code>
              <span className="font-mono text-xs text-slate-500">{a.groupExternalId}</span>
              <StatusBadge status={rb?.kept ? "skipped" : a.status} title={rb?.kept ? "Still granted by another grant" : undefined} />
              <span className="text-xs text-slate-500">{a.attempts} attempt{a.attempts === 1 ? "" : "s"}</span>
            </div>
            {a.lastError && <p className="mt-1 text-xs text-red-800">Last error: {a.lastError}</p>}
            {rb?.kept ? (
              <p className="mt-1 text-xs text-slate-600">Kept in the group: {rb.detail}</p>
            ) : rb ? (
              <p className={cn("mt-1 text-xs", proves ? "text-emerald-800" : "text-amber-800")}>
                <ShieldCheck aria-hidden className="mr-1 inline size-3.5 align-[-3px]" />
                <span className="font-medium">Read-back{removing ? (rb.isMember ? " (still a member)" : " (not a member)") : rb.isMember ? "" : " (not a member)"}:</span> {rb.detail}
                {/* The action's completion is on Gatehouse's clock like the rest of the page; the IdP's own timestamp is in the tooltip. */}
                {(a.completedAt ?? rb.checkedAt) && (
                  <span className="text-slate-500" title={rb.checkedAt ? `Read back at ${rb.checkedAt}` : undefined}> · checked <RelativeTime date={a.completedAt ?? rb.checkedAt} /></span>
                )}
              </p>
            ) : a.status === "PENDING" ? (
              <p className="mt-1 text-xs text-slate-500">Waiting for {a.directory}, then reading the membership back…</p>
            ) : null}
          </li>
        );
      })}
    </ul>
  );
}
