// `gatehouse audit verify`: recomputes a tenant's audit hash chain and names the first broken link.
// Exit 0 when the chain is intact, 1 when it is broken (the result is still printed), 2 for usage errors.
// The verification itself is appended to the chain as an "audit.verified" event.
import { ResultExit, UsageError } from "../errors.ts";
import type { Output } from "../output.ts";

export interface AuditVerifyOptions {
  tenant: string;
}

const count = (n: number) => n.toLocaleString("en-US");

export async function auditVerifyCommand(out: Output, o: AuditVerifyOptions) {
  const slug = o.tenant.trim();
  if (!slug) throw new UsageError("--tenant: name the tenant by its slug");
  const [{ withServices }, { forTenant }, { tenantBySlug }, { verifyAuditChain }] = await Promise.all([
    import("../context.ts"),
    import("../../domain/services.ts"),
    import("../lookups.ts"),
    import("../../domain/audit/verify-audit-chain.ts"),
  ]);
  const result = await withServices(out, { connectors: false }, async (ctx) => {
    const tenant = await tenantBySlug(ctx.services, slug);
    return verifyAuditChain(forTenant(ctx.services, tenant.id, ctx.actor));
  });
  const recorded = `  (this verification is recorded as audit event #${count(result.recorded.seq)})`;
  const b = result.firstBroken;
  const human = b
    ? [
        `BROKEN at event #${count(b.seq)} (${b.eventId ?? "deleted"}): ${b.explanation}`,
        result.lastSeq > 0
          ? `  Events #1–#${count(result.lastSeq)} are intact (head ${result.headHash}); nothing from #${count(b.seq)} on can be trusted.`
          : "  No event before it is intact.",
        recorded,
      ]
    : [`OK: ${count(result.checked)} events, head ${result.headHash}`, recorded];
  out.result(human, result);
  if (!result.ok) throw new ResultExit(1);
}
