"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { Boxes, Plus } from "lucide-react";
import { useTRPC } from "../trpc";
import { AppIcon } from "../ui/avatar";
import { Button, ButtonLink } from "../ui/button";
import { Page, PageHeader } from "../ui/page";
import { TableSkeleton } from "../ui/skeleton";
import { EmptyState, ErrorState } from "../ui/states";
import { RiskBadge } from "../ui/status";
import { AppForm } from "./app-form";

export function AppsAdmin() {
  const trpc = useTRPC();
  const router = useRouter();
  const q = useQuery(trpc.catalog.list.queryOptions({}));
  const [creating, setCreating] = useState(false);
  const apps = q.data ?? [];
  const roles = apps.reduce((n, a) => n + a.roles.length, 0);
  const unmapped = apps.reduce((n, a) => n + a.roles.filter((r) => a.provisioningMode === "IDP_GROUPS" && r.groups.length === 0).length, 0);

  return (
    <Page wide>
      <PageHeader
        title="Apps & roles"
        count={q.data ? `${apps.length} apps · ${roles} roles${unmapped ? ` · ${unmapped} without a group` : ""}` : null}
        description="How the catalog maps to directory groups and approval policies."
        actions={!creating && <Button variant="primary" icon={<Plus aria-hidden className="size-4" />} onClick={() => setCreating(true)}>New app</Button>}
      />
      {creating && (
        <section aria-labelledby="new-app" className="mb-6">
          <h2 id="new-app" className="mb-2 text-sm font-semibold text-slate-900">New app</h2>
          <AppForm onSaved={(id) => router.push(`/admin/apps/${id}?created=1`)} onCancel={() => setCreating(false)} />
        </section>
      )}
      {q.isPending ? (
        <TableSkeleton rows={8} cols={5} label="Loading apps" />
      ) : q.isError ? (
        <ErrorState error={q.error} title="Apps could not load" onRetry={() => void q.refetch()} />
      ) : apps.length === 0 ? (
        !creating && (
          <EmptyState
            icon={<Boxes aria-hidden className="size-5" />}
            title="No apps yet"
            action={<><ButtonLink href="/settings/connections">Connect a directory</ButtonLink><Button variant="primary" onClick={() => setCreating(true)}>New app</Button></>}
          >
            Connect your directory (Okta, Entra ID, Google Workspace or SCIM), then add your first app and map its roles to its groups.
          </EmptyState>
        )
      ) : (
        <div className="rounded-lg border border-slate-200 bg-white">
          <table className="w-full border-separate border-spacing-0 text-sm">
            <caption className="sr-only">Apps and their roles</caption>
            <thead>
              <tr className="text-left text-xs text-slate-500">
                {["App", "Risk", "Owners", "Roles", "Groups mapped"].map((h, i, all) => (
                  <th key={h} scope="col" className={`sticky top-0 z-10 border-b border-slate-200 bg-slate-50 px-3 py-2 font-medium first:pl-4 last:pr-4 ${i === 0 ? "rounded-tl-lg" : ""} ${i === all.length - 1 ? "rounded-tr-lg" : ""}`}>{h}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {apps.map((a) => {
                const groups = new Set(a.roles.flatMap((r) => r.groups.map((g) => g.name)));
                return (
                  <tr key={a.id} className="align-top hover:bg-slate-50 [&>td]:border-b [&>td]:border-slate-100 [&:last-child>td]:border-b-0">
                    <td className="px-3 py-2.5 pl-4">
                      <div className="flex items-start gap-3">
                        <AppIcon name={a.name} initials={a.initials} logoUrl={a.logoUrl} className="size-8" />
                        <div className="min-w-0">
                          <Link href={`/admin/apps/${a.id}`} className="font-medium text-slate-900 hover:text-indigo-700 hover:underline">{a.name}</Link>
                          <p className="line-clamp-1 text-xs text-slate-500">{a.description || "No description"}</p>
                        </div>
                      </div>
                    </td>
                    <td className="px-3 py-2.5"><RiskBadge risk={a.riskLevel} /></td>
                    <td className="px-3 py-2.5 text-slate-700">{a.owners.length ? a.owners.map((o) => <div key={o.id} className="whitespace-nowrap">{o.displayName}</div>) : <span className="whitespace-nowrap text-amber-800">No owner</span>}</td>
                    <td className="px-3 py-2.5 text-slate-700">
                      {a.roles.length ? a.roles.map((r) => r.name).join(", ") : <span className="text-amber-800">No roles — not requestable</span>}
                    </td>
                    <td className="px-3 py-2.5 pr-4">
                      {a.provisioningMode === "MANUAL" ? (
                        <span className="text-slate-500">Manual</span>
                      ) : groups.size ? (
                        <span className="flex flex-wrap gap-1">
                          {[...groups].map((g) => <code key={g} className="rounded bg-slate-100 px-1.5 py-px font-mono text-xs text-slate-700">{g}</code>)}
                        </span>
                      ) : (
                        <span className="text-slate-500">—</span>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </Page>
  );
}
