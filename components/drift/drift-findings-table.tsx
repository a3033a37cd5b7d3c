"use client";

import Link from "next/link";
import { RelativeTime } from "../ui/relative-time";
import { cn } from "../ui/cn";
import { AdoptFindingButton } from "./adopt-finding-button";
import { DriftStatusBadge } from "./drift-status";
import type { DriftFinding } from "./types";

const th = "sticky top-0 z-10 border-b border-slate-200 bg-slate-50 px-3 py-2 text-left text-xs font-medium text-slate-500 first:rounded-tl-lg first:pl-4 last:rounded-tr-lg last:pr-4";
const td = "px-3 py-3 align-top first:pl-4 last:pr-4";

/** The findings: who, which group, seen when, added by whom (from the System Log), and what became of it. */
export function DriftFindingsTable({ findings, admin }: { findings: DriftFinding[]; admin: boolean }) {
  const actions = admin && findings.some((f) => f.status === "OPEN");
  return (
    <div className="rounded-lg border border-slate-200 bg-white">
      <table className="w-full border-separate border-spacing-0 text-sm">
        <caption className="sr-only">Drift findings, most recently seen first</caption>
        <thead>
          <tr>
            <th scope="col" className={th}>Person</th>
            <th scope="col" className={th}>Group</th>
            <th scope="col" className={th}>First seen</th>
            <th scope="col" className={th}>Last seen</th>
            <th scope="col" className={th}>Added by</th>
            <th scope="col" className={th}>Status</th>
            {actions && <th scope="col" className={cn(th, "text-right")}><span className="sr-only">Actions</span></th>}
          </tr>
        </thead>
        <tbody className="[&>tr:not(:last-child)>td]:border-b [&>tr>td]:border-slate-100">
          {findings.map((f) => (
            <tr key={f.id} className="hover:bg-slate-50" data-testid="drift-finding">
              <td className={td}>
                <Link href={`/people/${f.person.id}`} className="font-medium text-slate-900 hover:text-indigo-700 hover:underline">{f.person.name}</Link>
                {f.person.email && <div className="text-xs text-slate-500">{f.person.email}</div>}
              </td>
              <td className={td}>{f.group.name}</td>
              <td className={td}><RelativeTime date={f.firstSeenAt} /></td>
              <td className={td}><RelativeTime date={f.lastSeenAt} /></td>
              <td className={td}>
                {f.addedBy ? (
                  <>
                    <div className="text-slate-800">{f.addedBy}</div>
                    <div className="text-xs text-slate-500"><RelativeTime date={f.addedAt} /> · Okta System Log</div>
                  </>
                ) : (
                  <span className="text-slate-500" title="No group.user_membership.add event for this member in the System Log (kept about 90 days)">unknown</span>
                )}
              </td>
              <td className={td}>
                <DriftStatusBadge status={f.status} />
                <FindingOutcome finding={f} />
              </td>
              {actions && <td className={cn(td, "text-right")}>{f.status === "OPEN" && <AdoptFindingButton finding={f} />}</td>}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function FindingOutcome({ finding: f }: { finding: DriftFinding }) {
  if (f.status === "REMOVED") {
    const proof = f.readBack?.readBack;
    return (
      <div className="mt-1 max-w-72 text-xs text-slate-600">
        {proof ? (
          <>
            Removed <RelativeTime date={f.resolvedAt} />; read-back: {proof.isMember === false ? "not a member" : "checked"}
            {f.grantId && <> · <Link href={`/evidence/grants/${f.grantId}`} className="font-medium text-indigo-700 hover:underline">evidence</Link></>}
          </>
        ) : (
          <span className="text-amber-800">Removal in progress: waiting for the directory to confirm</span>
        )}
      </div>
    );
  }
  if (f.status === "EXPLAINED") {
    return (
      <div className="mt-1 text-xs text-slate-600">
        {f.grantId ? "Kept as a grant" : "Gone, or now granted"} <RelativeTime date={f.resolvedAt} />
      </div>
    );
  }
  return null;
}
