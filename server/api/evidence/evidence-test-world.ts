import { expect } from "vitest";
import { requestLoopWorld } from "../../testing/request-loop-world.ts";
import { syncedTenant } from "../../testing/fixtures.ts";
import { saveApp } from "../../domain/catalog/save-app.ts";
import { saveRole } from "../../domain/catalog/save-role.ts";
import { requestAccess } from "../../domain/requests/request-access.ts";
import { decideApproval } from "../../domain/requests/decide-approval.ts";
import { createApiToken } from "../../domain/api-tokens/create-api-token.ts";
import type { TenantScope } from "../../domain/services.ts";
import type { Db } from "../../db/client.ts";
import { handleEvidenceRequest } from "./evidence-http.ts";

/** The instant the world's rows are spread from (hours apart, three rows per hour so ties are paged by id). */
export const BASE = new Date("2026-06-01T00:00:00Z");
export const hoursAfterBase = (h: number) => new Date(BASE.getTime() + h * 3_600_000);

/**
 * Acme (tenant A) with `count` access requests (one with a manager's decision, the rest auto-approved and
 * provisioned in the sandbox Okta) and their grants, created hours apart from BASE; Beta (tenant B) with one
 * request of its own; an evidence token for each. `call` invokes the route handler with a real Request.
 */
export async function evidenceWorld(count = 10) {
  const w = await requestLoopWorld();
  const { t, services, driver, okta, p, g } = w;
  const people = await t.scope.tdb.person.findMany({ where: { status: "ACTIVE", NOT: { login: { startsWith: "dana.lee" } } }, orderBy: { login: "asc" } });
  const auto = await autoRole(t.scope, "datadog-users");
  const app = await saveApp(t.scope, { name: "Figma", ownerPersonIds: [p["priya.shah"]!.id] });
  const managed = await saveRole(t.scope, { appId: app.id, name: "Editor", groupIds: [g["figma-editors"]!.id], steps: [{ kind: "MANAGER" }] });

  const decided = await requestAccess(t.scope, { roleId: managed.id, requesterPersonId: p["dana.lee"]!.id, reason: "Design reviews for the Q4 launch", durationMinutes: 60, source: "web" });
  await decideApproval(t.scope, { requestId: decided.id, deciderPersonId: p["sam.rivera"]!.id, decision: "APPROVE", comment: 'ok, "approved" for Q4', channel: "slack" });
  for (const person of people.slice(0, count - 1)) {
    await requestAccess(t.scope, { roleId: auto.id, requesterPersonId: person.id, reason: `Dashboards for ${person.login}`, source: "web" });
  }
  await driver.drain();
  await spreadCreatedAt(t.tenantId, services.db);

  const beta = await syncedTenant(services, "beta", okta, { admin: "noah.patel@acme.example", auditor: "ethan.brooks@acme.example", employee: "ava.nguyen@acme.example" });
  const betaRole = await autoRole(beta.scope, "datadog-users");
  const betaPerson = await beta.scope.tdb.person.findFirstOrThrow({ where: { login: { startsWith: "ava.nguyen" } } });
  const betaRequest = await requestAccess(beta.scope, { roleId: betaRole.id, requesterPersonId: betaPerson.id, reason: "Beta dashboards for on-call", source: "web" });
  await services.db.accessRequest.update({ where: { id: betaRequest.id }, data: { createdAt: hoursAfterBase(1) } });

  const tokenA = await createApiToken(t.scope, { name: "Vanta" });
  const tokenB = await createApiToken(beta.scope, { name: "Beta GRC" });

  async function call(path: string, token: string | null, headers: Record<string, string> = {}, options?: { csvPageSize?: number }) {
    const url = new URL(`http://gatehouse.test/api/v1/evidence/${path}`);
    const kind = url.pathname.split("/").pop()!;
    const request = new Request(url, { headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers } });
    return handleEvidenceRequest(services, request, kind, options);
  }
  return { ...w, auto, managed, decided, people, beta, betaRequestId: betaRequest.id, tokenA, tokenB, call, autoRole };
}

async function autoRole(scope: TenantScope, group: string) {
  const app = await saveApp(scope, { name: "Datadog", ownerPersonIds: [] });
  const grp = await scope.tdb.group.findFirstOrThrow({ where: { name: group } });
  return saveRole(scope, { appId: app.id, name: "Viewer", groupIds: [grp.id], steps: [{ kind: "AUTO" }] });
}

/** Request i (in creation order) and its grant are dated BASE + floor(i/3) hours: fixed, with ties. */
async function spreadCreatedAt(tenantId: string, db: Db) {
  const requests = await db.accessRequest.findMany({ where: { tenantId }, orderBy: [{ createdAt: "asc" }, { id: "asc" }], include: { grant: true } });
  for (const [i, r] of requests.entries()) {
    const at = hoursAfterBase(Math.floor(i / 3));
    await db.accessRequest.update({ where: { id: r.id }, data: { createdAt: at } });
    if (r.grant) await db.grant.update({ where: { id: r.grant.id }, data: { createdAt: at } });
  }
  expect(requests.length).toBeGreaterThan(3);
}

/** Every page of a JSON listing, following nextCursor; `between` runs after each page. */
export async function allPages(call: (cursor: string | null) => Promise<Response>, between?: (page: number) => Promise<void>) {
  const ids: string[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < 100; page++) {
    const res = await call(cursor);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { data: { id: string }[]; nextCursor: string | null; apiVersion: string };
    expect(body.apiVersion).toBe("v1");
    ids.push(...body.data.map((r) => r.id));
    if (!body.nextCursor) return ids;
    cursor = body.nextCursor;
    await between?.(page);
  }
  throw new Error("paging did not end");
}
