// `gatehouse audit verify` through the CLI's main() in this process, against the demo tenant Acme seeded
// into a temporary data directory (or a PostgreSQL database of its own when DATABASE_URL is set).
import { describe, expect, it } from "vitest";
import { cliInProcess as cli, cliTestWorld, withCliDb as withDb } from "./cli-test-world.ts";

cliTestWorld("audit");

const acmeEvent = (seq: number) =>
  withDb((db) => db.auditEvent.findFirstOrThrow({ where: { tenant: { slug: "acme" }, seq } }));

describe("gatehouse audit verify", { timeout: 120_000 }, () => {
  it("an intact chain: OK with the count and head hash, exit 0; the verification is recorded", async () => {
    const r = await cli(["audit", "verify", "--tenant", "acme"]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const [first, second] = r.stdout.trim().split("\n");
    const m = /^OK: ([\d,]+) events, head ([0-9a-f]{64})$/.exec(first!);
    expect(m, r.stdout).not.toBeNull();
    const n = Number(m![1]!.replace(/,/g, ""));
    const head = await acmeEvent(n);
    expect(m![2]).toBe(head.hash);
    expect(second).toBe(`  (this verification is recorded as audit event #${(n + 1).toLocaleString("en-US")})`);
    expect(await acmeEvent(n + 1)).toMatchObject({ action: "audit.verified", actorType: "cli", prevHash: head.hash, data: { ok: true, checked: n } });

    const json = await cli(["audit", "verify", "--tenant", "acme", "--json"]);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toMatchObject({ ok: true, checked: n + 1, lastSeq: n + 1, firstBroken: null, recorded: { seq: n + 2 } });
  });

  it("an edited event: BROKEN at that event with its id, exit 1, nothing on stderr", async () => {
    const e = await acmeEvent(3);
    await withDb((db) => db.$executeRaw`UPDATE "AuditEvent" SET "actorLabel" = 'someone else' WHERE "id" = ${e.id}`);
    const r = await cli(["audit", "verify", "--tenant", "acme"]);
    expect(r).toMatchObject({ code: 1, stderr: "" });
    expect(r.stdout.split("\n")[0]).toBe(`BROKEN at event #3 (${e.id}): hash mismatch — the event's content was changed after it was written`);
    expect(r.stdout).toContain("Events #1–#2 are intact");
    const json = await cli(["audit", "verify", "--tenant", "acme", "--json"]);
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout)).toMatchObject({ ok: false, lastSeq: 2, firstBroken: { seq: 3, eventId: e.id, reason: "hash mismatch: content changed" } });
    await withDb((db) => db.$executeRaw`UPDATE "AuditEvent" SET "actorLabel" = ${e.actorLabel} WHERE "id" = ${e.id}`);
    expect((await cli(["audit", "verify", "--tenant", "acme"])).code).toBe(0);
  });

  it("a deleted event: BROKEN at its seq, missing, exit 1", async () => {
    await withDb((db) => db.$executeRaw`DELETE FROM "AuditEvent" WHERE "tenantId" = (SELECT id FROM "Tenant" WHERE slug = 'acme') AND seq = 4`);
    const r = await cli(["audit", "verify", "--tenant", "acme"]);
    expect(r).toMatchObject({ code: 1, stderr: "" });
    expect(r.stdout.split("\n")[0]).toBe("BROKEN at event #4 (deleted): missing event — event #4 was deleted (the chain jumps from #3 to #5)");
  });

  it("usage errors exit 2; an unknown tenant exits 1", async () => {
    const missing = await cli(["audit", "verify"]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("required option '--tenant <slug>' not specified");
    expect((await cli(["audit", "verify", "--tenant", "  "])).code).toBe(2);
    expect((await cli(["audit", "nope"])).code).toBe(2);
    expect(await cli(["audit", "verify", "--tenant", "nope"])).toMatchObject({
      code: 1, stdout: "", stderr: "Error: Tenant nope not found (see `gatehouse tenant list`)\n",
    });
  });
});
