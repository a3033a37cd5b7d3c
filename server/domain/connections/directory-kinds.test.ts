// Entra ID, Google Workspace and SCIM 2.0 as connections, end to end against their sandboxes and a real
// database: credentials checked on save (bad ones refused, nothing stored), secrets sealed and never listed,
// a sync that stores what the directory lists, provisioning into Entra with a read-back, and tenancy.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabase } from "../../testing/db.ts";
import { callerAs, makeServices } from "../../testing/fixtures.ts";
import { defaultConnectorFactory, directoryFor } from "../../connectors/factory.ts";
import type { DirectoryConnector, Page } from "../../connectors/types.ts";
import { LocalJobDriver } from "../../jobs/local-driver.ts";
import { jobDefinitions } from "../../jobs/registry.ts";
import { unseal } from "../../lib/secrets.ts";
import { generateGraphDirectory, startGraphSandbox } from "../../sandbox/graph/index.ts";
import { generateGoogleDirectory, startGoogleSandbox } from "../../sandbox/google/index.ts";
import { generateScimDirectory, startScimSandbox } from "../../sandbox/scim/index.ts";
import { saveApp } from "../catalog/save-app.ts";
import { saveRole } from "../catalog/save-role.ts";
import { createGrant } from "../grants/create-grant.ts";
import { forTenant, type TenantScope } from "../services.ts";
import { startSync } from "../sync/start-sync.ts";
import { runSync } from "../sync/run-sync.ts";
import { scheduleSyncs, SYNC_INTERVAL_MS } from "../sync/schedule-syncs.ts";
import { storedMemberships } from "../sync/sync-test-kit.ts";
import { createTenant } from "../tenants/create-tenant.ts";
import { listConnections } from "./queries.ts";
import { saveConnection } from "./save-connection.ts";
import { testConnection } from "./test-connection.ts";

const db = await testDatabase();
const services = makeServices(db);
const driver = new LocalJobDriver(services, jobDefinitions);
const small = { users: 8, groups: 4, memberships: 10, seed: 7, deprovisionedRatio: 0 };
const graph = await startGraphSandbox({ state: generateGraphDirectory({ ...small, suspendedRatio: 0, onPremisesRatio: 0, dynamicRatio: 0 }) });
const unlicensed = await startGraphSandbox({ state: generateGraphDirectory({ ...small, premiumLicence: false }) });
const google = await startGoogleSandbox({ state: generateGoogleDirectory({ ...small, appGroupRatio: 0 }) });
const scim = await startScimSandbox({ state: generateScimDirectory({ ...small, suspendedRatio: 0 }) });
afterAll(() => Promise.all([graph.stop(), unlicensed.stop(), google.stop(), scim.stop()]));

const entraInput = (secret = graph.clientSecret, name = "Entra") => ({
  kind: "ENTRA" as const, name, tenantId: graph.tenantId, clientId: graph.clientId, clientSecret: secret,
  graphUrl: graph.url, authorityUrl: graph.url, ca: graph.ca,
});
const googleInput = (token = google.token) => ({
  kind: "GOOGLE" as const, name: "Google", adminEmail: "admin@example.com", authMode: "accessToken" as const, accessToken: token, rootUrl: google.url,
});
const scimInput = (token = scim.token) => ({ kind: "SCIM" as const, name: "SCIM", baseUrl: scim.url, token });
const cases = [
  { kind: "ENTRA", good: entraInput(), bad: entraInput("not-the-secret"), secret: { clientSecret: graph.clientSecret }, lastActivity: true },
  { kind: "GOOGLE", good: googleInput(), bad: googleInput("ya29.not-the-token"), secret: { accessToken: google.token }, lastActivity: true },
  { kind: "SCIM", good: scimInput(), bad: scimInput("not-the-token"), secret: { token: scim.token }, lastActivity: false },
] as const;

let scope: TenantScope;
let tenantId: string;
let other: TenantScope;
const ids: Record<string, string> = {};

beforeAll(async () => {
  const tenant = await createTenant(services, { type: "cli", label: "test" }, { slug: "dirs", name: "Dirs", adminEmail: "a@dirs.example" });
  tenantId = tenant.id;
  scope = forTenant(services, tenant.id, { type: "user", label: "a@dirs.example" });
  const second = await createTenant(services, { type: "cli", label: "test" }, { slug: "other", name: "Other", adminEmail: "a@other.example" });
  other = forTenant(services, second.id, { type: "user", label: "a@other.example" });
});

const rows = () => db.prisma.connection.count();

/** Everything the directory lists, read through its connector: the oracle a sync must match. */
async function listed(connector: DirectoryConnector) {
  const all = async <T>(page: (cursor: string | null) => Promise<Page<T>>) => {
    const out: T[] = [];
    let cursor: string | null = null;
    do {
      const p = await page(cursor);
      out.push(...p.items);
      cursor = p.next;
    } while (cursor);
    return out;
  };
  const users = new Set((await all((c) => connector.listUsers(c))).map((u) => u.externalId));
  const groups = await all((c) => connector.listGroups(c));
  const memberships = new Set<string>();
  for (const g of groups) {
    for (const uid of await all((c) => connector.listGroupMembers(g.externalId, c))) if (users.has(uid)) memberships.add(`${g.externalId}|${uid}`);
  }
  return { users, groups: new Set(groups.map((g) => g.externalId)), memberships };
}

async function syncConnection(connectionId: string) {
  const { run } = await startSync(scope, { connectionId, trigger: "manual" });
  return runSync(services, { tenantId, syncRunId: run.id });
}

describe.each(cases)("$kind connection", ({ kind, good, bad, secret, lastActivity }) => {
  it("refuses bad credentials with the vendor's reason and stores nothing", async () => {
    const before = await rows();
    await expect(saveConnection(scope, bad)).rejects.toThrow(/^Could not connect: \S/);
    expect(await rows()).toBe(before);
  });

  it("stores good credentials sealed, never lists them, and records what the directory can do", async () => {
    const { connection, detail } = await saveConnection(scope, good);
    ids[kind] = connection.id;
    expect(connection).toMatchObject({ kind, status: "HEALTHY" });
    expect(detail).toBeTruthy();
    const stored = await db.prisma.connection.findUniqueOrThrow({ where: { id: connection.id } });
    expect(JSON.parse(unseal({ cipher: stored.secretCipher, keyId: stored.secretKeyId }))).toEqual(secret);
    const shown = JSON.stringify(await listConnections(scope)) + JSON.stringify(await db.prisma.auditEvent.findMany({ where: { subjectId: connection.id } }));
    for (const value of Object.values(secret)) expect(shown).not.toContain(value);
    expect(shown).not.toContain(stored.secretCipher);
    expect((stored.config as { capabilities?: object }).capabilities).toMatchObject({ sync: true, provision: true, suspend: true, lastActivity });
    expect(await testConnection(scope, { connectionId: connection.id })).toMatchObject({ ok: true });
  });

  it("syncs people, groups and memberships exactly as the directory lists them", async () => {
    const run = await syncConnection(ids[kind]!);
    expect(run).toMatchObject({ status: "SUCCEEDED", error: null });
    const connection = await db.prisma.connection.findUniqueOrThrow({ where: { id: ids[kind]! } });
    const expected = await listed(directoryFor(defaultConnectorFactory, connection));
    expect(expected.users.size).toBeGreaterThan(0);
    expect(expected.memberships.size).toBeGreaterThan(0);
    const people = await db.prisma.person.findMany({ where: { tenantId, connectionId: connection.id } });
    const groups = await db.prisma.group.findMany({ where: { tenantId, connectionId: connection.id } });
    expect(new Set(people.map((p) => p.externalId))).toEqual(expected.users);
    expect(new Set(groups.map((g) => g.externalId))).toEqual(expected.groups);
    const stored = [...(await storedMemberships(db.prisma, tenantId))].filter((k) => expected.groups.has(k.split("|")[0]!));
    expect(new Set(stored)).toEqual(expected.memberships);
  });

  it("refuses another tenant's connection id everywhere", async () => {
    const id = ids[kind]!;
    await expect(startSync(other, { connectionId: id, trigger: "manual" })).rejects.toThrow(/not found/i);
    await expect(testConnection(other, { connectionId: id })).rejects.toThrow(/not found/i);
    await expect(saveConnection(other, { ...good, connectionId: id })).rejects.toThrow(/not found/i);
    expect(await db.prisma.connection.findUniqueOrThrow({ where: { id } })).toMatchObject({ tenantId });
  });
});

describe("rotation and form rules", () => {
  it("keeps the old SCIM token when a new one fails, and swaps it when the new one verifies", async () => {
    const before = await db.prisma.connection.findUniqueOrThrow({ where: { id: ids.SCIM! } });
    await expect(saveConnection(scope, { ...scimInput("stale"), connectionId: ids.SCIM })).rejects.toThrow(/Could not connect/);
    expect((await db.prisma.connection.findUniqueOrThrow({ where: { id: ids.SCIM! } })).secretCipher).toBe(before.secretCipher);
    await saveConnection(scope, { ...scimInput(), connectionId: ids.SCIM });
    expect((await db.prisma.connection.findUniqueOrThrow({ where: { id: ids.SCIM! } })).secretCipher).not.toBe(before.secretCipher);
  });

  it("allows several connections of a kind, unique by name", async () => {
    const { connection } = await saveConnection(scope, entraInput(graph.clientSecret, "Entra (second tenant)"));
    expect(connection.id).not.toBe(ids.ENTRA);
    await expect(saveConnection(scope, entraInput())).rejects.toThrow(/An Entra ID connection named Entra already exists/);
  });

  it("says when Entra cannot give last sign-in for lack of a licence", async () => {
    const { connection } = await saveConnection(scope, {
      kind: "ENTRA", name: "Entra (no P1)", tenantId: unlicensed.tenantId, clientId: unlicensed.clientId, clientSecret: unlicensed.clientSecret,
      graphUrl: unlicensed.url, authorityUrl: unlicensed.url, ca: unlicensed.ca,
    });
    expect(connection.config).toMatchObject({ capabilities: { sync: true, lastActivity: false, lastActivityNote: expect.stringMatching(/licence/) } });
  });

  it("refuses a Google access token outside a local sandbox and a key file that is not a service account key", async () => {
    await expect(saveConnection(scope, { ...googleInput(), rootUrl: undefined })).rejects.toThrow(/only accepted for a local sandbox/);
    await expect(saveConnection(scope, {
      kind: "GOOGLE", name: "G", adminEmail: "admin@example.com", authMode: "serviceAccount", serviceAccountKey: '{"type":"authorized_user"}',
    })).rejects.toThrow(/service account's JSON key/);
  });
});

describe("through the API", () => {
  it("saves a SCIM connection from the form's values (read-only groups one a line) and lists it without its token", async () => {
    const user = await db.prisma.user.findFirstOrThrow({ where: { email: "a@dirs.example" } });
    const admin = callerAs(services, { id: user.id, email: user.email, name: "Admin" }, "dirs");
    const { connection } = await admin.connections.save({ kind: "SCIM", name: "SCIM (API)", baseUrl: `${scim.url}/`, token: scim.token, readOnlyGroups: "Engineering\n Sales ,Ops" });
    expect(connection.config).toMatchObject({ baseUrl: scim.url, readOnlyGroups: ["Engineering", "Sales", "Ops"] });
    const listed = JSON.stringify(await admin.connections.list());
    expect(listed).toContain("SCIM (API)");
    expect(listed).not.toContain(scim.token);
    const refused = await admin.connections.save({ kind: "ENTRA", name: "E", tenantId: "x", clientId: "nope", clientSecret: "" }).catch((e: Error) => e);
    expect(String(refused)).toMatch(/Client \(application\) ID is a GUID/);
  });
});

describe("provisioning into Entra", () => {
  it("adds a synced person to the Entra group a catalog role maps to, confirmed by a read-back", async () => {
    const connectionId = ids.ENTRA!;
    const group = await scope.tdb.group.findFirstOrThrow({ where: { connectionId, managed: true, removedAt: null }, orderBy: { name: "asc" } });
    const members = new Set((await scope.tdb.membership.findMany({ where: { groupId: group.id } })).map((m) => m.personId));
    const person = (await scope.tdb.person.findMany({ where: { connectionId, status: "ACTIVE" }, orderBy: { login: "asc" } })).find((p) => !members.has(p.id))!;
    expect(person).toBeDefined();
    expect(graph.state.isMember(group.externalId, person.externalId)).toBe(false);

    const app = await saveApp(scope, { name: "Figma" });
    const role = await saveRole(scope, { appId: app.id, name: "Editor", groupIds: [group.id], steps: [{ kind: "AUTO" }] });
    const grant = await scope.tdb.$transaction((tx) => createGrant(tx, scope, { personId: person.id, roleId: role.id, source: "import", durationMinutes: null }, services.clock.now()));
    await driver.drain();

    expect(graph.state.isMember(group.externalId, person.externalId)).toBe(true);
    expect(await scope.tdb.grant.findUniqueOrThrow({ where: { id: grant.id } })).toMatchObject({ status: "ACTIVE" });
    const action = await scope.tdb.identityAction.findFirstOrThrow({ where: { grantId: grant.id } });
    expect(action).toMatchObject({ status: "SUCCEEDED", readBack: expect.objectContaining({ isMember: true }) });
    expect(graph.calls["POST /v1.0/groups/{id}/members/$ref"]).toBe(1);
  });
});

describe("scheduled syncs", () => {
  it("the hourly sweep syncs every directory kind, not just Okta", async () => {
    services.clock.advance(SYNC_INTERVAL_MS + 60_000);
    // Runs are stamped by the database's clock, not the test's: age the earlier ones so all are due.
    await db.prisma.syncRun.updateMany({ where: { tenantId }, data: { createdAt: new Date(services.clock.now().getTime() - 2 * SYNC_INTERVAL_MS) } });
    const directories = await db.prisma.connection.findMany({ where: { tenantId, enabled: true }, select: { id: true, kind: true } });
    expect(new Set(directories.map((c) => c.kind))).toEqual(new Set(["ENTRA", "GOOGLE", "SCIM"]));
    const { started } = await scheduleSyncs(services);
    expect(started).toBe(directories.length);
    const queued = await db.prisma.syncRun.findMany({ where: { tenantId, trigger: "schedule" }, select: { connectionId: true } });
    expect(new Set(queued.map((r) => r.connectionId))).toEqual(new Set(directories.map((c) => c.id)));
  });
});
