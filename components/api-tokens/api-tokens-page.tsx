"use client";

import { useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { KeyRound, Plus } from "lucide-react";
import { useTRPC } from "../trpc";
import type { RouterOutputs } from "../types";
import { Badge } from "../ui/badge";
import { Button } from "../ui/button";
import { Page, PageHeader } from "../ui/page";
import { RelativeTime } from "../ui/relative-time";
import { TableSkeleton } from "../ui/skeleton";
import { EmptyState, ErrorState } from "../ui/states";
import { CreateTokenForm } from "./create-token-form";
import { NewTokenSecret } from "./new-token-secret";
import { RevokeTokenButton } from "./revoke-token-button";
import { EvidenceApiDocs } from "./evidence-api-docs";

type Token = RouterOutputs["apiTokens"]["list"][number];

export function ApiTokensPage() {
  const trpc = useTRPC();
  const q = useQuery(trpc.apiTokens.list.queryOptions());
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<{ name: string; secret: string } | null>(null);
  const list = q.data ?? [];
  const active = list.filter((t) => t.status === "ACTIVE").length;
  const start = () => { setCreated(null); setCreating(true); };

  return (
    <Page>
      <PageHeader
        eyebrow="Settings"
        title="API tokens"
        count={q.data ? `${active} active · ${list.length - active} revoked` : null}
        description="Tokens let a GRC tool such as Vanta pull this workspace's access evidence. Each is read-only, shown once, stored hashed, and every use is recorded."
        actions={!creating && !created && <Button variant="primary" icon={<Plus aria-hidden className="size-4" />} onClick={start}>Create token</Button>}
      />
      {created && <NewTokenSecret {...created} onDone={() => setCreated(null)} />}
      {creating && <CreateTokenForm onCreated={(t) => { setCreating(false); setCreated(t); }} onCancel={() => setCreating(false)} />}
      {q.isPending ? (
        <TableSkeleton rows={3} cols={6} label="Loading API tokens" />
      ) : q.isError ? (
        <ErrorState error={q.error} title="API tokens could not load" onRetry={() => void q.refetch()} />
      ) : list.length === 0 ? (
        !creating && !created && (
          <EmptyState icon={<KeyRound aria-hidden className="size-5" />} title="No API tokens yet" action={<Button variant="primary" onClick={start}>Create token</Button>}>
            Create a token for your GRC tool to pull requests and grants from the Evidence API.
          </EmptyState>
        )
      ) : (
        <TokensTable tokens={list} />
      )}
      <EvidenceApiDocs />
    </Page>
  );
}

function TokensTable({ tokens }: { tokens: Token[] }) {
  const heads = ["Name", "Token", "Created", "Last used", "Uses", "Status", ""];
  return (
    <div className="rounded-lg border border-slate-200 bg-white">
      <table className="w-full border-separate border-spacing-0 text-sm">
        <caption className="sr-only">API tokens, active first</caption>
        <thead>
          <tr className="text-left text-xs text-slate-500">
            {heads.map((h, i) => (
              <th key={h || "actions"} scope="col" className={`border-b border-slate-200 bg-slate-50 px-3 py-2 font-medium first:pl-4 last:pr-4 ${i === 0 ? "rounded-tl-lg" : ""} ${i === heads.length - 1 ? "rounded-tr-lg" : ""} ${h === "Uses" ? "text-right" : ""}`}>
                {h || <span className="sr-only">Actions</span>}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {tokens.map((t) => (
            <tr key={t.id} className="[&>td]:border-b [&>td]:border-slate-100 [&:last-child>td]:border-b-0">
              <td className="px-3 py-2 pl-4 font-medium text-slate-900">{t.name}</td>
              <td className="px-3 py-2 font-mono text-xs text-slate-600">{t.prefix}…</td>
              <td className="px-3 py-2 text-slate-600">
                <RelativeTime date={t.createdAt} />
                <div className="truncate text-xs text-slate-500">by {t.createdBy}</div>
              </td>
              <td className="px-3 py-2 text-slate-600">
                <RelativeTime date={t.lastUsedAt} fallback="Never" />
                {t.lastUsedIp && <div className="text-xs text-slate-500">from {t.lastUsedIp}</div>}
              </td>
              <td className="px-3 py-2 text-right tabular-nums text-slate-700">{t.useCount}</td>
              <td className="px-3 py-2">
                {t.status === "ACTIVE" ? <Badge tone="green">Active</Badge> : (
                  <Badge tone="slate" title={t.revokedBy ? `Revoked by ${t.revokedBy}` : undefined}>Revoked <RelativeTime date={t.revokedAt} /></Badge>
                )}
              </td>
              <td className="px-3 py-2 pr-4 text-right">{t.status === "ACTIVE" && <RevokeTokenButton tokenId={t.id} name={t.name} prefix={t.prefix} />}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
