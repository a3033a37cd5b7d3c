// `--provision`: after a request is approved, the CLI runs what the app's job driver would run next, in
// its own process: the grant's provisioning (add to the IdP groups, read the membership back) and the
// request's Jira delivery. It takes those job rows first (job-lease.ts): on the embedded database
// nobody else can have them; on PostgreSQL a running app may already be doing the work, and then the
// CLI leaves it to the app. Whatever is not finished here goes back to the queue for the app.
import { provisionGrant, PROVISION_JOB } from "../domain/grants/provision-grant.ts";
import type { TenantScope } from "../domain/services.ts";
import { deliverTicketEvents } from "../domain/tickets/deliver-ticket-events.ts";
import { DELIVER_TICKETS_JOB } from "../domain/tickets/ticket-events.ts";
import type { CliContext } from "./context.ts";
import { leaseOpenJobs } from "./job-lease.ts";

const ATTEMPTS = 3;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

export interface ActionReadBack {
  group: string;
  groupExternalId: string;
  personExternalId: string;
  status: string;
  attempts: number;
  lastError: string | null;
  readBack: { isMember: boolean; checkedAt: string; detail: string } | null;
}

export interface ProvisionReport {
  /**
   * active: provisioned here and read back; failed: the IdP refused for good (the grant and request
   * failed); retry-later: the IdP kept failing, handed back to the job runner; elsewhere: another worker
   * (the running app, Inngest) has it; not-pending: the grant was no longer waiting to be provisioned;
   * manual: the app is set up by hand, so the grant waits on its owners' task.
   */
  outcome: "active" | "failed" | "retry-later" | "elsewhere" | "not-pending" | "manual";
  reason: string | null;
  grant: { id: string; status: string; activatedAt: Date | null; expiresAt: Date | null; failureReason: string | null };
  actions: ActionReadBack[];
  jira: {
    outcome: "delivered" | "nothing-to-deliver" | "elsewhere" | "retry-later";
    delivered: number;
    pending: number;
    issueKey: string | null;
    issueUrl: string | null;
    error: string | null;
  };
}

/** Provisions the approved request's grant and delivers its Jira events in this process; see the file comment. */
export async function provisionHere(ctx: CliContext, scope: TenantScope, requestId: string): Promise<ProvisionReport | null> {
  const { services, target, out } = ctx;
  const exclusive = target.kind === "pglite";
  const { db, clock } = services;
  const grant = await scope.tdb.grant.findUnique({ where: { requestId }, select: { id: true, status: true } });
  if (!grant) return null;

  let outcome: ProvisionReport["outcome"] = "not-pending";
  let reason: string | null = null;
  const manual = grant.status === "PENDING" && (await scope.tdb.accessTask.count({ where: { grantId: grant.id, kind: "grant", status: "OPEN" } })) > 0;
  if (manual) {
    outcome = "manual";
  } else if (grant.status === "PENDING") {
    const lease = await leaseOpenJobs(db, clock, PROVISION_JOB, "grantId", grant.id, { exclusive });
    if (!lease) {
      outcome = "elsewhere";
    } else {
      out.note(`Provisioning grant ${grant.id} in this process…`);
      for (let attempt = 1; ; attempt++) {
        try {
          const r = await provisionGrant(services, { tenantId: scope.tenantId, grantId: grant.id });
          if (r.outcome === "skipped") {
            // Another worker holds the grant (or a crashed one's lease has not lapsed): leave it to the job runner.
            await lease.release("the grant was held by another worker when the CLI tried");
            outcome = "elsewhere";
          } else {
            await lease.finish();
            outcome = r.outcome === "waiting" ? "manual" : r.outcome;
            reason = r.outcome === "failed" ? r.reason : null;
          }
          break;
        } catch (e) {
          const retryable = (e as { retryable?: unknown }).retryable === true;
          if (!retryable || attempt >= ATTEMPTS) {
            await lease.release(message(e)).catch(() => {});
            outcome = "retry-later";
            reason = message(e);
            break;
          }
          const waitMs = Math.min(30_000, (e as { retryAfterMs?: number }).retryAfterMs ?? 1000 * 2 ** (attempt - 1));
          out.note(`${message(e)}; retrying in ${Math.ceil(waitMs / 1000)} s (attempt ${attempt + 1} of ${ATTEMPTS})`);
          await sleep(waitMs);
        }
      }
    }
  }

  const jira = await deliverHere(ctx, scope, requestId, exclusive);
  const after = await scope.tdb.grant.findUniqueOrThrow({
    where: { id: grant.id },
    include: { actions: { orderBy: { createdAt: "asc" }, include: { group: { select: { name: true } } } } },
  });
  return {
    outcome,
    reason,
    grant: { id: after.id, status: after.status, activatedAt: after.activatedAt, expiresAt: after.expiresAt, failureReason: after.failureReason },
    actions: after.actions.map((a) => ({
      group: a.group.name, groupExternalId: a.groupExternalId, personExternalId: a.personExternalId, status: a.status,
      attempts: a.attempts, lastError: a.lastError, readBack: a.readBack as ActionReadBack["readBack"],
    })),
    jira,
  };
}

/** The request's pending Jira events, delivered in order (Jira being down only delays them). */
async function deliverHere(ctx: CliContext, scope: TenantScope, requestId: string, exclusive: boolean): Promise<ProvisionReport["jira"]> {
  const { services, out } = ctx;
  const pendingNow = () => scope.tdb.ticketEvent.count({ where: { requestId, status: "PENDING" } });
  const issue = async () => {
    const r = await scope.tdb.accessRequest.findUniqueOrThrow({ where: { id: requestId }, select: { jiraIssueKey: true, jiraIssueUrl: true } });
    return { issueKey: r.jiraIssueKey, issueUrl: r.jiraIssueUrl };
  };
  if (!(await pendingNow())) return { outcome: "nothing-to-deliver", delivered: 0, pending: 0, error: null, ...(await issue()) };
  const lease = await leaseOpenJobs(services.db, services.clock, DELIVER_TICKETS_JOB, "requestId", requestId, { exclusive });
  if (!lease) return { outcome: "elsewhere", delivered: 0, pending: await pendingNow(), error: null, ...(await issue()) };
  out.note("Updating the Jira ticket…");
  let delivered = 0;
  let error: string | null = null;
  try {
    delivered = (await deliverTicketEvents(services, { tenantId: scope.tenantId, requestId })).delivered;
  } catch (e) {
    error = message(e);
  }
  const pending = await pendingNow();
  if (pending) await lease.release(error ?? "events left for the job runner");
  else await lease.finish();
  return { outcome: pending ? "retry-later" : "delivered", delivered, pending, error, ...(await issue()) };
}
