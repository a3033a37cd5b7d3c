"use client";

import Link from "next/link";
import { useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { KeyRound } from "lucide-react";
import { useTRPC } from "../trpc";
import type { GrantView } from "../types";
import { Button, ButtonLink } from "../ui/button";
import { Card, Page, PageHeader, Section } from "../ui/page";
import { Skeleton } from "../ui/skeleton";
import { EmptyState, ErrorState } from "../ui/states";
import { clientNow, RelativeTime } from "../ui/relative-time";
import { ConfirmDialog } from "../ui/confirm-dialog";
import { MyGrantsTable } from "../grants/my-grants-table";
import { GrantHistory } from "../grants/grant-history";
import { durationWords } from "./format";

export function MyAccessPage() {
  const trpc = useTRPC();
  const q = useQuery(trpc.requests.myAccess.queryOptions());
  const mine = useQuery({
    ...trpc.grants.mine.queryOptions(),
    // Provisioning and removal run in the background, and a due grant waits for the expiry job: watch them finish.
    refetchInterval: (query) => (query.state.data?.current.some(changing) ? 1000 : false),
  });
  const grants = mine.data?.current ?? [];
  const expiringSoon = grants.filter((g) => g.expiresAt && new Date(g.expiresAt).getTime() - clientNow() < 7 * 86_400_000).length;
  const pending = q.isPending || mine.isPending;
  const error = q.error ?? mine.error;
  return (
    <Page>
      <PageHeader
        title="My access"
        count={mine.data ? `${grants.length} grant${grants.length === 1 ? "" : "s"}${expiringSoon ? ` · ${expiringSoon} ending this week` : ""}` : undefined}
        description="What you hold through Gatehouse, since when, until when, and why. Extend what you still need; give back what you don't."
        actions={<ButtonLink href="/catalog" variant="primary">Request access</ButtonLink>}
      />
      {pending ? (
        <div role="status" className="space-y-2"><span className="sr-only">Loading your access…</span><Skeleton className="h-40 w-full" /></div>
      ) : error || !q.data || !mine.data ? (
        <ErrorState error={error} title="Your access could not load" onRetry={() => { void q.refetch(); void mine.refetch(); }} />
      ) : (
        <>
          {grants.length === 0 ? (
            <EmptyState icon={<KeyRound aria-hidden className="size-5" />} title="You hold no access through Gatehouse yet" action={<ButtonLink href="/catalog" variant="primary">Browse the catalog</ButtonLink>}>
              Find the app in the catalog and request the role you need; it appears here once approved.
            </EmptyState>
          ) : (
            <MyGrantsTable grants={grants} />
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
                        <td className="px-4 py-2"><Link href={`/requests/${r.id}`} className="font-medium text-indigo-700 hover:underline">{r.app.name} · {r.roleName}</Link>{r.extendsGrantId && <span className="ml-2 text-xs text-slate-500">Extension by {durationWords(r.durationMinutes)}</span>}</td>
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
          <Section title="History" id="history" description="Access you held before, and how it ended.">
            <GrantHistory grants={mine.data.history} />
          </Section>
        </>
      )}
    </Page>
  );
}

function changing(g: GrantView): boolean {
  if (g.manual && g.status !== "ACTIVE") return false;
  return g.status === "PENDING" || g.status === "ENDING" || (g.status === "ACTIVE" && !!g.expiresAt && new Date(g.expiresAt).getTime() <= clientNow());
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
