// The demo's sandbox Entra ID: Acme's people with the same emails as its Okta, so a role mapped to an Entra group
// reaches the Okta-synced person (matched by email); its certificate is trusted through the connection's CA only;
// wrong credentials store nothing; and a persisted demo keeps its certificate and memberships across restarts.

import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabase } from "../testing/db.ts";
import { acmeOkta, makeServices, syncedTenant } from "../testing/fixtures.ts";
import { createEntraConnector } from "../connectors/graph/index.ts";
import { LocalJobDriver } from "../jobs/local-driver.ts";
import { jobDefinitions } from "../jobs/registry.ts";
import { saveConnection } from "../domain/connections/save-connection.ts";
import { saveApp } from "../domain/catalog/save-app.ts";
import { saveRole } from "../domain/catalog/save-role.ts";
import { createGrant } from "../domain/grants/create-grant.ts";
import { startSync } from "../domain/sync/start-sync.ts";
import { runSync } from "../domain/sync/run-sync.ts";
import { buildAcmeDirectory, personaEmails } from "./acme-directory.ts";
import { ACME_ENTRA_GROUPS, buildAcmeEntraDirectory, graphStateFromJson, graphStateToJson } from "./acme-entra.ts";
import { startDemoGraph } from "./demo-graph.ts";

const db = await testDatabase();
const services = makeServices(db);
const driver = new LocalJobDriver(services, jobDefinitions);
const okta = await acmeOkta();
const dir = mkdtempSync(path.join(tmpdir(), "gatehouse-demo-graph-"));
const graph = await startDemoGraph({ port: 0, dir, persist: false });
afterAll(async () => {
  await graph.stop();
  rmSync(dir, { recursive: true, force: true });
});

const groupNamed = (name: string) => [...graph.state.groups.values()].find((g) => g.displayName === name)!;
const userByEmail = (email: string) => [...graph.state.users.values()].find((u) => u.mail === email)!;
const entraInput = (over: Record<string, unknown> = {}) => ({
  kind: "ENTRA" as const, name: "Acme Entra (sandbox)", tenantId: graph.tenantId, clientId: graph.clientId, clientSecret: graph.clientSecret,
  graphUrl: graph.url, authorityUrl: graph.url, ca: graph.ca, ...over,
});

let t: Awaited<ReturnType<typeof syncedTenant>>;
beforeAll(async () => {
  t = await syncedTenant(services, "acme-entra", okta);
});

describe("Acme's Entra directory", () => {
  it("has Okta's people by email, managers, and the demo groups with the dynamic one unchangeable", async () => {
    const oktaEmails = new Set([...buildAcmeDirectory().users.values()].map((u) => u.profile.email));
    const emails = [...graph.state.users.values()].map((u) => u.mail);
    expect(new Set(emails)).toEqual(oktaEmails);
    for (const email of Object.values(personaEmails)) expect(emails).toContain(email);
    const dana = userByEmail(personaEmails.employee);
    expect(dana.managerId).toBe(userByEmail(personaEmails.manager).id);
    expect([...graph.state.groups.values()].map((g) => g.displayName).sort()).toEqual(ACME_ENTRA_GROUPS.map((g) => g.name).sort());
    expect(graph.state.isMember(groupNamed("Power BI Pro").id, dana.id)).toBe(false);
    expect(graph.state.isMember(groupNamed("All Engineering").id, dana.id)).toBe(true);

    const connector = createEntraConnector(entraInput());
    const groups = (await connector.listGroups()).items;
    expect(groups.find((g) => g.name === "All Engineering")).toMatchObject({ managed: false, unmanagedReason: expect.stringMatching(/^Dynamic group/) });
    expect(groups.filter((g) => g.managed).map((g) => g.name).sort()).toEqual(["Azure DevOps Contributors", "Finance Team", "Power BI Pro"]);
  });

  it("is reached only when its certificate is trusted through the connection: without it TLS fails and nothing is saved", async () => {
    const before = await db.prisma.connection.count();
    await expect(saveConnection(t.scope, entraInput({ ca: undefined }))).rejects.toThrow(/Could not connect/);
    await expect(saveConnection(t.scope, entraInput({ clientSecret: "not-the-secret" }))).rejects.toThrow(/Could not connect: .*Invalid client secret/);
    expect(await db.prisma.connection.count()).toBe(before);
  });

  it("adds Dana, synced from Okta, to the Entra group a role maps to (matched by email)", async () => {
    const { connection } = await saveConnection(t.scope, entraInput());
    expect(connection.status).toBe("HEALTHY");
    const { run } = await startSync(t.scope, { connectionId: connection.id, trigger: "cli" });
    const done = await runSync(services, { tenantId: t.tenantId, syncRunId: run.id });
    expect(done).toMatchObject({ status: "SUCCEEDED", usersSeen: graph.state.users.size, groupsSeen: ACME_ENTRA_GROUPS.length });

    const group = await t.scope.tdb.group.findFirstOrThrow({ where: { connectionId: connection.id, name: "Power BI Pro" } });
    const danaOkta = await t.scope.tdb.person.findFirstOrThrow({ where: { connectionId: t.connectionId, email: personaEmails.employee } });
    const app = await saveApp(t.scope, { name: "Power BI" });
    const role = await saveRole(t.scope, { appId: app.id, name: "Pro user", groupIds: [group.id], steps: [{ kind: "AUTO" }] });
    const grant = await t.scope.tdb.$transaction((tx) => createGrant(tx, t.scope, { personId: danaOkta.id, roleId: role.id, source: "import", durationMinutes: null }, services.clock.now()));
    await driver.drain();

    const dana = userByEmail(personaEmails.employee);
    expect(graph.state.isMember(group.externalId, dana.id)).toBe(true);
    expect(await t.scope.tdb.grant.findUniqueOrThrow({ where: { id: grant.id } })).toMatchObject({ status: "ACTIVE" });
    // Someone with no account in Entra cannot be granted an Entra group.
    await t.scope.tdb.person.updateMany({ where: { connectionId: connection.id, email: personaEmails.manager }, data: { email: "someone.else@acme.example" } });
    const sam = await t.scope.tdb.person.findFirstOrThrow({ where: { connectionId: t.connectionId, email: personaEmails.manager } });
    await expect(t.scope.tdb.$transaction((tx) => createGrant(tx, t.scope, { personId: sam.id, roleId: role.id, source: "import", durationMinutes: null }, services.clock.now())))
      .rejects.toThrow(/has no account in the directory that holds Power BI Pro/);
  });
});

describe("a persisted demo", () => {
  it("keeps the certificate and the memberships across a restart", async () => {
    const keep = mkdtempSync(path.join(tmpdir(), "gatehouse-demo-graph-kept-"));
    try {
      const first = await startDemoGraph({ port: 0, dir: keep, persist: true });
      const group = [...first.state.groups.values()].find((g) => g.displayName === "Power BI Pro")!;
      const dana = [...first.state.users.values()].find((u) => u.mail === personaEmails.employee)!;
      await createEntraConnector({ tenantId: first.tenantId, clientId: first.clientId, clientSecret: first.clientSecret, graphUrl: first.url, authorityUrl: first.url, ca: first.ca })
        .addMember(group.id, dana.id);
      await first.stop();

      const second = await startDemoGraph({ port: 0, dir: keep, persist: true });
      try {
        expect(second.ca).toBe(first.ca);
        expect(second.state.isMember(group.id, dana.id)).toBe(true);
        // A connection saved with the first run's certificate still verifies the second run's server.
        const read = await createEntraConnector({ tenantId: second.tenantId, clientId: second.clientId, clientSecret: second.clientSecret, graphUrl: second.url, authorityUrl: second.url, ca: first.ca })
          .isMember(group.id, dana.id);
        expect(read.isMember).toBe(true);
      } finally {
        await second.stop();
      }
    } finally {
      rmSync(keep, { recursive: true, force: true });
    }
  });

  it("round-trips the tenant through JSON", () => {
    const state = buildAcmeEntraDirectory();
    const again = graphStateFromJson(graphStateToJson(state));
    expect(graphStateToJson(again)).toBe(graphStateToJson(state));
    expect(() => graphStateFromJson(JSON.stringify({ version: 2 }))).toThrow(/Unsupported/);
  });
});
