import { z } from "zod";
import { seal } from "../../lib/secrets.ts";
import { siteUrlWithPath } from "./sso-schema.ts";
import { recordAudit } from "../audit.ts";
import { badRequest } from "../errors.ts";
import type { TenantScope } from "../services.ts";

export const ssoInput = z.object({
  issuer: siteUrlWithPath,
  clientId: z.string().trim().min(1, "Client ID is required").max(200),
  clientSecret: z.string().trim().min(1, "Client secret is required").max(2000),
});

/** Fetches the issuer's discovery document: a wrong issuer is refused before anything is saved. */
async function discover(issuer: string, timeoutMs = 5000) {
  const url = `${issuer.replace(/\/$/, "")}/.well-known/openid-configuration`;
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs), redirect: "error" });
    if (!res.ok) return { ok: false as const, detail: `${url} answered ${res.status}` };
    const doc = (await res.json()) as { issuer?: string; authorization_endpoint?: string };
    if (!doc.authorization_endpoint) return { ok: false as const, detail: `${url} is not an OpenID Provider configuration` };
    if (doc.issuer && doc.issuer.replace(/\/$/, "") !== issuer.replace(/\/$/, "")) {
      return { ok: false as const, detail: `the provider says its issuer is ${doc.issuer}` };
    }
    return { ok: true as const };
  } catch (e) {
    return { ok: false as const, detail: `could not reach ${url} (${(e as Error).message})` };
  }
}

/** Per-tenant OIDC sign-in: issuer, client id, and the client secret (sealed, never returned). */
export async function configureSso(scope: TenantScope, raw: z.input<typeof ssoInput>) {
  const input = ssoInput.parse(raw);
  const check = await discover(input.issuer);
  if (!check.ok) throw badRequest(`Could not verify the identity provider: ${check.detail}`, "issuer");
  const sealed = seal(input.clientSecret);
  const { db, tenantId, actor, clock } = scope;
  await db.$transaction(async (tx) => {
    await tx.tenant.update({
      where: { id: tenantId },
      data: { oidcIssuer: input.issuer, oidcClientId: input.clientId, oidcClientSecretCipher: sealed.cipher, oidcClientSecretKeyId: sealed.keyId },
    });
    await recordAudit(tx, tenantId, actor, {
      action: "tenant.sso.configured", subjectType: "tenant", subjectId: tenantId, data: { issuer: input.issuer, clientId: input.clientId },
    }, clock.now());
  });
  return getSso(scope);
}

export async function getSso(scope: TenantScope) {
  const t = await scope.db.tenant.findUniqueOrThrow({ where: { id: scope.tenantId } });
  return { slug: t.slug, issuer: t.oidcIssuer, clientId: t.oidcClientId, hasSecret: !!t.oidcClientSecretCipher, providerId: `oidc-${t.slug}` };
}
