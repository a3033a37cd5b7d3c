"use client";

import Link from "next/link";
import { useEffect, useRef } from "react";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "../trpc";
import { Card, Section } from "../ui/page";
import { RelativeTime } from "../ui/relative-time";
import { Skeleton } from "../ui/skeleton";
import { ErrorState } from "../ui/states";
import { StatusBadge } from "../ui/status";
import { Expiry } from "../grants/expiry";
import { RevokeGrantButton } from "../grants/revoke-grant-button";

/** What Gatehouse has granted this person and not yet taken back, with revoke for admins and app owners. */
export function PersonGrants({ personId, name }: { personId: string; name: string }) {
  const trpc = useTRPC();
  const q = useQuery({
    ...trpc.grants.ofPerson.queryOptions({ personId }),
    refetchInterval: (query) => (query.state.data?.some((g) => g.status === "PENDING" || g.status === "ENDING") ? 1000 : false),
  });
  // Once a removal finishes, the memberships below it changed too.
  const qc = useQueryClient();
  const ending = !!q.data?.some((g) => g.status === "ENDING");
  const wasEnding = useRef(false);
  useEffect(() => {
    if (wasEnding.current && !ending) void qc.invalidateQueries({ queryKey: trpc.people.get.queryKey({ personId }) });
    wasEnding.current = ending;
  }, [ending, qc, trpc, personId]);
  const first = name.split(" ")[0];
  return (
    <Section id="grants" title={`Gatehouse grants${q.data ? ` · ${q.data.length}` : ""}`} description={`Access Gatehouse gave ${first} and will remove when it expires or is revoked.`}>
      {q.isPending ? (
        <div role="status"><span className="sr-only">Loading grants…</span><Skeleton className="h-20 w-full" /></div>
      ) : q.isError ? (
        <ErrorState error={q.error} title="The grants could not load" onRetry={() => void q.refetch()} />
      ) : q.data.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white px-4 py-4 text-sm text-slate-600">{first} holds nothing through Gatehouse right now.</p>
      ) : (
        <Card className="overflow-x-auto">
          <table className="w-full text-sm">
            <caption className="sr-only">Grants held by {name}</caption>
            <thead className="bg-slate-50 text-left text-xs text-slate-500">
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
              {q.data.map((g) => {
                const access = `${g.app.name} · ${g.role.name}`;
                return (
                  <tr key={g.id} className="align-top">
                    <td className="px-4 py-2.5">
                      <div className="font-medium text-slate-900">{access}</div>
                      <div className="font-mono text-xs text-slate-500">{g.groups.join(", ")}</div>
                    </td>
                    <td className="px-4 py-2.5">
                      <StatusBadge status={g.status} />
                      {g.status === "ENDING" && <p className="mt-1 text-xs text-slate-500">Removing from the directory…</p>}
                    </td>
                    <td className="whitespace-nowrap px-4 py-2.5 text-slate-700"><RelativeTime date={g.activatedAt} fallback="Being added…" /></td>
                    <td className="whitespace-nowrap px-4 py-2.5 text-slate-700"><Expiry at={g.expiresAt} /></td>
                    <td className="px-4 py-2.5">
                      {g.request ? (
                        <Link href={`/requests/${g.request.id}`} className="text-indigo-700 hover:underline">{g.request.jiraIssueKey ?? "View request"}</Link>
                      ) : g.bundle ? (
                        <div>
                          <span className="text-slate-700">Bundle </span>
                          {g.bundle.name ? <Link href={`/bundles/${g.bundle.id}`} className="font-medium text-indigo-700 hover:underline">{g.bundle.name}</Link> : <span className="text-slate-600">(deleted)</span>}
                          {g.bundle.rule && <p className="text-xs text-slate-500">{g.bundle.rule}</p>}
                        </div>
                      ) : <span className="capitalize text-slate-600">{g.source.toLowerCase()}</span>}
                    </td>
                    <td className="whitespace-nowrap px-4 py-2.5 text-right">
                      {g.viewer.canRevoke && <RevokeGrantButton size="sm" grantId={g.id} holder={name} access={access} groups={g.groups} />}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </Card>
      )}
    </Section>
  );
}
