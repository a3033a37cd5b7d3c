"use client";

import Link from "next/link";
import { useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { KeyRound } from "lucide-react";
import { useTRPC } from "../trpc";
import type { MyAccess } from "../types";
import { Button, ButtonLink } from "../ui/button";
import { Card, Page, PageHeader, Section } from "../ui/page";
import { Skeleton } from "../ui/skeleton";
import { EmptyState, ErrorState } from "../ui/states";
import { RelativeTime } from "../ui/relative-time";
import { StatusBadge } from "../ui/status";
import { ConfirmDialog } from "../ui/confirm-dialog";
import { exact, whenPhrase } from "./format";

export function MyAccessPage() {
  const trpc = useTRPC();
  const q = useQuery({
    ...trpc.requests.myAccess.queryOptions(),
    refetchInterval: (query) => (query.state.data?.grants.some((g) => g.status === "PENDING") ? 1000 : false),
  });
  const grants = q.data?.grants ?? [];
  const expiringSoon = grants.filter((g) => g.expiresAt && new Date(g.expiresAt).getTime() - Date.now() < 7 * 86_400_000).length;
  return (
    <Page>
      <PageHeader
        title="My access"
        count={q.data ? `${grants.length} grant${grants.length === 1 ? "" : "s"}${expiringSoon ? ` · ${expiringSoon} ending this week` : ""}` : undefined}
        description="What you hold through Gatehouse, since when, until when, and why."
        actions={<ButtonLink href="/catalog" variant="primary">Request access</ButtonLink>}
      />
      {q.isPending ? (
        <div role="status" className="space-y-2"><span className="sr-only">Loading your access…</span><Skeleton className="h-40 w-full" /></div>
      ) : q.isError ? (
        <ErrorState error={q.error} title="Your access could not load" onRetry={() => void q.refetch()} />
      ) : (
        <>
          {grants.length === 0 ? (
            <EmptyState icon={<KeyRound aria-hidden className="size-5" />} title="You hold no access through Gatehouse yet" action={<ButtonLink href="/catalog" variant="primary">Browse the catalog</ButtonLink>}>
              Find the app in the catalog and request the role you need; it appears here once approved.
            </EmptyState>
          ) : (
            <GrantsTable grants={grants} />
          )}
          <Section title="Open requests" id="open" description="Waiting for a decision. Cancel what you no longer need.">
            {q.data.openRequests.length === 0 ? (
              <p className="rounded-lg border border-dashed border-slate-300 bg-white px-4 py-4 text-sm text-slate-600">No open requests.</p>
            ) : (
              <Card className="overflow-hidden">
                <table className="w-full text-sm">
                  <caption className="sr-only">Open requests</caption>
                  <thead className="bg-slate-50 text-left text-xs text-slate-500">
                    <tr>
                      <th scope="col" className="px-4 py-2 font-medium">Access</th>
                      <th scope="col" className="px-4 py-2 font-medium">For</th>
                      <th scope="col" className="px-4 py-2 font-medium">Waiting for</th>
                      <th scope="col" className="px-4 py-2 font-medium">Requested</th>
                      <th scope="col" className="px-4 py-2 font-medium"><span className="sr-only">Actions</span></th>
                    </tr>
                  </thead>
                  <tbody className="divide-y divide-slate-100">
                    {q.data.openRequests.map((r) => (
                      <tr key={r.id}>
                        <td className="px-4 py-2"><Link href={`/requests/${r.id}`} className="font-medium text-indigo-700 hover:underline">{r.app.name} · {r.roleName}</Link></td>
                        <td className="px-4 py-2 text-slate-700">{r.beneficiaryName}</td>
                        <td className="px-4 py-2 text-slate-700">{r.currentStep ? `Step ${r.currentStep.position + 1} of ${r.currentStep.of}` : "—"}</td>
                        <td className="px-4 py-2 text-slate-700"><RelativeTime date={r.createdAt} /></td>
                        <td className="px-4 py-2 text-right"><CancelRequest id={r.id} label={`${r.app.name} · ${r.roleName}`} /></td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </Card>
            )}
          </Section>
        </>
      )}
    </Page>
  );
}

function GrantsTable({ grants }: { grants: MyAccess["grants"] }) {
  return (
    <Card className="overflow-x-auto">
      <table className="w-full text-sm">
        <caption className="sr-only">Your access</caption>
        <thead className="sticky top-0 bg-slate-50 text-left text-xs text-slate-500">
          <tr>
            <th scope="col" className="px-4 py-2 font-medium">Access</th>
            <th scope="col" className="px-4 py-2 font-medium">Status</th>
            <th scope="col" className="px-4 py-2 font-medium">Groups</th>
            <th scope="col" className="px-4 py-2 font-medium">Since</th>
            <th scope="col" className="px-4 py-2 font-medium">Expires</th>
            <th scope="col" className="px-4 py-2 font-medium">How granted</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {grants.map((g) => (
            <tr key={g.id} className="align-top">
              <td className="whitespace-nowrap px-4 py-2.5">
                <Link href={`/catalog/${g.app.id}`} className="font-medium text-slate-900 hover:underline">{g.app.name} · {g.roleName}</Link>
              </td>
              <td className="px-4 py-2.5">
                <StatusBadge status={g.status} />
                {g.failureReason && <p className="mt-1 max-w-56 text-xs text-red-800">{g.failureReason}</p>}
              </td>
              <td className="px-4 py-2.5">
                <span className="flex flex-wrap gap-1">
                  {g.groups.map((n) => <code key={n} className="whitespace-nowrap rounded bg-slate-100 px-1.5 py-px font-mono text-xs text-slate-700">okta:{n}</code>)}
                </span>
              </td>
              <td className="whitespace-nowrap px-4 py-2.5 text-slate-700"><RelativeTime date={g.activatedAt} fallback={g.status === "PENDING" ? "Being added…" : "—"} /></td>
              <td className="whitespace-nowrap px-4 py-2.5 text-slate-700">
                {g.expiresAt ? (
                  <>
                    <RelativeTime date={g.expiresAt} />
                    <span className="block text-xs text-slate-500" title={exact(g.expiresAt)}>{whenPhrase(g.expiresAt)}</span>
                  </>
                ) : "Never (until removed)"}
              </td>
              <td className="px-4 py-2.5 text-slate-700">
                {g.request ? (
                  <>
                    <Link href={`/requests/${g.request.id}`} className="text-indigo-700 hover:underline">View request</Link>
                    {g.request.jiraIssueKey && <span className="ml-1.5 font-mono text-xs text-slate-500">{g.request.jiraIssueKey}</span>}
                    {g.request.reason && <span className="block max-w-56 truncate text-xs text-slate-500" title={g.request.reason}>{g.request.reason}</span>}
                  </>
                ) : (
                  <span className="capitalize">{g.source.toLowerCase().replace(/_/g, " ")}</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Card>
  );
}

export function CancelRequest({ id, label }: { id: string; label: string }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const [open, setOpen] = useState(false);
  const cancel = useMutation(trpc.requests.cancel.mutationOptions({
    onSuccess: () => { setOpen(false); void qc.invalidateQueries({ queryKey: trpc.requests.pathKey() }); },
  }));
  return (
    <>
      <Button size="sm" variant="danger-ghost" onClick={() => setOpen(true)} aria-label={`Cancel request for ${label}`}>Cancel</Button>
      <ConfirmDialog open={open} title={`Cancel the request for ${label}?`} confirmLabel="Cancel request" busy={cancel.isPending} error={cancel.error}
        onCancel={() => setOpen(false)} onConfirm={() => cancel.mutate({ requestId: id })}>
        <p>The approvers stop seeing it and nothing is granted. You can request it again later.</p>
      </ConfirmDialog>
    </>
  );
}
