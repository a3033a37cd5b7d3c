// `gatehouse connect entra|google|scim`: the same saveConnection as the Connections page, against the sandbox
// Graph, Google and SCIM servers. Secrets come from an environment variable or stdin (a child process, as an
// operator pipes them), are checked before anything is stored, and are never printed.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateGraphDirectory, startGraphSandbox, type GraphSandbox } from "../sandbox/graph/index.ts";
import { generateGoogleDirectory, startGoogleSandbox, type GoogleSandbox } from "../sandbox/google/index.ts";
import { generateScimDirectory, startScimSandbox, type ScimSandbox } from "../sandbox/scim/index.ts";
import { runCliChild, SPAWN_TIMEOUT_MS } from "./cli-child.ts";
import { cliInProcess, cliTestWorld, withCliDb as withDb } from "./cli-test-world.ts";

const world = cliTestWorld("connect-dirs");
const small = { users: 6, groups: 3, memberships: 8, seed: 11, deprovisionedRatio: 0 };
let graph: GraphSandbox;
let google: GoogleSandbox;
let scim: ScimSandbox;
let tmp: string;
let caFile: string;

beforeAll(async () => {
  [graph, google, scim] = await Promise.all([
    startGraphSandbox({ state: generateGraphDirectory({ ...small, suspendedRatio: 0 }) }),
    startGoogleSandbox({ state: generateGoogleDirectory(small) }),
    startScimSandbox({ state: generateScimDirectory(small) }),
  ]);
  tmp = await mkdtemp(path.join(os.tmpdir(), "gatehouse-connect-"));
  caFile = path.join(tmp, "graph-ca.pem");
  await writeFile(caFile, graph.ca);
});
afterAll(async () => {
  await Promise.all([graph?.stop(), google?.stop(), scim?.stop()]);
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

/** In this process, with secrets in the environment for the duration of the command. */
async function cli(args: string[], env: Record<string, string> = {}) {
  Object.assign(process.env, env);
  try {
    return await cliInProcess(args);
  } finally {
    for (const k of Object.keys(env)) delete process.env[k];
  }
}
/** A child process reading a secret from stdin. */
const child = (args: string[], input: string) =>
  runCliChild(args, { env: { GATEHOUSE_DATA_DIR: world.dataDir, DATABASE_URL: world.databaseUrl }, input });
const connections = (kind: string) => withDb((db) => db.connection.findMany({ where: { kind: kind as never, tenant: { slug: "acme" } }, orderBy: { createdAt: "asc" } }));

describe("gatehouse connect for Entra ID, Google Workspace and SCIM 2.0", { timeout: 3 * SPAWN_TIMEOUT_MS }, () => {
  it("connect entra checks the client secret against Graph, saves it sealed, and never prints it", async () => {
    const r = await cli([
      "connect", "entra", "--tenant", "acme", "--entra-tenant-id", graph.tenantId, "--client-id", graph.clientId, "--client-secret-env", "ENTRA_SECRET",
      "--graph-url", graph.url, "--authority-url", graph.url, "--ca-file", caFile, "--json",
    ], { ENTRA_SECRET: graph.clientSecret });
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.connection).toMatchObject({ kind: "ENTRA", name: "Entra ID", status: "HEALTHY", config: { tenantId: graph.tenantId, clientId: graph.clientId, capabilities: { sync: true, suspend: true, lastActivity: true } } });
    expect(out.detail).toMatch(/Connected to Entra tenant/);
    expect(r.stderr).toContain(`Checking the Entra ID credentials against Entra tenant ${graph.tenantId}`);
    expect(r.stdout + r.stderr).not.toContain(graph.clientSecret);
    const [saved] = await connections("ENTRA");
    expect(saved!.secretCipher).not.toContain(graph.clientSecret);
  });

  it("a wrong Entra secret read from stdin exits 1 with Graph's reason, and nothing is stored", async () => {
    const r = await child([
      "connect", "entra", "--tenant", "acme", "--entra-tenant-id", graph.tenantId, "--client-id", graph.clientId, "--client-secret", "-",
      "--graph-url", graph.url, "--authority-url", graph.url, "--ca-file", caFile, "--name", "Entra (second)",
    ], "not-the-secret\n");
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^Error: Could not connect: \S/m);
    expect(r.stderr).not.toContain("not-the-secret");
    expect((await connections("ENTRA")).map((c) => c.name)).toEqual(["Entra ID"]);
  });

  it("connect scim reads the bearer token from stdin, keeps the read-only groups, and the sync command syncs it", async () => {
    const r = await child(["connect", "scim", "--tenant", "acme", "--base-url", scim.url, "--token", "-", "--read-only-groups", "Engineering, Sales", "--json"], `${scim.token}\n`);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).connection).toMatchObject({ kind: "SCIM", name: "SCIM", status: "HEALTHY", config: { baseUrl: scim.url, readOnlyGroups: ["Engineering", "Sales"] } });
    expect(r.stdout + r.stderr).not.toContain(scim.token);
    const synced = await cli(["sync", "--tenant", "acme", "--connection", "SCIM", "--json"]);
    expect(synced.code, synced.stderr).toBe(0);
    expect(JSON.parse(synced.stdout).syncRun).toMatchObject({ status: "SUCCEEDED", usersSeen: scim.state.users.size, groupsSeen: scim.state.groups.size });
  });

  it("a refused SCIM token exits 1; the same name again needs --update, which swaps the token only once the new one works", async () => {
    const bad = await cli(["connect", "scim", "--tenant", "acme", "--base-url", scim.url, "--token-env", "SCIM_TOKEN", "--name", "SCIM (bad)"], { SCIM_TOKEN: "not-the-token" });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain("Error: Could not connect: The SCIM server at");
    expect(bad.stderr).toContain("rejected the bearer token");
    const dup = await cli(["connect", "scim", "--tenant", "acme", "--base-url", scim.url, "--token-env", "SCIM_TOKEN"], { SCIM_TOKEN: scim.token });
    expect(dup.code).toBe(1);
    expect(dup.stderr).toMatch(/A SCIM connection named SCIM already exists in tenant acme; pass --update/);
    const [before] = await connections("SCIM");
    const stale = await cli(["connect", "scim", "--tenant", "acme", "--base-url", scim.url, "--token-env", "SCIM_TOKEN", "--update"], { SCIM_TOKEN: "stale-token" });
    expect(stale.code).toBe(1);
    expect((await connections("SCIM")).map((c) => c.secretCipher)).toEqual([before!.secretCipher]);
    const updated = await cli(["connect", "scim", "--tenant", "acme", "--base-url", scim.url, "--token-env", "SCIM_TOKEN", "--update"], { SCIM_TOKEN: scim.token });
    expect(updated.code, updated.stderr).toBe(0);
    expect(updated.stdout).toContain(`Updated SCIM 2.0 connection "SCIM" (${before!.id}) for tenant acme.`);
    const after = await connections("SCIM");
    expect(after.map((c) => c.id)).toEqual([before!.id]);
    expect(after[0]!.secretCipher).not.toBe(before!.secretCipher);
  });

  it("connect google with a sandbox access token saves it, with its unmanaged groups", async () => {
    const r = await cli([
      "connect", "google", "--tenant", "acme", "--admin-email", "admin@example.com", "--access-token-env", "GOOGLE_TOKEN", "--root-url", google.url,
      "--unmanaged-groups", "dynamic@example.com", "--json",
    ], { GOOGLE_TOKEN: google.token });
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).connection).toMatchObject({ kind: "GOOGLE", name: "Google Workspace", status: "HEALTHY", config: { adminEmail: "admin@example.com", unmanagedGroups: ["dynamic@example.com"] } });
    expect(r.stdout + r.stderr).not.toContain(google.token);
    const bad = await cli(["connect", "google", "--tenant", "acme", "--admin-email", "admin@example.com", "--access-token-env", "GOOGLE_TOKEN", "--root-url", google.url, "--name", "G2"], { GOOGLE_TOKEN: "ya29.wrong" });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/^Error: Could not connect: \S/m);
    expect((await connections("GOOGLE")).map((c) => c.name)).toEqual(["Google Workspace"]);
  });

  it("wrong command lines exit 2 with the flag at fault, before anything is checked or stored", async () => {
    const keyFile = path.join(tmp, "not-a-service-account.json");
    await writeFile(keyFile, '{"type":"authorized_user"}');
    const cases: [string[], Record<string, string>, RegExp][] = [
      [["connect", "scim", "--tenant", "acme", "--base-url", "http://scim.example.com/scim/v2", "--token-env", "T"], { T: "x" }, /--base-url: SCIM base URL must use https/],
      [["connect", "scim", "--tenant", "acme", "--base-url", scim.url], {}, /give the SCIM bearer token/],
      [["connect", "scim", "--tenant", "acme", "--base-url", scim.url, "--token-env", "T"], {}, /environment variable T \(--token-env\) is not set or empty/],
      [["connect", "entra", "--tenant", "acme", "--entra-tenant-id", graph.tenantId, "--client-id", "not-a-guid", "--client-secret-env", "T"], { T: "x" }, /--client-id: Client \(application\) ID is a GUID/],
      [["connect", "entra", "--tenant", "acme", "--entra-tenant-id", "nope", "--client-id", graph.clientId, "--client-secret-env", "T"], { T: "x" }, /--entra-tenant-id: Tenant ID is a GUID/],
      [["connect", "entra", "--tenant", "acme", "--entra-tenant-id", graph.tenantId, "--client-id", graph.clientId, "--client-secret-env", "T", "--client-secret", "x"], { T: "x" }, /give the app's client secret/],
      [["connect", "google", "--tenant", "acme", "--admin-email", "admin@example.com", "--key-file", keyFile], {}, /--key-file: Paste the service account's JSON key file/],
      [["connect", "google", "--tenant", "acme", "--admin-email", "admin@example.com", "--access-token-env", "T"], { T: "ya29.x" }, /--access-token: An access token is only accepted for a local sandbox/],
      [["connect", "google", "--tenant", "acme", "--admin-email", "admin@example.com"], {}, /choose one way to authenticate to Google Workspace/],
    ];
    const before = await withDb((db) => db.connection.count());
    for (const [args, env, message] of cases) {
      const r = await cli(args, env);
      expect(r.code, args.join(" ")).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
    expect(await withDb((db) => db.connection.count())).toBe(before);
  });

  it("--update never reaches another tenant's connection; an unknown tenant is refused", async () => {
    expect((await cli(["tenant", "create", "--slug", "globex", "--name", "Globex", "--admin-email", "it@globex.example"])).code).toBe(0);
    const [acmeScim] = await connections("SCIM");
    const r = await cli(["connect", "scim", "--tenant", "globex", "--base-url", scim.url, "--token-env", "T", "--update"], { T: scim.token });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("Connection SCIM not found in tenant globex");
    const byId = await cli(["connect", "scim", "--tenant", "globex", "--base-url", scim.url, "--token-env", "T", "--update", "--name", acmeScim!.id], { T: scim.token });
    expect(byId.code).toBe(1);
    expect(byId.stderr).toContain(`Connection ${acmeScim!.id} not found in tenant globex`);
    expect(await withDb((db) => db.connection.count({ where: { tenant: { slug: "globex" } } }))).toBe(0);
    expect((await connections("SCIM"))[0]!.secretCipher).toBe(acmeScim!.secretCipher);
    const nobody = await cli(["connect", "scim", "--tenant", "nobody", "--base-url", scim.url, "--token-env", "T"], { T: scim.token });
    expect(nobody.code).toBe(1);
    expect(nobody.stderr).toContain("Tenant nobody not found");
  });
});
