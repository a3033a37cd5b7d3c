// `gatehouse request`, `decide` and `requests`: the access-request loop from the command line, through
// the same operations as the web app (requestAccess, decideApproval, listRequests). Only schemas are
// imported up front: what the command line gets wrong is reported before the database is opened.
import { z } from "zod";
import type { Membership } from "../../api/membership.ts";
import { formatDuration } from "../../domain/requests/format.ts";
import { decideInput, requestAccessInput } from "../../domain/requests/request-schemas.ts";
import { requestListInput } from "../../domain/requests/queries.ts";
import type { RequestDetail } from "../../domain/requests/queries.ts";
import type { TenantSummary } from "../../domain/tenants/queries.ts";
import type { CliContext, DatabaseTarget } from "../context.ts";
import { CliError, UsageError } from "../errors.ts";
import { plural, table, type Output } from "../output.ts";
import type { ProvisionReport } from "../provision.ts";

export interface RequestOptions {
  tenant: string;
  as: string;
  role?: string;
  roleId?: string;
  reason: string;
  for?: string;
  duration?: string;
  provision?: boolean;
}

export interface DecideOptions {
  tenant: string;
  as: string;
  request: string;
  approve?: boolean;
  deny?: boolean;
  comment?: string;
  provision?: boolean;
}

export interface RequestsOptions {
  tenant: string;
  status?: string;
  limit: string;
}

const UNIT_MINUTES = { m: 1, h: 60, d: 24 * 60 } as const;

/** Minutes the way --duration takes them: 90 → "90m", 360 → "6h", 10080 → "7d". */
export function durationFlag(minutes: number): string {
  if (minutes % UNIT_MINUTES.d === 0) return `${minutes / UNIT_MINUTES.d}d`;
  if (minutes % UNIT_MINUTES.h === 0) return `${minutes / UNIT_MINUTES.h}h`;
  return `${minutes}m`;
}

/** "90m", "6h", "7d": a whole number of minutes, hours or days, nothing else. */
export function parseDuration(text: string): number {
  const m = /^([1-9][0-9]{0,5})([mhd])$/.exec(text);
  if (!m) {
    throw new UsageError(`--duration: "${text}" is not a duration; write a whole number of minutes, hours or days, e.g. 90m, 6h or 7d`);
  }
  return Number(m[1]) * UNIT_MINUTES[m[2] as keyof typeof UNIT_MINUTES];
}

const email = z.string().trim().toLowerCase().email("a valid email is required").max(200);

/** The CLI acts with an admin's view of the tenant (it can read the whole database anyway). */
function adminView(tenant: TenantSummary): Membership {
  return {
    tenantId: tenant.id, tenantSlug: tenant.slug, tenantName: tenant.name, isDemo: tenant.isDemo,
    roles: ["admin"], personId: null, isManager: false, isAppOwner: false,
  };
}

/** Loaded after the command line is checked. Not provision.ts: it loads the Okta and Jira SDKs (seconds), only for --provision. */
async function loadDomain() {
  const [context, services, lookups, queries] = await Promise.all([
    import("../context.ts"),
    import("../../domain/services.ts"),
    import("../lookups.ts"),
    import("../../domain/requests/queries.ts"),
  ]);
  return { ...context, ...services, ...lookups, ...queries };
}

const provisionHere: typeof import("../provision.ts").provisionHere = async (...args) => (await import("../provision.ts")).provisionHere(...args);

/** `gatehouse request`: requestAccess as a person of the directory (source "cli"). */
export async function requestCommand(out: Output, o: RequestOptions) {
  if ((o.role === undefined) === (o.roleId === undefined)) {
    throw new UsageError('choose the role with --role "<App name>/<Role name>" or --role-id <id>');
  }
  if (o.role !== undefined && !o.role.includes("/")) throw new UsageError(`--role: write it as "<App name>/<Role name>", e.g. "GitHub/Engineer"`);
  const durationMinutes = o.duration === undefined ? undefined : parseDuration(o.duration);
  // Every invalid field at once, named by its flag.
  const fields = requestAccessInput
    .pick({ reason: true, durationMinutes: true })
    .extend({ as: email, for: email.optional() })
    .parse({ as: o.as, for: o.for, reason: o.reason, durationMinutes });
  const who = { as: fields.as, for: fields.for };

  const d = await loadDomain();
  const { requestAccess } = await import("../../domain/requests/request-access.ts");
  const { DomainError } = await import("../../domain/errors.ts");
  await d.withServices(out, { connectors: Boolean(o.provision), as: who.as }, async (ctx) => {
    const tenant = await d.tenantBySlug(ctx.services, o.tenant);
    const scope = d.forTenant(ctx.services, tenant.id, ctx.actor);
    const requester = await d.personByEmail(scope, who.as, "--as");
    const beneficiary = who.for ? await d.personByEmail(scope, who.for, "--for") : undefined;
    const role = await d.roleByRef(scope, { role: o.role, roleId: o.roleId });
    let created;
    try {
      created = await requestAccess(scope, {
        roleId: role.id, requesterPersonId: requester.id, beneficiaryPersonId: beneficiary?.id,
        reason: fields.reason, durationMinutes: fields.durationMinutes, source: "cli",
      });
    } catch (e) {
      if (e instanceof DomainError && e.field === "durationMinutes") {
        const hint = role.allowedDurations.length
          ? `--duration ${role.allowedDurations.map(durationFlag).join(" | ")}`
          : o.duration === undefined ? "pass --duration, e.g. --duration 6h" : "--duration";
        throw new DomainError(e.code, `${e.message} (${hint})`, e.field);
      }
      throw e;
    }
    const detail = await d.getRequest(scope, adminView(tenant), created.id);
    const autoApproved = detail.status === "APPROVED";
    let provisioning: ProvisionReport | null = null;
    if (autoApproved && o.provision) provisioning = await provisionHere(ctx, scope, detail.id);
    else if (o.provision) out.note(`--provision: nothing to provision yet; the request waits for approval.`);

    const lines = [
      `Request ${detail.id} is ${detail.status.toLowerCase()}${autoApproved ? " (auto-approved)" : ""}: ${what(detail)}, ${forHowLong(detail)}.`,
      `  Requested by ${detail.requester.displayName} <${detail.requester.email}>${detail.beneficiaryId !== detail.requester.id ? ` for ${detail.beneficiary.displayName} <${detail.beneficiary.email}>` : ""}.`,
      ...stepLines(detail),
    ];
    if (detail.status === "PENDING") {
      lines.push(`  Decide with: gatehouse decide --tenant ${tenant.slug} --as <approver email> --request ${detail.id} --approve | --deny --comment "…"`);
    }
    const report = afterApproval(ctx, detail, autoApproved, provisioning, lines, { offerFlag: true });
    out.result(lines, { request: requestData(detail), provisioning: report });
    failIfProvisioningFailed(provisioning);
  });
}

/** `gatehouse decide`: decideApproval as an approver (channel "cli"). */
export async function decideCommand(out: Output, o: DecideOptions) {
  if (!o.approve && !o.deny) throw new UsageError("choose --approve or --deny");
  const who = z.object({ as: email }).parse({ as: o.as });
  const input = decideInput.parse({ requestId: o.request, decision: o.approve ? "APPROVE" : "DENY", comment: o.comment });

  const d = await loadDomain();
  const { decideApproval } = await import("../../domain/requests/decide-approval.ts");
  await d.withServices(out, { connectors: Boolean(o.provision), as: who.as }, async (ctx) => {
    const tenant = await d.tenantBySlug(ctx.services, o.tenant);
    const scope = d.forTenant(ctx.services, tenant.id, ctx.actor);
    const decider = await d.personByEmail(scope, who.as, "--as");
    const result = await decideApproval(scope, { ...input, deciderPersonId: decider.id, channel: "cli" });
    const detail = await d.getRequest(scope, adminView(tenant), input.requestId);
    const approved = result.status === "APPROVED";
    let provisioning: ProvisionReport | null = null;
    if (approved && o.provision) provisioning = await provisionHere(ctx, scope, detail.id);
    else if (o.provision) out.note(`--provision: nothing to provision; the request is ${result.status.toLowerCase()}.`);

    const lines =
      result.status === "DENIED"
        ? [`Denied request ${detail.id}: ${what(detail)}.`, `  Comment: ${input.comment}`]
        : result.status === "PENDING"
          ? [`Approved as ${decider.displayName}: request ${detail.id} (${what(detail)}) is still pending${nextStep(detail)}.`]
          : [`Approved request ${detail.id}: ${what(detail)}, ${forHowLong(detail)}.`];
    lines.push(...stepLines(detail));
    const report = afterApproval(ctx, detail, approved, provisioning, lines, { offerFlag: false });
    out.result(lines, { decision: input.decision, status: result.status, request: requestData(detail), provisioning: report });
    failIfProvisioningFailed(provisioning);
  });
}

/** `gatehouse requests`: the tenant's requests, newest first, as an admin sees them. */
export async function requestsCommand(out: Output, o: RequestsOptions) {
  const limit = Number(o.limit);
  if (!/^\d+$/.test(o.limit) || limit < 1 || limit > 200) throw new UsageError("--limit: a whole number from 1 to 200");
  const input = requestListInput.parse({ scope: "all", status: o.status?.trim().toUpperCase(), limit });

  const d = await loadDomain();
  await d.withServices(out, { connectors: false }, async ({ services, actor }) => {
    const tenant = await d.tenantBySlug(services, o.tenant);
    const scope = d.forTenant(services, tenant.id, actor);
    const { requests, total } = await d.listRequests(scope, adminView(tenant), input);
    const rows = requests.map((r) => [
      r.id, r.status, r.createdAt.toISOString().slice(0, 16).replace("T", " "), `${r.app.name}/${r.roleName}`, r.beneficiaryName,
      r.requester.displayName, r.currentStep ? `step ${r.currentStep.position + 1}/${r.currentStep.of} ${kindLabel(r.currentStep.kind)}` : "",
      r.grantStatus ?? "", r.jiraIssueKey ?? "",
    ]);
    const filter = input.status ? ` ${input.status.toLowerCase()}` : "";
    const lines = requests.length
      ? [
          ...table(["ID", "STATUS", "CREATED (UTC)", "ROLE", "FOR", "REQUESTED BY", "WAITING FOR", "GRANT", "JIRA"], rows),
          ...(total > requests.length ? [`(${requests.length} of ${total}; --limit shows more)`] : []),
        ]
      : [`No${filter} requests in tenant ${tenant.slug}.`];
    out.result(lines, { total, requests });
  });
}

// ---- output ----

const nextStep = (r: RequestDetail) => {
  const s = r.steps.find((x) => x.status === "PENDING");
  return s ? `, waiting for step ${s.position + 1} of ${r.steps.length} (${kindLabel(s.kind)})` : "";
};

const forHowLong = (r: RequestDetail) => (r.durationMinutes ? `for ${formatDuration(r.durationMinutes)}` : "until removed");

const what = (r: RequestDetail) => `${r.app.name} · ${r.role.name} for ${r.beneficiary.displayName}`;

function kindLabel(kind: string) {
  return ({ AUTO: "auto-approval", MANAGER: "manager", APP_OWNER: "app owner", SECURITY: "security", NAMED: "named approver" } as Record<string, string>)[kind] ?? kind.toLowerCase();
}

function stepLines(r: RequestDetail): string[] {
  return [
    "  Approval:",
    ...r.steps.flatMap((s) => {
      const people = s.approvers.map((p) => `${p.displayName} <${p.email}>`);
      const who = s.kind === "AUTO" ? "" : `: ${s.mode === "ALL" && people.length > 1 ? "all of " : ""}${people.join(", ") || "nobody"}`;
      return [
        `    ${s.position + 1}. ${kindLabel(s.kind)} (${s.status.toLowerCase()})${who}`,
        ...(s.fallback ? [`       ${s.fallback}`] : []),
        ...s.decisions.map((x) => `       ${x.decision === "APPROVE" ? "approved" : "denied"} by ${x.decider.displayName} via ${x.channel}${x.comment ? `: “${x.comment}”` : ""}`),
      ];
    }),
  ];
}

function requestData(r: RequestDetail) {
  return {
    id: r.id, status: r.status, source: r.source, createdAt: r.createdAt, decidedAt: r.decidedAt, reason: r.reason,
    durationMinutes: r.durationMinutes, app: r.app, role: r.role,
    requester: r.requester, beneficiary: { id: r.beneficiary.id, displayName: r.beneficiary.displayName, email: r.beneficiary.email },
    steps: r.steps.map((s) => ({
      position: s.position, kind: s.kind, mode: s.mode, status: s.status, fallback: s.fallback,
      approvers: s.approvers.map((p) => ({ id: p.id, displayName: p.displayName, email: p.email })),
      decisions: s.decisions.map((x) => ({ decision: x.decision, comment: x.comment, channel: x.channel, at: x.at, decider: x.decider.email })),
    })),
    grant: r.grant && { id: r.grant.id, status: r.grant.status, expiresAt: r.grant.expiresAt },
    jira: { key: r.jira.key, url: r.jira.url },
  };
}

/**
 * For an approved request: the in-process provisioning's read-back, or what the job runner will do.
 * Appends to `lines`; returns the JSON for --json.
 */
function afterApproval(
  ctx: CliContext, r: RequestDetail, approved: boolean, p: ProvisionReport | null, lines: string[], opts: { offerFlag: boolean },
) {
  if (!approved) return null;
  if (!p) {
    lines.push(`  ${queuedNote(ctx.target, r.beneficiary.displayName, r.role.groups.map((g) => g.name), opts)}`);
    return { ranHere: false, queued: true };
  }
  const until = (at: Date | null) => (at ? `until ${at.toISOString().slice(0, 16).replace("T", " ")} UTC` : "until removed");
  switch (p.outcome) {
    case "active":
      lines.push(`  Provisioned in this process: ${r.beneficiary.displayName} has ${r.app.name} · ${r.role.name} ${until(p.grant.expiresAt)} (grant ${p.grant.id}).`);
      break;
    case "failed":
      lines.push(`  Provisioning failed (grant ${p.grant.id} and the request are now FAILED): ${p.reason}`);
      break;
    case "retry-later":
      lines.push(`  Provisioning did not finish: ${p.reason}`, "  It is back in the queue: Gatehouse's job runner retries it (its reconciler re-queues pending grants).");
      break;
    case "elsewhere":
      lines.push(`  Gatehouse's job runner (the running app or Inngest) is provisioning grant ${p.grant.id}; it was left to it. Grant status: ${p.grant.status}.`);
      break;
    case "manual":
      lines.push(`  ${r.app.name} is set up by hand: its owners have a task to give ${r.beneficiary.displayName} this access; it becomes active when they confirm it (grant ${p.grant.id}).`);
      break;
    case "not-pending":
      lines.push(`  Grant ${p.grant.id} is ${p.grant.status.toLowerCase()}: nothing to provision.`);
      break;
  }
  for (const a of p.actions) {
    const rb = a.readBack ? `read-back: ${a.readBack.isMember ? "member" : "not a member"} (${a.readBack.detail}) at ${a.readBack.checkedAt}` : a.lastError ? `last error: ${a.lastError}` : "not read back yet";
    lines.push(`    ${a.group} (${a.groupExternalId}): ${a.status.toLowerCase()}; ${rb}`);
  }
  const j = p.jira;
  const issue = j.issueKey ? `${j.issueKey}${j.issueUrl ? ` (${j.issueUrl})` : ""}` : "the ticket";
  if (j.outcome === "delivered") lines.push(`  Jira: ${plural(j.delivered, "update")} delivered to ${issue}.`);
  else if (j.outcome === "elsewhere") lines.push(`  Jira: ${plural(j.pending, "update")} for ${issue} left to Gatehouse's job runner, which is delivering them.`);
  else if (j.outcome === "retry-later") {
    lines.push(`  Jira: ${plural(j.delivered, "update")} delivered to ${issue}; ${j.pending} left for Gatehouse's job runner${j.error ? ` (${j.error})` : ""}.`);
  }
  return { ranHere: p.outcome !== "elsewhere", ...p };
}

/** What happens to an approved request's grant when the CLI does not provision it. */
function queuedNote(target: DatabaseTarget, who: string, groups: string[], opts: { offerFlag: boolean }): string {
  const what = groups.length ? `adds ${who} to ${groups.join(", ")}` : `records ${who}'s access`;
  const when = target.kind === "pglite"
    ? "when Gatehouse next starts (its reconciler re-queues pending grants)"
    : "now if Gatehouse is running, otherwise when it next starts (its reconciler re-queues pending grants)";
  return `Provisioning is queued: Gatehouse's job runner ${what} and updates Jira ${when}.${opts.offerFlag ? " Pass --provision to do it in this process instead." : ""}`;
}

function failIfProvisioningFailed(p: ProvisionReport | null) {
  if (p?.outcome === "failed") throw new CliError(`Provisioning of grant ${p.grant.id} failed: ${p.reason}`);
  if (p?.outcome === "retry-later") throw new CliError(`Provisioning of grant ${p.grant.id} did not finish: ${p.reason}\nGatehouse's job runner retries it.`);
}
