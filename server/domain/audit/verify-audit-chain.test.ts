// The audit hash chain, verified over a tenant with real events (created, synced, catalog saved, a request
// approved), then tampered with through raw SQL as someone with database access would: an edited event, a
// deleted one, a rewritten link. Verification must fail at exactly that event, and only in that tenant.
import { beforeAll, describe, expect, it } from "vitest";
import { testDatabase } from "../../testing/db.ts";
import { acmeOkta, makeServices, syncedTenant } from "../../testing/fixtures.ts";
import { saveApp } from "../catalog/save-app.ts";
import { saveRole } from "../catalog/save-role.ts";
import { requestAccess } from "../requests/request-access.ts";
import { decideApproval } from "../requests/decide-approval.ts";
import { createTenant } from "../tenants/create-tenant.ts";
import { forTenant, type TenantScope } from "../services.ts";
import { auditHash, GENESIS_HASH } from "../audit.ts";
import { checkAuditChain, VERIFY_PAGE_SIZE, verifyAuditChain } from "./verify-audit-chain.ts";

const db = await testDatabase();
const services = makeServices(db);
const okta = await acmeOkta();

let a: Awaited<ReturnType<typeof syncedTenant>>;
let b: Awaited<ReturnType<typeof syncedTenant>>;

/** Some real activity: an app and a role saved, a request made and approved (grant, notices, audit events). */
async function activity(t: Awaited<ReturnType<typeof syncedTenant>>) {
  const tdb = t.scope.tdb;
  const group = await tdb.group.findFirstOrThrow({ where: { name: "figma-editors" } });
  const zoe = await tdb.person.findFirstOrThrow({ where: { login: { startsWith: "zoe.martin" } } });
  const mia = await tdb.person.findFirstOrThrow({ where: { login: { startsWith: "mia.schmidt" } } });
  const app = await saveApp(t.scope, { name: "Figma", ownerPersonIds: [zoe.id] });
  const role = await saveRole(t.scope, { appId: app.id, name: "Editor", groupIds: [group.id], steps: [{ kind: "MANAGER" }] });
  const request = await requestAccess(t.scope, { roleId: role.id, requesterPersonId: zoe.id, reason: "Design reviews for Q4", source: "web" });
  await decideApproval(t.scope, { requestId: request.id, deciderPersonId: mia.id, decision: "APPROVE", channel: "web" });
}

beforeAll(async () => {
  a = await syncedTenant(services, "chain-a", okta);
  b = await syncedTenant(services, "chain-b", okta, { admin: "noah.patel@acme.example", auditor: "ethan.brooks@acme.example", employee: "ava.nguyen@acme.example" });
  await activity(a);
  await activity(b);
});

const eventAt = (tenantId: string, seq: number) => db.prisma.auditEvent.findUniqueOrThrow({ where: { tenantId_seq: { tenantId, seq } } });
const auditor = (t: { tenantId: string; auditor: { id: string; email: string } }): TenantScope =>
  forTenant(services, t.tenantId, { type: "user", id: t.auditor.id, label: t.auditor.email });

/** Runs `tamper`, checks, then puts the row back exactly as it was so the next test starts from an intact chain. */
async function tampered<R = Awaited<ReturnType<typeof verifyAuditChain>>>(
  seq: number, tamper: (id: string) => Promise<unknown>, check: () => Promise<R> = () => verifyAuditChain(auditor(a)) as Promise<R>,
) {
  const original = await eventAt(a.tenantId, seq);
  await tamper(original.id);
  try {
    return { result: await check(), original };
  } finally {
    await db.prisma.auditEvent.upsert({ where: { id: original.id }, create: { ...original, data: original.data ?? {} }, update: { ...original, data: original.data ?? {} } });
  }
}

describe("audit chain verification", () => {
  it("an untouched chain of real events verifies, and the verification is appended to it", async () => {
    const count = await db.prisma.auditEvent.count({ where: { tenantId: a.tenantId } });
    expect(count).toBeGreaterThan(8);
    const head = await eventAt(a.tenantId, count);
    const r = await verifyAuditChain(auditor(a));
    expect(r).toMatchObject({ ok: true, checked: count, lastSeq: count, headHash: head.hash, firstBroken: null });
    const recorded = await eventAt(a.tenantId, count + 1);
    expect(recorded).toMatchObject({
      id: r.recorded.eventId, action: "audit.verified", subjectType: "tenant", subjectId: a.tenantId,
      actorType: "user", actorLabel: a.auditor.email, prevHash: head.hash,
      data: { ok: true, checked: count, lastSeq: count, headHash: head.hash, firstBroken: null },
    });
    expect(auditHash(recorded)).toBe(recorded.hash);
    // The next verification covers the previous one.
    expect(await checkAuditChain(auditor(a))).toMatchObject({ ok: true, checked: count + 1, headHash: recorded.hash });
  });

  it("editing one event's data in the database breaks the chain at exactly that event: content changed", async () => {
    const { result, original } = await tampered(5, (id) =>
      db.prisma.$executeRaw`UPDATE "AuditEvent" SET "data" = jsonb_set("data", '{tampered}', 'true') WHERE "id" = ${id}`,
    );
    expect(result).toMatchObject({
      ok: false, checked: 5, lastSeq: 4,
      firstBroken: { seq: 5, eventId: original.id, kind: "content_changed", reason: "hash mismatch: content changed" },
    });
    expect(result.headHash).toBe((await eventAt(a.tenantId, 4)).hash);
    // The failed verification is recorded too.
    expect(await eventAt(a.tenantId, result.recorded.seq)).toMatchObject({
      action: "audit.verified", data: { ok: false, firstBroken: { seq: 5, eventId: original.id, reason: "hash mismatch: content changed" } },
    });
  });

  it("editing who acted breaks the chain at that event", async () => {
    const { result } = await tampered(7, (id) => db.prisma.$executeRaw`UPDATE "AuditEvent" SET "actorLabel" = 'someone else' WHERE "id" = ${id}`);
    expect(result.firstBroken).toMatchObject({ seq: 7, kind: "content_changed" });
  });

  it("deleting one event breaks the chain at its seq: missing", async () => {
    const { result } = await tampered(6, (id) => db.prisma.$executeRaw`DELETE FROM "AuditEvent" WHERE "id" = ${id}`);
    expect(result).toMatchObject({ ok: false, checked: 5, lastSeq: 5, firstBroken: { seq: 6, eventId: null, kind: "missing", reason: "missing event (deleted)" } });
    expect(result.firstBroken!.explanation).toBe("missing event — event #6 was deleted (the chain jumps from #5 to #7)");
  });

  it("deleting the first event breaks the chain at #1", async () => {
    const { result } = await tampered(1, (id) => db.prisma.$executeRaw`DELETE FROM "AuditEvent" WHERE "id" = ${id}`);
    expect(result).toMatchObject({ ok: false, checked: 0, lastSeq: 0, headHash: GENESIS_HASH, firstBroken: { seq: 1, kind: "missing" } });
  });

  it("rewriting one event's prevHash breaks the chain there", async () => {
    const { result, original } = await tampered(3, (id) => db.prisma.$executeRaw`UPDATE "AuditEvent" SET "prevHash" = ${"f".repeat(64)} WHERE "id" = ${id}`);
    expect(result.firstBroken).toMatchObject({ seq: 3, eventId: original.id, kind: "link_broken", reason: "prevHash does not match the previous event" });
  });

  it("an edit whose hash was recomputed still shows: the next event's link no longer matches", async () => {
    const { result } = await tampered(4, async (id) => {
      const e = await db.prisma.auditEvent.findUniqueOrThrow({ where: { id } });
      const forged = { ...e, actorLabel: "nobody" };
      await db.prisma.auditEvent.update({ where: { id }, data: { actorLabel: forged.actorLabel, hash: auditHash(forged) } });
    });
    expect(result.firstBroken).toMatchObject({ seq: 5, kind: "link_broken" });
  });

  it("a break on a later page is found at the same seq (pages of 3)", async () => {
    const total = await db.prisma.auditEvent.count({ where: { tenantId: a.tenantId } });
    expect(await checkAuditChain(auditor(a), { pageSize: 3 })).toMatchObject({ ok: true, checked: total });
    const { result } = await tampered(
      8,
      (id) => db.prisma.$executeRaw`UPDATE "AuditEvent" SET "subjectId" = 'x' WHERE "id" = ${id}`,
      () => checkAuditChain(auditor(a), { pageSize: 3 }),
    );
    expect(result).toMatchObject({ checked: 8, firstBroken: { seq: 8, kind: "content_changed" } });
  });

  it("tampering with tenant A leaves tenant B's chain intact", async () => {
    const { result } = await tampered(
      2,
      (id) => db.prisma.$executeRaw`UPDATE "AuditEvent" SET "actorLabel" = 'x' WHERE "id" = ${id}`,
      async () => ({ a: await checkAuditChain(auditor(a)), b: await verifyAuditChain(auditor(b)) }),
    );
    expect(result.a.firstBroken?.seq).toBe(2);
    expect(result.b).toMatchObject({ ok: true, firstBroken: null });
    expect(result.b.checked).toBe((await db.prisma.auditEvent.count({ where: { tenantId: b.tenantId } })) - 1);
    expect(await checkAuditChain(auditor(a))).toMatchObject({ ok: true });
  });

  it("verifies 100,000 events in pages, in seconds", { timeout: 180_000 }, async () => {
    const t = await createTenant(services, { type: "cli", label: "test" }, { slug: "chain-big", name: "Big", adminEmail: "big@big.example" });
    const first = await eventAt(t.id, 1);
    let prevHash = first.hash;
    const at = new Date("2026-11-26T09:00:00Z");
    for (let start = 2; start <= 100_000; start += 5_000) {
      const rows = [];
      for (let seq = start; seq < Math.min(start + 5_000, 100_001); seq++) {
        const row = {
          tenantId: t.id, seq, at, actorType: "job", actorId: null, actorLabel: "expiry",
          action: "grant.ended", subjectType: "grant", subjectId: `g${seq}`, data: { reason: "expired", n: seq }, prevHash,
        };
        prevHash = auditHash(row);
        rows.push({ ...row, hash: prevHash });
      }
      // One JSON parameter per batch: far faster than createMany on PGlite.
      await db.prisma.$executeRaw`
        INSERT INTO "AuditEvent" (id, "tenantId", seq, at, "actorType", "actorId", "actorLabel", action, "subjectType", "subjectId", data, "prevHash", hash)
        SELECT 'ev' || r.seq, r."tenantId", r.seq, ${at}, r."actorType", r."actorId", r."actorLabel", r.action, r."subjectType", r."subjectId", r.data, r."prevHash", r.hash
        FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS r("tenantId" text, seq int, "actorType" text, "actorId" text, "actorLabel" text,
          action text, "subjectType" text, "subjectId" text, data jsonb, "prevHash" text, hash text)`;
    }
    const scope = forTenant(services, t.id, { type: "cli", label: "test" });
    const r = await checkAuditChain(scope);
    console.log(
      `audit verify: ${r.checked.toLocaleString("en-US")} events in ${r.durationMs} ms ` +
        `(${Math.round(r.checked / (r.durationMs / 1000)).toLocaleString("en-US")} events/s, pages of ${VERIFY_PAGE_SIZE.toLocaleString("en-US")}, ` +
        `${process.env.DATABASE_URL ? "PostgreSQL" : "PGlite"})`,
    );
    expect(r).toMatchObject({ ok: true, checked: 100_000, lastSeq: 100_000, headHash: prevHash });
  });
});
