import type { TenantScope } from "../services.ts";

/** The tenant's tokens, live first then newest: never the secret, never the hash. */
export async function listApiTokens(scope: TenantScope) {
  const rows = await scope.tdb.apiToken.findMany({
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: {
      id: true, name: true, prefix: true, scopes: true, createdBy: true, createdAt: true,
      lastUsedAt: true, lastUsedIp: true, useCount: true, revokedAt: true, revokedBy: true,
    },
  });
  const view = rows.map((t) => ({ ...t, status: t.revokedAt ? ("REVOKED" as const) : ("ACTIVE" as const) }));
  return [...view.filter((t) => t.status === "ACTIVE"), ...view.filter((t) => t.status === "REVOKED")];
}
export type ApiTokenView = Awaited<ReturnType<typeof listApiTokens>>[number];
