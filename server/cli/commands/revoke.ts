// `gatehouse revoke`: an admin takes a grant away from the command line, through the same operation as the
// web app and the Jira webhook (revokeGrant, channel "cli", with admin authority). The grant is named by its
// id, by the request that created it, or by that request's Jira issue key.
import { revokeGrantInput } from "../../domain/grants/schemas.ts";
import { UsageError } from "../errors.ts";
import type { Output } from "../output.ts";

export interface RevokeOptions {
  tenant: string;
  grant?: string;
  request?: string;
  issue?: string;
  reason: string;
}

export async function revokeCommand(out: Output, o: RevokeOptions) {
  const refs = [o.grant && "--grant", o.request && "--request", o.issue && "--issue"].filter(Boolean);
  if (refs.length !== 1) {
    throw new UsageError(refs.length ? `choose one of ${refs.join(", ")}` : "name the grant with --grant <id>, --request <id> or --issue <KEY>");
  }
  const reason = revokeGrantInput.shape.reason.safeParse(o.reason);
  if (!reason.success) throw new UsageError(`--reason: ${reason.error.issues[0]!.message}`);

  const [{ withServices }, { forTenant }, { tenantBySlug }, { revokeGrant }, { DomainError }] = await Promise.all([
    import("../context.ts"),
    import("../../domain/services.ts"),
    import("../lookups.ts"),
    import("../../domain/grants/revoke-grant.ts"),
    import("../../domain/errors.ts"),
  ]);
  await withServices(out, { connectors: false }, async (ctx) => {
    const tenant = await tenantBySlug(ctx.services, o.tenant);
    const scope = forTenant(ctx.services, tenant.id, ctx.actor);
    let grantId = o.grant?.trim();
    if (!grantId) {
      const where = o.request ? { id: o.request.trim() } : { jiraIssueKey: o.issue!.trim().toUpperCase() };
      const request = await scope.tdb.accessRequest.findFirst({ where, select: { id: true, extendsGrantId: true, grant: { select: { id: true } } } });
      const named = o.request ? `Request ${o.request}` : `Jira issue ${o.issue!.toUpperCase()}`;
      if (!request) throw new DomainError("NOT_FOUND", `${named} not found in tenant ${tenant.slug}`);
      grantId = request.grant?.id ?? request.extendsGrantId ?? undefined;
      if (!grantId) throw new DomainError("PRECONDITION_FAILED", `${named} has no grant to revoke (it was not approved and provisioned)`);
    }
    const result = await revokeGrant(scope, { grantId, reason: reason.data, channel: "cli", revokerPersonId: null, asAdmin: true });
    const grant = await scope.tdb.grant.findUniqueOrThrow({
      where: { id: result.grantId },
      select: { id: true, status: true, endReason: true, person: { select: { displayName: true } }, role: { select: { name: true, app: { select: { name: true } } } }, request: { select: { jiraIssueKey: true } } },
    });
    const what = `${grant.role.app.name} · ${grant.role.name} for ${grant.person.displayName}`;
    const lines = result.alreadyEnded
      ? [`Grant ${grant.id} (${what}) is already ${grant.status.toLowerCase()}: nothing changed.`]
      : [
          `Revoked grant ${grant.id}: ${what}.`,
          "  Removal from the directory groups is queued: Gatehouse's job runner removes it and reads it back (now if it runs, otherwise when it next starts).",
          ...(grant.request?.jiraIssueKey ? [`  Jira: the revocation is commented on ${grant.request.jiraIssueKey}.`] : []),
        ];
    out.result(lines, { grantId: grant.id, status: grant.status, alreadyEnded: result.alreadyEnded, endReason: grant.endReason });
  });
}
