"use client";

import Link from "next/link";
import { useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { Pencil } from "lucide-react";
import { useTRPC } from "../trpc";
import type { CatalogApp, CatalogRole } from "../types";
import { useMe } from "../shell/me-context";
import { isAdmin, readsDirectory } from "../shell/access";
import { AppIcon } from "../ui/avatar";
import { BackLink } from "../ui/back-link";
import { Button, ButtonLink } from "../ui/button";
import { RequestForm } from "../requests/request-form";
import { Card, Facts, Page, Section } from "../ui/page";
import { Skeleton } from "../ui/skeleton";
import { EmptyState, ErrorState } from "../ui/states";
import { RiskBadge } from "../ui/status";
import { PrivilegedTag } from "./role-facts";
import { approvalSentence, durationRule, groupTypeLabel, stepLabel } from "./format";

export function AppDetail({ appId }: { appId: string }) {
  const trpc = useTRPC();
  const q = useQuery(trpc.catalog.app.queryOptions({ appId }));
  return (
    <Page>
      <BackLink href="/catalog">Catalog</BackLink>
      {q.isPending ? (
        <DetailSkeleton />
      ) : q.isError ? (
        <ErrorState error={q.error} title="This app could not load" onRetry={() => void q.refetch()} />
      ) : (
        <AppView app={q.data} />
      )}
    </Page>
  );
}

function DetailSkeleton() {
  return (
    <div role="status" className="space-y-4">
      <span className="sr-only">Loading the app…</span>
      <div className="flex items-center gap-3">
        <Skeleton className="size-11 rounded-md" />
        <div className="space-y-2">
          <Skeleton className="h-5 w-48" />
          <Skeleton className="h-3 w-80" />
        </div>
      </div>
      <Skeleton className="h-24 w-full" />
      <Skeleton className="h-40 w-full" />
    </div>
  );
}

function AppView({ app }: { app: CatalogApp }) {
  const me = useMe();
  const linkPeople = readsDirectory(me);
  return (
    <>
      <header className="flex flex-wrap items-start gap-4">
        <AppIcon name={app.name} initials={app.initials} logoUrl={app.logoUrl} className="size-11 text-sm" />
        <div className="min-w-0 flex-1">
          <div className="flex flex-wrap items-center gap-2">
            <h1 className="text-xl font-semibold tracking-tight text-slate-900">{app.name}</h1>
            <RiskBadge risk={app.riskLevel} />
          </div>
          <p className="mt-1 max-w-3xl text-sm text-slate-600">{app.description || "No description yet."}</p>
        </div>
        {isAdmin(me) && (
          <ButtonLink href={`/admin/apps/${app.id}`} icon={<Pencil aria-hidden className="size-3.5" />}>
            Edit app
          </ButtonLink>
        )}
      </header>

      <Card className="mt-5 px-5 py-4">
        <Facts
          items={[
            {
              label: app.owners.length === 1 ? "Owner" : "Owners",
              value: app.owners.length
                ? app.owners.map((o, i) => (
                    <span key={o.id}>
                      {i > 0 && ", "}
                      {linkPeople ? <Link className="text-indigo-700 hover:underline" href={`/people/${o.id}`}>{o.displayName}</Link> : o.displayName}
                    </span>
                  ))
                : <span className="text-slate-500">No owner yet</span>,
            },
            { label: "Provisioning", value: app.provisioningMode === "MANUAL" ? "Manual, by the app owner" : app.directories.length === 1 ? `${app.directories[0]} group membership` : "Directory group membership" },
            { label: "Roles", value: app.roles.length },
            { label: "Risk", value: <span className="capitalize">{app.riskLevel.toLowerCase()}</span> },
          ]}
        />
      </Card>

      <Section title="Roles" description="Each role and exactly what it gives you, who approves it, and for how long." id="roles">
        {app.roles.length === 0 ? (
          <EmptyState title="No roles yet">{isAdmin(me) ? "Add a role to make this app requestable." : "This app has no requestable roles yet."}</EmptyState>
        ) : (
          <div className="space-y-3">
            {app.roles.map((r) => (
              <RoleCard key={r.id} role={r} app={app} />
            ))}
          </div>
        )}
      </Section>
    </>
  );
}

function RoleCard({ role, app }: { role: CatalogRole; app: CatalogApp }) {
  const headingId = `role-${role.id}`;
  const me = useMe();
  const [requesting, setRequesting] = useState(false);
  const requestable = !!me.membership.personId && role.steps.length > 0 && (app.provisioningMode === "MANUAL" || role.groups.length > 0);
  return (
    <Card>
      <article aria-labelledby={headingId}>
      <div className="px-5 py-4">
        <div className="flex flex-wrap items-center gap-2">
          <h3 id={headingId} className="text-sm font-semibold text-slate-900">{role.name}</h3>
          {role.privileged && <PrivilegedTag />}
          {requestable && !requesting && (
            <Button size="sm" variant="primary" className="ml-auto" aria-label={`Request ${role.name}`} onClick={() => setRequesting(true)}>
              Request
            </Button>
          )}
        </div>
        {role.description && <p className="mt-1 text-sm text-slate-600">{role.description}</p>}
        <dl className="mt-4 grid gap-x-8 gap-y-4 md:grid-cols-3">
          <div>
            <dt className="text-xs text-slate-500">Gives you</dt>
            <dd className="mt-1 space-y-1">
              {app.provisioningMode === "MANUAL" ? (
                <span className="text-sm text-slate-600">Granted by hand by the app owner</span>
              ) : role.groups.length ? (
                role.groups.map((g) => (
                  <div key={g.id} className="text-sm">
                    <code className="rounded bg-slate-100 px-1.5 py-px font-mono text-xs text-slate-800">{g.source}:{g.name}</code>
                    <span className="ml-2 text-xs text-slate-500">{groupTypeLabel(g.type)} · {g.externalId}</span>
                  </div>
                ))
              ) : (
                <span className="text-sm text-slate-500">No group mapped yet</span>
              )}
            </dd>
          </div>
          <div>
            <dt className="text-xs text-slate-500">Approval</dt>
            <dd className="mt-1">
              <ol className="space-y-0.5 text-sm text-slate-800">
                {role.steps.map((s, i) => (
                  <li key={i} className="flex gap-2">
                    <span className="w-4 shrink-0 text-right tabular-nums text-slate-400">{i + 1}.</span>
                    <span>
                      {stepLabel(s)}
                      {s.kind === "APP_OWNER" && app.owners.length > 0 && (
                        <span className="text-slate-500"> ({app.owners.map((o) => o.displayName).join(", ")})</span>
                      )}
                    </span>
                  </li>
                ))}
              </ol>
              <p className="mt-1 text-xs text-slate-500">{approvalSentence(role.steps)}</p>
            </dd>
          </div>
          <div>
            <dt className="text-xs text-slate-500">Duration</dt>
            <dd className="mt-1 text-sm text-slate-800">{durationRule(role)}</dd>
            {role.privileged && <dd className="mt-1 text-xs text-slate-500">Privileged: access is always time-bound and removed automatically.</dd>}
          </div>
        </dl>
      </div>
      {requesting && <RequestForm app={app} role={role} onClose={() => setRequesting(false)} />}
      </article>
    </Card>
  );
}
