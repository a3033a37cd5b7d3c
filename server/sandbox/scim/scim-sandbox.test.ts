// The sandbox SCIM server over raw HTTP: what a client that gets the protocol wrong sees (protocols.md §4, §9).

import { afterAll, describe, expect, it } from "vitest";
import { ENTERPRISE_USER, ERROR_SCHEMA, LIST_RESPONSE, PATCH_OP, READ_ONLY_GROUP_EXTENSION, generateScimDirectory, startScimSandbox } from "./index.ts";

const sb = await startScimSandbox({ maxResults: 50 });
afterAll(() => sb.stop());

const auth = { Authorization: `Bearer ${sb.token}` };
const json = { ...auth, "Content-Type": "application/scim+json" };
const get = (path: string, headers: Record<string, string> = auth) => fetch(`${sb.url}${path}`, { headers });
const send = (method: string, path: string, body: unknown, headers: Record<string, string> = json) =>
  fetch(`${sb.url}${path}`, { method, headers, body: JSON.stringify(body) });
const patch = (path: string, Operations: unknown[]) => send("PATCH", path, { schemas: [PATCH_OP], Operations });
type List = { schemas: string[]; totalResults: number; startIndex: number; itemsPerPage: number; Resources: Record<string, unknown>[] };
const list = async (path: string) => (await (await get(path)).json()) as List;
const q = (filter: string) => encodeURIComponent(filter);

async function expectScimError(r: Response, status: number, scimType?: string) {
  expect(r.status).toBe(status);
  expect(r.headers.get("content-type")).toMatch(/^application\/scim\+json/);
  const body = (await r.json()) as Record<string, unknown>;
  expect(body).toMatchObject({ schemas: [ERROR_SCHEMA], status: String(status), detail: expect.any(String) });
  if (scimType) expect(body.scimType).toBe(scimType);
  return body;
}

const ada = sb.state.addUser({ userName: "Ada.Lovelace@Example.com", department: "Engineering", title: "Engineer", locality: "London" });
const alan = sb.state.addUser({ userName: "alan.turing@example.com", department: "Research", managerId: ada.id });
for (let i = 0; i < 9; i++) sb.state.addUser({ userName: `page${i}@example.com` });
const admins = sb.state.addGroup({ displayName: "AWS Prod Admins" });
const adGroup = sb.state.addGroup({ displayName: "AD Finance", readOnly: { source: "Active Directory", reason: "Synced from Active Directory" } });
sb.state.addMember(adGroup.id, alan.id);

describe("sandbox SCIM: auth and discovery", () => {
  it("refuses requests without the bearer token with a SCIM 401", async () => {
    for (const headers of [{}, { Authorization: "Bearer wrong" }, { Authorization: `Basic ${Buffer.from(`x:${sb.token}`).toString("base64")}` }] as Record<string, string>[]) {
      const r = await get("/Users", headers);
      expect(r.headers.get("www-authenticate")).toMatch(/^Bearer/);
      await expectScimError(r, 401);
    }
    await expectScimError(await send("PATCH", `/Users/${ada.id}`, { schemas: [PATCH_OP], Operations: [{ op: "replace", path: "active", value: false }] }, { "Content-Type": "application/scim+json" }), 401);
    expect(sb.state.isActive(ada.id)).toBe(true);
  });

  it("serves ServiceProviderConfig, ResourceTypes and Schemas (the read-only group extension included)", async () => {
    const spc = (await (await get("/ServiceProviderConfig")).json()) as Record<string, { supported: boolean; maxResults?: number }>;
    expect(spc.patch!.supported).toBe(true);
    expect(spc.filter).toMatchObject({ supported: true, maxResults: 50 });
    expect(spc.bulk!.supported).toBe(false);
    const types = await list("/ResourceTypes");
    expect(types.Resources.map((t) => t.endpoint)).toEqual(["/Users", "/Groups"]);
    const schemas = await list("/Schemas");
    expect(schemas.Resources.map((s) => s.id)).toEqual(expect.arrayContaining([ENTERPRISE_USER, READ_ONLY_GROUP_EXTENSION]));
    expect((await get(`/Schemas/${ENTERPRISE_USER}`)).status).toBe(200);
    await expectScimError(await get("/Nope"), 404);
  });
});

describe("sandbox SCIM: listing", () => {
  it("pages by startIndex and count with totalResults, clamps count to maxResults and reads startIndex < 1 as 1", async () => {
    const total = sb.state.users.size;
    const first = await list("/Users?startIndex=1&count=4");
    expect(first).toMatchObject({ schemas: [LIST_RESPONSE], totalResults: total, startIndex: 1, itemsPerPage: 4 });
    const second = await list("/Users?startIndex=5&count=4");
    expect(second.Resources.map((u) => u.id)).not.toContain(first.Resources[0]!.id);
    const seen: string[] = [];
    for (let start = 1; start <= total; start += 4) seen.push(...(await list(`/Users?startIndex=${start}&count=4`)).Resources.map((u) => u.id as string));
    expect(new Set(seen).size).toBe(total);
    expect((await list("/Users?startIndex=-3&count=2")).startIndex).toBe(1);
    expect((await list("/Users?count=500")).itemsPerPage).toBe(Math.min(50, total));
    expect((await list(`/Users?startIndex=${total + 1}`)).Resources).toEqual([]);
    expect((await list("/Users?count=0")).Resources).toEqual([]);
    await expectScimError(await get("/Users?count=abc"), 400, "invalidValue");
  });

  it("filters userName (case-insensitive), id, displayName, extension attributes, value paths and logic", async () => {
    const byName = await list(`/Users?filter=${q('userName eq "ada.lovelace@example.com"')}`);
    expect(byName.totalResults).toBe(1);
    expect(byName.Resources[0]).toMatchObject({ id: ada.id, userName: "Ada.Lovelace@Example.com", active: true, [ENTERPRISE_USER]: { department: "Engineering" } });
    expect((await list(`/Users?filter=${q(`id eq "${alan.id}"`)}`)).Resources.map((u) => u.id)).toEqual([alan.id]);
    expect((await list(`/Groups?filter=${q('displayName eq "aws prod admins"')}`)).Resources.map((g) => g.id)).toEqual([admins.id]);
    expect((await list(`/Users?filter=${q(`${ENTERPRISE_USER}:department eq "Research"`)}`)).Resources.map((u) => u.id)).toEqual([alan.id]);
    expect((await list(`/Users?filter=${q('emails[type eq "work" and value sw "ada."]')}`)).totalResults).toBe(1);
    expect((await list(`/Users?filter=${q('userName sw "page" and not (userName eq "page0@example.com")')}`)).totalResults).toBe(8);
    expect((await list(`/Users?filter=${q(`groups.value eq "${adGroup.id}"`)}`)).Resources.map((u) => u.id)).toEqual([alan.id]);
    expect((await list(`/Groups?filter=${q(`id eq "${adGroup.id}" and members.value eq "${alan.id}"`)}`)).totalResults).toBe(1);
    expect((await list(`/Groups?filter=${q(`id eq "${adGroup.id}" and members.value eq "${ada.id}"`)}`)).totalResults).toBe(0);
    await expectScimError(await get(`/Users?filter=${q('userName eq')}`), 400, "invalidFilter");
    await expectScimError(await get(`/Users?filter=${q('userName zz "x"')}`), 400, "invalidFilter");
  });

  it("applies attributes and excludedAttributes (id and schemas always come back)", async () => {
    const onlyId = await list(`/Groups?filter=${q(`id eq "${adGroup.id}"`)}&attributes=id`);
    expect(Object.keys(onlyId.Resources[0]!).sort()).toEqual(["id", "schemas"]);
    const noMembers = (await (await get(`/Groups/${adGroup.id}?excludedAttributes=members`)).json()) as Record<string, unknown>;
    expect(noMembers.members).toBeUndefined();
    expect(noMembers[READ_ONLY_GROUP_EXTENSION]).toMatchObject({ readOnly: true, source: "Active Directory" });
  });
});

describe("sandbox SCIM: writes", () => {
  it("creates a user (201, Location, application/scim+json) and refuses a duplicate userName with 409 uniqueness", async () => {
    const body = { schemas: ["urn:ietf:params:scim:schemas:core:2.0:User"], userName: "grace.hopper@example.com", name: { givenName: "Grace", familyName: "Hopper" }, active: true };
    const r = await send("POST", "/Users", body);
    expect(r.status).toBe(201);
    expect(r.headers.get("content-type")).toMatch(/^application\/scim\+json/);
    const created = (await r.json()) as { id: string; meta: { location: string; resourceType: string } };
    expect(r.headers.get("location")).toBe(`${sb.url}/Users/${created.id}`);
    expect(created.meta).toMatchObject({ resourceType: "User", location: `${sb.url}/Users/${created.id}` });
    await expectScimError(await send("POST", "/Users", { ...body, userName: "GRACE.HOPPER@example.com" }), 409, "uniqueness");
    await expectScimError(await send("POST", "/Users", { ...body, userName: "" }), 400, "invalidValue");
    await expectScimError(await send("POST", "/Users", body, { ...auth, "Content-Type": "text/plain" }), 415);
  });

  it("takes Entra-style PATCH: capitalised ops, Remove with a value list, active as \"False\", value-filter paths, path-less Replace", async () => {
    const g = sb.state.addGroup({ displayName: "Entra Group" });
    expect((await patch(`/Groups/${g.id}`, [{ op: "Add", path: "members", value: [{ value: ada.id }, { value: alan.id }] }])).status).toBe(204);
    expect([...g.members]).toEqual([ada.id, alan.id]);
    expect((await patch(`/Groups/${g.id}`, [{ op: "Remove", path: "members", value: [{ value: ada.id }] }])).status).toBe(204);
    expect([...g.members]).toEqual([alan.id]);
    expect((await patch(`/Groups/${g.id}`, [{ op: "Replace", value: { id: g.id, displayName: "Entra Group Renamed" } }])).status).toBe(204);
    expect(g.displayName).toBe("Entra Group Renamed");

    const u = sb.state.addUser({ userName: "entra.user@example.com" });
    let r = await patch(`/Users/${u.id}`, [
      { op: "Replace", path: "active", value: "False" },
      { op: "Add", path: 'emails[type eq "home"].value', value: "entra@home.example" },
      { op: "Replace", path: `${ENTERPRISE_USER}:department`, value: "Sales" },
      { op: "Replace", path: "name.givenName", value: "Entra" },
      { op: "Add", path: `${ENTERPRISE_USER}:manager`, value: ada.id },
    ]);
    expect(r.status).toBe(200);
    const after = (await r.json()) as Record<string, unknown>;
    expect(after).toMatchObject({ active: false, name: { givenName: "Entra" }, [ENTERPRISE_USER]: { department: "Sales", manager: { value: ada.id, displayName: "Ada Lovelace" } } });
    expect(after.emails).toEqual(expect.arrayContaining([{ type: "home", value: "entra@home.example" }]));
    r = await patch(`/Users/${u.id}`, [{ op: "replace", value: { active: true, "name.familyName": "Person" } }]);
    expect(await r.json()).toMatchObject({ active: true, name: { familyName: "Person" } });
  });

  it("RFC member add/remove: a duplicate add changes nothing; removing a non-member by filter is 400 noTarget", async () => {
    const g = sb.state.addGroup({ displayName: "RFC Group" });
    for (let i = 0; i < 2; i++) expect((await patch(`/Groups/${g.id}`, [{ op: "add", path: "members", value: [{ value: ada.id }] }])).status).toBe(204);
    expect([...g.members]).toEqual([ada.id]);
    expect((await patch(`/Groups/${g.id}`, [{ op: "remove", path: `members[value eq "${ada.id}"]` }])).status).toBe(204);
    expect(g.members.size).toBe(0);
    await expectScimError(await patch(`/Groups/${g.id}`, [{ op: "remove", path: `members[value eq "${ada.id}"]` }]), 400, "noTarget");
    await expectScimError(await patch(`/Groups/${g.id}`, [{ op: "add", path: "members", value: [{ value: "no-such-user" }] }]), 400, "invalidValue");
    await expectScimError(await patch(`/Groups/${g.id}`, [{ op: "move", path: "members" }]), 400, "invalidSyntax");
    await expectScimError(await send("PATCH", `/Groups/${g.id}`, { Operations: [{ op: "add", path: "members", value: [] }] }), 400, "invalidSyntax");
    // All or nothing: the valid first operation is not applied when the second fails.
    await expectScimError(await patch(`/Groups/${g.id}`, [{ op: "add", path: "members", value: [{ value: ada.id }] }, { op: "replace", path: "bogus", value: 1 }]), 400, "invalidPath");
    expect(g.members.size).toBe(0);
  });

  it("refuses any change to a read-only group with 400 mutability, and changes nothing", async () => {
    await expectScimError(await patch(`/Groups/${adGroup.id}`, [{ op: "add", path: "members", value: [{ value: ada.id }] }]), 400, "mutability");
    await expectScimError(await patch(`/Groups/${adGroup.id}`, [{ op: "remove", path: `members[value eq "${alan.id}"]` }]), 400, "mutability");
    await expectScimError(await send("PUT", `/Groups/${adGroup.id}`, { displayName: "x", members: [] }), 400, "mutability");
    await expectScimError(await fetch(`${sb.url}/Groups/${adGroup.id}`, { method: "DELETE", headers: auth }), 400, "mutability");
    expect([...adGroup.members]).toEqual([alan.id]);
  });

  it("answers unknown ids with 404, read-only attributes with mutability, and a stale If-Match with 412", async () => {
    await expectScimError(await patch("/Users/00000000-0000-4000-8000-000000000000", [{ op: "replace", path: "active", value: false }]), 404);
    await expectScimError(await patch(`/Users/${ada.id}`, [{ op: "replace", path: "id", value: "x" }]), 400, "mutability");
    const r = await get(`/Users/${ada.id}`);
    const etag = r.headers.get("etag")!;
    expect(etag).toMatch(/^W\/"\d+"$/);
    await expectScimError(await send("PATCH", `/Users/${ada.id}`, { schemas: [PATCH_OP], Operations: [{ op: "replace", path: "title", value: "CTO" }] }, { ...json, "If-Match": 'W/"999"' }), 412, "invalidVers");
    expect((await send("PATCH", `/Users/${ada.id}`, { schemas: [PATCH_OP], Operations: [{ op: "replace", path: "title", value: "CTO" }] }, { ...json, "If-Match": etag })).status).toBe(200);
  });
});

describe("sandbox SCIM: faults and the generator", () => {
  it("answers injected 429s with Retry-After and a SCIM body; faults are counted per matching request", async () => {
    sb.faults.inject({ status: 429, times: 1, match: "GET /Users" });
    const r = await get("/Users?count=1");
    expect(r.headers.get("retry-after")).toBe("1");
    await expectScimError(r, 429);
    expect((await get("/Users?count=1")).status).toBe(200);
    sb.faults.inject({ status: 503, times: 1, retryAfterSeconds: 3 });
    const down = await get("/Groups");
    expect(down.headers.get("retry-after")).toBe("3");
    await expectScimError(down, 503);
    expect(sb.faults.pending()).toBe(0);
  });

  it("generates the same directory for the same seed, with read-only groups, managers and inactive users", () => {
    const opts = { users: 300, groups: 40, memberships: 900, seed: 7 };
    const a = generateScimDirectory(opts);
    const b = generateScimDirectory(opts);
    expect([...a.users.keys()]).toEqual([...b.users.keys()]);
    expect([...a.groups.values()].map((g) => [g.id, g.displayName, [...g.members]])).toEqual([...b.groups.values()].map((g) => [g.id, g.displayName, [...g.members]]));
    expect(a.users.size).toBe(300);
    expect(a.membershipCount).toBe(900);
    expect([...a.groups.values()].some((g) => g.readOnly)).toBe(true);
    expect([...a.users.values()].some((u) => u.data.active === false)).toBe(true);
    const withManager = [...a.users.values()].find((u) => (u.data[ENTERPRISE_USER] as { manager?: { value: string } } | undefined)?.manager);
    expect(a.users.has((withManager!.data[ENTERPRISE_USER] as { manager: { value: string } }).manager.value)).toBe(true);
    expect([...generateScimDirectory({ ...opts, seed: 8 }).users.keys()]).not.toEqual([...a.users.keys()]);
  });
});
