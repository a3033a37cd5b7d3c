"use client";

import Link from "next/link";
import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "../trpc";
import type { PersonDetail as PersonDto } from "../types";
import { useMe } from "../shell/me-context";
import { readsDirectory, readsEvidence } from "../shell/access";
import { Avatar } from "../ui/avatar";
import { Tag } from "../ui/badge";
import { BackLink } from "../ui/back-link";
import { Card, Facts, Page, Section } from "../ui/page";
import { RelativeTime } from "../ui/relative-time";
import { Skeleton } from "../ui/skeleton";
import { EmptyState, ErrorState } from "../ui/states";
import { StatusBadge } from "../ui/status";
import { groupTypeLabel } from "../catalog/format";
import { PersonGrants } from "./person-grants";
import { PersonLifecycle } from "../lifecycle/person-lifecycle";

const dateOnly = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeZone: "UTC" });

export function PersonDetail({ personId }: { personId: string }) {
  const trpc = useTRPC();
  const me = useMe();
  const q = useQuery(trpc.people.get.queryOptions({ personId }));
  return (
    <Page>
      {readsDirectory(me) && <BackLink href="/people">People</BackLink>}
      {q.isPending ? (
        <div role="status" className="space-y-4">
          <span className="sr-only">Loading…</span>
          <div className="flex items-center gap-3">
            <Skeleton className="size-11 rounded-full" />
            <div className="space-y-2"><Skeleton className="h-5 w-52" /><Skeleton className="h-3 w-72" /></div>
          </div>
          <Skeleton className="h-24 w-full" />
          <Skeleton className="h-56 w-full" />
        </div>
      ) : q.isError ? (
        <ErrorState error={q.error} title="This person could not load" onRetry={() => void q.refetch()} />
      ) : (
        <PersonView person={q.data} />
      )}
    </Page>
  );
}

function PersonView({ person }: { person: PersonDto }) {
  const me = useMe();
  const inCatalog = person.access.filter((a) => a.roles.length > 0).length;
  const subtitle = [person.title, person.department, person.location].filter(Boolean).join(" · ");
  return (
    <>
      <header className="flex items-start gap-4">
        <Avatar name={person.displayName} className="size-11 text-sm" />
        <div className="min-w-0">
          <div className="flex flex-wrap items-center gap-2">
            <h1 className="text-xl font-semibold tracking-tight text-slate-900">{person.displayName}</h1>
            <StatusBadge status={person.status} />
          </div>
          <p className="mt-0.5 text-sm text-slate-600">{subtitle || "No title or department in the directory"}</p>
        </div>
        {readsEvidence(me) && (
          <Link href={`/evidence/people/${person.id}`} className="ml-auto text-sm font-medium text-indigo-700 hover:underline">Evidence trace</Link>
        )}
      </header>

      <Card className="mt-5 px-5 py-4">
        <Facts
          items={[
            { label: "Email", value: <a className="text-slate-900 hover:underline" href={`mailto:${person.email}`}>{person.email}</a> },
            {
              label: "Manager",
              value: person.manager ? (
                <Link href={`/people/${person.manager.id}`} className="text-indigo-700 hover:underline">{person.manager.displayName}</Link>
              ) : (
                <span className="text-slate-500">None</span>
              ),
            },
            { label: "Last login", value: <RelativeTime date={person.lastLoginAt} fallback="Never" /> },
            { label: "Start date", value: person.startDate ? dateOnly.format(new Date(person.startDate)) : <span className="text-slate-500">Unknown</span> },
            ...(person.terminationDate ? [{ label: "Termination date", value: dateOnly.format(new Date(person.terminationDate)) }] : []),
            { label: "Employment", value: person.employmentType ?? <span className="text-slate-500">Unknown</span> },
            { label: "Source", value: <span title={`Id in ${person.source?.name ?? "the directory"}: ${person.externalId}`}>{person.source?.name ?? "Directory"}</span> },
            { label: "Last synced", value: <RelativeTime date={person.syncedAt} /> },
          ]}
        />
      </Card>

      <PersonGrants personId={person.id} name={person.displayName} />

      <PersonLifecycle personId={person.id} name={person.displayName} />

      <Section
        id="access"
        title={`Access · ${person.access.length} ${person.access.length === 1 ? "group" : "groups"}`}
        description={`What the IdP says ${person.displayName.split(" ")[0]} is a member of right now; ${inCatalog} of them back a catalog role.`}
      >
        {person.access.length === 0 ? (
          <EmptyState title="No group memberships">The last directory sync found no groups for this person.</EmptyState>
        ) : (
          <div className="rounded-lg border border-slate-200 bg-white">
            <table className="w-full border-separate border-spacing-0 text-sm">
              <caption className="sr-only">Group memberships and the catalog roles they back</caption>
              <thead>
                <tr className="text-left text-xs text-slate-500">
                  {["Group", "Catalog role", "Type", "Managed", "Seen in the directory"].map((h, i, all) => (
                    <th key={h} scope="col" className={`border-b border-slate-200 bg-slate-50 px-3 py-2 font-medium first:pl-4 last:pr-4 ${i === 0 ? "rounded-tl-lg" : ""} ${i === all.length - 1 ? "rounded-tr-lg" : ""}`}>{h}</th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {person.access.map((a) => (
                  <tr key={a.group.id} className="align-top [&>td]:border-b [&>td]:border-slate-100 [&:last-child>td]:border-b-0">
                    <td className="px-3 py-2 pl-4">
                      <code className="font-mono text-xs text-slate-800">okta:{a.group.name}</code>
                      <div className="text-xs text-slate-400">{a.group.externalId}</div>
                    </td>
                    <td className="px-3 py-2">
                      {a.roles.length ? (
                        <ul className="space-y-0.5">
                          {a.roles.map((r) => (
                            <li key={r.roleId}>
                              <Link href={`/catalog/${r.appId}`} className="text-slate-900 hover:text-indigo-700 hover:underline">
                                {r.appName} <span className="text-slate-400">·</span> {r.roleName}
                              </Link>
                            </li>
                          ))}
                        </ul>
                      ) : (
                        <span className="text-slate-500">Not in the catalog</span>
                      )}
                    </td>
                    <td className="px-3 py-2 text-slate-700">{groupTypeLabel(a.group.type)}</td>
                    <td className="px-3 py-2">
                      {a.group.managed ? <Tag>Managed</Tag> : <Tag className="border-amber-200 bg-amber-50 text-amber-900" title={a.group.unmanagedReason ?? "The directory does not let Gatehouse change this group's members"}>Unmanaged</Tag>}
                    </td>
                    <td className="px-3 py-2 pr-4 text-slate-600"><RelativeTime date={a.observedAt} /></td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Section>

      <Section id="reports" title={`Direct reports · ${person.reports.length}`}>
        {person.reports.length === 0 ? (
          <p className="text-sm text-slate-500">{person.displayName.split(" ")[0]} has no direct reports in the directory.</p>
        ) : (
          <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white">
            {person.reports.map((r) => (
              <li key={r.id} className="flex items-center gap-3 px-4 py-2">
                <Avatar name={r.displayName} className="size-6 text-[10px]" />
                <Link href={`/people/${r.id}`} className="font-medium text-slate-900 hover:text-indigo-700 hover:underline">{r.displayName}</Link>
                <span className="text-slate-500">{r.title}</span>
              </li>
            ))}
          </ul>
        )}
      </Section>
    </>
  );
}
