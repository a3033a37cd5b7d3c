"use client";

import Link from "next/link";
import type { GrantView } from "../types";
import { Card } from "../ui/page";
import { RelativeTime } from "../ui/relative-time";
import { exact } from "../requests/format";
import { endReasonWords } from "./grant-format";

/** Access I held before: how and when it ended, with the request that granted it. */
export function GrantHistory({ grants }: { grants: GrantView[] }) {
  if (grants.length === 0) {
    return <p className="rounded-lg border border-dashed border-slate-300 bg-white px-4 py-4 text-sm text-slate-600">Nothing has ended yet. Access you give back, that expires or is revoked is listed here.</p>;
  }
  return (
    <Card className="overflow-x-auto">
      <table className="w-full text-sm">
        <caption className="sr-only">Access that has ended</caption>
        <thead className="bg-slate-50 text-left text-xs text-slate-500">
          <tr>
            <th scope="col" className="px-4 py-2 font-medium">Access</th>
            <th scope="col" className="px-4 py-2 font-medium">How it ended</th>
            <th scope="col" className="px-4 py-2 font-medium">Held for</th>
            <th scope="col" className="px-4 py-2 font-medium">Ended</th>
            <th scope="col" className="px-4 py-2 font-medium"><span className="sr-only">Request</span></th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {grants.map((g) => (
            <tr key={g.id} className="align-top">
              <td className="whitespace-nowrap px-4 py-2.5 font-medium text-slate-900">{g.app.name} · {g.role.name}</td>
              <td className="px-4 py-2.5 text-slate-700">
                {endReasonWords(g.endReason)}
                {g.endedBy && <span className="block text-xs text-slate-500">by {g.endedBy}</span>}
              </td>
              <td className="whitespace-nowrap px-4 py-2.5 text-slate-700">
                <span title={`${exact(g.activatedAt)} → ${exact(g.endedAt)}`}>{heldFor(g.activatedAt, g.endedAt)}</span>
              </td>
              <td className="whitespace-nowrap px-4 py-2.5 text-slate-700"><RelativeTime date={g.endedAt} /></td>
              <td className="whitespace-nowrap px-4 py-2.5 text-right">
                {g.request && <Link href={`/requests/${g.request.id}`} className="text-indigo-700 hover:underline">View request</Link>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Card>
  );
}

/** "under a minute", "12 min", "1 h 5 min", "3 days". */
function heldFor(from: Date | null, to: Date | null): string {
  if (!from || !to) return "—";
  const minutes = Math.round((new Date(to).getTime() - new Date(from).getTime()) / 60_000);
  if (minutes < 1) return "under a minute";
  if (minutes < 60) return `${minutes} min`;
  if (minutes < 48 * 60) return `${Math.floor(minutes / 60)} h${minutes % 60 ? ` ${minutes % 60} min` : ""}`;
  return `${Math.round(minutes / 1440)} days`;
}
