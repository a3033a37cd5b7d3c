// The review pages' reads through tRPC: the navigation's counts in me.get, and the items a reviewer pages
// through (in name order, with the filter chips' counts), plus the refusals a reviewer's page relies on.
import { TRPCError } from "@trpc/server";
import { beforeAll, describe, expect, it } from "vitest";
import { testDatabase } from "../testing/db.ts";
import { acmeOkta, callerAs, makeServices, syncedTenant } from "../testing/fixtures.ts";
import { personaEmails } from "../demo/acme-directory.ts";
import { saveApp } from "../domain/catalog/save-app.ts";
import { saveRole } from "../domain/catalog/save-role.ts";
import { saveMember } from "../domain/tenants/save-member.ts";

const db = await testDatabase();
const services = makeServices(db);
const okta = await acmeOkta();

type Caller = ReturnType<typeof callerAs>;
let t: Awaited<ReturnType<typeof syncedTenant>>;
let alex: Caller, priya: Caller, dana: Caller, morgan: Caller;
let campaignId: string;

const code = (p: Promise<unknown>) => p.then(() => "OK", (e: unknown) => (e instanceof TRPCError ? e.code : String(e)));
const person = (email: string) => db.prisma.person.findFirstOrThrow({ where: { tenantId: t.tenantId, email } });

beforeAll(async () => {
  t = await syncedTenant(services, "acme", okta);
  alex = callerAs(services, t.admin, t.slug);
  dana = callerAs(services, t.employee, t.slug);
  morgan = callerAs(services, t.auditor, t.slug);
  await saveMember(t.scope, { email: personaEmails.appOwner, name: "Priya Shah", roles: [] });
  const user = await db.prisma.user.findUniqueOrThrow({ where: { email: personaEmails.appOwner } });
  priya = callerAs(services, { id: user.id, email: personaEmails.appOwner, name: "Priya Shah" }, t.slug);
  const owner = await person(personaEmails.appOwner);
  const users = await db.prisma.group.findFirstOrThrow({ where: { tenantId: t.tenantId, name: "salesforce-users" } });
  const app = await saveApp(t.scope, { name: "Salesforce", riskLevel: "HIGH", ownerPersonIds: [owner.id] });
  await saveRole(t.scope, { appId: app.id, name: "Sales user", groupIds: [users.id], steps: [{ kind: "MANAGER" }] });
  const campaign = await alex.reviews.create({
    name: "Salesforce users, Q4", scope: { appIds: [app.id] }, reviewerMode: "app_owner",
    fallbackReviewerId: (await person(personaEmails.admin)).id, dueAt: new Date(services.clock.now().getTime() + 7 * 86_400_000),
  });
  campaignId = campaign.id;
});

describe("me.get counts review items for the navigation", () => {
  it("is zero for everyone before launch", async () => {
    expect(await priya.me.get()).toMatchObject({ pendingReviews: 0, assignedReviews: 0 });
  });

  it("counts the reviewer's pending and assigned items once launched, and follows decisions", async () => {
    await alex.reviews.launch({ campaignId });
    const items = await db.prisma.reviewItem.findMany({ where: { campaignId } });
    const owner = await person(personaEmails.appOwner);
    const hers = items.filter((i) => i.reviewerPersonId === owner.id);
    expect(hers.length).toBeGreaterThan(3);
    expect(await priya.me.get()).toMatchObject({ pendingReviews: hers.length, assignedReviews: hers.length });
    // Priya's own membership goes to the fallback reviewer (Alex), never to her.
    expect(items.find((i) => i.personId === owner.id)?.reviewerPersonId).toBe((await person(personaEmails.admin)).id);
    expect(await alex.me.get()).toMatchObject({ pendingReviews: 1, assignedReviews: 1 });
    expect(await dana.me.get()).toMatchObject({ pendingReviews: 0, assignedReviews: 0 });

    await priya.reviews.decide({ campaignId, itemIds: [hers[0]!.id], decision: "KEEP", comment: "Still selling" });
    expect(await priya.me.get()).toMatchObject({ pendingReviews: hers.length - 1, assignedReviews: hers.length });
  });
});

describe("reviews.items", () => {
  it("pages a reviewer's items in name order, with the chips' counts before filters", async () => {
    const first = await priya.reviews.items({ campaignId, limit: 3 });
    const second = await priya.reviews.items({ campaignId, limit: 3, cursor: first.nextCursor });
    const all = await priya.reviews.items({ campaignId, limit: 200 });
    expect(first.nextCursor).not.toBeNull();
    expect([...first.items, ...second.items].map((i) => i.id)).toEqual(all.items.slice(0, 6).map((i) => i.id));
    const names = all.items.map((i) => i.personName);
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
    expect(all.counts).toMatchObject({ all: all.total, kept: 1, revoked: 0, pending: all.total - 1 });
    expect(all.counts.recommendedKeep + all.counts.recommendedRevoke).toBe(all.total);
    const pending = await priya.reviews.items({ campaignId, status: "pending", limit: 200 });
    expect(pending.total).toBe(all.total - 1);
    expect(pending.counts).toEqual(all.counts);
    expect(all.items.every((i) => i.canDecide === !i.decision && !i.ownAccess)).toBe(true);
  });

  it("shows an admin every item, flags their own access, and lets only the assigned reviewer decide", async () => {
    const everything = await alex.reviews.items({ campaignId, limit: 200 });
    const own = everything.items.filter((i) => i.ownAccess);
    expect(own).toHaveLength(0); // Alex holds no Salesforce access
    const priyas = everything.items.find((i) => i.personEmail === personaEmails.appOwner)!;
    expect(priyas.canDecide).toBe(true); // assigned to Alex as the fallback reviewer
    const asPriya = await priya.reviews.items({ campaignId, limit: 200 });
    expect(asPriya.items.some((i) => i.id === priyas.id)).toBe(false);
    expect(await code(priya.reviews.decide({ campaignId, itemIds: [priyas.id], decision: "KEEP", comment: "mine" }))).toBe("FORBIDDEN");
  });

  it("hides the campaign from people with no items in it, and lets the auditor read it", async () => {
    expect(await dana.reviews.list()).toEqual([]);
    expect(await code(dana.reviews.get({ campaignId }))).toBe("NOT_FOUND");
    expect((await morgan.reviews.items({ campaignId, limit: 1 })).counts.all).toBeGreaterThan(3);
    expect(await code(morgan.reviews.decide({ campaignId, itemIds: ["x"], decision: "KEEP" }))).not.toBe("OK");
  });
});
