import Link from "next/link";
import { Tag } from "../ui/badge";
import { Page, PageHeader } from "../ui/page";
import { BackLink } from "../ui/back-link";
import { GetSearch, SandboxNote, UsersTable, type SandboxUserRow } from "./views";

// Server-rendered views of the demo's sandbox Entra ID (Microsoft Graph): how to connect it, its groups and members.

export interface SandboxEntraGroupRow { id: string; name: string; kind: string; description: string | null; members: number; rule: string | null }
export interface SandboxEntraConnect { tenantId: string; clientId: string; clientSecret: string; graphUrl: string; authorityUrl: string; ca: string }

const th = "whitespace-nowrap border-b border-slate-200 bg-slate-50 px-3 py-2 text-left text-xs font-medium text-slate-500 first:pl-4 last:pr-4 first:rounded-tl-lg last:rounded-tr-lg";
const row = "align-top [&>td]:border-b [&>td]:border-slate-100 [&:last-child>td]:border-b-0";
const field = "block w-full rounded-md border-0 bg-slate-50 px-2.5 py-1.5 font-mono text-xs text-slate-900 ring-1 ring-inset ring-slate-200";

/** The values to type into Connections → Add directory → Entra ID, each selectable to copy. */
function ConnectPanel({ c }: { c: SandboxEntraConnect }) {
  const rows: [label: string, value: string][] = [
    ["Directory (tenant) ID", c.tenantId],
    ["Application (client) ID", c.clientId],
    ["Client secret", c.clientSecret],
    ["Graph URL", c.graphUrl],
    ["Authority URL", c.authorityUrl],
  ];
  return (
    <section aria-labelledby="connect-h" className="rounded-lg border border-slate-200 bg-white px-4 py-3">
      <h2 id="connect-h" className="text-sm font-semibold text-slate-900">Connect it</h2>
      <p className="mt-0.5 text-xs text-slate-500">
        In Settings → Connections → Add directory → Entra ID, enter these; the URLs and the certificate go under
        “Advanced: other cloud or sandbox”. The sandbox serves HTTPS with a self-signed certificate: paste it as the
        trusted CA so the connection verifies it (nothing turns TLS checks off).
      </p>
      <div className="mt-3 grid gap-3 md:grid-cols-2">
        {rows.map(([label, value], i) => (
          <div key={label}>
            <label htmlFor={`entra-connect-${i}`} className="block text-xs font-medium text-slate-700">{label}</label>
            <input id={`entra-connect-${i}`} readOnly value={value} className={`${field} mt-1`} />
          </div>
        ))}
        <div className="md:col-span-2">
          <label htmlFor="entra-connect-ca" className="block text-xs font-medium text-slate-700">Trusted CA certificate</label>
          <textarea id="entra-connect-ca" readOnly rows={4} value={c.ca} spellCheck={false} className={`${field} mt-1`} />
        </div>
      </div>
    </section>
  );
}

function GroupsTable({ groups }: { groups: SandboxEntraGroupRow[] }) {
  return (
    <div className="rounded-lg border border-slate-200 bg-white">
      <table className="w-full border-separate border-spacing-0 text-sm">
        <caption className="sr-only">Groups in the sandbox Entra ID</caption>
        <thead><tr>{["Group", "Type", "Description", "Members"].map((h) => <th key={h} scope="col" className={h === "Members" ? `${th} text-right` : th}>{h}</th>)}</tr></thead>
        <tbody>
          {groups.map((g) => (
            <tr key={g.id} className={row}>
              <td className="whitespace-nowrap px-3 py-2 pl-4"><Link href={`/demo/entra/${g.id}`} className="font-medium text-slate-900 hover:text-indigo-700 hover:underline">{g.name}</Link></td>
              <td className="px-3 py-2"><Tag>{g.kind}</Tag></td>
              <td className="px-3 py-2 text-slate-600">{g.description ?? "—"}{g.rule && <div className="font-mono text-xs text-slate-500">{g.rule}</div>}</td>
              <td className="px-3 py-2 pr-4 text-right tabular-nums text-slate-900">{g.members}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function EntraOverview({ url, tenant, counts, connect, q, groups, people }: {
  url: string; tenant: string; counts: { users: number; groups: number; memberships: number }; connect: SandboxEntraConnect; q: string;
  groups: SandboxEntraGroupRow[]; people: SandboxUserRow[];
}) {
  return (
    <Page wide>
      <PageHeader
        eyebrow={<SandboxNote url={url} />}
        title="Sandbox Entra ID"
        count={`${counts.users} users · ${counts.groups} groups · ${counts.memberships} memberships`}
        description={`The Entra ID tenant “${tenant}”, served as Microsoft Graph: Acme's people with the same emails as in Okta, and its Microsoft groups. Once connected, a role mapped to one of these groups adds its members here.`}
      />
      <div className="space-y-6">
        <ConnectPanel c={connect} />
        <GetSearch q={q} label="Search groups and people" placeholder="Search groups or people…" />
        {q && (
          <section aria-labelledby="entra-people-h">
            <h2 id="entra-people-h" className="mb-2 text-sm font-semibold text-slate-900">People matching “{q}” · {people.length}</h2>
            {people.length === 0 ? <p className="text-sm text-slate-500">Nobody matches.</p> : <UsersTable users={people} showGroups />}
          </section>
        )}
        <section aria-labelledby="entra-groups-h">
          <h2 id="entra-groups-h" className="mb-2 text-sm font-semibold text-slate-900">{q ? `Groups matching “${q}” · ${groups.length}` : `Groups · ${groups.length}`}</h2>
          {groups.length === 0 ? (
            <p className="rounded-lg border border-dashed border-slate-300 bg-white px-4 py-6 text-center text-sm text-slate-500">No group matches “{q}”.</p>
          ) : (
            <GroupsTable groups={groups} />
          )}
        </section>
      </div>
    </Page>
  );
}

export function EntraGroupView({ url, group, members }: { url: string; group: SandboxEntraGroupRow; members: SandboxUserRow[] }) {
  return (
    <Page wide>
      <BackLink href="/demo/entra">Sandbox Entra ID</BackLink>
      <PageHeader
        eyebrow={<SandboxNote url={url} />}
        title={group.name}
        count={`${group.members} ${group.members === 1 ? "member" : "members"}`}
        description={group.description ?? undefined}
      />
      <div className="mb-4 flex flex-wrap gap-x-6 gap-y-1 text-xs text-slate-500">
        <span>Type: <span className="text-slate-800">{group.kind}</span></span>
        <span>Object id: <code className="font-mono text-slate-800">{group.id}</code></span>
        {group.rule && <span>Rule: <code className="font-mono text-slate-800">{group.rule}</code></span>}
      </div>
      {members.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white px-4 py-6 text-center text-sm text-slate-500">This group has no members.</p>
      ) : (
        <UsersTable users={members} />
      )}
    </Page>
  );
}
