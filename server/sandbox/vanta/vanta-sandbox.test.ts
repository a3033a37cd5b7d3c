// The sandbox Vanta over raw HTTP: what a client that gets the protocol wrong sees (protocols.md §7).

import { afterAll, describe, expect, it } from "vitest";
import { DEFAULT_VANTA_CLIENT, DEFAULT_VANTA_RESOURCE_ID, startVantaSandbox } from "./index.ts";

const sb = await startVantaSandbox({});
afterAll(() => sb.stop());

async function token(): Promise<string> {
  const r = await fetch(`${sb.url}/oauth/token`, {
    method: "POST", headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ client_id: DEFAULT_VANTA_CLIENT.clientId, client_secret: DEFAULT_VANTA_CLIENT.clientSecret, scope: DEFAULT_VANTA_CLIENT.scopes.join(" "), grant_type: "client_credentials" }),
  });
  expect(r.status).toBe(200);
  const body = (await r.json()) as { access_token: string; expires_in: number; token_type: string };
  expect(body).toMatchObject({ expires_in: 3600, token_type: "Bearer" });
  return body.access_token;
}
const bearer = async () => ({ Authorization: `Bearer ${await token()}` });

describe("sandbox Vanta", () => {
  it("takes the token request as JSON only, with client_credentials", async () => {
    const form = await fetch(`${sb.url}/oauth/token`, {
      method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: `client_id=${DEFAULT_VANTA_CLIENT.clientId}&client_secret=${DEFAULT_VANTA_CLIENT.clientSecret}&grant_type=client_credentials`,
    });
    expect(form.status).toBe(400);
    expect(form.headers.get("content-type")).toMatch(/application\/json/);
    expect(await form.json()).toMatchObject({ error: "invalid_request" });
    const grant = await fetch(`${sb.url}/oauth/token`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ client_id: "x", grant_type: "password" }) });
    expect(await grant.json()).toMatchObject({ error: "unsupported_grant_type" });
  });

  it("answers every /v1 call without a valid bearer token with a JSON 401", async () => {
    for (const headers of [{}, { Authorization: "Bearer vat_made_up" }, { Authorization: "Basic eDp5" }] as Record<string, string>[]) {
      const r = await fetch(`${sb.url}/v1/documents`, { headers });
      expect(r.status).toBe(401);
      expect(r.headers.get("www-authenticate")).toMatch(/^Bearer/);
      expect(await r.json()).toMatchObject({ error: "unauthorized", message: expect.any(String) });
    }
    expect((await fetch(`${sb.url}/v1/resources/user_account?resourceId=${DEFAULT_VANTA_RESOURCE_ID}`)).status).toBe(401);
  });

  it("pages documents with cursors and refuses a made-up cursor or page size", async () => {
    const headers = await bearer();
    const seen: string[] = [];
    let cursor = "";
    for (;;) {
      const r = await fetch(`${sb.url}/v1/documents?pageSize=4${cursor ? `&pageCursor=${cursor}` : ""}`, { headers });
      const { results } = (await r.json()) as { results: { data: { id: string }[]; pageInfo: { endCursor: string; hasNextPage: boolean } } };
      seen.push(...results.data.map((d) => d.id));
      if (!results.pageInfo.hasNextPage) break;
      cursor = results.pageInfo.endCursor;
    }
    expect(seen).toContain("access-reviews");
    expect(new Set(seen).size).toBe(sb.state.data.documents.length);
    expect((await fetch(`${sb.url}/v1/documents?pageCursor=bm9wZQ`, { headers })).status).toBe(400);
    expect((await fetch(`${sb.url}/v1/documents?pageSize=101`, { headers })).status).toBe(400);
  });

  it("validates a user account sync: JSON, a known resource, complete accounts", async () => {
    const headers = { ...(await bearer()), "Content-Type": "application/json" };
    const put = (body: unknown) => fetch(`${sb.url}/v1/resources/user_account`, { method: "PUT", headers, body: JSON.stringify(body) });
    const ok = {
      uniqueId: "u1", displayName: "Dana", fullName: "Dana Lee", accountName: "dana", email: "dana@acme.example", permissionLevel: "BASE", status: "ACTIVE", createdTimestamp: "2026-01-01T00:00:00Z",
    };
    expect((await put({ resourceId: "nope", resources: [ok] })).status).toBe(404);
    const missing = await put({ resourceId: DEFAULT_VANTA_RESOURCE_ID, resources: [{ ...ok, displayName: undefined }] });
    expect(missing.status).toBe(422);
    expect(await missing.json()).toEqual({ error: "invalid_request", message: "resources[0].displayName is required" });
    expect((await put({ resourceId: DEFAULT_VANTA_RESOURCE_ID, resources: [{ ...ok, permissionLevel: "OWNER" }] })).status).toBe(422);
    expect((await put({ resourceId: DEFAULT_VANTA_RESOURCE_ID, resources: [{ ...ok, createdTimestamp: "yesterday" }] })).status).toBe(422);
    expect((await put({ resourceId: DEFAULT_VANTA_RESOURCE_ID, resources: [ok, ok] })).status).toBe(422);
    const text = await fetch(`${sb.url}/v1/resources/user_account`, { method: "PUT", headers: { ...headers, "Content-Type": "text/plain" }, body: "{}" });
    expect(text.status).toBe(415);
    expect(sb.state.resource(DEFAULT_VANTA_RESOURCE_ID)!.syncs).toBe(0);
    expect((await put({ resourceId: DEFAULT_VANTA_RESOURCE_ID, resources: [ok] })).status).toBe(200);
    expect(sb.state.view().resources[0]).toMatchObject({ syncs: 1, active: 1, deleted: 0, accounts: [{ uniqueId: "u1", displayName: "Dana", deletedAt: null }] });
  });

  it("takes uploads only as well-formed multipart with a file part, and serves the bytes back", async () => {
    const headers = await bearer();
    const url = `${sb.url}/v1/documents/access-reviews/uploads`;
    expect((await fetch(url, { method: "POST", headers: { ...headers, "Content-Type": "application/json" }, body: "{}" })).status).toBe(415);
    const garbage = await fetch(url, { method: "POST", headers: { ...headers, "Content-Type": "multipart/form-data; boundary=zzz" }, body: "not multipart at all" });
    expect(garbage.status).toBe(400);
    const noFile = new FormData();
    noFile.append("file", "just a string, no filename");
    expect((await fetch(url, { method: "POST", headers, body: noFile })).status).toBe(422);
    const form = new FormData();
    form.append("file", new Blob(["a,b\n1,2\n"], { type: "text/csv" }), "review.csv");
    form.append("description", "Q4 access review");
    const r = await fetch(url, { method: "POST", headers, body: form });
    expect(r.status).toBe(200);
    const up = (await r.json()) as { id: string; fileName: string; mimeType: string; description: string; url: string };
    expect(up).toMatchObject({ fileName: "review.csv", mimeType: "text/csv", description: "Q4 access review" });
    const media = await fetch(up.url, { headers });
    expect(await media.text()).toBe("a,b\n1,2\n");
    expect((await fetch(`${sb.url}/v1/documents/nope/uploads`, { method: "POST", headers, body: form })).status).toBe(404);
    expect(sb.state.view().documents.find((d) => d.id === "access-reviews")!.uploads).toEqual([expect.objectContaining({ id: up.id, fileName: "review.csv", size: 8 })]);
  });

  it("serves its state view over HTTP", async () => {
    const r = await fetch(`${sb.url}/_sandbox/state`);
    const view = (await r.json()) as { documents: { id: string }[]; resources: { id: string }[] };
    expect(view.resources.map((x) => x.id)).toEqual([DEFAULT_VANTA_RESOURCE_ID]);
    expect(view.documents.map((d) => d.id)).toContain("access-reviews");
  });
});
