import { expect, test, type Page } from "@playwright/test";
import { nav, personas, shot, signInAs, signOut } from "./helpers";

/** The sandbox Slack page as one person sees their DMs; DMs arrive through jobs, so look again until they do. */
async function slackAs(page: Page, email: string, expectText: string | RegExp) {
  await expect(async () => {
    await page.goto(`/demo/slack?as=${encodeURIComponent(email)}`);
    await expect(page.getByText(expectText).first()).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 30_000 });
}

// Slack end to end on the sandbox Slack: Dana asks with /access (a modal), her manager Sam gets a DM with
// the context and approves with the button; the signed click is recorded exactly as a web decision.
test("request with /access in Slack, approve from the manager's DM, see it in Gatehouse", async ({ page }) => {
  test.setTimeout(180_000);
  await signInAs(page, personas.employee);
  await page.goto("/demo/slack?as=dana.lee%40acme.example");
  await page.getByLabel("Text after /access").fill("");
  await page.getByRole("button", { name: "Send" }).click();

  const modal = page.getByRole("form", { name: "Request access" });
  await expect(modal).toBeVisible();
  await modal.getByLabel("App and role").selectOption({ label: "Marketing user" });
  // A reason that is too short comes back as an error on the modal, and nothing is created.
  await modal.getByLabel("Why do you need it?").fill("short");
  await modal.getByRole("button", { name: "Request", exact: true }).click();
  await expect(page.getByRole("form", { name: "Request access" }).getByRole("alert").first()).toBeVisible();
  await shot(page, "slack-request-modal-error");
  await page.getByRole("form", { name: "Request access" }).getByLabel("App and role").selectOption({ label: "Marketing user" });
  await page.getByRole("form", { name: "Request access" }).getByLabel("Why do you need it?").fill("Run the Q1 webinar campaign with marketing");
  await page.getByRole("form", { name: "Request access" }).getByRole("button", { name: "Request", exact: true }).click();
  await expect(page.getByRole("form", { name: "Request access" })).toBeHidden();

  // Sam's DM: who asks, for what, and the buttons.
  await signOut(page);
  await signInAs(page, personas.manager);
  await slackAs(page, "sam.rivera@acme.example", "HubSpot · Marketing user for Dana Lee");
  await expect(page.getByText(/Dana Lee/).first()).toBeVisible();
  await shot(page, "slack-approval-dm");
  // Other specs left Sam other DMs: act on this request's message only.
  const dm = () => page.getByRole("article").filter({ hasText: "HubSpot · Marketing user for Dana Lee" }).first();
  await dm().getByRole("button", { name: "Approve" }).click();
  await expect(async () => {
    await page.goto("/demo/slack?as=sam.rivera%40acme.example");
    await expect(dm()).toContainText("Approved by Sam Rivera", { timeout: 1_000 });
  }).toPass({ timeout: 30_000 });
  await expect(dm().getByRole("button", { name: "Approve" })).toHaveCount(0);
  await shot(page, "slack-approval-decided");

  // In Gatehouse, as Dana: the decision is there, made in Slack.
  await signOut(page);
  await signInAs(page, personas.employee);
  await nav(page).getByRole("link", { name: "Requests" }).click();
  await page.getByRole("link", { name: /HubSpot/ }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: "HubSpot · Marketing user" })).toBeVisible();
  await expect(page.getByRole("list", { name: "Trail" })).toContainText(/slack/i);
  await shot(page, "request-decided-in-slack");
});
