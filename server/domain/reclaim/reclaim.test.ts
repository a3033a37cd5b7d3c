// Auto Reclaim end to end: last use read from the sandbox Okta's System Log, inactive grants notified (in the app
// and by Slack DM with a "Keep it" button), kept with a reason, or revoked after the grace period (read back in the
// sandbox Okta, documented in the sandbox Jira). Real PGlite, the real SDKs, the local job driver, a clock we move.
import { afterEach, describe, expect, it } from "vitest";
import { requestLoopWorld } from "../../testing/request-loop-world.ts";
import { callerAs } from "../../testing/fixtures.ts";
import { serveRoute } from "../../testing/route-server.ts";
import type { Runtime } from "../../runtime.ts";
import { startSlackSandbox } from "../../sandbox/slack/index.ts";
import { POST as interactivity } from "../../../app/api/slack/interactivity/route.ts";
import { saveSlackConnection } from "../slack/save-slack-connection.ts";
import { saveApp } from "../catalog/save-app.ts";
import { saveRole } from "../catalog/save-role.ts";
import { requestAccess } from "../requests/request-access.ts";
import { decideApproval } from "../requests/decide-approval.ts";
import { createTenant } from "../tenants/create-tenant.ts";
import { forTenant } from "../services.ts";
import type { DomainError } from "../errors.ts";
import { runReclaim } from "./run-reclaim.ts";
import { saveReclaimRule } from "./save-reclaim-rule.ts";
import { keepGrant } from "./keep-grant.ts";
import { readAppUsage } from "./read-app-usage.ts";
import { RECLAIM_KEEP_ACTION } from "./slack-keep.ts";
import { checkAuditChain } from "../audit/verify-audit-chain.ts";
import { createCampaign } from "../reviews/create-campaign.ts";
import { launchCampaign } from "../reviews/launch-campaign.ts";

const DAY = 86_400_000;
const { db, services, okta, jira, driver, t, p, g } = await requestLoopWorld();
globalThis.__gatehouseRuntime = Promise.resolve({ services } as unknown as Runtime);
const people = await t.scope.tdb.person.findMany();
const slack = await startSlackSandbox({ now: () => services.clock.now(), users: people.map((x) => ({ email: x.email, realName: x.displayName })) });
await saveSlackConnection(t.scope, { kind: "SLACK", name: "Slack", apiUrl: slack.apiUrl, botToken: slack.botToken, signingSecret: slack.signingSecret });
const interactivityUrl = `${(await serveRoute(interactivity)).url}/api/slack/interactivity`;
const slackId = (login: string) => slack.state.userByEmail(people.find((x) => x.id === p[login]!.id)!.email)!.id;
afterEach(() => slack.faults.clear());

let n = 0;
/** An app with one role on `group` (approved by its owner Liam), with an Okta app id unless told otherwise. */
async function app(group: string, opts: { externalAppId?: string | null; roles?: number } = {}) {
  const externalAppId = opts.externalAppId === undefined ? `0oareclaim${String(++n).padStart(5, "0")}` : opts.externalAppId;
  const a = await saveApp(t.scope, { name: `Reclaim App ${++n}`, riskLevel: "MEDIUM", ownerPersonIds: [p["liam.okafor"]!.id], externalAppId });
  const roles = [];
  for (let i = 0; i < (opts.roles ?? 1); i++) {
    roles.push(await saveRole(t.scope, { appId: a.id, name: i ? `Viewer ${i}` : "Editor", groupIds: [g[group]!.id], steps: [{ kind: "APP_OWNER" }] }));
  }
  return { ...a, externalAppId, roles };
}
async function granted(roleId: string, who: string) {
  const req = await requestAccess(t.scope, { roleId, requesterPersonId: p[who]!.id, reason: "Needed for the Q4 launch work", source: "web" });
  await decideApproval(t.scope, { requestId: req.id, deciderPersonId: p["liam.okafor"]!.id, decision: "APPROVE", channel: "web" });
  await driver.drain();
  const grant = await db.prisma.grant.findUniqueOrThrow({ where: { requestId: req.id } });
  expect(grant.status).toBe("ACTIVE");
  return grant;
}
const now = () => services.clock.now();
const signIn = (appExternalId: string, who: string, at: Date) => okta.state.recordAppSignIn(appExternalId, p[who]!.externalId, at);
async function run() {
  const r = await runReclaim(services, { tenantId: t.tenantId });
  await driver.drain();
  return r;
}
async function advance(ms: number) {
  services.clock.advance(ms);
}
const casesOf = (grantId: string) => db.prisma.reclaimCase.findMany({ where: { grantId }, orderBy: { createdAt: "asc" } });
const inOkta = (group: string, who: string) => okta.state.isMember(g[group]!.externalId, p[who]!.externalId);
const refusal = (promise: Promise<unknown>) => promise.then(() => { throw new Error("expected a refusal"); }, (e: DomainError) => e);
const dms = (login: string) => slack.state.dmMessages(slackId(login)).filter((m) => !m.ephemeralFor);
const buttonsOf = (m: { blocks: unknown[] }) =>
  (m.blocks as { type: string; elements?: { action_id: string }[] }[]).filter((b) => b.type === "actions").flatMap((b) => b.elements!.map((e) => e.action_id));

describe("Auto Reclaim", () => {
  it("inactive 31 days: notified in the app and by Slack, kept with a reason from Slack, and the clock restarts", async () => {
    const a = await app("figma-editors");
    await saveReclaimRule(t.scope, { appId: a.id, inactivityDays: 30, graceDays: 7 });
    const grant = await granted(a.roles[0]!.id, "dana.lee");
    signIn(a.externalAppId!, "dana.lee", new Date(now().getTime() + 3600_000));

    await advance(29 * DAY);
    await run();
    expect(await casesOf(grant.id)).toHaveLength(0); // used 29 days ago at most: still active

    await advance(2 * DAY + 2 * 3600_000);
    await run();
    const [notice] = await casesOf(grant.id);
    expect(notice).toMatchObject({ status: "NOTIFIED", lastUseSource: "system_log" });
    expect(notice!.graceEndsAt!.getTime()).toBe(now().getTime() + 7 * DAY);
    expect(notice!.lastUsedAt!.getTime()).toBe(grant.activatedAt!.getTime() + 3600_000);
    const usage = await db.prisma.appUsage.findUniqueOrThrow({ where: { appId_personId: { appId: a.id, personId: p["dana.lee"]!.id } } });
    expect(usage.lastUsedAt).toEqual(notice!.lastUsedAt);
    const inApp = await db.prisma.notification.findFirstOrThrow({ where: { grantId: grant.id, kind: "reclaim.notified" } });
    expect(inApp.body).toMatch(/looks unused .* Keep it with a reason/);

    // The Slack DM has a "Keep it" button; keeping needs a reason, asked in a modal.
    const dm = dms("dana.lee").find((m) => buttonsOf(m).includes(RECLAIM_KEEP_ACTION))!;
    expect(dm.text).toMatch(/Do you still need Reclaim App/);
    const click = await slack.send.clickButton(interactivityUrl, { userId: slackId("dana.lee"), messageTs: dm.ts, actionId: RECLAIM_KEEP_ACTION });
    expect(click.status).toBe(200);
    const view = slack.state.openViews(slackId("dana.lee")).find((v) => v.view.callback_id === "gatehouse.reclaim.keep-form")!;
    await slack.send.submitView(interactivityUrl, { viewId: view.id, values: { reason: "   " } });
    expect(slack.state.view(view.id)).toMatchObject({ open: true, errors: { reason: expect.stringMatching(/Say why/) } });
    expect((await casesOf(grant.id))[0]!.status).toBe("NOTIFIED");
    await slack.send.submitView(interactivityUrl, { viewId: view.id, values: { reason: "I present the design review every month" } });
    const [kept] = await casesOf(grant.id);
    expect(kept).toMatchObject({ status: "KEPT", keptReason: "I present the design review every month", keptById: p["dana.lee"]!.id });
    expect(kept!.keptAt).toEqual(now());

    // Not notified again until inactive again, now measured from when it was kept.
    await advance(8 * DAY);
    await run();
    await advance(21 * DAY);
    await run();
    expect((await casesOf(grant.id)).map((c) => c.status)).toEqual(["KEPT"]);
    expect((await db.prisma.grant.findUniqueOrThrow({ where: { id: grant.id } })).status).toBe("ACTIVE");
    await advance(2 * DAY);
    await run();
    expect((await casesOf(grant.id)).map((c) => c.status)).toEqual(["KEPT", "NOTIFIED"]);
    const audit = (await db.prisma.auditEvent.findMany({ where: { subjectId: grant.id }, orderBy: { seq: "asc" } })).map((e) => e.action);
    expect(audit.filter((x) => x.startsWith("reclaim."))).toEqual(["reclaim.notified", "reclaim.kept", "reclaim.notified"]);
    // The bulk-written audit events are links of the same verifiable chain.
    expect(await checkAuditChain(t.scope)).toMatchObject({ ok: true, firstBroken: null });

    // An access review of the app shows the last use read from the System Log.
    const campaign = await createCampaign(t.scope, { name: "Reclaim app review", scope: { appIds: [a.id] }, reviewerMode: "app_owner", fallbackReviewerId: p["liam.okafor"]!.id, dueAt: new Date(now().getTime() + 7 * DAY) });
    await launchCampaign(t.scope, { campaignId: campaign.id });
    const item = await db.prisma.reviewItem.findFirstOrThrow({ where: { campaignId: campaign.id, grantId: grant.id } });
    expect(item.lastUsedAt).toEqual(usage.lastUsedAt);
  });

  it("ignored: revoked after the grace period, removed from the Okta group, documented in Jira", async () => {
    const a = await app("figma-editors");
    await saveReclaimRule(t.scope, { appId: a.id, inactivityDays: 30, graceDays: 7 });
    const grant = await granted(a.roles[0]!.id, "ava.nguyen");
    expect(inOkta("figma-editors", "ava.nguyen")).toBe(true);
    await advance(31 * DAY);
    await run();
    const [notice] = await casesOf(grant.id);
    expect(notice).toMatchObject({ status: "NOTIFIED", lastUsedAt: expect.any(Date) }); // her last Okta sign-in, as the fallback
    expect(notice!.lastUseSource).toBe("last_login");

    await advance(6 * DAY);
    await run();
    expect((await casesOf(grant.id))[0]!.status).toBe("NOTIFIED");
    expect(inOkta("figma-editors", "ava.nguyen")).toBe(true);

    await advance(DAY + 60_000);
    await run();
    const [done] = await casesOf(grant.id);
    expect(done!.status).toBe("RECLAIMED");
    expect(done!.reclaimedAt).toEqual(now());
    const ended = await db.prisma.grant.findUniqueOrThrow({ where: { id: grant.id }, include: { actions: true } });
    expect(ended).toMatchObject({ status: "ENDED", endedBy: "Auto Reclaim" });
    expect(ended.endReason).toMatch(/^revoked: Auto Reclaim/);
    expect(ended.actions.find((x) => x.kind === "REMOVE_MEMBER")).toMatchObject({ status: "SUCCEEDED", readBack: expect.objectContaining({ isMember: false }) });
    expect(inOkta("figma-editors", "ava.nguyen")).toBe(false);
    expect(done!.ticketKey).toMatch(/^ACCESS-\d+$/);
    const issue = jira.getIssue(done!.ticketKey!)!;
    expect(issue.summary).toMatch(/Auto Reclaim: removed Ava Nguyen's Reclaim App \d+ · Editor access/);
    expect(issue.labels).toContain("auto-reclaim");
    expect(await db.prisma.notification.count({ where: { grantId: grant.id, kind: "reclaim.reclaimed" } })).toBe(1);
    // Running again changes nothing.
    await run();
    expect((await casesOf(grant.id)).map((c) => c.status)).toEqual(["RECLAIMED"]);
  });

  it("leaves exempt apps, roles and people alone", async () => {
    const off = await app("hubspot-users");
    await saveReclaimRule(t.scope, { appId: off.id, enabled: false });
    const none = await app("hubspot-users"); // no rule at all
    const exempt = await app("datadog-users", { roles: 2 });
    await saveReclaimRule(t.scope, { appId: exempt.id, exemptRoleIds: [exempt.roles[1]!.id], exemptPersonIds: [p["mateo.garcia"]!.id] });
    const grants = [
      await granted(off.roles[0]!.id, "sara.lind"),
      await granted(none.roles[0]!.id, "mateo.garcia"),
      await granted(exempt.roles[1]!.id, "sara.lind"),
      await granted(exempt.roles[0]!.id, "mateo.garcia"),
    ];
    const control = await granted(exempt.roles[0]!.id, "ava.nguyen");
    await advance(60 * DAY);
    await run();
    for (const x of grants) expect(await casesOf(x.id)).toHaveLength(0);
    expect((await casesOf(control.id)).map((c) => c.status)).toEqual(["NOTIFIED"]);
  });

  it("flags grants with no usage data at all and never reclaims them", async () => {
    const a = await app("aws-prod-readonly", { externalAppId: null });
    await saveReclaimRule(t.scope, { appId: a.id, graceDays: 0 });
    const grant = await granted(a.roles[0]!.id, "sara.lind");
    await db.prisma.person.update({ where: { id: p["sara.lind"]!.id }, data: { lastLoginAt: null } }); // never signed in
    await advance(45 * DAY);
    await run();
    await advance(30 * DAY);
    await run();
    expect((await casesOf(grant.id)).map((c) => c.status)).toEqual(["FLAGGED"]);
    expect((await db.prisma.grant.findUniqueOrThrow({ where: { id: grant.id } })).status).toBe("ACTIVE");
    expect(await db.prisma.notification.count({ where: { grantId: grant.id, kind: { startsWith: "reclaim." } } })).toBe(0);
    const rows = await callerAs(services, t.auditor, t.slug).reclaim.cases({ status: "FLAGGED" });
    expect(rows.find((r) => r.grantId === grant.id)!.flaggedWhy).toMatch(/no Okta app id/);
  });

  it("clears the notice when the app is used during the grace period", async () => {
    const a = await app("aws-prod-readonly");
    await saveReclaimRule(t.scope, { appId: a.id, inactivityDays: 30, graceDays: 7 });
    const grant = await granted(a.roles[0]!.id, "noah.patel");
    await advance(31 * DAY);
    await run();
    // No sign-in to the app in the System Log: his last Okta sign-in is the fallback measure.
    expect((await casesOf(grant.id))[0]).toMatchObject({ status: "NOTIFIED", lastUseSource: "last_login" });
    await advance(3 * DAY);
    signIn(a.externalAppId!, "noah.patel", now());
    await advance(5 * DAY);
    await run();
    expect((await casesOf(grant.id)).map((c) => c.status)).toEqual(["CLEARED"]);
    expect((await db.prisma.grant.findUniqueOrThrow({ where: { id: grant.id } })).status).toBe("ACTIVE");
    expect(inOkta("aws-prod-readonly", "noah.patel")).toBe(true);
  });

  it("reads the System Log through a 429, and keeps the old mark (and the grants) when Okta keeps failing", async () => {
    const a = await app("hubspot-users");
    await saveReclaimRule(t.scope, { appId: a.id });
    signIn(a.externalAppId!, "olivia.park", new Date(now().getTime() - DAY));
    okta.faults.inject({ status: 429, times: 1, match: (_m, path) => path === "/api/v1/logs" });
    const [ok] = await readAppUsage(services, { tenantId: t.tenantId }).then((r) => r.filter((x) => x.appId === a.id));
    expect(ok).toMatchObject({ signIns: 1, people: 1 });
    expect(ok!.error).toBeUndefined();
    const rule = await db.prisma.reclaimRule.findUniqueOrThrow({ where: { appId: a.id } });
    expect(rule.usageReadUntil).toEqual(now());

    await advance(DAY);
    okta.faults.inject({ status: 500, times: Infinity, match: (_m, path) => path === "/api/v1/logs" });
    const [failed] = await readAppUsage(services, { tenantId: t.tenantId }).then((r) => r.filter((x) => x.appId === a.id));
    expect(failed!.error).toMatch(/500|unavailable/i);
    expect((await db.prisma.reclaimRule.findUniqueOrThrow({ where: { appId: a.id } })).usageReadUntil).toEqual(rule.usageReadUntil);
  });
});

describe("who may do what", () => {
  it("refuses another tenant's app, case and people; a person cannot keep someone else's grant; non-admins cannot save rules", async () => {
    const a = await app("figma-editors");
    await saveReclaimRule(t.scope, { appId: a.id });
    const grant = await granted(a.roles[0]!.id, "zoe.martin");
    await advance(31 * DAY);
    await run();
    const [rc] = await casesOf(grant.id);
    expect(rc!.status).toBe("NOTIFIED");

    const other = await createTenant(services, { type: "cli", label: "test" }, { slug: "globex", name: "Globex", adminEmail: "admin@globex.test" });
    const globex = forTenant(services, other.id, { type: "cli", label: "test" });
    expect((await refusal(saveReclaimRule(globex, { appId: a.id }))).code).toBe("NOT_FOUND");
    expect((await refusal(keepGrant(globex, { caseId: rc!.id, reason: "Mine now", keeperPersonId: null, asAdmin: true }))).code).toBe("NOT_FOUND");
    const mine = await app("hubspot-users");
    expect((await refusal(saveReclaimRule(t.scope, { appId: mine.id, exemptRoleIds: [a.roles[0]!.id] }))).code).toBe("BAD_REQUEST");

    // Someone else's notice does not exist for a plain employee (Dana), through the API as through the domain.
    const dana = callerAs(services, t.employee, t.slug);
    expect(((await dana.reclaim.keep({ caseId: rc!.id, reason: "Not mine" }).catch((e) => e)) as { code: string }).code).toBe("NOT_FOUND");
    expect((await refusal(keepGrant(t.scope, { caseId: rc!.id, reason: "Not mine", keeperPersonId: p["dana.lee"]!.id, asAdmin: false }))).code).toBe("NOT_FOUND");
    expect(((await dana.reclaim.saveRule({ appId: a.id }).catch((e) => e)) as { code: string }).code).toBe("FORBIDDEN");
    expect(((await dana.reclaim.rules().catch((e) => e)) as { code: string }).code).toBe("FORBIDDEN");
    expect(((await callerAs(services, t.auditor, t.slug).reclaim.saveRule({ appId: a.id }).catch((e) => e)) as { code: string }).code).toBe("FORBIDDEN");
    expect(((await callerAs(services, t.auditor, t.slug).reclaim.runNow().catch((e) => e)) as { code: string }).code).toBe("FORBIDDEN");
    expect((await casesOf(grant.id))[0]!.status).toBe("NOTIFIED");

    // An admin may keep it for the holder.
    const admin = callerAs(services, t.admin, t.slug);
    await admin.reclaim.keep({ caseId: rc!.id, reason: "Zoe is on leave; she needs it when back" });
    expect((await casesOf(grant.id))[0]).toMatchObject({ status: "KEPT" });
    expect(((await admin.reclaim.keep({ caseId: rc!.id, reason: "Again" })) as { status: string }).status).toBe("KEPT");
  });

  it("answers malformed input with 4xx", async () => {
    const admin = callerAs(services, t.admin, t.slug);
    const a = await app("figma-editors");
    const code = (x: Promise<unknown>) => x.then(() => "OK", (e: { code: string }) => e.code);
    expect(await code(admin.reclaim.saveRule({ appId: a.id, inactivityDays: 0 }))).toBe("BAD_REQUEST");
    expect(await code(admin.reclaim.saveRule({ appId: a.id, inactivityDays: 366 }))).toBe("BAD_REQUEST");
    expect(await code(admin.reclaim.saveRule({ appId: a.id, graceDays: 91 }))).toBe("BAD_REQUEST");
    expect(await code(admin.reclaim.saveRule({ appId: a.id, inactivityDays: 1.5 }))).toBe("BAD_REQUEST");
    expect(await code(admin.reclaim.saveRule({ appId: a.id, exemptPersonIds: ["nobody-here"] }))).toBe("BAD_REQUEST");
    expect(await code(admin.reclaim.saveRule({ appId: "x".repeat(65) }))).toBe("BAD_REQUEST");
    expect(await code(admin.reclaim.keep({ caseId: "c1", reason: "" }))).toBe("BAD_REQUEST");
    expect(await code(admin.reclaim.keep({ caseId: "c1", reason: "x".repeat(501) }))).toBe("BAD_REQUEST");
    expect(await code(admin.reclaim.keep({ caseId: "c1", reason: "Fine" }))).toBe("NOT_FOUND");
    expect(await code(admin.reclaim.cases({ status: "WHATEVER" as never }))).toBe("BAD_REQUEST");
    expect(await code(admin.catalog.saveApp({ name: "Bad id app", externalAppId: 'x" or 1 eq 1' }))).toBe("BAD_REQUEST");
    expect(await code(admin.reclaim.saveRule({ appId: a.id, inactivityDays: 14, graceDays: 0 }))).toBe("OK");
  });
});
