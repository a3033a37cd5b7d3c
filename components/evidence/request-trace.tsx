"use client";

import Link from "next/link";
import { directoryPrefix } from "@/server/connectors/directory-kinds";
import { useEffect } from "react";
import { useRouter } from "next/navigation";
import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "../trpc";
import { PrivilegedTag } from "../catalog/role-facts";
import { BackLink } from "../ui/back-link";
import { Page, Section } from "../ui/page";
import { RiskBadge, StatusBadge } from "../ui/status";
import { AnswerPanel, ApprovalSteps, AuditTimeline, JiraLink, RequestFacts, EvidenceLoadError } from "./trace-parts";
import { TraceSkeleton } from "./grant-trace";
import { names, plural, TimeZoneNote, When, type RequestTraceDto } from "./format";

/**
 * /evidence/requests/[requestId]: a request resolves to the trace of the grant it created (or extended);
 * a request that created nothing shows its approvals and why nothing was granted.
 */
export function RequestTracePage({ requestId }: { requestId: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const q = useQuery(trpc.evidence.request.queryOptions({ requestId }));
  const grantId = q.data?.grantId;
  useEffect(() => {
    if (grantId) router.replace(`/evidence/grants/${grantId}`);
  }, [grantId, router]);
  return (
    <Page>
      <BackLink href="/evidence">Evidence</BackLink>
      {q.isPending || grantId ? (
        <TraceSkeleton label={grantId ? "Opening the grant this request created" : "Loading the request's evidence"} />
      ) : q.isError ? (
        <EvidenceLoadError error={q.error} title="This request's evidence could not load" onRetry={() => void q.refetch()} />
      ) : (
        <RequestTrace t={q.data} />
      )}
    </Page>
  );
}

const nothing: Record<string, string> = {
  PENDING: "Nothing granted yet: the request waits for approval.",
  DENIED: "Nothing was granted: the request was denied.",
  CANCELLED: "Nothing was granted: the request was cancelled before a decision.",
  FAILED: "Nothing was granted: the request failed.",
  APPROVED: "Approved; the grant is being prepared.",
};

function RequestTrace({ t }: { t: RequestTraceDto }) {
  const a = t.approval;
  const deciders = [...new Set(a.steps.flatMap((s) => s.decisions.map((d) => `${d.decider.displayName} (${d.decision === "APPROVE" ? "approved" : "denied"})`)))];
  const none = nothing[a.status] ?? "Nothing was granted.";
  return (
    <>
      <header className="flex flex-wrap items-start justify-between gap-4">
        <div className="min-w-0">
          <p className="mb-1 text-xs font-medium text-slate-500">Request trace · <span className="font-mono">{t.requestId}</span></p>
          <div className="flex flex-wrap items-center gap-2">
            <h1 className="text-xl font-semibold tracking-tight text-slate-900">
              <Link href={`/evidence/people/${t.beneficiary.id}`} className="hover:underline">{t.beneficiary.displayName}</Link>
              <span className="text-slate-400"> · </span>{t.app.name} · {t.role.name}
            </h1>
            <StatusBadge status={a.status} />
            {t.role.privileged && <PrivilegedTag />}
            <RiskBadge risk={t.app.riskLevel} />
          </div>
          <p className="mt-1 text-sm text-slate-600">{none}</p>
        </div>
        <div className="flex flex-col items-end gap-2">
          <JiraLink keyName={a.jiraIssueKey} url={a.jiraIssueUrl} />
          <TimeZoneNote />
        </div>
      </header>

      <div className="mt-5 grid gap-4 lg:grid-cols-2">
        <AnswerPanel n={1} id="approved-by" title="Approved by" answer={deciders.length ? `Decided by ${names(deciders)}` : a.status === "PENDING" ? "No decision yet" : "No one decided"} tone={a.status === "DENIED" || a.status === "FAILED" ? "bad" : "warn"}>
          <RequestFacts approval={a} />
          <ApprovalSteps approval={a} />
          {a.failureReason && <p className="text-sm text-red-800">Failed: {a.failureReason}</p>}
        </AnswerPanel>
        <AnswerPanel n={2} id="granted" title="Granted" answer="Nothing" tone="neutral">
          <p>{none}</p>
          {t.role.groups.length > 0 && (
            <p className="text-xs text-slate-500">Had it been granted: <span className="font-mono">{t.role.groups.map((g) => `${directoryPrefix(g.connection.kind)}:${g.name}`).join(", ")}</span></p>
          )}
        </AnswerPanel>
        <AnswerPanel n={3} id="still-needed" title="Still needed after 30 days?" answer="Not applicable: never held" tone="neutral">
          <p>Holder's last sign-in: <When date={t.beneficiary.lastLoginAt} fallback="never (per the IdP)" /></p>
        </AnswerPanel>
        <AnswerPanel n={4} id="removal" title="Removal" answer="Nothing to remove" tone="neutral">
          <p>No group membership was added for this request, so there is no removal to prove.</p>
        </AnswerPanel>
      </div>

      <Section id="audit-trail" title={`Audit trail · ${plural(t.audit.length, "event")}`} description="The tamper-evident log of this request, oldest first.">
        <AuditTimeline events={t.audit} caption="Audit events of this request" />
      </Section>
    </>
  );
}
