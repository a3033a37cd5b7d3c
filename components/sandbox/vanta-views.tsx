import { FlaskConical } from "lucide-react";
import { Badge, Tag } from "../ui/badge";
import { Page, PageHeader } from "../ui/page";
import { RelativeTime } from "../ui/relative-time";

// A server-rendered view of the demo's sandbox Vanta: the accounts Gatehouse pushed and the evidence it uploaded.

export interface SandboxVantaAccountRow { uniqueId: string; displayName: string; email: string; permissionLevel: string; status: string; deletedAt: string | null }
export interface SandboxVantaResourceRow { id: string; name: string; syncs: number; lastSyncAt: string | null; active: number; deleted: number; accounts: SandboxVantaAccountRow[] }
export interface SandboxVantaDocumentRow {
  id: string; title: string; category: string; overallStatus: string; submittedAt: string | null;
  uploads: { id: string; fileName: string; mimeType: string; size: number; createdAt: string }[];
}

const th = "whitespace-nowrap border-b border-slate-200 bg-slate-50 px-3 py-2 text-left text-xs font-medium text-slate-500 first:pl-4 last:pr-4 first:rounded-tl-lg last:rounded-tr-lg";
const row = "align-top [&>td]:border-b [&>td]:border-slate-100 [&:last-child>td]:border-b-0";
const bytes = (n: number) => (n < 1024 ? `${n} B` : n < 1024 * 1024 ? `${(n / 1024).toFixed(1)} KB` : `${(n / 1024 / 1024).toFixed(1)} MB`);

export function VantaOverview({ url, resources, documents }: { url: string; resources: SandboxVantaResourceRow[]; documents: SandboxVantaDocumentRow[] }) {
  const accounts = resources.reduce((n, r) => n + r.active, 0);
  const uploads = documents.reduce((n, d) => n + d.uploads.length, 0);
  const withEvidence = documents.filter((d) => d.uploads.length > 0 || d.id === "access-reviews");
  return (
    <Page wide>
      <PageHeader
        eyebrow={<Badge tone="amber" dot={false} className="gap-1"><FlaskConical aria-hidden className="size-3" /> Sandbox at {url}</Badge>}
        title="Sandbox Vanta"
        count={`${accounts} active accounts · ${uploads} uploaded ${uploads === 1 ? "file" : "files"}`}
        description="The Vanta this demo workspace pushes evidence to: the accounts Gatehouse governs (an account left out of a later push is marked deleted), and the files uploaded to documents such as the access review."
      />
      <div className="space-y-8">
        {resources.map((r) => (
          <section key={r.id} aria-labelledby={`res-${r.id}`}>
            <h2 id={`res-${r.id}`} className="mb-2 text-sm font-semibold text-slate-900">
              {r.name} <code className="ml-1 font-mono text-xs font-normal text-slate-500">{r.id}</code>
              <span className="ml-2 font-normal text-slate-500">
                {r.active} active · {r.deleted} deleted · {r.syncs} {r.syncs === 1 ? "sync" : "syncs"}{r.lastSyncAt ? <>, last <RelativeTime date={r.lastSyncAt} /></> : ""}
              </span>
            </h2>
            {r.accounts.length === 0 ? (
              <p className="rounded-lg border border-dashed border-slate-300 bg-white px-4 py-6 text-center text-sm text-slate-500">No accounts pushed yet.</p>
            ) : (
              <div className="rounded-lg border border-slate-200 bg-white">
                <table className="w-full border-separate border-spacing-0 text-sm">
                  <caption className="sr-only">User accounts in {r.name}</caption>
                  <thead><tr>{["Account", "Email", "Permission", "Status", "Deleted"].map((h) => <th key={h} scope="col" className={th}>{h}</th>)}</tr></thead>
                  <tbody>
                    {r.accounts.map((a) => (
                      <tr key={a.uniqueId} className={row}>
                        <td className="px-3 py-2 pl-4 text-slate-900">{a.displayName}<div className="font-mono text-xs text-slate-500">{a.uniqueId}</div></td>
                        <td className="px-3 py-2 text-slate-600">{a.email}</td>
                        <td className="px-3 py-2"><Tag>{a.permissionLevel}</Tag></td>
                        <td className="px-3 py-2"><Tag>{a.status}</Tag></td>
                        <td className="px-3 py-2 pr-4 text-slate-600">{a.deletedAt ? <RelativeTime date={a.deletedAt} /> : "—"}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </section>
        ))}
        <section aria-labelledby="docs-h">
          <h2 id="docs-h" className="mb-2 text-sm font-semibold text-slate-900">
            Documents · the access review and any with files
            <span className="ml-2 font-normal text-slate-500">{withEvidence.length} of {documents.length}</span>
          </h2>
          <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white">
            {withEvidence.map((d) => (
              <li key={d.id} className="px-4 py-3 text-sm">
                <div className="flex flex-wrap items-baseline gap-2">
                  <span className="font-medium text-slate-900">{d.title}</span>
                  <code className="font-mono text-xs text-slate-500">{d.id}</code>
                  <Tag>{d.overallStatus}</Tag>
                  {d.submittedAt && <span className="text-xs text-slate-500">submitted <RelativeTime date={d.submittedAt} /></span>}
                </div>
                {d.uploads.length === 0 ? (
                  <p className="mt-1 text-xs text-slate-500">No files yet. Completing an access review uploads its report here.</p>
                ) : (
                  <ul className="mt-1 space-y-0.5 text-xs text-slate-600">
                    {d.uploads.map((u) => (
                      <li key={u.id}><span className="font-mono">{u.fileName}</span> · {u.mimeType} · {bytes(u.size)} · <RelativeTime date={u.createdAt} /></li>
                    ))}
                  </ul>
                )}
              </li>
            ))}
          </ul>
        </section>
      </div>
    </Page>
  );
}
