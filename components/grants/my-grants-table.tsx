"use client";

import Link from "next/link";
import type { GrantView } from "../types";
import { Card } from "../ui/page";
import { RelativeTime } from "../ui/relative-time";
import { StatusBadge } from "../ui/status";
import { Expiry } from "./expiry";
import { ExtendGrantButton } from "./extend-grant-button";
import { GiveBackButton } from "./give-back-button";
import { durationWords } from "./grant-format";

/** What I hold now: since when, until when, why, and what I can do about it. */
export function MyGrantsTable({ grants }: { grants: GrantView[] }) {
  return (
    <Card className="overflow-x-auto">
      <table className="w-full text-sm">
        <caption className="sr-only">Your access</caption>
        <thead className="sticky top-0 bg-slate-50 text-left text-xs text-slate-500">
          <tr>
            <th scope="col" className="px-4 py-2 font-medium">Access</th>
            <th scope="col" className="px-4 py-2 font-medium">Status</th>
            <th scope="col" className="px-4 py-2 font-medium">Since</th>
            <th scope="col" className="px-4 py-2 font-medium">Expires</th>
            <th scope="col" className="px-4 py-2 font-medium">How granted</th>
            <th scope="col" className="px-4 py-2 font-medium"><span className="sr-only">Actions</span></th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {grants.map((g) => {
            const access = `${g.app.name} · ${g.role.name}`;
            return (
              <tr key={g.id} className="align-top">
                <td className="px-4 py-2.5">
                  <Link href={`/catalog/${g.app.id}`} className="whitespace-nowrap font-medium text-slate-900 hover:underline">{access}</Link>
                  <span className="mt-1 flex flex-wrap gap-1">
                    {g.groups.map((n) => <code key={n} className="whitespace-nowrap rounded bg-slate-100 px-1.5 py-px font-mono text-xs text-slate-700">{n}</code>)}
                  </span>
                </td>
                <td className="px-4 py-2.5">
                  <StatusBadge status={g.status} />
                  {g.status === "ENDING" && <p className="mt-1 text-xs text-slate-500">{g.manual ? "Being removed by hand by the app owner…" : "Removing from the directory…"}</p>}
                  {g.status === "PENDING" && g.manual && <p className="mt-1 max-w-56 text-xs text-slate-500">Being set up by hand by the app owner; active once they confirm.</p>}
                  {g.failureReason && <p className="mt-1 max-w-56 text-xs text-red-800">{g.failureReason}</p>}
                </td>
                <td className="whitespace-nowrap px-4 py-2.5 text-slate-700"><RelativeTime date={g.activatedAt} fallback={g.status === "PENDING" ? (g.manual ? "Waiting for the owner" : "Being added…") : "—"} /></td>
                <td className="whitespace-nowrap px-4 py-2.5 text-slate-700">
                  <Expiry at={g.expiresAt} />
                  {g.pendingExtension && (
                    <Link href={`/requests/${g.pendingExtension.id}`} className="mt-1 block text-xs font-medium text-amber-800 hover:underline">
                      Extension by {durationWords(g.pendingExtension.durationMinutes)} pending
                    </Link>
                  )}
                </td>
                <td className="px-4 py-2.5 text-slate-700">
                  {g.request ? (
                    <>
                      <Link href={`/requests/${g.request.id}`} className="text-indigo-700 hover:underline">View request</Link>
                      {g.request.jiraIssueKey && <span className="ml-1.5 font-mono text-xs text-slate-500">{g.request.jiraIssueKey}</span>}
                      {g.request.reason && <span className="block max-w-48 truncate text-xs text-slate-500" title={g.request.reason}>{g.request.reason}</span>}
                    </>
                  ) : g.bundle ? (
                    <span>Birthright: {g.bundle.name ?? "a bundle"}{g.bundle.rule && <span className="block text-xs text-slate-500">{g.bundle.rule}</span>}</span>
                  ) : (
                    <span className="capitalize">{g.source.toLowerCase().replace(/_/g, " ")}</span>
                  )}
                </td>
                <td className="whitespace-nowrap px-4 py-2.5 text-right">
                  <span className="inline-flex items-center gap-1">
                    {g.viewer.canExtend && <ExtendGrantButton grant={g} />}
                    {g.viewer.canGiveBack && <GiveBackButton grantId={g.id} access={access} groups={g.groups} />}
                  </span>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </Card>
  );
}
