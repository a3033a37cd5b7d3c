import { expect, test, type Page } from "@playwright/test";
import { nav, personas, shot, signInAs, signOut } from "./helpers";

// Auto Reclaim through the pages: Dana gets HubSpot (asked, Sam approves) and does not use it; Alex turns
// Auto Reclaim on for HubSpot (1 day unused, 7 days of grace), moves the demo clock two days and runs a scan:
// Dana's HubSpot access is pending, with its grace countdown. Dana keeps it from her inbox, with a reason, and
// Alex sees it under Kept with the reason and who kept it.

async function advanceClock(page: Page, by: "1 day") {
  const clock = page.getByRole("note", { name: "Demo" }).getByRole("group", { name: "Move the demo clock forward" });
  await clock.getByRole("button", { name: `Advance the demo clock by ${by}` }).click();
  await expect(page.getByRole("status").filter({ hasText: `Moved the clock forward ${by}` })).toBeAttached();
}

test("admin enables Auto Reclaim for an app, a scan finds unused access, and the holder keeps it with a reason", async ({ page }) => {
  test.setTimeout(240_000);

  // Dana asks for HubSpot; Sam approves.
  await signInAs(page, personas.employee);
  await nav(page).getByRole("link", { name: "Catalog" }).click();
  await page.getByRole("link", { name: "HubSpot" }).first().click();
  await page.getByRole("button", { name: "Request Marketing user" }).click();
  const form = page.getByRole("form", { name: "Request HubSpot · Marketing user" });
  await form.getByLabel("Business reason").fill("Campaign reporting for the Q4 launch");
  await form.getByRole("button", { name: "Submit request" }).click();
  await expect(page).toHaveURL(/\/requests\/[^/]+$/);
  await signOut(page);
  await signInAs(page, personas.manager);
  await nav(page).getByRole("link", { name: /^Inbox/ }).click();
  const item = page.getByRole("article", { name: "Dana Lee · HubSpot · Marketing user" });
  await item.getByRole("button", { name: "Approve" }).click();
  await expect(item).toHaveCount(0);
  await signOut(page);

  // Alex: the Reclaim page, nothing set up yet for HubSpot; turn it on with a 1-day threshold.
  await signInAs(page, personas.admin);
  await nav(page).getByRole("link", { name: "Reclaim" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Auto Reclaim" })).toBeVisible();
  const rules = page.getByRole("table", { name: "Auto Reclaim rules per app" });
  const hubspot = rules.getByRole("row", { name: /HubSpot/ });
  await expect(hubspot).toContainText("Not set up");
  await expect(page.getByRole("tabpanel")).toContainText("No pending cases");
  await shot(page, "reclaim-empty");
  await hubspot.getByRole("button", { name: "Enable Auto Reclaim for HubSpot" }).click();
  const dialog = page.getByRole("dialog", { name: "Auto Reclaim for HubSpot" });
  await dialog.getByLabel("Unused for (days)").fill("0");
  await dialog.getByRole("button", { name: "Save rule" }).click();
  await expect(dialog.getByText("The threshold is at least 1 day")).toBeVisible();
  await dialog.getByLabel("Unused for (days)").fill("1");
  await dialog.getByLabel("Grace period (days)").fill("7");
  await shot(page, "reclaim-rule-dialog");
  await dialog.getByRole("button", { name: "Save rule" }).click();
  await expect(dialog).toBeHidden();
  await expect(hubspot).toContainText("On");
  await expect(hubspot).toContainText("1 day");

  // Two days later nobody has used it: Run now opens a case for Dana, with the grace countdown.
  await advanceClock(page, "1 day");
  await advanceClock(page, "1 day");
  await page.getByRole("button", { name: "Run now" }).click();
  await expect(page.getByRole("status").filter({ hasText: /Scan done: \d+ notified/ })).toBeVisible({ timeout: 30_000 });
  await expect(hubspot).toContainText(/up to/);
  const pending = page.getByRole("table", { name: /Pending/ });
  const danaRow = pending.getByRole("row", { name: /Dana Lee.*HubSpot · Marketing user/ });
  await expect(danaRow).toContainText("7 days left");
  await shot(page, "reclaim-pending");
  await signOut(page);

  // Dana: the notice is in her inbox; keeping needs a reason.
  await signInAs(page, personas.employee);
  await nav(page).getByRole("link", { name: /^Inbox/ }).click();
  const notice = page.getByRole("article", { name: "Do you still need HubSpot · Marketing user?" });
  await expect(notice).toContainText(/left/);
  await shot(page, "reclaim-inbox-notice");
  await notice.getByRole("button", { name: "Keep HubSpot · Marketing user" }).click();
  const keep = page.getByRole("dialog", { name: "Keep HubSpot · Marketing user?" });
  await keep.getByRole("button", { name: "Keep it" }).click();
  await expect(keep.getByText("Say why it is still needed")).toBeVisible();
  await keep.getByLabel("Why is it still needed?").fill("I send the monthly campaign report from HubSpot");
  await keep.getByRole("button", { name: "Keep it" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Kept: HubSpot · Marketing user" })).toBeVisible();
  await expect(notice).toHaveCount(0);
  await signOut(page);

  // Alex sees it under Kept, with the reason and who kept it.
  await signInAs(page, personas.admin);
  await page.goto("/reclaim?tab=KEPT");
  const kept = page.getByRole("table", { name: /Kept/ }).getByRole("row", { name: /Dana Lee/ });
  await expect(kept).toContainText("I send the monthly campaign report from HubSpot");
  await expect(kept).toContainText("Dana Lee");
  await shot(page, "reclaim-kept");
});
