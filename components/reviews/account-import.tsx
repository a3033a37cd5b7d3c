"use client";

import { useId, useRef, useState, type ReactNode } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { CheckCircle2, FileUp, Info, TriangleAlert, UserX } from "lucide-react";
import { useTRPC } from "../trpc";
import { Button } from "../ui/button";
import { Card, Section } from "../ui/page";
import { FormError } from "../ui/states";
import { RelativeTime, exactTime } from "../ui/relative-time";
import { cn } from "../ui/cn";
import { count, plural } from "./format";
import type { RouterOutputs } from "../types";
import type { Campaign } from "./types";

type Summary = RouterOutputs["reviews"]["importAccounts"];
type ManualApp = Campaign["manualApps"][number];

/** The largest file the server takes; checked here first so a wrong file is refused before it is sent. */
const MAX_BYTES = 2 * 1024 * 1024;

/**
 * Manual apps have no IdP groups, so Gatehouse only knows the access it granted itself. Their owner or an
 * admin uploads the app's current account list: a preview first (nothing saved), then the import, which
 * adds what no grant explains (orphan accounts included) as items to review.
 */
export function AccountImports({ c }: { c: Campaign }) {
  if (!c.manualApps.length) return null;
  const anyImport = c.manualApps.some((a) => a.canImport);
  return (
    <Section
      id="account-lists"
      title="Account lists of manual apps"
      description={c.status === "CLOSED"
        ? "The account lists imported while the campaign ran."
        : "These apps are not connected to an identity provider. Upload each app's current user export so reviewers review the accounts that really exist, not only those Gatehouse granted."}
    >
      <div className="space-y-3">
        {c.manualApps.map((a) => <AppImport key={a.id} c={c} app={a} />)}
      </div>
      {!anyImport && c.status !== "CLOSED" && <p className="mt-2 text-xs text-slate-500">Only admins and each app&apos;s owners can import its accounts.</p>}
    </Section>
  );
}

function LastImport({ app }: { app: ManualApp }) {
  const l = app.lastImport;
  if (!l) return <p className="text-sm text-slate-500">No account list imported yet: only the access granted through Gatehouse is under review.</p>;
  const n = l.counts as Partial<Summary["counts"]>;
  return (
    <p className="text-sm text-slate-600">
      Last import <RelativeTime date={l.at} /> by {l.by}{l.fileName ? <> from <span className="font-medium text-slate-800">{l.fileName}</span></> : null}:{" "}
      {plural(n.accounts ?? 0, "account")} — {count(n.confirmed ?? 0)} confirmed, {count(n.newItems ?? 0)} unexplained, {count(n.orphans ?? 0)} orphan, {count(n.grantedButMissing ?? 0)} granted but missing.
    </p>
  );
}

function AppImport({ c, app }: { c: Campaign; app: ManualApp }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const inputId = useId();
  const hintId = useId();
  const fileRef = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<{ name: string; text: string } | null>(null);
  const [localError, setLocalError] = useState<string | null>(null);
  const [summary, setSummary] = useState<Summary | null>(null);
  const importer = useMutation(trpc.reviews.importAccounts.mutationOptions({
    onSuccess: async (s) => {
      setSummary(s);
      if (!s.dryRun) await qc.invalidateQueries({ queryKey: trpc.reviews.pathKey() });
    },
  }));

  const reset = () => {
    setFile(null); setSummary(null); setLocalError(null); importer.reset();
    if (fileRef.current) fileRef.current.value = "";
  };
  const choose = async (f: File | undefined) => {
    setSummary(null); setLocalError(null); importer.reset();
    if (!f) { setFile(null); return; }
    if (f.size > MAX_BYTES) { setFile(null); setLocalError(`${f.name} is larger than 2 MB; split it or remove columns Gatehouse does not use.`); return; }
    const text = await f.text();
    setFile({ name: f.name, text });
    importer.mutate({ campaignId: c.id, appId: app.id, csv: text, fileName: f.name, dryRun: true });
  };
  const confirm = () => file && importer.mutate({ campaignId: c.id, appId: app.id, csv: file.text, fileName: file.name, dryRun: false });

  const adds = summary ? summary.counts.newItems + summary.counts.orphans : 0;
  return (
    <Card className="overflow-hidden">
      <div className="flex flex-wrap items-start justify-between gap-4 px-5 py-4">
        <div className="min-w-0 flex-1">
          <h3 className="text-sm font-semibold text-slate-900">{app.name} <span className="font-normal text-slate-500">· manual app</span></h3>
          <div className="mt-1"><LastImport app={app} /></div>
        </div>
        {app.canImport && (
          <div className="flex flex-col items-end gap-1">
            <label htmlFor={inputId} className={cn("inline-flex h-8 cursor-pointer items-center gap-2 rounded-md bg-white px-3 text-sm font-medium text-slate-800 shadow-sm ring-1 ring-inset ring-slate-300 hover:bg-slate-50",
              "has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-offset-2 has-[:focus-visible]:outline-indigo-600")}>
              <FileUp aria-hidden className="size-4 text-slate-500" />
              Import accounts (CSV)
              <input
                ref={fileRef} id={inputId} type="file" accept=".csv,text/csv" className="sr-only" aria-describedby={hintId}
                disabled={importer.isPending} onChange={(e) => void choose(e.target.files?.[0])}
              />
            </label>
            <p id={hintId} className="max-w-72 text-right text-xs text-slate-500">A header row with an email column; name, role and last login are used when present. Up to 2 MB / 20,000 rows.</p>
          </div>
        )}
      </div>

      {(importer.isPending || localError || importer.error || summary) && (
        <div className="border-t border-slate-100 px-5 py-4">
          {importer.isPending && (
            <p role="status" className="text-sm text-slate-600">{importer.variables?.dryRun ? `Reading ${file?.name ?? "the file"} and matching accounts to people…` : "Importing…"}</p>
          )}
          {localError && <FormError error={localError} />}
          {importer.error && (
            <div>
              <FormError error={importer.error} className="whitespace-pre-line" />
              <Button size="sm" variant="ghost" className="mt-2" onClick={reset}>Choose another file</Button>
            </div>
          )}
          {summary && !importer.isPending && <ImportSummary s={summary} adds={adds} onImport={confirm} onCancel={reset} busy={importer.isPending} />}
        </div>
      )}
    </Card>
  );
}

function ImportSummary({ s, adds, onImport, onCancel, busy }: { s: Summary; adds: number; onImport: () => void; onCancel: () => void; busy: boolean }) {
  const n = s.counts;
  const preview = s.dryRun;
  const headline = preview
    ? s.unchanged
      ? "This list was already imported: importing it again changes nothing."
      : adds
        ? `Preview: ${plural(adds, "account")} to add for review. Nothing is saved until you import.`
        : "Preview: every account in the list is already granted or under review."
    : s.unchanged
      ? "Nothing changed: this list was already imported."
      : adds
        ? `Imported: ${plural(adds, "new item")} to review${n.orphans ? `, ${count(n.orphans)} of them orphan account${n.orphans === 1 ? "" : "s"}` : ""}.`
        : "Imported: the list confirms what Gatehouse already knew; no new items.";
  return (
    <div aria-label={preview ? "Import preview" : "Import summary"} role="region">
      <div role="status" className={cn("flex items-start gap-2 text-sm", preview ? "text-slate-800" : "text-emerald-900")}>
        {preview ? <Info aria-hidden className="mt-0.5 size-4 shrink-0 text-indigo-600" /> : <CheckCircle2 aria-hidden className="mt-0.5 size-4 shrink-0 text-emerald-600" />}
        <p><span className="font-semibold">{headline}</span>{" "}
          <span className="text-slate-600">
            {s.fileName ?? "The file"}: {plural(n.rows, "row")}, {plural(n.accounts, "account")}{n.duplicateRows ? ` (${count(n.duplicateRows)} repeated rows folded into their account)` : ""};
            columns used: {[s.columns.email, s.columns.name, s.columns.role, s.columns.lastActivity].filter(Boolean).map((x) => `“${x}”`).join(", ")}.
          </span>
        </p>
      </div>
      <dl className="mt-3 grid grid-cols-2 gap-px overflow-hidden rounded-md border border-slate-200 bg-slate-200 sm:grid-cols-5">
        <Count label="Confirmed present" value={n.confirmed} sub="granted in Gatehouse" />
        <Count label={preview ? "New items" : "Added to review"} value={n.newItems} sub="account, no grant" tone={n.newItems ? "warn" : undefined} />
        <Count label="Orphan accounts" value={n.orphans} sub="nobody in the directory" tone={n.orphans ? "bad" : undefined} />
        <Count label="Granted, no account" value={n.grantedButMissing} sub="in Gatehouse, not in the list" tone={n.grantedButMissing ? "warn" : undefined} />
        <Count label="Already imported" value={n.alreadyImported} sub={n.outsideScope ? `${count(n.outsideScope)} outside the departments` : "in this campaign"} />
      </dl>

      {s.orphans.length > 0 && (
        <Listing title={`Orphan accounts · ${count(n.orphans)}`} icon={<UserX aria-hidden className="size-4 text-red-600" />} open
          note="No one in the directory has these emails: former staff, contractors or shared accounts. Each is an item to review; revoking one opens a removal task for the app's owners."
          truncated={n.orphans > s.orphans.length}
          head={["Line", "Email", "Name in the file", "Role", "Reviewer"]}
          rows={s.orphans.map((o) => [o.line, <span key="e" className="break-all font-mono text-xs">{o.email}</span>, o.name ?? "—", o.role, o.reviewer])} />
      )}
      {s.newItems.length > 0 && (
        <Listing title={`Accounts no grant explains · ${count(n.newItems)}`} icon={<TriangleAlert aria-hidden className="size-4 text-amber-600" />} open
          truncated={n.newItems > s.newItems.length}
          head={["Line", "Person", "Role", "Recommendation", "Reviewer"]}
          rows={s.newItems.map((i) => [i.line, <span key="p">{i.personName}<span className="block whitespace-nowrap text-xs text-slate-500">{i.email}</span></span>, i.role, i.reason, i.reviewer])} />
      )}
      {s.grantedButMissing.length > 0 && (
        <Listing title={`Granted in Gatehouse but no account found · ${count(n.grantedButMissing)}`} icon={<TriangleAlert aria-hidden className="size-4 text-amber-600" />}
          note="Gatehouse says these people have access, but the app's list has no account for them: the account may never have been created, or was removed without Gatehouse knowing."
          truncated={n.grantedButMissing > s.grantedButMissing.length}
          head={["Person", "Email", "Role", "Granted"]}
          rows={s.grantedButMissing.map((g) => [g.personName, <span key="e" className="whitespace-nowrap text-xs">{g.email}</span>, g.role, <span key="s" title={exactTime(new Date(g.since))}><RelativeTime date={g.since} /></span>])} />
      )}
      {s.confirmed.length > 0 && (
        <Listing title={`Confirmed present · ${count(n.confirmed)}`} icon={<CheckCircle2 aria-hidden className="size-4 text-emerald-600" />}
          truncated={n.confirmed > s.confirmed.length}
          head={["Line", "Person", "Granted role", "Role in the file"]}
          rows={s.confirmed.map((x) => [x.line, <span key="p">{x.personName}<span className="block whitespace-nowrap text-xs text-slate-500">{x.email}</span></span>, x.grantedRoles.join(", "), x.listedRole ?? "—"])} />
      )}

      <div className="mt-4 flex flex-wrap items-center gap-2">
        {preview && !s.unchanged && (
          <Button variant="primary" busy={busy} onClick={onImport}>{adds ? `Import ${plural(adds, "account")} for review` : "Record this list"}</Button>
        )}
        <Button variant={preview ? "secondary" : "ghost"} onClick={onCancel}>{preview ? "Cancel" : "Done"}</Button>
      </div>
    </div>
  );
}

function Count({ label, value, sub, tone }: { label: string; value: number; sub: string; tone?: "warn" | "bad" }) {
  return (
    <div className="bg-white px-3 py-2">
      <dt className="text-xs text-slate-500">{label}</dt>
      <dd className={cn("text-lg font-semibold tabular-nums", tone === "bad" ? "text-red-700" : tone === "warn" ? "text-amber-800" : "text-slate-900")}>{count(value)}</dd>
      <dd className="text-xs text-slate-500">{sub}</dd>
    </div>
  );
}

function Listing({ title, icon, note, head, rows, truncated, open }: {
  title: string; icon: ReactNode; note?: string; head: string[]; rows: ReactNode[][]; truncated: boolean; open?: boolean;
}) {
  return (
    <details className="mt-3 rounded-md border border-slate-200" open={open}>
      <summary className="flex cursor-pointer items-center gap-2 px-3 py-2 text-sm font-medium text-slate-900">{icon}{title}</summary>
      {note && <p className="px-3 pb-2 text-xs text-slate-600">{note}</p>}
      <div className="max-h-80 overflow-auto border-t border-slate-100">
        <table className="w-full text-left text-sm">
          <caption className="sr-only">{title}</caption>
          <thead className="sticky top-0 bg-slate-50 text-xs text-slate-500">
            <tr>{head.map((h) => <th key={h} scope="col" className="px-3 py-1.5 font-medium">{h}</th>)}</tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {rows.map((r, i) => <tr key={i}>{r.map((cell, j) => <td key={j} className="px-3 py-1.5 align-top text-slate-800">{cell}</td>)}</tr>)}
          </tbody>
        </table>
      </div>
      {truncated && <p className="border-t border-slate-100 px-3 py-1.5 text-xs text-slate-500">The first 500 are shown; the audit log keeps the import&apos;s counts.</p>}
    </details>
  );
}
