import { expect, test, type Page } from "@playwright/test";
import { nav, personas, shot, signInAs, signOut } from "./helpers";

const appOwner = "Priya";

async function openInbox(page: Page) {
  await nav(page).getByRole("link", { name: /^Inbox/ }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Inbox" })).toBeVisible();
}

// The request loop end to end: Dana asks for a privileged Salesforce role for 6 hours, her manager
// and the app owner approve it from their inboxes, Okta gets the membership (read back), Jira gets
// the story, and Dana sees the access with its expiry.
test("request → manager approves → app owner approves → active in Okta, told in Jira, listed in My access", async ({ page }) => {
  test.setTimeout(240_000);

  // Dana: nothing held, nothing waiting.
  await signInAs(page, personas.employee);
  await nav(page).getByRole("link", { name: "My access" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "My access" })).toBeVisible();
  await shot(page, "my-access-before");
  await nav(page).getByRole("link", { name: /^Inbox/ }).click();
  await expect(page.getByText("Nothing waits for you")).toBeVisible();
  await shot(page, "inbox-empty");

  // Catalog → Salesforce → System administrator → Request.
  await nav(page).getByRole("link", { name: "Catalog" }).click();
  await page.getByRole("link", { name: "Salesforce" }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: "Salesforce" })).toBeVisible();
  await page.getByRole("button", { name: "Request System administrator" }).click();
  const form = page.getByRole("form", { name: "Request Salesforce · System administrator" });
  await expect(form).toBeVisible();

  // Validated as you type, with the server's schema; duration is required for this role.
  await form.getByLabel("Business reason").fill("too short");
  await expect(form.getByText("Give a business reason of at least 10 characters")).toBeVisible();
  await form.getByRole("button", { name: "Submit request" }).click();
  await expect(form.getByText("System administrator is time-bound: choose how long you need it")).toBeVisible();
  const durations = form.getByRole("group", { name: "Duration" });
  for (const d of ["6 h", "24 h", "7 d"]) await expect(durations.getByRole("button", { name: d, exact: true })).toBeVisible();
  await durations.getByRole("button", { name: "6 h", exact: true }).click();
  await expect(durations.getByRole("button", { name: "6 h", exact: true })).toHaveAttribute("aria-pressed", "true");
  await form.getByLabel("Business reason").fill("Fix the EMEA lead-routing rule before the launch (INC-2231)");
  await expect(form.getByText("Give a business reason of at least 10 characters")).toBeHidden();
  const plan = form.getByRole("status", { name: "What will happen" });
  await expect(plan).toContainText("Sam Rivera (your manager) approves, then Priya Shah (app owner).");
  await expect(plan).toContainText("You'll be added to okta:salesforce-admins for 6 hours.");
  await shot(page, "request-form");
  await form.getByRole("button", { name: "Submit request" }).click();

  // The request page: the answer first, then the trail.
  await expect(page).toHaveURL(/\/requests\/[^/]+$/);
  const requestUrl = new URL(page.url()).pathname;
  await expect(page.getByRole("heading", { level: 1, name: "Salesforce · System administrator" })).toBeVisible();
  await expect(page.getByText("Pending", { exact: true }).first()).toBeVisible();
  await expect(page.getByText(/Waiting for Sam Rivera \(step 1 of 2\)/)).toBeVisible();
  const trail = page.getByRole("list", { name: "Trail" });
  await expect(trail).toContainText("Requested by Dana Lee");
  await expect(trail).toContainText("Fix the EMEA lead-routing rule");
  await expect(trail).toContainText("Step 1 of 2 · Manager");
  await expect(trail).toContainText("Step 2 of 2 · App owner");
  // Dana cannot decide her own request; she can cancel it.
  await expect(page.getByRole("button", { name: "Approve" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Deny" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Cancel request" })).toBeVisible();
  await shot(page, "request-pending");

  // Asking twice: the server says why, in words.
  await page.goBack();
  await expect(page.getByRole("heading", { level: 1, name: "Salesforce" })).toBeVisible();
  await page.getByRole("button", { name: "Request System administrator" }).click();
  const again = page.getByRole("form", { name: "Request Salesforce · System administrator" });
  await again.getByLabel("Business reason").fill("Second time, the same thing again");
  await again.getByRole("group", { name: "Duration" }).getByRole("button", { name: "24 h", exact: true }).click();
  await again.getByRole("button", { name: "Submit request" }).click();
  await expect(again.getByRole("alert")).toContainText("There is already an open request for Salesforce · System administrator for Dana Lee");
  await shot(page, "request-duplicate");

  // Requests list: her request, pending.
  await nav(page).getByRole("link", { name: "Requests" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Requests" })).toBeVisible();
  const row = page.getByRole("row", { name: /Salesforce · System administrator/ });
  await expect(row).toContainText("Pending");
  await expect(nav(page).getByRole("link", { name: /^Inbox/ })).toHaveText("Inbox");
  await shot(page, "requests-list");
  await signOut(page);

  // Sam, her manager: the inbox has it, with the context to decide.
  await signInAs(page, personas.manager);
  await expect(nav(page).getByRole("link", { name: /^Inbox/ })).toContainText("1");
  await openInbox(page);
  const item = page.getByRole("article", { name: "Dana Lee · Salesforce · System administrator" });
  await expect(item).toContainText("okta:salesforce-admins");
  await expect(item).toContainText("Fix the EMEA lead-routing rule");
  await expect(item).toContainText("6 hours");
  await expect(item).toContainText("Step 1 of 2");
  await expect(item).toContainText("Privileged");
  await expect(item).toContainText("No, first time");
  await expect(item).toContainText("Approving sends it to step 2 of 2");
  // Deny needs a comment: the button says so and puts the cursor there.
  await item.getByRole("button", { name: "Deny" }).click();
  await expect(item.getByText("Say why you deny it (a comment is required)")).toBeVisible();
  await expect(item.getByLabel(/^Comment/)).toBeFocused();
  await shot(page, "inbox-manager");
  // Keyboard: leave the comment, then "a" approves the selected item.
  await page.keyboard.press("Escape");
  await page.keyboard.press("a");
  await expect(page.getByRole("status").filter({ hasText: "Approved: Salesforce · System administrator for Dana Lee." })).toBeVisible();
  await expect(page.getByText("Nothing waits for you")).toBeVisible();
  await signOut(page);

  // Priya, the app owner: final step, and it says exactly what will happen.
  await signInAs(page, appOwner);
  await openInbox(page);
  const last = page.getByRole("article", { name: "Dana Lee · Salesforce · System administrator" });
  await expect(last).toContainText("Step 2 of 2");
  await expect(last).toContainText("Sam Rivera");
  await expect(last).toContainText(/Approving adds Dana Lee to okta:salesforce-admins for 6 hours; it will be removed automatically at/);
  await shot(page, "inbox-app-owner");
  await last.getByRole("button", { name: "Approve" }).click();
  await expect(page.getByText("Nothing waits for you")).toBeVisible();

  // The request page turns active by itself (it polls while provisioning runs).
  await page.goto(requestUrl);
  await expect(page.getByRole("heading", { level: 1, name: "Salesforce · System administrator" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Access active" })).toBeVisible({ timeout: 30_000 });
  await expect(page.getByText("Active", { exact: true }).first()).toBeVisible();
  await expect(trail).toContainText("Approved by Sam Rivera");
  await expect(trail).toContainText("Approved by Priya Shah");
  await expect(trail).toContainText("Read-back:");
  const jiraLink = page.getByRole("link", { name: /^[A-Z][A-Z0-9]+-\d+$/ }).first();
  await expect(jiraLink).toBeVisible({ timeout: 30_000 });
  const jiraKey = (await jiraLink.textContent())!.trim();
  await expect(page.getByRole("table").filter({ hasText: "request.created" })).toBeVisible();
  await shot(page, "request-active");

  // Sandbox Okta: Dana is in salesforce-admins.
  await page.goto(`/demo/okta?q=${encodeURIComponent("Dana Lee")}`);
  await expect(page.getByRole("row", { name: /Dana Lee/ }).first()).toContainText("salesforce-admins");
  await shot(page, "sandbox-okta-after-grant");

  // Sandbox Jira: the comments tell the story (delivered asynchronously).
  await expect(async () => {
    await page.goto(`/demo/jira/${jiraKey}`);
    await expect(page.getByText(/^Approved by Sam Rivera/)).toBeVisible({ timeout: 1_000 });
    await expect(page.getByText(/^Approved by Priya Shah/)).toBeVisible({ timeout: 1_000 });
    await expect(page.getByText(/^Provisioned: Dana Lee now has Salesforce · System administrator/)).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 30_000 });
  await shot(page, "sandbox-jira-issue");
  await signOut(page);

  // Dana: My access lists it with its expiry.
  await signInAs(page, personas.employee);
  await nav(page).getByRole("link", { name: "My access" }).click();
  const grant = page.getByRole("row", { name: /Salesforce · System administrator/ });
  await expect(grant).toContainText("Active");
  await expect(grant).toContainText("okta:salesforce-admins");
  await expect(grant).toContainText(/in (6|5) h/);
  await expect(grant).toContainText(jiraKey);
  await shot(page, "my-access-after");
});
