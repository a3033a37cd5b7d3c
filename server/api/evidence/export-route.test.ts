// The Evidence page's CSV downloads (/api/exports/<kind>): who may export, range validation, the rows
// value by value, and the stream reading one page at a time.
import { describe, expect, it } from "vitest";
import { revokeGrant } from "../../domain/grants/revoke-grant.ts";
import { createCampaign } from "../../domain/reviews/create-campaign.ts";
import { launchCampaign } from "../../domain/reviews/launch-campaign.ts";
import { decideReviewItems } from "../../domain/reviews/decide-review-items.ts";
import { parseEvidenceQuery } from "../../domain/evidence/evidence-query.ts";
import type { TenantScope } from "../../domain/services.ts";
import { evidenceCsvStream } from "./csv-stream.ts";
import { handleExportRequest } from "./export-http.ts";
import { evidenceWorld, hoursAfterBase } from "./evidence-test-world.ts";

const { db, services, t, p, driver, managed, decided, beta } = await evidenceWorld(8);
const window = "from=2026-05-01&to=2026-07-01";
const order = [{ createdAt: "asc" as const }, { id: "asc" as const }];
const inWindow = { gte: new Date("2026-05-01T00:00:00Z"), lt: new Date("2026-07-01T00:00:00Z") };

// Dana's Figma grant kept in a review, then revoked and removed: every column of a grant row has a value.
const grant = await db.prisma.grant.findUniqueOrThrow({ where: { requestId: decided.id } });
const campaign = await createCampaign(t.scope, {
  name: "Figma review", scope: { appIds: [managed.appId] }, reviewerMode: "manager", fallbackReviewerId: p["alex.kim"]!.id,
  dueAt: new Date(services.clock.now().getTime() + 7 * 86_400_000),
});
await launchCampaign(t.scope, { campaignId: campaign.id });
const item = await db.prisma.reviewItem.findFirstOrThrow({ where: { campaignId: campaign.id, grantId: grant.id } });
await decideReviewItems(t.scope, { campaignId: campaign.id, itemIds: [item.id], decision: "KEEP", comment: "=still needed, for Q4", deciderPersonId: item.reviewerPersonId });
await revokeGrant(t.scope, { grantId: grant.id, reason: "Left the design team", channel: "web", revokerPersonId: p["alex.kim"]!.id, asAdmin: true });
await driver.drain();

function get(kind: string, query: string, user: typeof t.auditor | null, tenantSlug: string | null = t.slug, options?: { pageSize?: number }) {
  const request = new Request(`http://gatehouse.test/api/exports/${kind}?${query}`);
  return handleExportRequest(services, request, kind, { user, tenantSlug }, options);
}

/** RFC 4180: CRLF records, quoted fields with doubled quotes (enough to read our own output back). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i++; }
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") { row.push(field); field = ""; }
    else if (c === "\r" && text[i + 1] === "\n") { row.push(field); rows.push(row); row = []; field = ""; i++; }
    else field += c;
  }
  expect(field).toBe("");
  expect(row).toEqual([]);
  return rows;
}

async function refused(res: Response, status: number, field?: string) {
  expect(res.status).toBe(status);
  expect(res.headers.get("content-type")).toMatch(/application\/json/);
  const body = (await res.json()) as { error: string; message: string; field?: string };
  expect(body.message.length).toBeGreaterThan(5);
  if (field) expect(body.field).toBe(field);
  return body;
}

describe("who may export", () => {
  it("401 signed out, 403 for an employee or a non-member, 404 for an unknown kind; no rows leak", async () => {
    await refused(await get("grants", window, null), 401);
    const forbidden = await refused(await get("grants", window, t.employee), 403);
    expect(forbidden.message).toBe("Only admins and auditors can export evidence");
    // Beta's auditor asking for Acme by slug (query or cookie) is not a member of Acme.
    await refused(await get("grants", `${window}&tenant=${t.slug}`, beta.auditor, beta.slug), 403);
    await refused(await get("grants", window, beta.auditor, t.slug), 403);
    await refused(await get("users", window, t.auditor), 404);
    expect((await get("grants", window, t.admin)).status).toBe(200);
  });

  it("a member of two workspaces exports the one named, and only its rows", async () => {
    const text = await (await get("requests", `${window}&tenant=${beta.slug}`, beta.auditor, null)).text();
    const ids = parseCsv(text).slice(1).map((r) => r[0]);
    expect(ids).toEqual((await db.prisma.accessRequest.findMany({ where: { tenantId: beta.tenantId, createdAt: inWindow }, orderBy: order })).map((r) => r.id));
    expect(text).not.toContain(decided.id);
  });
});

describe("range", () => {
  it("400 for a missing, malformed, reversed or too long range, naming the field", async () => {
    const bad: [string, string][] = [
      ["to=2026-07-01", "from"],
      ["from=2026-05-01", "to"],
      ["from=yesterday&to=2026-07-01", "from"],
      ["from=2026-02-30&to=2026-07-01", "from"],
      ["from=2026-07-01&to=2026-05-01", "to"],
      ["from=2026-07-01&to=2026-07-01", "to"],
      ["from=2025-01-01&to=2026-07-01", "from"],
    ];
    for (const [query, field] of bad) await refused(await get("grants", query, t.auditor), 400, field);
  });

  it("a range without rows is the header alone; a narrower range keeps only its rows", async () => {
    const empty = await (await get("grants", "from=2020-01-01&to=2020-02-01", t.auditor)).text();
    expect(parseCsv(empty)).toHaveLength(1);
    const hour0 = parseCsv(await (await get("grants", `from=${hoursAfterBase(0).toISOString()}&to=${hoursAfterBase(1).toISOString()}`, t.auditor)).text());
    const expected = await db.prisma.grant.findMany({ where: { tenantId: t.tenantId, createdAt: { gte: hoursAfterBase(0), lt: hoursAfterBase(1) } }, orderBy: order });
    expect(hour0.slice(1).map((r) => r[0])).toEqual(expected.map((g) => g.id));
    expect(expected.length).toBeGreaterThan(0);
    expect(expected.length).toBeLessThan(await db.prisma.grant.count({ where: { tenantId: t.tenantId } }));
  });

  it("names the file by the days as the viewer wrote them, and records the export in the audit log", async () => {
    const res = await get("grants", `from=${encodeURIComponent("2026-06-01T00:00:00+02:00")}&to=${encodeURIComponent("2026-07-01T00:00:00+02:00")}`, t.auditor);
    expect(res.headers.get("content-disposition")).toBe('attachment; filename="gatehouse-grants-2026-06-01-2026-07-01.csv"');
    expect(res.headers.get("cache-control")).toBe("no-store");
    await res.text();
    const event = await db.prisma.auditEvent.findFirstOrThrow({ where: { tenantId: t.tenantId, action: "evidence.exported" }, orderBy: { seq: "desc" } });
    expect(event).toMatchObject({ actorLabel: t.auditor.email, subjectType: "tenant", subjectId: t.tenantId });
    expect(event.data).toEqual({ kind: "grants", from: "2026-05-31T22:00:00.000Z", to: "2026-06-30T22:00:00.000Z", channel: "web" });
  });
});

describe("CSV rows", () => {
  it("grants: the header, then each grant of the window in (createdAt, id) order, value by value", async () => {
    const res = await get("grants", window, t.auditor, t.slug, { pageSize: 3 });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toBe('attachment; filename="gatehouse-grants-2026-05-01-2026-07-01.csv"');
    expect(res.body).toBeInstanceOf(ReadableStream);
    const rows = parseCsv(await res.text());
    expect(rows[0]).toEqual([
      "id", "createdAt", "personEmail", "app", "role", "groups", "source", "status", "activatedAt", "expiresAt", "endedAt", "endReason", "endedBy",
      "requestId", "addedReadBack", "removalReadBack",
    ]);
    const all = await db.prisma.grant.findMany({ where: { tenantId: t.tenantId, createdAt: inWindow }, orderBy: order });
    expect(rows.slice(1).map((r) => r[0])).toEqual(all.map((x) => x.id));
    const g = await db.prisma.grant.findUniqueOrThrow({ where: { id: grant.id }, include: { actions: { orderBy: { createdAt: "asc" } } } });
    const row = Object.fromEntries(rows[0]!.map((h, i) => [h, rows.find((r) => r[0] === grant.id)![i]!]));
    const add = g.actions.find((a) => a.kind === "ADD_MEMBER")!;
    const remove = g.actions.find((a) => a.kind === "REMOVE_MEMBER")!;
    const rb = (a: typeof add) => a.readBack as { isMember: boolean; checkedAt: string; detail: string };
    expect(row).toEqual({
      id: grant.id, createdAt: hoursAfterBase(0).toISOString(), personEmail: "dana.lee@acme.example", app: "Figma", role: "Editor",
      groups: "figma-editors", source: "request", status: "ENDED", activatedAt: g.activatedAt!.toISOString(), expiresAt: g.expiresAt!.toISOString(),
      endedAt: g.endedAt!.toISOString(), endReason: g.endReason, endedBy: g.endedBy, requestId: decided.id,
      addedReadBack: `figma-editors: SUCCEEDED, member=yes checked ${rb(add).checkedAt} (${rb(add).detail})`,
      removalReadBack: `figma-editors: SUCCEEDED, member=no checked ${rb(remove).checkedAt} (${rb(remove).detail})`,
    });
  });

  it("reviews: campaign, person, access, groups, recommendation, reviewer, decision, comment and revocation", async () => {
    const rows = parseCsv(await (await get("reviews", "from=2026-11-01&to=2026-12-01", t.auditor)).text());
    expect(rows[0]).toEqual([
      "id", "createdAt", "campaignId", "campaign", "personName", "personEmail", "personTitle", "personDepartment", "access", "groups", "howGranted", "grantId",
      "lastLoginAt", "lastUsedAt", "recommendation", "recommendationReason", "reviewer", "decision", "decidedBy", "comment", "decidedAt",
      "revocation", "revocationCompletedAt", "readBack",
    ]);
    const items = await db.prisma.reviewItem.findMany({ where: { tenantId: t.tenantId }, orderBy: order });
    expect(rows.slice(1).map((r) => r[0])).toEqual(items.map((i) => i.id));
    const row = Object.fromEntries(rows[0]!.map((h, i) => [h, rows.find((r) => r[0] === item.id)![i]!]));
    const fresh = await db.prisma.reviewItem.findUniqueOrThrow({ where: { id: item.id } });
    expect(row).toMatchObject({
      campaignId: campaign.id, campaign: "Figma review", personName: "Dana Lee", personEmail: "dana.lee@acme.example", access: "Figma · Editor",
      groups: "figma-editors", howGranted: "request", grantId: grant.id, recommendation: fresh.recommendation, recommendationReason: fresh.recommendationReason,
      reviewer: "Sam Rivera", decision: "KEEP", decidedBy: "Sam Rivera", comment: "'=still needed, for Q4", decidedAt: fresh.decidedAt!.toISOString(),
      revocation: "NONE", revocationCompletedAt: "", readBack: "",
    });
  });

  it("audit events: the window is on the event's time, with both hashes to re-verify the chain", async () => {
    const from = new Date(services.clock.now().getTime() - 86_400_000);
    const to = new Date(services.clock.now().getTime() + 60_000);
    const rows = parseCsv(await (await get("audit-events", `from=${from.toISOString()}&to=${to.toISOString()}`, t.admin, t.slug, { pageSize: 7 })).text());
    expect(rows[0]).toEqual(["id", "seq", "at", "actorType", "actorId", "actorLabel", "action", "subjectType", "subjectId", "data", "prevHash", "hash"]);
    const events = await db.prisma.auditEvent.findMany({ where: { tenantId: t.tenantId, at: { gte: from, lt: to } }, orderBy: [{ at: "asc" }, { id: "asc" }] });
    expect(rows.slice(1).map((r) => r[0])).toEqual(events.map((e) => e.id));
    const last = events.at(-1)!;
    expect(rows.at(-1)).toEqual([last.id, String(last.seq), last.at.toISOString(), last.actorType, last.actorId ?? "", last.actorLabel, last.action, last.subjectType, last.subjectId, JSON.stringify(last.data), last.prevHash, last.hash]);
  });
});

describe("streaming", () => {
  it("reads one page ahead of the reader at most, and stops reading when the reader goes", async () => {
    let reads = 0;
    const grantModel = t.scope.tdb.grant;
    const counting = new Proxy(t.scope.tdb, {
      get(target, prop, receiver) {
        if (prop !== "grant") return Reflect.get(target, prop, receiver);
        return { findMany: (args: never) => { reads++; return grantModel.findMany(args); } };
      },
    });
    const scope = { ...t.scope, tdb: counting } as TenantScope;
    const q = parseEvidenceQuery("grants", { from: "2026-05-01", to: "2026-07-01" }, services.clock.now());
    const total = await db.prisma.grant.count({ where: { tenantId: t.tenantId, createdAt: inWindow } });
    expect(total).toBeGreaterThan(4);
    const reader = evidenceCsvStream("grants", scope, q, { pageSize: 1 }).getReader();
    const settle = () => new Promise((r) => setTimeout(r, 50));
    await reader.read(); // header
    await settle();
    expect(reads).toBeLessThanOrEqual(1);
    await reader.read(); // page 1
    await settle();
    expect(reads).toBeLessThanOrEqual(2);
    await reader.cancel();
    await settle();
    const after = reads;
    await settle();
    expect(reads).toBe(after);
    expect(reads).toBeLessThan(total);
  });
});
