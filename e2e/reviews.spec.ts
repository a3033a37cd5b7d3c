import { readFile } from "node:fs/promises";
import { parse } from "csv-parse/sync";
import { expect, test, type Page } from "@playwright/test";
import { nav, personas, shot, signInAs, signOut } from "./helpers";

// An access review end to end: Alex (admin) creates a campaign over Salesforce with the app owner as
// reviewer and launches it; Priya (the owner) finds it in her Inbox, revokes Adam Fox (removed from the
// sandbox Okta at once, with the read-back shown) and keeps Marcus Reed with a comment, then keeps the rest
// in bulk; Alex, the fallback reviewer for Priya's own access, decides those and closes the campaign; the
// evidence CSV carries both decisions, the reviewer and the read-back; Morgan (auditor) traces Adam's
// revoked access to the proof of removal.

test.use({ viewport: { width: 1280, height: 800 } });

const appOwner = "Priya";
const campaign = "Salesforce users — Q4 review";
const adam = "Adam Fox · salesforce-users (Salesforce · Sales user)";
const marcus = "Marcus Reed · salesforce-users (Salesforce · Sales user)";

async function openCampaign(page: Page) {
  await nav(page).getByRole("link", { name: /^Reviews/ }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Access reviews" })).toBeVisible();
  await page.getByRole("link", { name: campaign, exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: campaign })).toBeVisible();
}

async function oktaGroupsOf(page: Page, name: string) {
  await page.goto(`/demo/okta?q=${encodeURIComponent(name)}`);
  const row = page.getByRole("row", { name: new RegExp(name) }).first();
  await expect(row).toBeVisible();
  return row;
}

test("access review: create, launch, revoke and keep, removed in Okta, close, evidence CSV, auditor trace", async ({ page }) => {
  test.setTimeout(300_000);

  // Alex: no campaign yet — the empty state says what to do.
  await signInAs(page, personas.admin);
  await nav(page).getByRole("link", { name: /^Reviews/ }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Access reviews" })).toBeVisible();
  await expect(page.getByText("No access reviews yet — start one to certify who has access")).toBeVisible();
  await shot(page, "reviews-empty");
  await page.getByRole("link", { name: "New campaign" }).click();

  // The form validates as you type with the server's schema.
  const form = page.getByRole("form", { name: "New access review" });
  await expect(form).toBeVisible();
  await form.getByLabel("Name", { exact: true }).fill("Q4");
  await expect(form.getByText("Give the campaign a name of at least 3 characters")).toBeVisible();
  await form.getByLabel("Name", { exact: true }).fill(campaign);
  await expect(form.getByText("Give the campaign a name of at least 3 characters")).toBeHidden();
  await expect(form.getByText(/^In scope: Everything: every app, role and mapped group, in every department\./)).toBeVisible();
  await form.getByRole("group", { name: "Apps" }).getByRole("button", { name: /^Salesforce/ }).click();
  await expect(form.getByRole("group", { name: "Apps" }).getByRole("button", { name: /^Salesforce/ })).toHaveAttribute("aria-pressed", "true");
  await expect(form.getByText(/^In scope: Salesforce, in every department\./)).toBeVisible();
  // The app's roles are included with it.
  await expect(form.getByRole("group", { name: "Roles" }).getByRole("button", { name: "Salesforce · Sales user" })).toBeDisabled();
  await form.getByRole("radio", { name: /^The app owner/ }).check();
  await expect(form.getByRole("list", { name: "Fallback reviewer" })).toContainText("Alex Kim");
  await expect(form.getByRole("group", { name: "Reminders before the due date" }).getByRole("button", { name: "3 days" })).toHaveAttribute("aria-pressed", "true");
  await expect(form.getByLabel("Inactivity threshold")).toHaveValue("30");
  await shot(page, "reviews-new-form");
  await form.getByRole("button", { name: "Create draft" }).click();

  // The draft: its scope, and Launch.
  await expect(page).toHaveURL(/\/reviews\/(?!new$)[^/]+$/);
  const campaignUrl = new URL(page.url()).pathname;
  await expect(page.getByRole("heading", { level: 1, name: campaign })).toBeVisible();
  await expect(page.getByText("Draft", { exact: true })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Draft: not launched yet" })).toBeVisible();
  await expect(page.getByText("The app's owners")).toBeVisible();
  await shot(page, "reviews-draft");

  // The server's word when it disagrees: the name is taken.
  await page.goto("/reviews/new");
  await form.getByLabel("Name", { exact: true }).fill(campaign);
  await form.getByRole("button", { name: "Create draft" }).click();
  await expect(form.getByText(`A campaign named “${campaign}” already exists`)).toBeVisible();
  await page.goto(campaignUrl);

  await page.getByRole("button", { name: "Launch" }).click();
  const launch = page.getByRole("dialog", { name: `Launch “${campaign}”?` });
  await launch.getByRole("button", { name: "Launch campaign" }).click();
  await expect(page.getByText("Active", { exact: true }).first()).toBeVisible({ timeout: 60_000 });
  await expect(page.getByRole("heading", { level: 2, name: /^Not done: \d+ items still waiting for a decision\.$/ })).toBeVisible();
  const reviewers = page.getByRole("table", { name: "Progress per reviewer" });
  await expect(reviewers.getByRole("row", { name: /Priya Shah/ })).toBeVisible();
  await expect(reviewers.getByRole("row", { name: /Alex Kim/ })).toContainText("fallback");
  const completeness = page.getByRole("table", { name: "Population per group: Okta against Gatehouse" });
  await expect(completeness.getByRole("row", { name: /okta:salesforce-users/ })).toBeVisible();
  await expect(page.getByText(/^Complete: in each of the \d+ groups, Okta lists exactly the members Gatehouse holds/)).toBeVisible();
  // Nothing closes before every item is decided.
  await expect(page.getByRole("button", { name: "Close campaign" })).toBeDisabled();
  await expect(page.getByText(/^Close once every item is decided and every revoke confirmed: \d+ items are not decided yet\.$/)).toBeVisible();
  await shot(page, "reviews-campaign-admin");
  await nav(page).getByRole("link", { name: /^Reviews/ }).click();
  const row = page.getByRole("row", { name: new RegExp(campaign) });
  await expect(row).toContainText("Active");
  await expect(row).toContainText(/Decided 0 of \d+/);
  await shot(page, "reviews-list");
  await signOut(page);

  // Priya, the app owner: the Inbox lists the campaign with her count; the nav shows it too.
  await signInAs(page, appOwner);
  await expect(nav(page).getByRole("link", { name: /^Reviews/ })).toContainText(/\d+/);
  await nav(page).getByRole("link", { name: /^Inbox/ }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Inbox" })).toBeVisible();
  const waiting = page.getByRole("list", { name: "Access reviews waiting for you" });
  await expect(waiting).toContainText(campaign);
  await expect(waiting).toContainText(/\d+ items waiting for you/);
  await expect(page.getByText("No tasks for you.", { exact: false })).toBeVisible();
  await shot(page, "reviews-inbox");
  await waiting.getByRole("link", { name: `Review ${campaign}` }).click();
  await expect(page.getByRole("heading", { level: 1, name: campaign })).toBeVisible();
  await expect(page.getByRole("heading", { level: 2, name: /^\d+ items waiting for your decision$/ })).toBeVisible();
  const mine = page.getByRole("table", { name: "Your items" });
  // Her own access is not hers to review: it went to the fallback reviewer.
  await expect(mine.getByRole("row", { name: /^Priya Shah/ })).toHaveCount(0);

  // Revoke Adam: the sentence says what will happen; the row then shows the removal, read back.
  const adamRow = mine.getByRole("row", { name: adam, exact: true });
  await expect(adamRow).toContainText("Account Executive · Sales");
  await expect(adamRow).toContainText("Manager: Victoria Hughes");
  await expect(adamRow).toContainText("okta:salesforce-users");
  await expect(adamRow).toContainText("Unexplained membership");
  await expect(adamRow).toContainText("Recommend revoke");
  await adamRow.getByRole("button", { name: `Revoke Adam Fox's salesforce-users (Salesforce · Sales user)` }).click();
  const revoke = page.getByRole("group", { name: `Revoke ${adam}` });
  await expect(revoke).toContainText("Revoking removes Adam Fox from salesforce-users in Okta now");
  await revoke.getByLabel(/^Comment/).fill("Moved to the partner team in October");
  await shot(page, "reviews-reviewer-revoke");
  await revoke.getByRole("button", { name: "Revoke access" }).click();
  await expect(page.getByRole("status").filter({ hasText: `Revoked ${adam}.` })).toBeVisible();
  await expect(adamRow).toContainText("Revoked");
  const proof = adamRow.getByRole("list", { name: "Proof of removal" });
  await expect(proof).toContainText("Removed from Okta — read back: not a member", { timeout: 30_000 });
  await expect(proof).toContainText("okta:salesforce-users");

  // Keep Marcus: recommended revoke, so a comment is required, and the page says so.
  await mine.getByRole("button", { name: `Keep Marcus Reed's salesforce-users (Salesforce · Sales user)` }).click();
  const keep = page.getByRole("group", { name: `Keep ${marcus}` });
  await expect(keep.getByText("(required: the recommendation is to revoke — say why it stays)")).toBeVisible();
  await keep.getByRole("button", { name: "Keep access" }).click();
  await expect(keep.getByText("Keeping access the recommendation says to revoke needs a comment that says why")).toBeVisible();
  await expect(keep.getByLabel(/^Comment/)).toBeFocused();
  await keep.getByLabel(/^Comment/).fill("Closing the Globex renewal this quarter");
  await keep.getByRole("button", { name: "Keep access" }).click();
  const marcusRow = mine.getByRole("row", { name: marcus, exact: true });
  await expect(marcusRow).toContainText("Kept");
  await expect(marcusRow).toContainText("“Closing the Globex renewal this quarter”");
  await shot(page, "reviews-reviewer-items");

  // The rest in bulk: pending only, select all, keep with one comment.
  await page.getByRole("group", { name: "Your items: decision" }).getByRole("button", { name: /^Pending/ }).click();
  await expect(mine.getByRole("row", { name: adam, exact: true })).toHaveCount(0);
  await mine.getByRole("checkbox", { name: "Select every item shown" }).check();
  const toolbar = page.getByRole("toolbar", { name: "Your items: act on the selection" });
  await toolbar.getByRole("button", { name: /^Keep \d+$/ }).click();
  const bulk = page.getByRole("group", { name: /^Keep \d+ items$/ });
  // (If an earlier spec granted Dana Salesforce admin, her grant is in Priya's list too.)
  await expect(bulk).toContainText(/^Keeping leaves .+ in (salesforce-admins and )?salesforce-users( and salesforce-admins)? in Okta/);
  await bulk.getByLabel(/^Comment/).fill("Sales roster confirmed with Victoria Hughes");
  await bulk.getByRole("button", { name: /^Keep access \(\d+\)$/ }).click();
  await expect(page.getByText("No item matches these filters")).toBeVisible();
  await expect(page.getByRole("heading", { level: 2, name: /^You have decided all \d+ of your items$/ })).toBeVisible();
  await page.getByRole("group", { name: "Your items: decision" }).getByRole("button", { name: /^All/ }).click();
  await expect(mine.getByRole("row", { name: adam, exact: true })).toContainText("read back: not a member");
  await shot(page, "reviews-reviewer-done");
  // Reviewers cannot start campaigns.
  await page.goto("/reviews/new");
  await expect(page.getByRole("heading", { name: "You are not allowed to see new access reviews" })).toBeVisible();

  // Sandbox Okta: Adam is out of salesforce-users; Marcus is still in it.
  await expect(await oktaGroupsOf(page, "Adam Fox")).not.toContainText("salesforce-users");
  await expect(await oktaGroupsOf(page, "Marcus Reed")).toContainText("salesforce-users");
  await shot(page, "reviews-sandbox-okta");
  await signOut(page);

  // Alex, the fallback reviewer for Priya's own access: keeps it, then closes the campaign.
  await signInAs(page, personas.admin);
  await openCampaign(page);
  const alexItems = page.getByRole("table", { name: "Your items" });
  await expect(alexItems.getByRole("row", { name: /^Priya Shah/ }).first()).toContainText("Fallback reviewer");
  await alexItems.getByRole("checkbox", { name: "Select every item shown" }).check();
  await page.getByRole("toolbar", { name: "Your items: act on the selection" }).getByRole("button", { name: /^Keep \d+$/ }).click();
  const alexKeep = page.getByRole("group", { name: /^Keep (\d+ items|Priya Shah · .+)$/ });
  await alexKeep.getByLabel(/^Comment/).fill("Sales operations manager: needs it to run the CRM");
  await alexKeep.getByRole("button", { name: /^Keep access/ }).click();
  await expect(page.getByRole("heading", { level: 2, name: /^Done: all \d+ items decided, and every revoke is confirmed \(1 of 1\)\.$/ })).toBeVisible();
  await page.getByRole("button", { name: "Close campaign" }).click();
  const close = page.getByRole("dialog", { name: `Close “${campaign}”?` });
  await close.getByRole("button", { name: "Close campaign" }).click();
  await expect(page.getByText("Closed", { exact: true }).first()).toBeVisible();
  await expect(page.getByRole("heading", { name: "Summary and evidence" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Population snapshot (JSON)" })).toHaveAttribute("href", /\/api\/reviews\/[^/]+\/evidence\?format=json$/);
  await shot(page, "reviews-closed");

  // The evidence CSV: both of Priya's decisions, her as reviewer, and the revoked row's read-back.
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download evidence (CSV)" }).click()]);
  expect(download.suggestedFilename()).toMatch(/^gatehouse-review-salesforce-users-q4-review\.csv$/);
  const rows = parse(await readFile((await download.path())!, "utf8"), { columns: true, bom: true }) as Record<string, string>[];
  const adamCsv = rows.find((r) => r["Person"] === "Adam Fox")!;
  expect(adamCsv).toMatchObject({ Decision: "REVOKE", Reviewer: "Priya Shah", Comment: "Moved to the partner team in October", Revocation: "confirmed", "IdP groups": "salesforce-users" });
  expect(adamCsv["Read-back result"]).toMatch(/^salesforce-users: not a member \(checked /);
  const marcusCsv = rows.find((r) => r["Person"] === "Marcus Reed")!;
  expect(marcusCsv).toMatchObject({ Decision: "KEEP", Reviewer: "Priya Shah", Comment: "Closing the Globex renewal this quarter", Revocation: "", "Read-back result": "" });
  expect(rows.filter((r) => r["Person"] === "Priya Shah").every((r) => r["Reviewer"] === "Alex Kim" && r["Decision"] === "KEEP")).toBe(true);
  expect(rows.every((r) => r["Decision"])).toBe(true);

  // Alex sends the evidence to the sandbox Vanta: accounts read back, files uploaded and submitted.
  await page.getByRole("button", { name: "Push to Vanta" }).click();
  await page.getByRole("dialog", { name: `Send “${campaign}” to Vanta?` }).getByRole("button", { name: "Push to Vanta" }).click();
  await expect(page.getByRole("status").filter({ hasText: /^Sent .+: \d+ accounts, 2 files$/ })).toBeVisible();
  await expect(page.getByRole("button", { name: "Push to Vanta again" })).toBeVisible();
  await signOut(page);

  // Morgan, the auditor: finds Adam's revoked access in Evidence and sees the proof of removal.
  await signInAs(page, personas.auditor);
  await nav(page).getByRole("link", { name: "Evidence" }).click();
  await page.getByRole("searchbox", { name: "Search requests, grants, people and review campaigns" }).fill("Adam Fox");
  await page.getByRole("link", { name: "Trace grant: Adam Fox, Salesforce · Sales user" }).click();
  await expect(page.getByRole("heading", { level: 1, name: /Adam Fox · Salesforce · Sales user/ })).toBeVisible();
  const removal = page.getByRole("region", { name: "Removal" });
  await expect(removal).toContainText("Removed");
  const removed = removal.getByRole("list", { name: "Groups removed" });
  await expect(removed).toContainText("okta:salesforce-users");
  await expect(removed).toContainText("Read-back: not a member — removal proven");
  await expect(page.getByRole("list", { name: "Access reviews" })).toContainText(campaign);
  await shot(page, "reviews-auditor-trace");
  // The auditor reads the campaign (no actions).
  await openCampaign(page);
  await expect(page.getByRole("button", { name: "Close campaign" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: /Push to Vanta/ })).toHaveCount(0);
  await expect(page.getByRole("link", { name: "Download evidence (CSV)" })).toBeVisible();
  await shot(page, "reviews-closed-auditor");
});
