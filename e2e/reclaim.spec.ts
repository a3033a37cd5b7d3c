import { expect, test, type Page } from "@playwright/test";
import { nav, personas, shot, signInAs, signOut } from "./helpers";

// Auto Reclaim through the pages: Dana gets Datadog (approved automatically) and does not use it; Alex turns
// Auto Reclaim on for Datadog (1 day unused, 7 days of grace), moves the demo clock two days and runs a scan:
// Dana's Datadog access is pending, with its grace countdown. Dana keeps it from her inbox, with a reason, and
// Alex sees it under Kept with the reason and who kept it.

async function advanceClock(page: Page, by: "1 day") {
  const clock = page.getByRole("note", { name: "Demo" }).getByRole("group", { name: "Move the demo clock forward" });
  await clock.getByRole("button", { name: `Advance the demo clock by ${by}` }).click();
  await expect(page.getByRole("status").filter({ hasText: `Moved the clock forward ${by}` })).toBeAttached();
}

test("admin enables Auto Reclaim for an app, a scan finds unused access, and the holder keeps it with a reason", async ({ page }) => {
  test.setTimeout(240_000);

  // Dana asks for Datadog (no other spec gives it to her).
  await signInAs(page, personas.employee);
  await nav(page).getByRole("link", { name: "Catalog" }).click();
  await page.getByRole("link", { name: "Datadog" }).first().click();
  await page.getByRole("button", { name: "Request Standard user" }).click();
  const form = page.getByRole("form", { name: "Request Datadog · Standard user" });
  await form.getByLabel("Business reason").fill("Campaign reporting for the Q4 launch");
  await form.getByRole("button", { name: "Submit request" }).click();
  await expect(page).toHaveURL(/\/requests\/[^/]+$/);
  // Datadog's standard role is approved automatically: no approver step.
  await expect(page.getByText("Active", { exact: true }).first()).toBeVisible({ timeout: 30_000 });
  await signOut(page);

  // Alex: the Reclaim page, nothing set up yet for Datadog; turn it on with a 1-day threshold.
  await signInAs(page, personas.admin);
  await nav(page).getByRole("link", { name: "Reclaim" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Auto Reclaim" })).toBeVisible();
  const rules = page.getByRole("table", { name: "Auto Reclaim rules per app" });
  const datadog = rules.getByRole("row", { name: /Datadog/ });
  await expect(datadog).toContainText("Not set up");
  await expect(page.getByRole("tabpanel")).toContainText("No pending cases");
  await shot(page, "reclaim-empty");
  await datadog.getByRole("button", { name: "Enable Auto Reclaim for Datadog" }).click();
  const dialog = page.getByRole("dialog", { name: "Auto Reclaim for Datadog" });
  await dialog.getByLabel("Unused for (days)").fill("0");
  await dialog.getByRole("button", { name: "Save rule" }).click();
  await expect(dialog.getByText("The threshold is at least 1 day")).toBeVisible();
  await dialog.getByLabel("Unused for (days)").fill("1");
  await dialog.getByLabel("Grace period (days)").fill("7");
  await shot(page, "reclaim-rule-dialog");
  await dialog.getByRole("button", { name: "Save rule" }).click();
  await expect(dialog).toBeHidden();
  await expect(datadog).toContainText("On");
  await expect(datadog).toContainText("1 day");

  // Two days later nobody has used it: Run now opens a case for Dana, with the grace countdown.
  await advanceClock(page, "1 day");
  await advanceClock(page, "1 day");
  await page.getByRole("button", { name: "Run now" }).click();
  await expect(page.getByRole("status").filter({ hasText: /Scan done: \d+ notified/ })).toBeVisible({ timeout: 30_000 });
  await expect(datadog).toContainText(/up to/);
  const pending = page.getByRole("table", { name: /Pending/ });
  const danaRow = pending.getByRole("row", { name: /Dana Lee.*Datadog · Standard user/ });
  await expect(danaRow).toContainText("7 days left");
  await shot(page, "reclaim-pending");
  await signOut(page);

  // Dana: the notice is in her inbox; keeping needs a reason.
  await signInAs(page, personas.employee);
  await nav(page).getByRole("link", { name: /^Inbox/ }).click();
  const notice = page.getByRole("article", { name: "Do you still need Datadog · Standard user?" });
  await expect(notice).toContainText(/left/);
  await shot(page, "reclaim-inbox-notice");
  await notice.getByRole("button", { name: "Keep Datadog · Standard user" }).click();
  const keep = page.getByRole("dialog", { name: "Keep Datadog · Standard user?" });
  await keep.getByRole("button", { name: "Keep it" }).click();
  await expect(keep.getByText("Say why it is still needed")).toBeVisible();
  await keep.getByLabel("Why is it still needed?").fill("I check the on-call dashboards in Datadog");
  await keep.getByRole("button", { name: "Keep it" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Kept: Datadog · Standard user" })).toBeVisible();
  await expect(notice).toHaveCount(0);
  await signOut(page);

  // Alex sees it under Kept, with the reason and who kept it.
  await signInAs(page, personas.admin);
  await page.goto("/reclaim?tab=KEPT");
  const kept = page.getByRole("table", { name: /Kept/ }).getByRole("row", { name: /Dana Lee/ });
  await expect(kept).toContainText("I check the on-call dashboards in Datadog");
  await expect(kept).toContainText("Dana Lee");
  await shot(page, "reclaim-kept");
});
