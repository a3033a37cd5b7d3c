"use client";

import Link from "next/link";
import { useQuery } from "@tanstack/react-query";
import { Layers, Plus } from "lucide-react";
import { useTRPC } from "../trpc";
import { useMe } from "../shell/me-context";
import { isAdmin } from "../shell/access";
import { Badge } from "../ui/badge";
import { ButtonLink } from "../ui/button";
import { cn } from "../ui/cn";
import { Page, PageHeader } from "../ui/page";
import { TableSkeleton } from "../ui/skeleton";
import { EmptyState, ErrorState } from "../ui/states";
import { plural } from "./format";
import type { BundleRow } from "./types";

const th = "sticky top-0 z-10 border-b border-slate-200 bg-slate-50 px-3 py-2 text-left text-xs font-medium text-slate-500 first:rounded-tl-lg first:pl-4 last:rounded-tr-lg last:pr-4";
const td = "px-3 py-3 align-top first:pl-4 last:pr-4";

/** /bundles: birthright bundles with their rules, roles and how many people hold them. */
export function BundlesList() {
  const trpc = useTRPC();
  const me = useMe();
  const admin = isAdmin(me);
  const q = useQuery({ ...trpc.bundles.list.queryOptions(), refetchInterval: 15_000 });
  const rows = q.data ?? [];
  const newButton = admin ? <ButtonLink href="/bundles/new" variant="primary" icon={<Plus aria-hidden className="size-4" />}>New bundle</ButtonLink> : null;
  const members = rows.reduce((n, b) => n + b.members, 0);

  return (
    <Page wide>
      <PageHeader
        title="Birthright bundles"
        count={q.data ? `${plural(rows.length, "bundle")} · ${plural(members, "membership")}` : null}
        description={admin
          ? "Access everyone gets by who they are: when a person's department, title, location or employment type matches a bundle's rules, they get its roles without asking, and lose them when they no longer match."
          : "Access granted by who people are, without a request. Read-only: admins define bundles."}
        actions={rows.length ? newButton : null}
      />
      {q.isPending ? (
        <TableSkeleton rows={4} cols={4} label="Loading bundles" />
      ) : q.isError ? (
        <ErrorState error={q.error} title="Bundles could not load" onRetry={() => void q.refetch()} />
      ) : rows.length === 0 ? (
        <EmptyState icon={<Layers aria-hidden className="size-5" />} title="No bundles yet" action={newButton}>
          A bundle grants a set of catalog roles to everyone whose directory attributes match its rules — for example,
          every engineer gets GitHub. The evidence names the bundle and the rule that matched.
        </EmptyState>
      ) : (
        <div className="rounded-lg border border-slate-200 bg-white">
          <table className="w-full border-separate border-spacing-0 text-sm">
            <caption className="sr-only">Birthright bundles</caption>
            <thead>
              <tr>
                <th scope="col" className={th}>Bundle</th>
                <th scope="col" className={cn(th, "w-[32%]")}>Who</th>
                <th scope="col" className={th}>Grants</th>
                <th scope="col" className={cn(th, "text-right")}>Members</th>
              </tr>
            </thead>
            <tbody className="[&>tr:not(:last-child)>td]:border-b [&>tr>td]:border-slate-100">
              {rows.map((b) => <BundleTableRow key={b.id} b={b} />)}
            </tbody>
          </table>
        </div>
      )}
    </Page>
  );
}

function BundleTableRow({ b }: { b: BundleRow }) {
  return (
    <tr className="hover:bg-slate-50">
      <td className={td}>
        <div className="flex flex-wrap items-center gap-2">
          <Link href={`/bundles/${b.id}`} className="font-medium text-slate-900 hover:text-indigo-700 hover:underline">{b.name}</Link>
          {!b.enabled && <Badge tone="slate">Disabled</Badge>}
        </div>
        {b.description && <p className="mt-0.5 max-w-md text-xs text-slate-500">{b.description}</p>}
      </td>
      <td className={td}>
        <p className="text-slate-800">
          <span className="text-xs font-medium uppercase tracking-wide text-slate-500">{b.rules.length > 1 ? (b.matchMode === "ANY" ? "Any of · " : "All of · ") : ""}</span>
          {b.rulesSummary}
        </p>
      </td>
      <td className={td}>
        <ul aria-label={`Roles granted by ${b.name}`} className="flex flex-wrap gap-1.5">
          {b.roles.map((r) => (
            <li key={r.id} className="rounded-md bg-indigo-50 px-2 py-0.5 text-xs font-medium text-indigo-900 ring-1 ring-inset ring-indigo-600/15">{r.appName} · {r.name}</li>
          ))}
          {!b.roles.length && <li className="text-xs text-slate-500">No roles (all were removed from the catalog)</li>}
        </ul>
      </td>
      <td className={cn(td, "text-right tabular-nums")}>
        <span className="font-medium text-slate-900">{b.members.toLocaleString("en-US")}</span>
        <span className="block text-xs text-slate-500">{plural(b.liveGrants, "grant")}</span>
      </td>
    </tr>
  );
}
