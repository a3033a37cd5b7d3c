import { expect, test, type Page } from "@playwright/test";
import { nav, personas, shot, signInAs, signOut } from "./helpers";

// Time-bound access through the pages a person uses: Dana asks for Figma for 1 hour (and two more
// roles), Sam approves; she extends one and gives another back; Alex revokes one from her person page
// with a reason, moves the demo clock, and watches the 1-hour grant expire: removed in the sandbox
// Okta with a read-back, the request page and the Jira issue updated, Dana warned and told.

async function requestRole(page: Page, app: string, role: string, opts: { hours?: number; days?: number } = {}) {
  await nav(page).getByRole("link", { name: "Catalog" }).click();
  await page.getByRole("link", { name: app }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: app })).toBeVisible();
  await page.getByRole("button", { name: `Request ${role}` }).click();
  const form = page.getByRole("form", { name: `Request ${app} · ${role}` });
  await form.getByLabel("Business reason").fill(`Needed for the Q4 launch work on ${app}`);
  if (opts.hours || opts.days) {
    await form.getByRole("group", { name: "Duration" }).getByRole("button", { name: "Custom" }).click();
    await form.getByLabel("Custom duration", { exact: true }).fill(String(opts.hours ?? opts.days));
    await form.getByLabel("Custom duration unit").selectOption(opts.hours ? "hours" : "days");
  }
  await form.getByRole("button", { name: "Submit request" }).click();
  await expect(page).toHaveURL(/\/requests\/[^/]+$/);
  await expect(page.getByRole("heading", { level: 1, name: `${app} · ${role}` })).toBeVisible();
  return new URL(page.url()).pathname;
}

async function approveInInbox(page: Page, title: string) {
  await nav(page).getByRole("link", { name: /^Inbox/ }).click();
  const item = page.getByRole("article", { name: title });
  await item.getByRole("button", { name: "Approve" }).click();
  await expect(item).toHaveCount(0);
}

async function advanceClock(page: Page, by: "15 minutes" | "1 hour" | "1 day") {
  const clock = page.getByRole("note", { name: "Demo" }).getByRole("group", { name: "Move the demo clock forward" });
  await clock.getByRole("button", { name: `Advance the demo clock by ${by}` }).click();
  await expect(page.getByRole("status").filter({ hasText: `Moved the clock forward ${by}` })).toBeAttached();
}

test("1-hour access expires: removed in Okta, the request page and the Jira issue updated; extend, give back and revoke", async ({ page }) => {
  test.setTimeout(300_000);

  // Dana asks for three roles: Figma for 1 hour, HubSpot until removed, Zendesk for a day.
  await signInAs(page, personas.employee);
  const figmaUrl = await requestRole(page, "Figma", "Editor", { hours: 1 });
  await requestRole(page, "HubSpot", "Marketing user");
  await requestRole(page, "Zendesk", "Agent", { days: 1 });
  await signOut(page);

  // Sam, her manager, approves all three from his inbox.
  await signInAs(page, personas.manager);
  await approveInInbox(page, "Dana Lee · Figma · Editor");
  await approveInInbox(page, "Dana Lee · HubSpot · Marketing user");
  await approveInInbox(page, "Dana Lee · Zendesk · Agent");
  await signOut(page);

  // Dana: the Figma request page says it is active and expires in 1 hour.
  await signInAs(page, personas.employee);
  await page.goto(figmaUrl);
  await expect(page.getByRole("heading", { name: "Access active" })).toBeVisible({ timeout: 30_000 });
  const trail = page.getByRole("list", { name: "Trail" });
  await expect(trail).toContainText(/Expires in (1 h|59 min|58 min)/);
  await expect(trail).toContainText("(1 hour from approval)");
  await expect(page.getByRole("button", { name: /^Revoke/ })).toHaveCount(0);
  await shot(page, "expiry-request-active");

  // My access: each grant with its expiry; extend Zendesk by a day (a new request, pending).
  await nav(page).getByRole("link", { name: "My access" }).click();
  const current = page.getByRole("table", { name: "Your access" });
  await expect(current.getByRole("row", { name: /Figma · Editor/ })).toContainText(/in (1 h|59 min|58 min)/);
  await expect(current.getByRole("row", { name: /HubSpot · Marketing user/ })).toContainText("Never (until removed)");
  await current.getByRole("button", { name: "Extend Zendesk · Agent" }).click();
  const extend = page.getByRole("dialog", { name: "Extend Zendesk · Agent" });
  await extend.getByRole("button", { name: "Ask to extend" }).click();
  await expect(extend.getByText("Choose how much longer you need it")).toBeVisible();
  await extend.getByRole("button", { name: "1 day", exact: true }).click();
  await expect(extend.getByRole("button", { name: "1 day", exact: true })).toHaveAttribute("aria-pressed", "true");
  await extend.getByLabel("Why you still need it").fill("The ticket backlog needs one more day");
  await shot(page, "expiry-extend-dialog");
  await extend.getByRole("button", { name: "Ask to extend" }).click();
  await expect(extend).toBeHidden();
  await expect(current.getByRole("row", { name: /Zendesk · Agent/ })).toContainText("Extension by 1 day pending");
  await expect(current.getByRole("button", { name: "Extend Zendesk · Agent" })).toHaveCount(0);

  // Give HubSpot back early: confirmed, removed, and listed in the history.
  await current.getByRole("button", { name: "Give back HubSpot · Marketing user" }).click();
  const giveBack = page.getByRole("dialog", { name: "Give back HubSpot · Marketing user?" });
  await giveBack.getByLabel(/^Note/).fill("Campaign finished early");
  await giveBack.getByRole("button", { name: "Give back now" }).click();
  const history = page.getByRole("table", { name: "Access that has ended" });
  await expect(history.getByRole("row", { name: /HubSpot · Marketing user/ })).toContainText("Given back — “Campaign finished early”", { timeout: 30_000 });
  await expect(current.getByRole("row", { name: /HubSpot/ })).toHaveCount(0);
  await shot(page, "expiry-my-access");
  await signOut(page);

  // Sam approves the extension: Zendesk's expiry moves by a day without a gap.
  await signInAs(page, personas.manager);
  await approveInInbox(page, "Dana Lee · Zendesk · Agent");
  await signOut(page);

  // Alex, the admin: moves the clock 45 minutes, then revokes Zendesk from Dana's person page.
  await signInAs(page, personas.admin);
  await expect(page.getByRole("note", { name: "Demo" })).toContainText("Demo time");
  for (let i = 0; i < 3; i++) await advanceClock(page, "15 minutes");
  await expect(page.getByRole("note", { name: "Demo" })).toContainText("45 min ahead");
  await nav(page).getByRole("link", { name: "People" }).click();
  await page.getByRole("searchbox", { name: /Search people/ }).fill("Dana");
  // The search applies after a pause and rewrites the URL: click only once it has, or the click is undone.
  await expect(page.getByText("1 person matches")).toBeVisible();
  await page.getByRole("link", { name: "Dana Lee" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Dana Lee" })).toBeVisible();
  const grants = page.getByRole("table", { name: "Grants held by Dana Lee" });
  await expect(grants.getByRole("row", { name: /Figma · Editor/ })).toContainText(/in 1[0-5] min/);
  await expect(grants.getByRole("row", { name: /Zendesk · Agent/ })).toContainText(/in 2 days|in 47 h|in 48 h/);
  await grants.getByRole("button", { name: "Revoke Zendesk · Agent from Dana Lee" }).click();
  const revoke = page.getByRole("dialog", { name: "Revoke Zendesk · Agent from Dana Lee?" });
  await revoke.getByRole("button", { name: "Revoke access" }).click();
  await expect(revoke.getByText("Say why the access is revoked")).toBeVisible();
  await revoke.getByLabel("Reason").fill("Moved off the support rotation");
  await shot(page, "expiry-revoke-dialog");
  await revoke.getByRole("button", { name: "Revoke access" }).click();
  await expect(revoke).toBeHidden();
  await expect(grants.getByRole("row", { name: /Zendesk · Agent/ })).toHaveCount(0, { timeout: 30_000 });
  await expect(grants.getByRole("row", { name: /Figma · Editor/ })).toBeVisible();
  await shot(page, "expiry-person-page");
  await signOut(page);

  // Dana was warned in the app 15 minutes before the 1-hour grant ends, and told of the revoke.
  await signInAs(page, personas.employee);
  const bell = page.getByRole("button", { name: /^Notifications, \d+ unread$/ });
  await expect(bell).toBeVisible({ timeout: 30_000 });
  await bell.click();
  const panel = page.getByRole("region", { name: "Notifications" });
  const notices = panel.getByRole("list", { name: "Notifications" });
  await expect(notices).toContainText(/Figma · Editor ends in \d+ minutes/);
  await expect(notices).toContainText("Zendesk · Agent was revoked");
  await shot(page, "expiry-notifications");
  await panel.getByRole("button", { name: "Mark all read" }).click();
  await expect(page.getByRole("button", { name: "Notifications", exact: true })).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(panel).toBeHidden();
  await signOut(page);

  // Alex moves the clock past the expiry: the request page shows the end and the removal proof.
  await signInAs(page, personas.admin);
  await page.goto(figmaUrl);
  await expect(page.getByRole("heading", { name: "Access active" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Revoke Figma · Editor from Dana Lee" })).toBeVisible();
  await advanceClock(page, "1 hour");
  await expect(page.getByRole("heading", { name: "Access ended" })).toBeVisible({ timeout: 30_000 });
  await expect(page.getByText("Ended", { exact: true }).first()).toBeVisible();
  await expect(trail).toContainText("Expired");
  await expect(trail).toContainText("by Gatehouse (expiry)");
  await expect(trail).toContainText("Removed from Okta");
  const removals = page.getByRole("list", { name: "Removals" });
  await expect(removals).toContainText("okta:figma-editors");
  await expect(removals).toContainText("Read-back (not a member):");
  await expect(page.getByRole("button", { name: /^Revoke/ })).toHaveCount(0);
  await expect(page.getByRole("table").filter({ hasText: "grant.ended" })).toBeVisible();
  const jiraKey = (await page.getByRole("link", { name: /^[A-Z][A-Z0-9]+-\d+$/ }).first().textContent())!.trim();
  await shot(page, "expiry-request-ended");

  // Sandbox Okta: Dana is no longer in figma-editors (nor hubspot-users or zendesk-agents).
  await page.goto(`/demo/okta?q=${encodeURIComponent("Dana Lee")}`);
  const dana = page.getByRole("row", { name: /Dana Lee/ }).first();
  await expect(dana).toBeVisible();
  for (const g of ["figma-editors", "hubspot-users", "zendesk-agents"]) await expect(dana).not.toContainText(g);
  await shot(page, "expiry-sandbox-okta");

  // Sandbox Jira: the issue moved to "Access removed", with the removal comment.
  await expect(async () => {
    await page.goto(`/demo/jira/${jiraKey}`);
    await expect(page.getByText("Access removed", { exact: true }).first()).toBeVisible({ timeout: 1_000 });
    await expect(page.getByText(/^Access removed: Dana Lee no longer has Figma · Editor/)).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 30_000 });
  await shot(page, "expiry-sandbox-jira");
});
