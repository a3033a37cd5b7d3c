"use client";

import Link from "next/link";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { LayoutGrid, Pencil } from "lucide-react";
import { useTRPC } from "../trpc";
import type { CatalogApp } from "../types";
import { useMe } from "../shell/me-context";
import { isAdmin } from "../shell/access";
import { AppIcon } from "../ui/avatar";
import { ButtonLink } from "../ui/button";
import { Page, PageHeader } from "../ui/page";
import { SearchInput } from "../ui/search-input";
import { TableSkeleton } from "../ui/skeleton";
import { EmptyState, ErrorState } from "../ui/states";
import { RiskBadge } from "../ui/status";
import { useUrlFilters, useUrlSearch } from "../ui/hooks";
import { DurationText, PrivilegedTag, RoleGroups } from "./role-facts";
import { approvalSummary } from "./format";

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

export function CatalogList() {
  const trpc = useTRPC();
  const me = useMe();
  const admin = isAdmin(me);
  const [filters, setFilters] = useUrlFilters(["q"] as const);
  const [text, setText, debounced] = useUrlSearch(filters.q, (v) => setFilters({ q: v }));
  const search = debounced.trim();
  const q = useQuery({ ...trpc.catalog.list.queryOptions(search ? { search } : {}), placeholderData: keepPreviousData });
  const apps = q.data ?? [];
  const roleCount = apps.reduce((n, a) => n + a.roles.length, 0);

  const count = q.data
    ? search
      ? `${apps.length === 1 ? "1 app matches" : `${apps.length} apps match`} “${search}”`
      : `${plural(apps.length, "app")} · ${plural(roleCount, "role")}`
    : null;

  return (
    <Page wide>
      <PageHeader
        title="Catalog"
        count={count}
        description="What you can ask for, and exactly what each role gives you."
        actions={admin ? <ButtonLink href="/admin/apps" size="md" icon={<Pencil aria-hidden className="size-3.5" />}>Manage apps & roles</ButtonLink> : null}
      />
      <SearchInput value={text} onChange={setText} label="Search apps and roles" placeholder="Search apps and roles…" className="mb-4 max-w-md" />
      {q.isPending ? (
        <TableSkeleton rows={10} cols={4} label="Loading the catalog" />
      ) : q.isError ? (
        <ErrorState error={q.error} title="The catalog could not load" onRetry={() => void q.refetch()} />
      ) : apps.length === 0 ? (
        search ? (
          <EmptyState title={`No apps or roles match “${search}”`} action={<button className="text-sm font-medium text-indigo-700 hover:underline" onClick={() => setText("")}>Clear search</button>}>
            Try the app&apos;s name, or a role like “admin”.
          </EmptyState>
        ) : admin ? (
          <EmptyState icon={<LayoutGrid aria-hidden className="size-5" />} title="No apps yet" action={<><ButtonLink href="/settings/connections">Connect a directory</ButtonLink><ButtonLink href="/admin/apps" variant="primary">Add your first app</ButtonLink></>}>
            Connect your directory (Okta, Entra ID, Google Workspace or SCIM), then add your first app and map its roles to its groups.
          </EmptyState>
        ) : (
          <EmptyState icon={<LayoutGrid aria-hidden className="size-5" />} title="The catalog is empty">
            Your IT team has not published any apps yet.
          </EmptyState>
        )
      ) : (
        <CatalogTable apps={apps} stale={q.isPlaceholderData} />
      )}
    </Page>
  );
}

function CatalogTable({ apps, stale }: { apps: CatalogApp[]; stale: boolean }) {
  return (
    <div className={`rounded-lg border border-slate-200 bg-white transition-opacity ${stale ? "opacity-60" : ""}`}>
      <table className="w-full table-fixed border-separate border-spacing-0 text-sm">
        <caption className="sr-only">Apps in the catalog and the roles you can request</caption>
        <colgroup>
          <col className="w-[30%]" />
          <col className="w-[26%]" />
          <col className="w-[20%]" />
          <col className="w-[24%]" />
        </colgroup>
        <thead>
          <tr className="text-left text-xs font-medium text-slate-500">
            {["Role", "Gives you (groups)", "Approval", "Duration"].map((h, i) => (
              <th key={h} scope="col" className={`sticky top-0 z-10 border-b border-slate-200 bg-slate-50 px-4 py-2 font-medium ${i === 0 ? "rounded-tl-lg" : ""} ${i === 3 ? "rounded-tr-lg" : ""}`}>
                {h}
              </th>
            ))}
          </tr>
        </thead>
        {apps.map((app) => (
          <tbody key={app.id}>
            <tr>
              <th scope="rowgroup" colSpan={4} className="border-b border-slate-100 bg-white px-4 pb-2 pt-4 text-left font-normal">
                <div className="flex items-start gap-3">
                  <AppIcon name={app.name} initials={app.initials} logoUrl={app.logoUrl} className="size-8" />
                  <div className="min-w-0 flex-1">
                    <div className="flex flex-wrap items-center gap-2">
                      <Link href={`/catalog/${app.id}`} className="text-sm font-semibold text-slate-900 hover:text-indigo-700 hover:underline">
                        {app.name}
                      </Link>
                      <RiskBadge risk={app.riskLevel} />
                    </div>
                    <p className="mt-0.5 truncate text-xs text-slate-500">
                      {app.description || "No description"}
                      <span aria-hidden> · </span>
                      {app.owners.length ? `Owned by ${app.owners.map((o) => o.displayName).join(", ")}` : "No owner yet"}
                    </p>
                  </div>
                </div>
              </th>
            </tr>
            {app.roles.length === 0 ? (
              <tr>
                <td colSpan={4} className="border-b border-slate-200 px-4 py-2.5 pl-15 text-xs text-slate-500">No roles yet</td>
              </tr>
            ) : (
              app.roles.map((role, i) => (
                <tr key={role.id} className="align-top">
                  <td className={`px-4 py-2 pl-15 ${i === app.roles.length - 1 ? "border-b border-slate-200" : ""}`}>
                    <div className="flex flex-wrap items-center gap-1.5">
                      <span className="font-medium text-slate-800">{role.name}</span>
                      {role.privileged && <PrivilegedTag />}
                    </div>
                    {role.description && <p className="mt-0.5 line-clamp-2 text-xs text-slate-500">{role.description}</p>}
                  </td>
                  <td className={`px-4 py-2 ${i === app.roles.length - 1 ? "border-b border-slate-200" : ""}`}>
                    <RoleGroups role={role} manual={app.provisioningMode === "MANUAL"} />
                  </td>
                  <td className={`px-4 py-2 text-slate-700 ${i === app.roles.length - 1 ? "border-b border-slate-200" : ""}`}>{approvalSummary(role.steps)}</td>
                  <td className={`px-4 py-2 text-slate-700 ${i === app.roles.length - 1 ? "border-b border-slate-200" : ""}`}><DurationText role={role} /></td>
                </tr>
              ))
            )}
          </tbody>
        ))}
      </table>
    </div>
  );
}
