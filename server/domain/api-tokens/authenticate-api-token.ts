import { recordAudit } from "../audit.ts";
import type { Actor } from "../actor.ts";
import { forTenant, type Services, type TenantScope } from "../services.ts";
import { hashToken, isTokenShaped, sameHash } from "./token-secret.ts";

/** The audit log hears about a token's use at most this often; every use still counts on the token. */
export const USE_AUDIT_INTERVAL_MS = 60_000;

export type TokenAuth =
  | { ok: true; scope: TenantScope; token: { id: string; name: string; prefix: string } }
  | { ok: false; status: 401 | 403; error: "missing_token" | "invalid_token" | "insufficient_scope"; message: string };

const invalid = { ok: false, status: 401, error: "invalid_token", message: "The token is not valid: it is wrong or has been revoked" } as const;

/** The token in `Authorization: Bearer <token>`, or null when the header is absent or of another scheme. */
export function bearerToken(authorization: string | null): string | null {
  const m = /^Bearer[ ]+(\S+)\s*$/i.exec(authorization ?? "");
  return m ? m[1]! : null;
}

/**
 * Who is calling with this Authorization header: the token's tenant (and only that tenant), or why not.
 * A token is found by its hash and compared in constant time; a revoked one is refused. Each use is
 * recorded on the token (time, address, count) and, at most once a minute per token, in the audit log.
 */
export async function authenticateApiToken(
  services: Services,
  input: { authorization: string | null; ip: string | null; requiredScope: string },
): Promise<TokenAuth> {
  const secret = bearerToken(input.authorization);
  if (!secret) return { ok: false, status: 401, error: "missing_token", message: "Send an API token as `Authorization: Bearer <token>`" };
  if (!isTokenShaped(secret)) return invalid;
  const hash = hashToken(secret);
  // Looked up across tenants on purpose: the token is what names the tenant.
  const row = await services.db.apiToken.findUnique({ where: { hash } });
  if (!row || !sameHash(row.hash, hash) || row.revokedAt) return invalid;
  if (!row.scopes.includes(input.requiredScope)) {
    return { ok: false, status: 403, error: "insufficient_scope", message: `This token does not carry the ${input.requiredScope} scope` };
  }
  const actor: Actor = { type: "api", id: row.id, label: `API token ${row.prefix}… (${row.name})` };
  const scope = forTenant(services, row.tenantId, actor);
  await recordTokenUse(scope, row.id, input.ip?.slice(0, 64) ?? null);
  return { ok: true, scope, token: { id: row.id, name: row.name, prefix: row.prefix } };
}

async function recordTokenUse(scope: TenantScope, tokenId: string, ip: string | null) {
  const now = scope.clock.now();
  await scope.tdb.$transaction(async (tx) => {
    // The update locks the token's row, so concurrent uses of one token take turns here and see each other's audit event.
    const token = await tx.apiToken.update({ where: { id: tokenId }, data: { lastUsedAt: now, lastUsedIp: ip, useCount: { increment: 1 } } });
    const last = await tx.auditEvent.findFirst({
      where: { subjectType: "api_token", subjectId: tokenId, action: "api_token.used" }, orderBy: { seq: "desc" }, select: { at: true },
    });
    if (last && now.getTime() - last.at.getTime() < USE_AUDIT_INTERVAL_MS) return;
    await recordAudit(tx, scope.tenantId, scope.actor, {
      action: "api_token.used", subjectType: "api_token", subjectId: tokenId, data: { prefix: token.prefix, ip, useCount: token.useCount },
    }, now);
  });
}
