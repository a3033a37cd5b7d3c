import { InngestTestEngine } from "@inngest/test";
import { beforeAll, describe, expect, it } from "vitest";
import { testDatabase } from "../server/testing/db.ts";
import { acmeOkta, makeServices, syncedTenant } from "../server/testing/fixtures.ts";
import { inngestFunctions, toInngestFunction } from "./functions.ts";
import { expireGrantsJob, jobDefinitions, provisionGrantJob, syncDirectoryJob } from "../server/jobs/registry.ts";
import { JOB_CANCELLED_EVENT } from "./queue.ts";
import { saveApp } from "../server/domain/catalog/save-app.ts";
import { saveRole } from "../server/domain/catalog/save-role.ts";
import { requestAccess } from "../server/domain/requests/request-access.ts";
import { decideApproval } from "../server/domain/requests/decide-approval.ts";
import { startSync } from "../server/domain/sync/start-sync.ts";

// The Inngest wrappers run the same job definitions as the local driver; here through @inngest/test,
// against the real domain, database and sandbox Okta (a new engine per test: step mocks are cached per engine).

const db = await testDatabase();
const services = makeServices(db);
const okta = await acmeOkta();
let t: Awaited<ReturnType<typeof syncedTenant>>;

beforeAll(async () => {
  t = await syncedTenant(services, "inngest", okta);
});

describe("Inngest functions", () => {
  it("wraps every job definition, crons as crons and events by name", () => {
    const fns = inngestFunctions(async () => services);
    expect(fns).toHaveLength(jobDefinitions.length);
    const ids = fns.map((f) => f.id("gatehouse"));
    expect(ids).toContain("gatehouse-grant-provision");
    expect(ids).toContain("gatehouse-grants-reconcile");
  });

  it("provisions a grant through the wrapped definition", async () => {
    const person = await t.scope.tdb.person.findFirstOrThrow({ where: { login: { startsWith: "dana.lee" } } });
    const sam = await t.scope.tdb.person.findFirstOrThrow({ where: { login: { startsWith: "sam.rivera" } } });
    const group = await t.scope.tdb.group.findFirstOrThrow({ where: { name: "figma-editors" } });
    const app = await saveApp(t.scope, { name: "Figma" });
    const role = await saveRole(t.scope, { appId: app.id, name: "Editor", groupIds: [group.id], steps: [{ kind: "MANAGER" }] });
    const request = await requestAccess(t.scope, { roleId: role.id, requesterPersonId: person.id, reason: "Design reviews for Q4", source: "web" });
    await decideApproval(t.scope, { requestId: request.id, deciderPersonId: sam.id, decision: "APPROVE", channel: "web" });
    const grant = await db.prisma.grant.findUniqueOrThrow({ where: { requestId: request.id } });

    const engine = new InngestTestEngine({ function: toInngestFunction(provisionGrantJob, async () => services) });
    const { result, ctx } = await engine.execute({ events: [{ name: "gatehouse/grant.provision", data: { tenantId: t.tenantId, grantId: grant.id } }] });
    expect(result).toEqual({ ok: true });
    expect(ctx.step.run).toHaveBeenCalledWith("run", expect.any(Function));
    expect((await db.prisma.grant.findUniqueOrThrow({ where: { id: grant.id } })).status).toBe("ACTIVE");
    expect(okta.state.isMember(group.externalId, person.externalId)).toBe(true);
  });

  it("refuses a malformed event payload before touching anything", async () => {
    const engine = new InngestTestEngine({ function: toInngestFunction(syncDirectoryJob, async () => services) });
    const { error } = await engine.execute({ events: [{ name: "gatehouse/directory.sync", data: { tenantId: 42 } }] });
    expect(String((error as Error)?.message ?? error)).toMatch(/tenantId|syncRunId|expected/i);
  });

  it("runs a directory sync queued by startSync", async () => {
    const { run } = await startSync(t.scope, { connectionId: t.connectionId, trigger: "manual" });
    const engine = new InngestTestEngine({ function: toInngestFunction(syncDirectoryJob, async () => services) });
    await engine.execute({ events: [{ name: "gatehouse/directory.sync", data: { tenantId: t.tenantId, syncRunId: run.id } }] });
    const done = await db.prisma.syncRun.findUniqueOrThrow({ where: { id: run.id } });
    expect(done.status).toBe("SUCCEEDED");
    expect(done.created + done.updated + done.removed).toBe(0);
  });

  it("an expiry timer sleeps until the grant's expiry (mocked by step id), then removes it; it is cancelled by its key (cancelOn)", async () => {
    const fn = toInngestFunction(expireGrantsJob, async () => services);
    expect(fn.opts.cancelOn).toEqual([{ event: JOB_CANCELLED_EVENT, if: "async.data.key == event.data._key", timeout: "400d" }]);

    const person = await t.scope.tdb.person.findFirstOrThrow({ where: { login: { startsWith: "ava.nguyen" } } });
    const sam = await t.scope.tdb.person.findFirstOrThrow({ where: { login: { startsWith: "sam.rivera" } } });
    const group = await t.scope.tdb.group.findFirstOrThrow({ where: { name: "hubspot-users" } });
    const app = await saveApp(t.scope, { name: "HubSpot" });
    const role = await saveRole(t.scope, { appId: app.id, name: "User", groupIds: [group.id], steps: [{ kind: "MANAGER" }] });
    const request = await requestAccess(t.scope, { roleId: role.id, requesterPersonId: person.id, reason: "Pipeline review this week", durationMinutes: 60, source: "web" });
    await decideApproval(t.scope, { requestId: request.id, deciderPersonId: sam.id, decision: "APPROVE", channel: "web" });
    const pending = await db.prisma.grant.findUniqueOrThrow({ where: { requestId: request.id } });
    await new InngestTestEngine({ function: toInngestFunction(provisionGrantJob, async () => services) })
      .execute({ events: [{ name: "gatehouse/grant.provision", data: { tenantId: t.tenantId, grantId: pending.id } }] });
    const grant = await db.prisma.grant.findUniqueOrThrow({ where: { id: pending.id } });
    const timer = await db.prisma.job.findFirstOrThrow({ where: { name: "grant.expire", payload: { equals: { tenantId: t.tenantId, grantId: grant.id } } } });

    // The event the Inngest queue sends for that timer: the payload plus its key and run time.
    const data = { tenantId: t.tenantId, grantId: grant.id, _key: timer.idempotencyKey, _runAt: grant.expiresAt!.toISOString() };
    services.clock.advance(60 * 60_000); // what the sleep stands for
    const engine = new InngestTestEngine({ function: fn, steps: [{ id: "wait-until-due", handler() {} }] });
    const { result, ctx } = await engine.execute({ events: [{ name: "gatehouse/grant.expire", data }] });
    expect(result).toEqual({ ok: true });
    expect(ctx.step.sleepUntil).toHaveBeenCalledWith("wait-until-due", grant.expiresAt!.toISOString());
    expect((await db.prisma.grant.findUniqueOrThrow({ where: { id: grant.id } })).status).toBe("ENDED");
    expect(okta.state.isMember(group.externalId, person.externalId)).toBe(false);
  });
});
