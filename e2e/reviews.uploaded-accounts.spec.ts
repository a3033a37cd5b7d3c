import { expect, test } from "@playwright/test";
import { nav, personas, shot, signInAs } from "./helpers";

// A review of a manual app (no IdP groups, so Gatehouse knows only what it granted): Alex adds "Legacy CRM"
// as a manual app owned by Priya, drafts a review of it, and uploads the app's user export. A file
// without an email column and one with a bad row are refused with the reason and the line; the good file
// is previewed (nothing saved), then imported: Kai's account no grant explains and an orphan contractor
// account become items, and launching assigns them to Priya. Importing the same file again changes nothing.
//
// Named to run after reviews.spec.ts (one server for every spec, files in name order), which expects no campaign yet.

test.use({ viewport: { width: 1280, height: 900 } });

const campaign = "Legacy CRM accounts — Q4";
const csv = (text: string, name = "legacy-crm-users.csv") => ({ name, mimeType: "text/csv", buffer: Buffer.from(text, "utf8") });
const GOOD = [
  "\uFEFFEmail,Full name,Role,Last login",
  "KAI.TANAKA@acme.example,Kai Tanaka,Admin,2026-11-20",
  "contractor@agency.example,\"Vendor, Temp Account\",Admin,2026-10-02",
  "ivy.turner@acme.example,Ivy Turner,User,never",
].join("\r\n") + "\r\n";

test("manual app review: upload the account list, see orphans and unexplained accounts as items", async ({ page }) => {
  test.setTimeout(240_000);
  await signInAs(page, personas.admin);

  // A manual app: no Okta groups, Priya grants by hand.
  await nav(page).getByRole("link", { name: "Apps & roles" }).click();
  await page.getByRole("button", { name: "New app" }).click();
  const appForm = page.getByRole("form", { name: "New app" });
  await appForm.getByLabel("App name").fill("Legacy CRM");
  await appForm.getByLabel("Provisioning").selectOption("MANUAL");
  await appForm.getByRole("combobox", { name: "Owners" }).fill("Priya");
  await page.getByRole("option", { name: /Priya Shah/ }).click();
  await appForm.getByRole("button", { name: "Create app" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Legacy CRM" })).toBeVisible();
  const roleForm = page.getByRole("form", { name: "Add role" });
  await roleForm.getByLabel("Role name").fill("User");
  await roleForm.getByRole("button", { name: "Add step" }).click();
  await roleForm.getByRole("button", { name: "Add role" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Role added" })).toBeVisible();

  // A draft review of it, reviewed by the app owner.
  await page.goto("/reviews/new");
  const form = page.getByRole("form", { name: "New access review" });
  await form.getByLabel("Name", { exact: true }).fill(campaign);
  await form.getByRole("group", { name: "Apps" }).getByRole("button", { name: /^Legacy CRM/ }).click();
  await form.getByRole("radio", { name: /^The app owner/ }).check();
  await form.getByRole("button", { name: "Create draft" }).click();
  await expect(page.getByRole("heading", { level: 1, name: campaign })).toBeVisible();

  const lists = page.getByRole("region", { name: "Account lists of manual apps" });
  await expect(lists.getByRole("heading", { name: /Legacy CRM/ })).toBeVisible();
  await expect(lists.getByText(/^No account list imported yet/)).toBeVisible();
  const upload = lists.getByLabel("Import accounts (CSV)");
  await expect(upload).toHaveAttribute("accept", ".csv,text/csv");

  // A wrong file says why; a bad row names its line; nothing is saved.
  await upload.setInputFiles(csv("Name,Role\nKai Tanaka,Admin\n", "names.csv"));
  await expect(lists.getByRole("alert")).toContainText("The header row has no email column (found: “Name”, “Role”)");
  await upload.setInputFiles(csv("email,last login\nkai.tanaka@acme.example,2026-11-20\nnot-an-email,2026-11-01\n", "bad.csv"));
  await expect(lists.getByRole("alert")).toContainText("1 row could not be read; nothing was imported.");
  await expect(lists.getByRole("alert")).toContainText("Line 3: “not-an-email” is not an email address");

  // The good file: a preview first, then the import.
  await upload.setInputFiles(csv(GOOD));
  const preview = lists.getByRole("region", { name: "Import preview" });
  await expect(preview).toContainText("Preview: 3 accounts to add for review. Nothing is saved until you import.");
  await expect(preview.getByRole("table", { name: "Orphan accounts · 1" })).toContainText("contractor@agency.example");
  await preview.getByRole("button", { name: "Import 3 accounts for review" }).click();
  const summary = lists.getByRole("region", { name: "Import summary" });
  await expect(summary).toContainText("Imported: 3 new items to review, 1 of them orphan account.");
  const orphans = summary.getByRole("table", { name: "Orphan accounts · 1" });
  await expect(orphans.getByRole("row", { name: /contractor@agency\.example/ })).toContainText("Vendor, Temp Account");
  await expect(orphans.getByRole("row", { name: /contractor@agency\.example/ })).toContainText("Priya Shah");
  const unexplained = summary.getByRole("table", { name: "Accounts no grant explains · 2" });
  await expect(unexplained.getByRole("row", { name: /Kai Tanaka/ })).toContainText("Legacy CRM · Admin");
  await expect(unexplained.getByRole("row", { name: /Ivy Turner/ })).toContainText("Inactive: the account list shows no activity in the app");
  await expect(lists.getByText(/^Last import .* from legacy-crm-users\.csv: 3 accounts — 0 confirmed, 2 unexplained, 1 orphan, 0 granted but missing\.$/)).toBeVisible();
  await shot(page, "reviews-manual-import-summary");

  // The same file again: nothing to add.
  await summary.getByRole("button", { name: "Done" }).click();
  await upload.setInputFiles(csv(GOOD));
  await expect(lists.getByRole("region", { name: "Import preview" })).toContainText("This list was already imported: importing it again changes nothing.");
  await lists.getByRole("button", { name: "Cancel" }).click();

  // Launch: the imported accounts are the campaign's items, for the app owner.
  await page.getByRole("button", { name: "Launch" }).click();
  await page.getByRole("dialog", { name: `Launch “${campaign}”?` }).getByRole("button", { name: "Launch campaign" }).click();
  await expect(page.getByText("Active", { exact: true }).first()).toBeVisible({ timeout: 60_000 });
  await expect(page.getByRole("heading", { level: 2, name: "Not done: 3 items still waiting for a decision." })).toBeVisible();
  const reviewers = page.getByRole("table", { name: "Progress per reviewer" });
  await expect(reviewers.getByRole("row", { name: /Priya Shah/ })).toContainText("3");
  await expect(page.getByText("No directory groups are in scope, so there is nothing to compare with a directory; the items come from the apps' uploaded account lists.")).toBeVisible();
  const all = page.getByRole("region", { name: /^All items/ });
  await expect(all.getByText("contractor@agency.example")).toBeVisible();
  await expect(all.getByText("Vendor, Temp Account")).toBeVisible();
  await expect(all.getByText("Orphan account: not in the directory")).toBeVisible();
  await expect(all.getByText("Orphan account: nobody in the directory has this email")).toBeVisible();
  await expect(all.getByText("Kai Tanaka")).toBeVisible();
  await shot(page, "reviews-manual-import-campaign");
});
