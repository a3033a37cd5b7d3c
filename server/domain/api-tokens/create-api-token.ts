import type { z } from "zod";
import { recordAudit } from "../audit.ts";
import { conflict } from "../errors.ts";
import type { TenantScope } from "../services.ts";
import { createApiTokenInput, MAX_ACTIVE_TOKENS } from "./schemas.ts";
import { EVIDENCE_READ, newTokenSecret } from "./token-secret.ts";

/**
 * A read-only evidence token for a GRC tool. The secret is in the return value and nowhere else:
 * the database keeps its SHA-256 and a short prefix, the audit event the prefix.
 */
export async function createApiToken(scope: TenantScope, raw: z.input<typeof createApiTokenInput>) {
  const input = createApiTokenInput.parse(raw);
  const { secret, hash, prefix } = newTokenSecret();
  const { tdb, tenantId, actor, clock } = scope;
  const now = clock.now();
  const token = await tdb.$transaction(async (tx) => {
    const live = await tx.apiToken.count({ where: { revokedAt: null } });
    if (live >= MAX_ACTIVE_TOKENS) throw conflict(`A workspace can have at most ${MAX_ACTIVE_TOKENS} active tokens; revoke one you no longer use`, "name");
    const row = await tx.apiToken.create({
      data: { tenantId, name: input.name, prefix, hash, scopes: [EVIDENCE_READ], createdBy: actor.label, createdAt: now },
    });
    await recordAudit(tx, tenantId, actor, {
      action: "api_token.created", subjectType: "api_token", subjectId: row.id, data: { name: row.name, prefix, scopes: row.scopes },
    }, now);
    return row;
  });
  return { id: token.id, name: token.name, prefix: token.prefix, scopes: token.scopes, createdAt: token.createdAt, secret };
}
