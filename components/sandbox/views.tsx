import Link from "next/link";
import { FlaskConical } from "lucide-react";
import { Badge, Tag } from "../ui/badge";
import { Page, PageHeader, Section } from "../ui/page";
import { RelativeTime } from "../ui/relative-time";
import { StatusBadge } from "../ui/status";
import { BackLink } from "../ui/back-link";
import { groupTypeLabel } from "../catalog/format";

// Server-rendered views of the demo's sandbox Okta and Jira (plain view models, no app DTOs).

export interface SandboxGroupRow { id: string; name: string; type: string; description: string | null; members: number; lastMembershipUpdated: string }
export interface SandboxUserRow { id: string; name: string; login: string; title: string | null; department: string | null; status: string; groups?: string[] }
export interface SandboxLogRow { id: string; published: string; message: string; eventType: string; actor: string; targets: string[]; outcome: string }

export function GetSearch({ q, label, placeholder }: { q: string; label: string; placeholder: string }) {
  return (
    <form method="get" role="search" className="mb-4 flex max-w-md gap-2">
      <label className="sr-only" htmlFor="sandbox-q">{label}</label>
      <input
        id="sandbox-q"
        name="q"
        type="search"
        defaultValue={q}
        placeholder={placeholder}
        className="block w-full rounded-md border-0 bg-white px-2.5 py-1.5 text-sm shadow-sm ring-1 ring-inset ring-slate-300 placeholder:text-slate-400 focus:ring-2 focus:ring-indigo-600 focus:outline-none"
      />
      <button type="submit" className="h-8 rounded-md bg-white px-3 text-sm font-medium text-slate-800 shadow-sm ring-1 ring-inset ring-slate-300 hover:bg-slate-50">Search</button>
    </form>
  );
}

const NUMERIC = new Set(["Members", "Comments"]);
const thFor = (h: string) => (NUMERIC.has(h) ? `${th} text-right` : th);
const th = "whitespace-nowrap border-b border-slate-200 bg-slate-50 px-3 py-2 text-left text-xs font-medium text-slate-500 first:pl-4 last:pr-4 first:rounded-tl-lg last:rounded-tr-lg";
const row = "align-top [&>td]:border-b [&>td]:border-slate-100 [&:last-child>td]:border-b-0";

export function SandboxNote({ url }: { url: string }) {
  return (
    <Badge tone="amber" dot={false} className="gap-1">
      <FlaskConical aria-hidden className="size-3" /> Sandbox at {url}
    </Badge>
  );
}

export function OktaOverview({ url, org, counts, q, groups, people, logs }: {
  url: string; org: string; counts: { users: number; groups: number; memberships: number }; q: string;
  groups: SandboxGroupRow[]; people: SandboxUserRow[]; logs: SandboxLogRow[];
}) {
  return (
    <Page wide>
      <PageHeader
        eyebrow={<SandboxNote url={url} />}
        title="Sandbox Okta"
        count={`${counts.users} users · ${counts.groups} groups · ${counts.memberships} memberships`}
        description={`The Okta org “${org}” this demo workspace is connected to. When Gatehouse grants or removes access, the group membership changes here and shows up in the System Log.`}
      />
      <GetSearch q={q} label="Search groups and people" placeholder="Search groups or people…" />
      <div className="grid gap-6 xl:grid-cols-[minmax(0,1fr)_22rem]">
        <div className="space-y-6">
          {q && (
            <section aria-labelledby="people-h">
              <h2 id="people-h" className="mb-2 text-sm font-semibold text-slate-900">People matching “{q}” · {people.length}</h2>
              {people.length === 0 ? (
                <p className="text-sm text-slate-500">Nobody matches.</p>
              ) : (
                <UsersTable users={people} showGroups />
              )}
            </section>
          )}
          <section aria-labelledby="groups-h">
            <h2 id="groups-h" className="mb-2 text-sm font-semibold text-slate-900">{q ? `Groups matching “${q}” · ${groups.length}` : `Groups · ${groups.length}`}</h2>
            {groups.length === 0 ? (
              <p className="rounded-lg border border-dashed border-slate-300 bg-white px-4 py-6 text-center text-sm text-slate-500">No group matches “{q}”.</p>
            ) : (
              <div className="rounded-lg border border-slate-200 bg-white">
                <table className="w-full border-separate border-spacing-0 text-sm">
                  <caption className="sr-only">Groups in the sandbox Okta</caption>
                  <thead><tr>{["Group", "Type", "Description", "Members", "Membership changed"].map((h) => <th key={h} scope="col" className={thFor(h)}>{h}</th>)}</tr></thead>
                  <tbody>
                    {groups.map((g) => (
                      <tr key={g.id} className={row}>
                        <td className="whitespace-nowrap px-3 py-2 pl-4"><Link href={`/demo/okta/${g.id}`} className="font-mono text-xs font-medium text-slate-900 hover:text-indigo-700 hover:underline">{g.name}</Link></td>
                        <td className="px-3 py-2"><Tag>{groupTypeLabel(g.type)}</Tag></td>
                        <td className="px-3 py-2 text-slate-600">{g.description ?? "—"}</td>
                        <td className="px-3 py-2 text-right tabular-nums text-slate-900">{g.members}</td>
                        <td className="px-3 py-2 pr-4 text-slate-600"><RelativeTime date={g.lastMembershipUpdated} /></td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </section>
        </div>
        <aside aria-labelledby="log-h">
          <h2 id="log-h" className="mb-2 text-sm font-semibold text-slate-900">System Log{logs.length ? ` · latest ${logs.length}` : ""}</h2>
          {logs.length === 0 ? (
            <p className="rounded-lg border border-dashed border-slate-300 bg-white px-4 py-6 text-center text-sm text-slate-500">
              No changes yet. When a request is approved, the group add appears here.
            </p>
          ) : (
            <ol className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white">
              {logs.map((l) => (
                <li key={l.id} className="px-3 py-2 text-sm">
                  <div className="flex items-baseline justify-between gap-2">
                    <span className="font-medium text-slate-900">{l.message}</span>
                    <RelativeTime date={l.published} className="shrink-0 text-xs text-slate-500" />
                  </div>
                  <div className="mt-0.5 text-xs text-slate-500">
                    {l.targets.join(" → ") || "—"} · by {l.actor} · <code className="font-mono">{l.eventType}</code> · {l.outcome}
                  </div>
                </li>
              ))}
            </ol>
          )}
        </aside>
      </div>
    </Page>
  );
}

export function UsersTable({ users, showGroups }: { users: SandboxUserRow[]; showGroups?: boolean }) {
  return (
    <div className="rounded-lg border border-slate-200 bg-white">
      <table className="w-full border-separate border-spacing-0 text-sm">
        <caption className="sr-only">Users</caption>
        <thead><tr>{["Name", "Title", "Department", "Status", ...(showGroups ? ["Groups"] : [])].map((h) => <th key={h} scope="col" className={thFor(h)}>{h}</th>)}</tr></thead>
        <tbody>
          {users.map((u) => (
            <tr key={u.id} className={row}>
              <td className="px-3 py-2 pl-4">
                <div className="font-medium text-slate-900">{u.name}</div>
                <div className="text-xs text-slate-500">{u.login}</div>
              </td>
              <td className="px-3 py-2 text-slate-700">{u.title ?? "—"}</td>
              <td className="px-3 py-2 text-slate-700">{u.department ?? "—"}</td>
              <td className="px-3 py-2"><StatusBadge status={u.status} /></td>
              {showGroups && (
                <td className="px-3 py-2 pr-4">
                  <span className="flex flex-wrap gap-1">
                    {u.groups?.length ? u.groups.map((g) => <code key={g} className="rounded bg-slate-100 px-1.5 py-px font-mono text-xs text-slate-700">{g}</code>) : <span className="text-slate-400">none</span>}
                  </span>
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function OktaGroupView({ url, group, q, members, total }: { url: string; group: SandboxGroupRow & { created: string }; q: string; members: SandboxUserRow[]; total: number }) {
  return (
    <Page wide>
      <BackLink href="/demo/okta">Sandbox Okta</BackLink>
      <PageHeader
        eyebrow={<SandboxNote url={url} />}
        title={<span className="font-mono">{group.name}</span>}
        count={`${total} ${total === 1 ? "member" : "members"}`}
        description={group.description ?? undefined}
      />
      <div className="mb-4 flex flex-wrap gap-x-6 gap-y-1 text-xs text-slate-500">
        <span>Type: <span className="text-slate-800">{groupTypeLabel(group.type)}</span></span>
        <span>Okta id: <code className="font-mono text-slate-800">{group.id}</code></span>
        <span>Membership changed <RelativeTime date={group.lastMembershipUpdated} className="text-slate-800" /></span>
      </div>
      <GetSearch q={q} label="Search members" placeholder="Search members…" />
      {members.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white px-4 py-6 text-center text-sm text-slate-500">{q ? `No member matches “${q}”.` : "This group has no members."}</p>
      ) : (
        <UsersTable users={members} />
      )}
    </Page>
  );
}

export interface SandboxIssueRow {
  key: string; summary: string; status: string; statusCategory: string; type: string; created: string; updated: string; comments: number; labels: string[];
}
export interface SandboxCommentRow { id: string; author: string; created: string; text: string }

const jiraStatusTone = (cat: string) => (cat === "done" ? "green" : cat === "indeterminate" ? "blue" : "slate") as "green" | "blue" | "slate";

export function JiraOverview({ url, projects, q, issues, totalIssues }: { url: string; projects: { key: string; name: string; issues: number }[]; q: string; issues: SandboxIssueRow[]; totalIssues: number }) {
  return (
    <Page wide>
      <PageHeader
        eyebrow={<SandboxNote url={url} />}
        title="Sandbox Jira"
        count={`${totalIssues} ${totalIssues === 1 ? "issue" : "issues"} · ${projects.length} ${projects.length === 1 ? "project" : "projects"}`}
        description="The Jira site this demo workspace records access changes in: each request becomes an issue, and every event is a comment on it."
      />
      <div className="mb-4 flex flex-wrap gap-2">
        {projects.map((p) => (
          <Tag key={p.key} className="py-0.5"><code className="font-mono font-medium text-slate-800">{p.key}</code> {p.name} · {p.issues}</Tag>
        ))}
      </div>
      <GetSearch q={q} label="Search issues" placeholder="Search key or summary…" />
      {issues.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white px-4 py-8 text-center text-sm text-slate-500">
          {q ? `No issue matches “${q}”.` : "No issues yet. Gatehouse opens an issue in ACCESS for every access request; they appear here with their comments."}
        </p>
      ) : (
        <div className="rounded-lg border border-slate-200 bg-white">
          <table className="w-full border-separate border-spacing-0 text-sm">
            <caption className="sr-only">Issues in the sandbox Jira</caption>
            <thead><tr>{["Key", "Summary", "Type", "Status", "Comments", "Updated"].map((h) => <th key={h} scope="col" className={thFor(h)}>{h}</th>)}</tr></thead>
            <tbody>
              {issues.map((i) => (
                <tr key={i.key} className={row}>
                  <td className="px-3 py-2 pl-4"><Link href={`/demo/jira/${i.key}`} className="font-mono text-xs font-medium text-indigo-700 hover:underline">{i.key}</Link></td>
                  <td className="px-3 py-2 text-slate-900">{i.summary}</td>
                  <td className="px-3 py-2 text-slate-600">{i.type}</td>
                  <td className="px-3 py-2"><Badge tone={jiraStatusTone(i.statusCategory)}>{i.status}</Badge></td>
                  <td className="px-3 py-2 text-right tabular-nums">{i.comments}</td>
                  <td className="px-3 py-2 pr-4 text-slate-600"><RelativeTime date={i.updated} /></td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Page>
  );
}

export function JiraIssueView({ url, issue, description, reporter, comments, properties, actions }: {
  url: string; issue: SandboxIssueRow; description: string; reporter: string; comments: SandboxCommentRow[]; properties: Record<string, unknown>;
  /** What a person can do to the issue in Jira (the demo's transitions and labels). */
  actions?: React.ReactNode;
}) {
  const props = Object.entries(properties);
  return (
    <Page>
      <BackLink href="/demo/jira">Sandbox Jira</BackLink>
      <PageHeader eyebrow={<SandboxNote url={url} />} title={<><span className="font-mono text-slate-500">{issue.key}</span> {issue.summary}</>} />
      <div className="mb-5 flex flex-wrap items-center gap-x-5 gap-y-1 text-xs text-slate-500">
        <Badge tone={jiraStatusTone(issue.statusCategory)}>{issue.status}</Badge>
        <span>{issue.type}</span>
        <span>Reporter <span className="text-slate-800">{reporter}</span></span>
        <span>Created <RelativeTime date={issue.created} className="text-slate-800" /></span>
        <span>Updated <RelativeTime date={issue.updated} className="text-slate-800" /></span>
        {issue.labels.map((l) => <Tag key={l}>{l}</Tag>)}
      </div>
      {actions}
      <div className="rounded-lg border border-slate-200 bg-white px-5 py-4">
        <h2 className="text-xs font-medium text-slate-500">Description</h2>
        <p className="mt-1 whitespace-pre-wrap text-sm text-slate-800">{description || "No description."}</p>
      </div>
      <Section title={`Comments · ${comments.length}`} id="comments">
        {comments.length === 0 ? (
          <p className="text-sm text-slate-500">No comments yet.</p>
        ) : (
          <ol className="space-y-2">
            {comments.map((c) => (
              <li key={c.id} className="rounded-lg border border-slate-200 bg-white px-4 py-3">
                <div className="flex items-baseline justify-between gap-3 text-xs text-slate-500">
                  <span className="font-medium text-slate-800">{c.author}</span>
                  <RelativeTime date={c.created} />
                </div>
                <p className="mt-1 whitespace-pre-wrap text-sm text-slate-800">{c.text}</p>
              </li>
            ))}
          </ol>
        )}
      </Section>
      {props.length > 0 && (
        <Section title="Issue properties" id="props" description="Structured data Gatehouse stores on the issue.">
          <pre className="overflow-x-auto rounded-lg border border-slate-200 bg-white p-4 font-mono text-xs text-slate-800">{JSON.stringify(properties, null, 2)}</pre>
        </Section>
      )}
    </Page>
  );
}
