// What the evidence API returns: rows, stable cursor paging, date windows, and the CSV a GRC tool stores.
import { describe, expect, it } from "vitest";
import { requestAccess } from "../../domain/requests/request-access.ts";
import { revokeGrant } from "../../domain/grants/revoke-grant.ts";
import { allPages, evidenceWorld, hoursAfterBase } from "./evidence-test-world.ts";

const { db, t, p, driver, auto, decided, people, tokenA, call } = await evidenceWorld(10);
const token = tokenA.secret;
const window = "from=2026-05-01&to=2026-07-01";
const order = [{ createdAt: "asc" as const }, { id: "asc" as const }];
const inMay2June = { gte: new Date("2026-05-01T00:00:00Z"), lt: new Date("2026-07-01T00:00:00Z") };
const requestIds = async () => (await db.prisma.accessRequest.findMany({ where: { tenantId: t.tenantId, createdAt: inMay2June }, orderBy: order, select: { id: true } })).map((r) => r.id);
const json = async (res: Response) => { expect(res.status).toBe(200); return (await res.json()) as { data: Record<string, unknown>[]; nextCursor: string | null }; };

/** A new request of Acme's, dated `at` (created now, between two pages of a listing). */
async function newRequest(personIndex: number, at: Date) {
  const r = await requestAccess(t.scope, { roleId: auto.id, requesterPersonId: people[personIndex]!.id, reason: "Late arrival during paging", source: "web" });
  await db.prisma.accessRequest.update({ where: { id: r.id }, data: { createdAt: at } });
  return r.id;
}

describe("evidence rows", () => {
  it("a request carries who asked, for what, why, and every approval decision", async () => {
    const body = await json(await call(`requests?${window}&limit=1`, token));
    expect(body.data[0]).toMatchObject({
      id: decided.id, createdAt: hoursAfterBase(0).toISOString(), requesterEmail: "dana.lee@acme.example", beneficiaryEmail: "dana.lee@acme.example",
      app: "Figma", role: "Editor", reason: "Design reviews for the Q4 launch", durationMinutes: 60, source: "web", status: "APPROVED",
      approvals: [{ step: 1, kind: "MANAGER", status: "APPROVED", decisions: [{ decider: "sam.rivera@acme.example", decision: "APPROVE", channel: "slack", comment: 'ok, "approved" for Q4' }] }],
    });
    expect(body.data[0]!.jiraIssueKey).toMatch(/^ACCESS-\d+$/);
    expect(body.data[0]!.decidedAt).toBeTruthy();
    expect(body.nextCursor).toBeTruthy();
  });

  it("a grant carries the groups it added with their read-back, and after revocation the removal's read-back", async () => {
    const grant = await db.prisma.grant.findFirstOrThrow({ where: { tenantId: t.tenantId, roleId: auto.id, status: "ACTIVE" }, orderBy: order });
    await revokeGrant(t.scope, { grantId: grant.id, reason: "Left the on-call rota", channel: "web", revokerPersonId: p["alex.kim"]!.id, asAdmin: true });
    await driver.drain();
    const all = await json(await call(`grants?${window}&limit=1000`, token));
    const row = all.data.find((g) => g.id === grant.id)!;
    expect(row).toMatchObject({ app: "Datadog", role: "Viewer", groups: ["datadog-users"], source: "request", status: "ENDED", requestId: grant.requestId, endReason: expect.any(String) });
    expect(row.added).toMatchObject([{ group: "datadog-users", status: "SUCCEEDED", isMember: true }]);
    expect(row.removed).toMatchObject([{ group: "datadog-users", status: "SUCCEEDED", isMember: false }]);
    expect(all.data.filter((g) => g.status === "ACTIVE").length).toBeGreaterThan(3);
  });
});

describe("cursor paging", () => {
  it("returns every row exactly once, in (createdAt, id) order, for any page size", async () => {
    const expected = await requestIds();
    for (const limit of [1, 3, 4, 7, 1000]) {
      expect(await allPages((c) => call(`requests?${window}&limit=${limit}${c ? `&cursor=${c}` : ""}`, token)), `limit ${limit}`).toEqual(expected);
    }
    const grants = (await db.prisma.grant.findMany({ where: { tenantId: t.tenantId }, orderBy: order, select: { id: true } })).map((g) => g.id);
    expect(await allPages((c) => call(`grants?${window}&limit=2${c ? `&cursor=${c}` : ""}`, token))).toEqual(grants);
  });

  it("is stable while rows are inserted between pages: nothing repeats or goes missing", async () => {
    const before = await requestIds();
    const inserted: { late?: string; early?: string; tie?: string } = {};
    const seen = await allPages(
      (c) => call(`requests?${window}&limit=4${c ? `&cursor=${c}` : ""}`, token),
      async (page) => {
        if (page !== 0) return;
        // After the first page: one row dated after everything, one before the cursor, one tied with the first page's hour.
        inserted.late = await newRequest(20, hoursAfterBase(100));
        inserted.early = await newRequest(21, new Date("2026-05-15T00:00:00Z"));
        inserted.tie = await newRequest(22, hoursAfterBase(0));
      },
    );
    expect(new Set(seen).size).toBe(seen.length);
    for (const id of before) expect(seen).toContain(id);
    expect(seen).toContain(inserted.late);
    expect(seen).not.toContain(inserted.early);
    expect(seen.at(-1)).toBe(inserted.late);
    // A tied row lands after the cursor only if its id sorts after the last row served: either way, at most once and in order.
    const after = await requestIds();
    expect(seen).toEqual(after.filter((id) => seen.includes(id)));
  });
});

describe("date filters", () => {
  it("keeps rows with from <= createdAt < to", async () => {
    const inWindow = async (from: Date, to: Date) =>
      (await db.prisma.accessRequest.findMany({ where: { tenantId: t.tenantId, createdAt: { gte: from, lt: to } }, orderBy: order, select: { id: true } })).map((r) => r.id);
    const q = (from: Date, to: Date) => `from=${from.toISOString()}&to=${to.toISOString()}`;
    const hour1 = await allPages((c) => call(`requests?${q(hoursAfterBase(1), hoursAfterBase(2))}&limit=2${c ? `&cursor=${c}` : ""}`, token));
    expect(hour1).toEqual(await inWindow(hoursAfterBase(1), hoursAfterBase(2)));
    expect(hour1).toHaveLength(3);
    // `to` is exclusive, offsets count: 02:00+02:00 is BASE itself, so BASE's rows are out.
    const body = await json(await call(`requests?from=2026-05-31&to=2026-06-01T02:00:00%2B02:00`, token));
    expect(body.data).toEqual([]);
    const grants = await json(await call(`grants?from=${hoursAfterBase(0).toISOString()}&to=${hoursAfterBase(1).toISOString()}`, token));
    expect(grants.data.map((g) => g.createdAt)).toEqual(grants.data.map(() => hoursAfterBase(0).toISOString()));
    expect(grants.data.length).toBeGreaterThan(0);
  });

  it("defaults to the 366 days up to now", async () => {
    const old = await newRequest(23, new Date(t.scope.clock.now().getTime() - 367 * 86_400_000));
    const ids = await allPages((c) => call(`requests?limit=1000${c ? `&cursor=${c}` : ""}`, token));
    expect(ids).not.toContain(old);
    expect(ids).toContain(decided.id);
  });
});

describe("CSV", () => {
  it("streams a header and every row, quoted per RFC 4180, with spreadsheet formulas neutralised", async () => {
    const evil = await newRequest(24, hoursAfterBase(2));
    await db.prisma.accessRequest.update({ where: { id: evil }, data: { reason: '=HYPERLINK("http://evil.example","click"), now\nplease' } });
    await db.prisma.approvalStep.updateMany({ where: { requestId: evil }, data: { fallback: "-x" } });
    const res = await call(`requests?${window}`, token, { accept: "text/csv" }, { csvPageSize: 2 });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toBe('attachment; filename="gatehouse-requests-2026-05-01-2026-07-01.csv"');
    expect(res.body).toBeInstanceOf(ReadableStream);
    const text = await res.text();
    const header = "id,createdAt,requesterEmail,beneficiaryEmail,app,role,reason,durationMinutes,source,status,approvals,jiraIssueKey,decidedAt,grantId\r\n";
    expect(text.startsWith(header)).toBe(true);
    expect(text.split(header)).toHaveLength(2);
    expect(text).toContain(`${evil},${hoursAfterBase(2).toISOString()},`);
    expect(text).toContain(`,"'=HYPERLINK(""http://evil.example"",""click""), now\nplease",`);
    // Every row once, in API order (ids begin each record; the evil reason's line break is inside quotes).
    const ids = text.split("\r\n").slice(1, -1).map((line) => line.split(",")[0]);
    expect(ids).toEqual(await requestIds());
    expect(text).toContain(`"#1 MANAGER APPROVED: APPROVE by sam.rivera@acme.example via slack at `);
    expect(text).toContain(`(""ok, \\""approved\\"" for Q4"")"`);
  });

  it("neutralises every cell that would start a formula, and exports grants with read-backs", async () => {
    const grant = await db.prisma.grant.findFirstOrThrow({ where: { tenantId: t.tenantId, status: "ACTIVE" }, orderBy: order });
    await db.prisma.grant.update({ where: { id: grant.id }, data: { endedBy: "@admin", endReason: "+1 -1" } });
    const text = await (await call(`grants?${window}&format=csv`, token)).text();
    expect(text.split("\r\n")[0]).toBe("id,createdAt,personEmail,app,role,groups,source,status,activatedAt,expiresAt,endedAt,endReason,endedBy,requestId,addedReadBack,removalReadBack");
    const line = text.split("\r\n").find((l) => l.startsWith(grant.id))!;
    expect(line).toContain(",'+1 -1,'@admin,");
    expect(line).toMatch(/: SUCCEEDED, member=yes checked \d{4}-/);
    const empty = await call("grants?from=2020-01-01&to=2020-02-01&format=csv", token);
    expect(await empty.text()).toBe(text.split("\r\n")[0] + "\r\n");
  });
});
