// The Evidence API's review and audit-event kinds: rows, stable cursor paging while rows arrive, CSV,
// and one tenant's token seeing only its own.
import { describe, expect, it } from "vitest";
import { createCampaign } from "../../domain/reviews/create-campaign.ts";
import { launchCampaign } from "../../domain/reviews/launch-campaign.ts";
import { decideReviewItems } from "../../domain/reviews/decide-review-items.ts";
import { requestAccess } from "../../domain/requests/request-access.ts";
import { encodeCursor } from "../../domain/evidence/evidence-query.ts";
import { allPages, evidenceWorld } from "./evidence-test-world.ts";

const { db, services, t, p, auto, managed, people, tokenA, tokenB, call } = await evidenceWorld(8);
const token = tokenA.secret;
// The world's clock stands at 2026-11-26T09:00Z: reviews are created and audit events happen in November.
const window = "from=2026-11-01&to=2026-12-01";
const due = () => new Date(services.clock.now().getTime() + 7 * 86_400_000);

const first = await createCampaign(t.scope, { name: "Datadog and Figma review", scope: { appIds: [auto.appId, managed.appId] }, reviewerMode: "manager", fallbackReviewerId: p["alex.kim"]!.id, dueAt: due() });
await launchCampaign(t.scope, { campaignId: first.id });
const danaItem = await db.prisma.reviewItem.findFirstOrThrow({ where: { campaignId: first.id, personId: p["dana.lee"]!.id, accessLabel: "Figma · Editor" } });
await decideReviewItems(t.scope, { campaignId: first.id, itemIds: [danaItem.id], decision: "KEEP", comment: "Design lead for Q4", deciderPersonId: danaItem.reviewerPersonId });

const reviewIds = async () => (await db.prisma.reviewItem.findMany({ where: { tenantId: t.tenantId }, orderBy: [{ createdAt: "asc" }, { id: "asc" }], select: { id: true } })).map((r) => r.id);
const eventIds = async (from: Date, to: Date) =>
  (await db.prisma.auditEvent.findMany({ where: { tenantId: t.tenantId, at: { gte: from, lt: to } }, orderBy: [{ at: "asc" }, { id: "asc" }], select: { id: true } })).map((e) => e.id);
const page = (kind: string, query: string, limit: number, tok = token) => (c: string | null) => call(`${kind}?${query}&limit=${limit}${c ? `&cursor=${c}` : ""}`, tok);

describe("reviews", () => {
  it("a review item carries the campaign, who and what was reviewed, the recommendation, reviewer and decision", async () => {
    const body = (await (await call(`reviews?${window}&limit=1000`, token)).json()) as { data: Record<string, unknown>[] };
    const row = body.data.find((r) => r.id === danaItem.id)!;
    expect(row).toMatchObject({
      campaignId: first.id, campaign: "Datadog and Figma review", campaignStatus: "ACTIVE", personName: "Dana Lee", personEmail: "dana.lee@acme.example",
      access: "Figma · Editor", groups: ["figma-editors"], howGranted: "request", reviewer: "Sam Rivera", decision: "KEEP", decidedBy: "Sam Rivera",
      comment: "Design lead for Q4", revocation: "NONE", readBack: null, recommendation: danaItem.recommendation, recommendationReason: danaItem.recommendationReason,
    });
    expect(body.data.length).toBe((await reviewIds()).length);
  });

  it("pages every item exactly once in (createdAt, id) order, ties included, for any page size", async () => {
    const expected = await reviewIds();
    expect(expected.length).toBeGreaterThan(5);
    for (const limit of [1, 2, 5, 1000]) expect(await allPages(page("reviews", window, limit)), `limit ${limit}`).toEqual(expected);
  });

  it("stays stable while a campaign launches between two pages: nothing repeats or goes missing", async () => {
    const before = await reviewIds();
    let launched: string[] = [];
    const seen = await allPages(page("reviews", window, 3), async (n) => {
      if (n !== 0) return;
      services.clock.advance(60_000);
      const c = await createCampaign(t.scope, { name: "Figma recheck", scope: { appIds: [managed.appId] }, reviewerMode: "manager", fallbackReviewerId: p["alex.kim"]!.id, dueAt: due() });
      await launchCampaign(t.scope, { campaignId: c.id });
      launched = (await db.prisma.reviewItem.findMany({ where: { campaignId: c.id }, orderBy: { id: "asc" }, select: { id: true } })).map((i) => i.id);
    });
    expect(launched.length).toBeGreaterThan(0);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toEqual([...before, ...launched]);
  });

  it("streams as CSV, and another tenant's token sees none of them", async () => {
    const csv = await (await call(`reviews?${window}&format=csv`, token)).text();
    expect(csv.split("\r\n")[0]).toBe("id,createdAt,campaignId,campaign,personName,personEmail,personTitle,personDepartment,access,groups,howGranted,grantId,lastLoginAt,lastUsedAt,recommendation,recommendationReason,reviewer,decision,decidedBy,comment,decidedAt,revocation,revocationCompletedAt,readBack");
    expect(csv).toContain(`${danaItem.id},`);
    const other = (await (await call(`reviews?${window}`, tokenB.secret)).json()) as { data: unknown[] };
    expect(other.data).toEqual([]);
  });
});

describe("audit events", () => {
  it("an event carries what its hash covers and both hashes", async () => {
    const body = (await (await call(`audit-events?${window}&limit=1`, token)).json()) as { data: Record<string, unknown>[] };
    const e = await db.prisma.auditEvent.findUniqueOrThrow({ where: { id: body.data[0]!.id as string } });
    expect(body.data[0]).toEqual({
      id: e.id, seq: e.seq, at: e.at.toISOString(), actorType: e.actorType, actorId: e.actorId, actorLabel: e.actorLabel, action: e.action,
      subjectType: e.subjectType, subjectId: e.subjectId, data: e.data, prevHash: e.prevHash, hash: e.hash,
    });
  });

  it("pages every event of the window exactly once in (at, id) order, and keeps to the window", async () => {
    const from = new Date("2026-11-01T00:00:00Z");
    const to = new Date("2026-12-01T00:00:00Z");
    const expected = await eventIds(from, to);
    expect(expected.length).toBeGreaterThan(20);
    for (const limit of [7, 50, 1000]) expect(await allPages(page("audit-events", window, limit)), `limit ${limit}`).toEqual(expected);
    // Events share `at` (a transaction writes many at one instant): a one-minute window still pages by id.
    const now = services.clock.now();
    const narrow = `from=${new Date(now.getTime() - 60_000).toISOString()}&to=${new Date(now.getTime() + 60_000).toISOString()}`;
    expect(await allPages(page("audit-events", narrow, 2))).toEqual(await eventIds(new Date(now.getTime() - 60_000), new Date(now.getTime() + 60_000)));
    const empty = (await (await call("audit-events?from=2026-01-01&to=2026-02-01", token)).json()) as { data: unknown[] };
    expect(empty.data).toEqual([]);
  });

  it("stays stable while events are written between pages; new ones come last", async () => {
    const from = new Date("2026-11-01T00:00:00Z");
    const before = await eventIds(from, new Date("2026-12-01T00:00:00Z"));
    const seen = await allPages(page("audit-events", window, 25), async (n) => {
      if (n !== 0) return;
      services.clock.advance(60_000);
      await requestAccess(t.scope, { roleId: managed.id, requesterPersonId: people[6]!.id, reason: "Joined the design guild", source: "web" });
    });
    expect(new Set(seen).size).toBe(seen.length);
    const after = await eventIds(from, new Date("2026-12-01T00:00:00Z"));
    expect(after.length).toBeGreaterThan(before.length);
    expect(seen).toEqual(after);
  });

  it("streams as CSV, refuses another kind's cursor, and another tenant's token sees only its own", async () => {
    const csv = await (await call(`audit-events?${window}&format=csv`, token)).text();
    expect(csv.split("\r\n")[0]).toBe("id,seq,at,actorType,actorId,actorLabel,action,subjectType,subjectId,data,prevHash,hash");
    const wrong = await call(`audit-events?${window}&cursor=${encodeCursor("reviews", { createdAt: new Date(), id: "x" })}`, token);
    expect(wrong.status).toBe(400);
    expect(((await wrong.json()) as { field: string }).field).toBe("cursor");
    const mine = new Set(await eventIds(new Date("2026-11-01T00:00:00Z"), new Date("2026-12-01T00:00:00Z")));
    const other = await allPages(page("audit-events", window, 1000, tokenB.secret));
    expect(other.length).toBeGreaterThan(0);
    expect(other.some((id) => mine.has(id))).toBe(false);
  });
});
