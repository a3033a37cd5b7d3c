"use client";

import { useCallback, useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { CircleCheckBig, KeyRound, MessageSquare, Plug, Plus, RefreshCw, ShieldCheck, Ticket, Users, CircleX } from "lucide-react";
import { useTRPC } from "../trpc";
import type { Connection, SyncRun } from "../types";
import { Button } from "../ui/button";
import { Page, PageHeader } from "../ui/page";
import { RelativeTime } from "../ui/relative-time";
import { CardsSkeleton } from "../ui/skeleton";
import { EmptyState, ErrorState, FormError } from "../ui/states";
import { StatusBadge } from "../ui/status";
import { errorInfo } from "../ui/errors";
import { ConnectionForm } from "./connection-form";
import { SyncPanel } from "./sync-panel";
import { SyncHistory } from "./sync-history";
import { JiraRevokePanel } from "./jira-revoke-panel";
import { OktaEventHookPanel } from "./okta-event-hook-panel";
import { SlackConnectionForm, SlackRequestUrls, slackRequestUrls } from "./slack-connection";
import { VantaConnectionForm } from "./vanta-connection";
import { DirectoryForm } from "./directory-form";
import { DirectoryPicker } from "./directory-picker";
import { DirectoryCapabilities } from "./directory-capabilities";
import { DIRECTORY_LABEL, isDirectoryKind } from "./directory-kinds";
import type { DirectoryCapabilitiesSeen } from "@/server/domain/connections/connection-config";

type Adding = Connection["kind"] | "PICK_DIRECTORY";

export function ConnectionsPage() {
  const trpc = useTRPC();
  const q = useQuery(trpc.connections.list.queryOptions());
  const [adding, setAdding] = useState<Adding | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const list = q.data ?? [];
  const healthy = list.filter((c) => c.status === "HEALTHY").length;
  const hasDirectory = list.some((c) => isDirectoryKind(c.kind));
  const hasJira = list.some((c) => c.kind === "JIRA");
  const hasSlack = list.some((c) => c.kind === "SLACK");
  const hasVanta = list.some((c) => c.kind === "VANTA");

  return (
    <Page>
      <PageHeader
        eyebrow="Settings"
        title="Connections"
        count={q.data ? `${list.length} ${list.length === 1 ? "connection" : "connections"} · ${healthy} healthy` : null}
        description="The directories Gatehouse reads people and groups from (Okta, Entra ID, Google Workspace, SCIM 2.0), the Jira project where every access change is recorded, and where evidence goes."
        actions={
          !adding && (
            <>
              <Button icon={<Plus aria-hidden className="size-4" />} onClick={() => { setAdding("PICK_DIRECTORY"); setNote(null); }} variant={hasDirectory ? "secondary" : "primary"}>Add directory</Button>
              <Button icon={<Plus aria-hidden className="size-4" />} onClick={() => { setAdding("JIRA"); setNote(null); }} variant={!hasDirectory || hasJira ? "secondary" : "primary"}>Add Jira</Button>
              {!hasSlack && <Button icon={<Plus aria-hidden className="size-4" />} onClick={() => { setAdding("SLACK"); setNote(null); }}>Add Slack</Button>}
              {!hasVanta && <Button icon={<Plus aria-hidden className="size-4" />} onClick={() => { setAdding("VANTA"); setNote(null); }}>Add Vanta</Button>}
            </>
          )
        }
      />
      {note && <SuccessNote text={note} />}
      {adding && (
        <div className="mb-5">
          {adding === "PICK_DIRECTORY"
            ? <DirectoryPicker onPick={(k) => setAdding(k)} onCancel={() => setAdding(null)} />
            : adding === "ENTRA" || adding === "GOOGLE" || adding === "SCIM"
            ? <DirectoryForm kind={adding} onDone={(m) => { setAdding(null); setNote(m); }} onCancel={() => setAdding(null)} />
            : adding === "SLACK"
            ? <SlackConnectionForm onDone={(m) => { setAdding(null); setNote(m); }} onCancel={() => setAdding(null)} />
            : adding === "VANTA"
            ? <VantaConnectionForm onDone={(m) => { setAdding(null); setNote(m); }} onCancel={() => setAdding(null)} />
            : <ConnectionForm kind={adding as "OKTA" | "JIRA"} onDone={(m) => { setAdding(null); setNote(m); }} onCancel={() => setAdding(null)} />}
        </div>
      )}
      {q.isPending ? (
        <CardsSkeleton count={2} label="Loading connections" />
      ) : q.isError ? (
        <ErrorState error={q.error} title="Connections could not load" onRetry={() => void q.refetch()} />
      ) : list.length === 0 ? (
        !adding && (
          <EmptyState
            icon={<Plug aria-hidden className="size-5" />}
            title="No connections yet"
            action={<Button variant="primary" onClick={() => setAdding("PICK_DIRECTORY")}>Add a directory</Button>}
          >
            Connect a directory (Okta, Entra ID, Google Workspace or SCIM 2.0) to import people and groups, then Jira to record every access request.
          </EmptyState>
        )
      ) : (
        <div className="space-y-4">
          {list.map((c) => <ConnectionCard key={c.id} connection={c} />)}
        </div>
      )}
    </Page>
  );
}

function SuccessNote({ text }: { text: string }) {
  return (
    <div role="status" className="mb-4 flex items-start gap-2 rounded-md border border-emerald-200 bg-emerald-50 px-3 py-2 text-sm text-emerald-900">
      <CircleCheckBig aria-hidden className="mt-0.5 size-4 shrink-0 text-emerald-600" />
      {text}
    </div>
  );
}

function configRows(c: Connection): [string, React.ReactNode][] {
  const cfg = c.config as Record<string, string | undefined>;
  const secret = (
    <span className="inline-flex items-center gap-1.5 text-slate-700">
      <KeyRound aria-hidden className="size-3.5 text-slate-400" />
      <span aria-hidden>•••••</span> stored, encrypted
    </span>
  );
  if (c.kind === "SLACK") {
    const slack = c.config as unknown as Record<string, string | undefined>;
    return [
      ["Workspace", slack.teamName ? `${slack.teamName} (${slack.teamId})` : "—"],
      ["API URL", <code key="u" className="font-mono text-xs">{slack.apiUrl}</code>],
      ["Bot token", secret],
      ["Signing secret", secret],
    ];
  }
  if (c.kind === "VANTA") {
    const vanta = c.config as unknown as Record<string, string | undefined>;
    return [
      ["API URL", <code key="u" className="font-mono text-xs">{vanta.apiUrl}</code>],
      ["User accounts", <span key="r">UserAccount resource <code className="font-mono text-xs">{vanta.userAccountResourceId}</code></span>],
      ["Review evidence", <span key="d">document <code className="font-mono text-xs">{vanta.documentId}</code></span>],
      ...(vanta.scope ? [["Scopes", <code key="s" className="font-mono text-xs">{vanta.scope}</code>] as [string, React.ReactNode]] : []),
      ["OAuth client", secret],
    ];
  }
  if (c.kind === "ENTRA") {
    return [
      ["Tenant", <code key="t" className="font-mono text-xs">{cfg.tenantId}</code>],
      ["Application", <code key="a" className="font-mono text-xs">{cfg.clientId}</code>],
      ...(cfg.graphUrl ? [["Graph URL", <code key="g" className="font-mono text-xs">{cfg.graphUrl}</code>] as [string, React.ReactNode]] : []),
      ["Client secret", secret],
    ];
  }
  if (c.kind === "GOOGLE") {
    const groups = (c.config as { unmanagedGroups?: string[] }).unmanagedGroups;
    return [
      ["Acts as", cfg.adminEmail],
      ["Authentication", cfg.authMode === "accessToken" ? "Access token (sandbox)" : `Service account${cfg.serviceAccountEmail ? ` · ${cfg.serviceAccountEmail}` : ""}`],
      ["Customer", cfg.customer ?? "my_customer"],
      ...(cfg.rootUrl ? [["Admin API", <code key="r" className="font-mono text-xs">{cfg.rootUrl}</code>] as [string, React.ReactNode]] : []),
      ...(groups?.length ? [["Left alone", groups.join(", ")] as [string, React.ReactNode]] : []),
      [cfg.authMode === "accessToken" ? "Access token" : "Key file", secret],
    ];
  }
  if (c.kind === "SCIM") {
    const groups = (c.config as { readOnlyGroups?: string[] }).readOnlyGroups;
    return [
      ["Base URL", <code key="u" className="font-mono text-xs">{cfg.baseUrl}</code>],
      ...(groups?.length ? [["Read-only groups", groups.join(", ")] as [string, React.ReactNode]] : []),
      ["Bearer token", secret],
    ];
  }
  if (c.kind === "OKTA") {
    return [
      ["Org URL", <code key="u" className="font-mono text-xs">{cfg.orgUrl}</code>],
      ["Authentication", cfg.authMode === "privateKey" ? `OAuth service app · client ${cfg.clientId}${cfg.keyId ? ` · key ${cfg.keyId}` : ""}` : "API token"],
      [cfg.authMode === "privateKey" ? "Private key" : "API token", secret],
    ];
  }
  return [
    ["Site URL", <code key="u" className="font-mono text-xs">{cfg.siteUrl}</code>],
    ["Project", <code key="p" className="font-mono text-xs">{cfg.projectKey}</code>],
    ["Authentication", cfg.authMode === "bearer" ? "Bearer token" : `Email + API token · ${cfg.email}`],
    [cfg.authMode === "bearer" ? "Token" : "API token", secret],
  ];
}

function ConnectionCard({ connection: c }: { connection: Connection }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const [replacing, setReplacing] = useState(false);
  const [note, setNote] = useState<string | null>(null);
  const [startedRun, setStartedRun] = useState<SyncRun | null>(null);
  const refreshList = useCallback(() => void qc.invalidateQueries({ queryKey: trpc.connections.list.queryKey() }), [qc, trpc]);

  const test = useMutation(trpc.connections.test.mutationOptions({ onSettled: refreshList }));
  const sync = useMutation(
    trpc.connections.startSync.mutationOptions({
      onSuccess: (r) => {
        const { cursor: _c, tenantId: _t, ...run } = r.run as typeof r.run & { cursor?: unknown; tenantId?: string };
        setStartedRun(run as SyncRun);
        refreshList();
      },
    }),
  );
  // The list's last sync once it knows the run we started (it is refreshed when a run ends).
  const run = c.lastSync && (!startedRun || new Date(c.lastSync.createdAt) >= new Date(startedRun.createdAt)) ? c.lastSync : startedRun;
  const running = run?.status === "QUEUED" || run?.status === "RUNNING";
  const directory = isDirectoryKind(c.kind) ? c.kind : null;
  const Icon = directory ? Users : c.kind === "SLACK" ? MessageSquare : c.kind === "VANTA" ? ShieldCheck : Ticket;
  const headingId = `conn-${c.id}`;

  return (
    <article aria-labelledby={headingId} className="rounded-lg border border-slate-200 bg-white">
      <div className="flex flex-wrap items-start gap-4 px-5 py-4">
        <span aria-hidden className="flex size-9 shrink-0 items-center justify-center rounded-md bg-slate-100 text-slate-600">
          <Icon className="size-4.5" />
        </span>
        <div className="min-w-0 flex-1">
          <div className="flex flex-wrap items-center gap-2">
            <h2 id={headingId} className="text-sm font-semibold text-slate-900">{c.name}</h2>
            <StatusBadge status={c.status} />
            <span className="text-xs text-slate-500">
              {directory ? `Directory · ${DIRECTORY_LABEL[directory]}` : c.kind === "SLACK" ? "Chat · Slack" : c.kind === "VANTA" ? "Evidence · Vanta" : "Ticketing · Jira"} · checked <RelativeTime date={c.lastCheckedAt} fallback="never" />
            </span>
          </div>
          {c.status === "ERROR" && c.lastError && (
            <p className="mt-2 rounded-md border border-red-200 bg-red-50 px-3 py-1.5 text-sm text-red-800">
              <span className="font-medium">Last error:</span> {c.lastError}
            </p>
          )}
          <dl className="mt-3 grid grid-cols-[8rem_1fr] gap-x-4 gap-y-1 text-sm">
            {configRows(c).map(([k, v]) => (
              <div key={k} className="contents">
                <dt className="text-slate-500">{k}</dt>
                <dd className="min-w-0 truncate text-slate-900">{v}</dd>
              </div>
            ))}
          </dl>
          {directory && (
            <div className="mt-3">
              <DirectoryCapabilities kind={directory} seen={(c.config as { capabilities?: DirectoryCapabilitiesSeen }).capabilities} />
            </div>
          )}
        </div>
        <div className="flex flex-wrap gap-2">
          <Button
            busy={test.isPending}
            icon={<CircleCheckBig aria-hidden className="size-3.5" />}
            onClick={() => { setNote(null); test.mutate({ connectionId: c.id }); }}
          >
            Test connection
          </Button>
          {directory && (
            <Button
              variant="primary"
              busy={sync.isPending}
              disabled={running}
              icon={<RefreshCw aria-hidden className="size-3.5" />}
              onClick={() => sync.mutate({ connectionId: c.id })}
              title={running ? "A sync is already running" : undefined}
            >
              Sync now
            </Button>
          )}
          {!replacing && <Button onClick={() => { setReplacing(true); setNote(null); }}>Replace credentials</Button>}
        </div>
      </div>

      {(test.data || test.error) && (
        <div className="px-5 pb-3">
          {test.data ? (
            <p role="status" className={`flex items-start gap-2 rounded-md border px-3 py-2 text-sm ${test.data.ok ? "border-emerald-200 bg-emerald-50 text-emerald-900" : "border-red-200 bg-red-50 text-red-800"}`}>
              {test.data.ok ? <CircleCheckBig aria-hidden className="mt-0.5 size-4 shrink-0 text-emerald-600" /> : <CircleX aria-hidden className="mt-0.5 size-4 shrink-0 text-red-600" />}
              <span>{test.data.ok ? (/^connected/i.test(test.data.detail) ? test.data.detail : `Connected. ${test.data.detail}`) : `Could not connect: ${test.data.detail}`}</span>
            </p>
          ) : (
            <FormError error={`Could not test the connection: ${errorInfo(test.error).message}`} />
          )}
        </div>
      )}
      {sync.error && <div className="px-5 pb-3"><FormError error={sync.error} /></div>}
      {note && <div className="px-5 pb-3"><SuccessNote text={note} /></div>}

      {replacing && (
        <div className="border-t border-slate-200 bg-slate-50/50 px-5 py-4">
          {c.kind === "SLACK"
            ? <SlackConnectionForm existing={c} onDone={(m) => { setReplacing(false); setNote(m); }} onCancel={() => setReplacing(false)} />
            : c.kind === "VANTA"
            ? <VantaConnectionForm existing={c} onDone={(m) => { setReplacing(false); setNote(m); }} onCancel={() => setReplacing(false)} />
            : c.kind === "ENTRA" || c.kind === "GOOGLE" || c.kind === "SCIM"
            ? <DirectoryForm kind={c.kind} existing={c} onDone={(m) => { setReplacing(false); setNote(m); }} onCancel={() => setReplacing(false)} />
            : <ConnectionForm kind={c.kind as "OKTA" | "JIRA"} existing={c} onDone={(m) => { setReplacing(false); setNote(m); }} onCancel={() => setReplacing(false)} />}
        </div>
      )}

      {c.kind === "JIRA" && <JiraRevokePanel connection={c} />}
      {c.kind === "OKTA" && <OktaEventHookPanel connection={c} />}
      {c.kind === "SLACK" && (
        <div className="border-t border-slate-200 px-5 py-4">
          <SlackRequestUrls {...slackRequestUrls(typeof window === "undefined" ? "" : window.location.origin)} />
        </div>
      )}

      {directory && (
        <div className="border-t border-slate-200 px-5 py-4">
          {run ? (
            <>
              <SyncPanel key={run.id} run={run} onFinished={refreshList} />
              <SyncHistory connectionId={c.id} />
            </>
          ) : (
            <p className="text-sm text-slate-600">Not synced yet. Run a sync to import people, groups and memberships.</p>
          )}
        </div>
      )}
    </article>
  );
}
