import { beforeAll, describe, expect, it } from "vitest";
import { requestLoopWorld } from "../../testing/request-loop-world.ts";
import { syncedTenant } from "../../testing/fixtures.ts";
import { saveApp } from "../catalog/save-app.ts";
import { saveRole } from "../catalog/save-role.ts";
import { requestAccess } from "../requests/request-access.ts";
import { completeAccessTask } from "../tasks/complete-access-task.ts";
import type { DomainError } from "../errors.ts";
import { createCampaign } from "./create-campaign.ts";
import { launchCampaign } from "./launch-campaign.ts";
import { decideReviewItems } from "./decide-review-items.ts";
import { closeCampaign } from "./close-campaign.ts";
import { campaignEvidenceCsv } from "./campaign-evidence-csv.ts";
import { getCampaign } from "./queries.ts";
import { accountItemId, IMPORT_ACTION, importReviewAccounts, NO_PERSON } from "./import-review-accounts.ts";

const { db, services, okta, driver, t, p } = await requestLoopWorld();
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const refusal = (promise: Promise<unknown>) => promise.then(() => { throw new Error("expected a refusal"); }, (e: DomainError) => e);

let legacy: { id: string; user: string; admin: string };
let zendeskId: string;
let campaignId: string;
const email = (login: string) => `${login}@acme.example`;
const asAdmin = { byPersonId: p["alex.kim"]!.id, asAdmin: true };
const importCsv = (csv: string, extra: Partial<Parameters<typeof importReviewAccounts>[1]> = {}) =>
  importReviewAccounts(t.scope, { campaignId, appId: legacy.id, csv, fileName: "legacy-crm-users.csv", ...asAdmin, ...extra });
/** Everything an import could write: items, audit events, notifications. */
const written = async () => [await db.prisma.reviewItem.count(), await db.prisma.auditEvent.count(), await db.prisma.notification.count()];
const items = (id = campaignId) => db.prisma.reviewItem.findMany({ where: { campaignId: id, appId: legacy.id }, orderBy: { personEmail: "asc" } });

/** A live grant of a manual app, as the product makes one: a request, then the owner confirms the task if one opened. */
async function manualGrant(roleId: string, who: string) {
  const req = await requestAccess(t.scope, { roleId, requesterPersonId: p[who]!.id, reason: "Quarterly pipeline work", source: "web" });
  await driver.drain();
  const task = await db.prisma.accessTask.findFirst({ where: { personId: p[who]!.id, appId: legacy.id, kind: "grant", status: "OPEN" } });
  if (task) await completeAccessTask(t.scope, { taskId: task.id, note: "Created the account", byPersonId: p["priya.shah"]!.id, asAdmin: false });
  await driver.drain();
  let grant = await db.prisma.grant.findUniqueOrThrow({ where: { requestId: req.id } });
  // Not what is under test here: where no task confirmed it, the owner's confirmation is recorded directly.
  if (grant.status === "PENDING") grant = await db.prisma.grant.update({ where: { id: grant.id }, data: { status: "ACTIVE", activatedAt: services.clock.now() } });
  expect(grant.status).toBe("ACTIVE");
  return grant;
}

// Ethan holds Legacy CRM through Gatehouse and is in the list; Dana holds it but is not; Kai, Sofia (60 days
// idle in the app) and Ben (suspended) have accounts nobody granted; contractor@agency is in no directory.
const FILE = [
  "\uFEFFEmail,Full name,Role,Last login",
  `${email("ethan.brooks").toUpperCase()},Ethan Brooks,User,2026-11-20`,
  `${email("kai.tanaka")},"Tanaka, Kai",Admin,2026-11-25`,
  `${email("sofia.rossi")},Sofia Rossi,User,2026-09-27`,
  `${email("ben.foster")},Ben Foster,"User, read-only",2026-11-01`,
  `contractor@agency.example,"Vendor ""Temp"" Account",Admin,2026-11-01`,
  `svc-export@agency.example,"=HYPERLINK(""http://evil.example"",""x"")",User,`,
].join("\r\n") + "\r\n";

beforeAll(async () => {
  const app = await saveApp(t.scope, { name: "Legacy CRM", riskLevel: "MEDIUM", provisioningMode: "MANUAL", ownerPersonIds: [p["priya.shah"]!.id] });
  const user = await saveRole(t.scope, { appId: app.id, name: "User", groupIds: [], steps: [{ kind: "AUTO" }] });
  const admin = await saveRole(t.scope, { appId: app.id, name: "Admin", groupIds: [], steps: [{ kind: "AUTO" }] });
  legacy = { id: app.id, user: user.id, admin: admin.id };
  const zd = await saveApp(t.scope, { name: "Zendesk", riskLevel: "MEDIUM", ownerPersonIds: [p["nadia.haddad"]!.id] });
  zendeskId = zd.id;
  await manualGrant(user.id, "ethan.brooks");
  await manualGrant(user.id, "dana.lee");
  await db.prisma.person.update({ where: { id: p["ben.foster"]!.id }, data: { status: "SUSPENDED" } });
  const campaign = await createCampaign(t.scope, {
    name: "Legacy CRM review", scope: { appIds: [app.id] }, reviewerMode: "manager",
    fallbackReviewerId: p["alex.kim"]!.id, dueAt: new Date(services.clock.now().getTime() + 72 * HOUR),
  });
  campaignId = campaign.id;
  await launchCampaign(t.scope, { campaignId });
});

describe("importing a manual app's account list", () => {
  it("previews the summary and writes nothing", async () => {
    const before = await written();
    const preview = await importCsv(FILE, { dryRun: true });
    expect(preview).toMatchObject({ dryRun: true, counts: { rows: 6, accounts: 6, confirmed: 1, newItems: 3, orphans: 2, grantedButMissing: 1, alreadyImported: 0 } });
    expect(await written()).toEqual(before);
  });

  it("confirms granted accounts, makes review items of the rest (orphans too) and reports grants with no account", async () => {
    const launchedItems = (await items()).length;
    const r = await importCsv(FILE);
    expect(r.counts).toEqual({ rows: 6, accounts: 6, duplicateRows: 0, confirmed: 1, newItems: 3, orphans: 2, alreadyImported: 0, outsideScope: 0, grantedButMissing: 1 });
    expect(r.confirmed).toEqual([{ line: 2, email: email("ethan.brooks"), personName: "Ethan Brooks", grantedRoles: ["User"], listedRole: "User" }]);
    expect(r.grantedButMissing).toEqual([expect.objectContaining({ personName: "Dana Lee", email: email("dana.lee"), role: "User" })]);
    expect(r.orphans).toEqual([
      expect.objectContaining({ line: 6, email: "contractor@agency.example", name: 'Vendor "Temp" Account', role: "Legacy CRM · Admin", reviewer: "Alex Kim", lastActivityAt: new Date("2026-11-01T00:00:00Z") }),
      expect.objectContaining({ line: 7, email: "svc-export@agency.example", role: "Legacy CRM · User", lastActivityAt: null }),
    ]);
    expect(r.newItems.map((i) => [i.line, i.email])).toEqual([[3, email("kai.tanaka")], [4, email("sofia.rossi")], [5, email("ben.foster")]]);

    const all = await items();
    expect(all.length).toBe(launchedItems + 5);
    // Ethan's account is his grant's item (from launch), not a second one.
    expect(all.filter((i) => i.personId === p["ethan.brooks"]!.id).map((i) => i.howGranted)).toEqual(["request"]);
    const kai = all.find((i) => i.personId === p["kai.tanaka"]!.id)!;
    const kaiPerson = await db.prisma.person.findUniqueOrThrow({ where: { id: kai.personId } });
    expect(kai).toMatchObject({
      id: accountItemId(campaignId, legacy.id, email("kai.tanaka")), howGranted: "account_list", grantId: null, groupId: null, groupNames: [],
      accessLabel: "Legacy CRM · Admin", roleId: legacy.admin, lastUsedAt: new Date("2026-11-25T00:00:00Z"), recommendation: "REVOKE",
      recommendationReason: "Unexplained: the app has this account, but no request or bundle grants it", reviewerPersonId: kaiPerson.managerId,
      personName: kaiPerson.displayName, personDepartment: kaiPerson.department, decision: null,
    });
    const sofia = all.find((i) => i.personId === p["sofia.rossi"]!.id)!;
    expect(sofia.recommendationReason).toBe("Inactive: last activity in the app 60 days ago (threshold 30 days)");
    const ben = all.find((i) => i.personId === p["ben.foster"]!.id)!;
    expect([ben.accessLabel, ben.roleId, ben.recommendationReason]).toEqual(["Legacy CRM · User, read-only", null, "Left the company (suspended) but still has an account"]);
    const orphan = all.find((i) => i.personId === NO_PERSON)!;
    expect(orphan).toMatchObject({
      howGranted: "orphan_account", personEmail: "contractor@agency.example", personName: 'Vendor "Temp" Account', personStatus: "NOT_IN_DIRECTORY",
      recommendationReason: "Orphan account: nobody in the directory has this email", reviewerPersonId: p["alex.kim"]!.id,
      reviewerNote: "Fallback reviewer: an account with no person in the directory has no manager",
    });

    const event = await db.prisma.auditEvent.findFirstOrThrow({ where: { action: IMPORT_ACTION }, orderBy: { seq: "desc" } });
    expect(event).toMatchObject({ subjectType: "campaign", subjectId: campaignId, actorLabel: "test" });
    expect(event.data).toMatchObject({
      appId: legacy.id, fileName: "legacy-crm-users.csv", counts: r.counts,
      orphans: [{ line: 6, email: "contractor@agency.example", name: 'Vendor "Temp" Account', role: "Legacy CRM · Admin" }, expect.objectContaining({ line: 7 })],
      grantedButMissing: [expect.objectContaining({ email: email("dana.lee"), role: "User" })],
    });
    // The campaign is running: the reviewers of the new items are told.
    expect(await db.prisma.notification.count({ where: { kind: "review.assigned", personId: kai.reviewerPersonId, body: { contains: "account list of Legacy CRM" } } })).toBe(1);
    // The campaign page shows the import.
    const page = await getCampaign(t.scope.tdb, campaignId, services.clock.now(), { personId: p["priya.shah"]!.id, admin: false });
    expect(page.manualApps).toEqual([expect.objectContaining({ name: "Legacy CRM", canImport: true, lastImport: expect.objectContaining({ fileName: "legacy-crm-users.csv", counts: r.counts }) })]);
    expect((await getCampaign(t.scope.tdb, campaignId, services.clock.now(), { personId: p["dana.lee"]!.id, admin: false })).manualApps[0]!.canImport).toBe(false);
  });

  it("importing the same file again changes nothing; a newer list adds only the new accounts", async () => {
    const before = await written();
    const again = await importCsv(FILE.replace("\uFEFF", "")); // the same list saved without a BOM
    expect(again).toMatchObject({ unchanged: true, counts: { newItems: 0, orphans: 0, alreadyImported: 5, confirmed: 1 } });
    expect(await written()).toEqual(before);

    const newer = `${FILE}${email("leah.goldberg")},Leah Goldberg,User,2026-11-24\r\n`;
    const r = await importCsv(newer, { fileName: "legacy-crm-users-2.csv" });
    expect(r.counts).toMatchObject({ newItems: 1, orphans: 0, alreadyImported: 5, confirmed: 1 });
    expect(r.newItems.map((i) => i.email)).toEqual([email("leah.goldberg")]);
    expect((await items()).filter((i) => i.howGranted === "account_list" || i.howGranted === "orphan_account").length).toBe(6);
    const [items2, audit2] = await written();
    expect([items2, audit2]).toEqual([before[0]! + 1, before[1]! + 1]);
  });

  it("refuses a bad file with a clear message and writes nothing", async () => {
    const before = await written();
    const cases: [string, RegExp][] = [
      ["Name,Role\nKai,Admin\n", /^The header row has no email column \(found: “Name”, “Role”\)/],
      [`email,name\n${email("kai.tanaka")},"Kai\n${email("ivy.turner")},Ivy\n`, /^The file is not valid CSV at line 3: a quoted field is never closed/],
      [`email,last login\n${email("ivy.turner")},last tuesday\n`, /^1 row could not be read; nothing was imported\.[^]*\nLine 2: “last tuesday” in “last login” is not a date/],
      // Under 2 MB of characters but over 2 MB of UTF-8.
      [`email,name\nivy@acme.example,${"é".repeat(1_100_000)}\n`, /^The file is larger than 2 MB/],
    ];
    for (const [csv, message] of cases) {
      const e = await refusal(importCsv(csv));
      expect([e.code, e.message]).toEqual(["BAD_REQUEST", expect.stringMatching(message)]);
    }
    // Over 2 MB of characters: refused by the input schema before anything is read.
    const huge = await refusal(importCsv(`email\n${"x".repeat(2 * 1024 * 1024)}\n`));
    expect(huge.message).toContain("The file is larger than 2 MB");
    expect(await written()).toEqual(before);
  });

  it("only admins and the app's owners may import", async () => {
    const before = await written();
    const e = await refusal(importCsv(FILE, { byPersonId: p["dana.lee"]!.id, asAdmin: false }));
    expect([e.code, e.message]).toEqual(["FORBIDDEN", "Only admins and the owners of Legacy CRM can import its accounts"]);
    expect((await refusal(importCsv(FILE, { byPersonId: null, asAdmin: false }))).code).toBe("FORBIDDEN");
    expect(await written()).toEqual(before);
    // Priya owns Legacy CRM: she exports its users, so she may import them.
    expect((await importCsv(FILE, { byPersonId: p["priya.shah"]!.id, asAdmin: false, dryRun: true })).counts.alreadyImported).toBe(5);
  });

  it("refuses an app that is not manual, or not in the campaign's scope", async () => {
    const before = await written();
    const zd = await refusal(importCsv(FILE, { appId: zendeskId }));
    expect([zd.code, zd.message]).toEqual(["BAD_REQUEST", "Zendesk is provisioned through IdP groups: its accounts come from the directory sync, not from a file"]);
    const other = await saveApp(t.scope, { name: "Old Wiki", provisioningMode: "MANUAL", ownerPersonIds: [p["priya.shah"]!.id] });
    const out = await refusal(importCsv(FILE, { appId: other.id }));
    expect([out.code, out.message]).toEqual(["BAD_REQUEST", "Old Wiki is not in this campaign's scope"]);
    expect((await refusal(importCsv(FILE, { appId: "no-such-app" }))).code).toBe("NOT_FOUND");
    expect((await refusal(importCsv(FILE, { campaignId: "no-such-campaign" }))).code).toBe("NOT_FOUND");
    expect(await written()).toEqual([before[0], before[1] + 1, before[2]]); // saving Old Wiki is audited
  });

  it("another tenant's campaign and app are not found", async () => {
    const b = await syncedTenant(services, "globex", okta, { admin: "noah.patel@acme.example", auditor: "ethan.brooks@acme.example", employee: "ava.nguyen@acme.example" });
    const bPerson = await b.scope.tdb.person.findFirstOrThrow({ where: { login: { startsWith: "noah.patel" } } });
    const bCampaign = await createCampaign(b.scope, { name: "Everything", scope: {}, reviewerMode: "manager", fallbackReviewerId: bPerson.id, dueAt: new Date(services.clock.now().getTime() + DAY) });
    const before = await written();
    const asB = { byPersonId: bPerson.id, asAdmin: true, csv: FILE };
    expect((await refusal(importReviewAccounts(b.scope, { campaignId, appId: legacy.id, ...asB }))).message).toBe("Campaign not found");
    expect((await refusal(importReviewAccounts(b.scope, { campaignId: bCampaign.id, appId: legacy.id, ...asB }))).message).toBe("App not found");
    expect(await written()).toEqual(before);
  });
});

describe("reviewing imported accounts", () => {
  it("revoking an imported account or an orphan opens a removal task for the app's owners; done, it is confirmed", async () => {
    const all = await items();
    const kai = all.find((i) => i.personId === p["kai.tanaka"]!.id)!;
    const orphan = all.find((i) => i.personId === NO_PERSON)!;
    const r = await decideReviewItems(t.scope, { campaignId, itemIds: [kai.id], decision: "REVOKE", comment: "No reason to be an admin", deciderPersonId: kai.reviewerPersonId });
    expect(r).toMatchObject({ decided: 1, removing: 0, tasks: 1 });
    await decideReviewItems(t.scope, { campaignId, itemIds: [orphan.id], decision: "REVOKE", comment: "Contract ended", deciderPersonId: p["alex.kim"]!.id });
    const tasks = await db.prisma.accessTask.findMany({ where: { reviewItemId: { in: [kai.id, orphan.id] } }, orderBy: { title: "asc" } });
    expect(tasks.map((x) => [x.kind, x.status, x.grantId, x.assigneePersonIds, x.title])).toEqual([
      ["remove", "OPEN", null, [p["priya.shah"]!.id], "Remove Kai Tanaka from Legacy CRM · Admin"],
      ["remove", "OPEN", null, [p["priya.shah"]!.id], 'Remove Vendor "Temp" Account from Legacy CRM · Admin'],
    ]);
    for (const task of tasks) {
      await completeAccessTask(t.scope, { taskId: task.id, note: "Deactivated the account in Legacy CRM admin", byPersonId: p["priya.shah"]!.id, asAdmin: false });
    }
    const after = await items();
    for (const id of [kai.id, orphan.id]) {
      expect(after.find((i) => i.id === id)).toMatchObject({ decision: "REVOKE", revocation: "CONFIRMED", readBack: expect.objectContaining({ manual: true, completedBy: "Priya Shah" }) });
    }
    // The evidence names the orphan account by its email, with the reviewer's decision and the proof.
    const csv = await campaignEvidenceCsv(t.scope, { campaignId });
    expect(csv).toContain("contractor@agency.example");
    expect(csv).toMatch(/orphan_account/);
    // A name from the uploaded list cannot run as a spreadsheet formula.
    expect(csv).toContain(`'=HYPERLINK(""http://evil.example"",""x"")`);
  });
});

describe("campaign states", () => {
  it("imports into a draft (its reviewers hear at launch), and refuses a closed campaign", async () => {
    const draft = await createCampaign(t.scope, {
      name: "Legacy CRM only", scope: { roleIds: [legacy.admin] }, reviewerMode: "app_owner",
      fallbackReviewerId: p["alex.kim"]!.id, dueAt: new Date(services.clock.now().getTime() + 72 * HOUR),
    });
    // Nothing but the list to review: a draft with no grants in scope could not launch without it.
    const r = await importCsv(`email,role\n${email("ivy.turner")},Admin\nghost@nowhere.example,Admin\n`, { campaignId: draft.id });
    expect(r.counts).toMatchObject({ newItems: 1, orphans: 1 });
    const drafted = await items(draft.id);
    expect(drafted.map((i) => [i.personEmail, i.reviewerPersonId])).toEqual([["ghost@nowhere.example", p["priya.shah"]!.id], [email("ivy.turner"), p["priya.shah"]!.id]]);
    expect(await db.prisma.notification.count({ where: { kind: "review.assigned", link: `/reviews/${draft.id}` } })).toBe(0);
    const { snapshot } = await launchCampaign(t.scope, { campaignId: draft.id });
    expect(snapshot).toMatchObject({ items: 2, importedItems: 2, grantItems: 0, unexplainedItems: 0 });
    expect(await db.prisma.notification.count({ where: { kind: "review.assigned", link: `/reviews/${draft.id}`, personId: p["priya.shah"]!.id } })).toBe(1);

    await decideReviewItems(t.scope, { campaignId: draft.id, itemIds: drafted.map((i) => i.id), decision: "KEEP", comment: "Service accounts, confirmed with IT", deciderPersonId: p["priya.shah"]!.id });
    await closeCampaign(t.scope, { campaignId: draft.id });
    const before = await written();
    const e = await refusal(importCsv(FILE, { campaignId: draft.id }));
    expect([e.code, e.message]).toEqual(["CONFLICT", "This campaign is closed: its items are final. Import the account list into a new campaign."]);
    expect(await written()).toEqual(before);
  });
});
