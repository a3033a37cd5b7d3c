import { Clock, KeyRound, Users } from "lucide-react";
import type { CatalogRole } from "../types";
import { Tag } from "../ui/badge";
import { approvalSummary, durationRule } from "./format";
import type { ReactNode } from "react";

/** The IdP groups a role grants, named exactly as in the IdP. */
export function RoleGroups({ role, manual }: { role: CatalogRole; manual?: boolean }) {
  if (manual) return <span className="text-slate-500">Granted by hand by the app owner</span>;
  if (!role.groups.length) return <span className="text-slate-500">No group mapped yet</span>;
  return (
    <span className="flex flex-wrap gap-1">
      {role.groups.map((g) => (
        <code key={g.id} title={`${g.type} · ${g.externalId}`} className="rounded bg-slate-100 px-1.5 py-px font-mono text-xs text-slate-700">
          {g.source}:{g.name}
        </code>
      ))}
    </span>
  );
}

export function RoleSummaryLine({ role }: { role: CatalogRole }) {
  return (
    <div className="flex flex-wrap items-center gap-x-4 gap-y-1 text-xs text-slate-600">
      <span className="inline-flex items-center gap-1.5">
        <Users aria-hidden className="size-3.5 text-slate-400" />
        <span className="sr-only">Approval:</span>
        {approvalSummary(role.steps)}
      </span>
      <span className="inline-flex items-center gap-1.5">
        <Clock aria-hidden className="size-3.5 text-slate-400" />
        <span className="sr-only">Duration:</span>
        <span><DurationText role={role} /></span>
      </span>
    </div>
  );
}

export function PrivilegedTag() {
  return (
    <Tag className="border-orange-200 bg-orange-50 text-orange-800" icon={<KeyRound aria-hidden className="size-3" />}>
      Privileged
    </Tag>
  );
}

/** The duration rule with its parts kept whole when the line wraps ("max 24 h" never splits). */
export function DurationText({ role }: { role: Pick<CatalogRole, "durationRequired" | "allowedDurations" | "maxDurationMinutes"> }) {
  const parts = durationRule(role).split(" · ");
  const out: ReactNode[] = [];
  parts.forEach((p, i) => {
    if (i > 0) out.push(<span key={`s${i}`} aria-hidden className="text-slate-400"> · </span>);
    out.push(<span key={i} className={i > 0 ? "whitespace-nowrap" : undefined}>{p}</span>);
  });
  return <>{out}</>;
}
