import { expect, test } from "@playwright/test";
import { nav, personas, shot, signInAs, signOut } from "./helpers";

// Birthright bundles: Alex (admin) sees the demo's bundles, defines "Marketing design" (department equals
// Marketing → Figma · Editor), watches the preview name who it would add before saving, saves it, and finds it
// listed with its members; the grant's evidence on the person page names the bundle and the rule. Morgan
// (auditor) reads bundles but cannot change them; Dana (employee) does not see them at all.

test.use({ viewport: { width: 1440, height: 900 } });

test("admin defines a bundle, previews who it adds, saves it and sees it applied", async ({ page }) => {
  test.setTimeout(180_000);
  await signInAs(page, personas.admin);
  await nav(page).getByRole("link", { name: "Bundles" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Birthright bundles" })).toBeVisible();
  const table = page.getByRole("table", { name: "Birthright bundles" });
  await expect(table.getByRole("link", { name: "Support baseline" })).toBeVisible();
  await expect(table.getByRole("row", { name: /Support baseline/ })).toContainText('department equals "Support"');
  await expect(table.getByRole("list", { name: "Roles granted by Support baseline" })).toContainText("Zendesk · Agent");
  await shot(page, "bundles-list");

  await page.getByRole("link", { name: "New bundle" }).click();
  const form = page.getByRole("form", { name: "New bundle" });
  await expect(form).toBeVisible();
  await expect(page.getByText("Add a rule with a value and pick a role to see who this bundle would add and remove.")).toBeVisible();
  await form.getByLabel("Name", { exact: true }).fill("Marketing design");
  await form.getByLabel("Rule 1 attribute").selectOption("department");
  await form.getByLabel("Rule 1 comparison").selectOption("equals");
  await form.getByLabel("Rule 1 value").fill("marketing");
  await form.getByRole("group", { name: "Roles" }).getByRole("button", { name: "Figma · Editor" }).click();

  // The preview: the eight marketers, each with the rule that matched.
  const adds = page.getByRole("list", { name: "Would add 8 people" });
  await expect(adds).toBeVisible();
  await expect(adds.getByRole("listitem").filter({ hasText: "Leo Bianchi" })).toContainText('department equals "marketing"');
  await expect(page.getByRole("heading", { name: "Would remove 0 people" })).toBeVisible();

  // A second rule with ANY widens it; the preview follows, then the rule is removed again.
  await form.getByRole("button", { name: "Add rule" }).click();
  await form.getByLabel("Rule 2 attribute").selectOption("title");
  await form.getByLabel("Rule 2 comparison").selectOption("startsWith");
  await form.getByLabel("Rule 2 value").fill("Designer");
  await expect(page.getByRole("list", { name: "Would add 8 people" })).toBeVisible();
  await page.getByRole("radio", { name: "Any rule" }).check({ force: true });
  await expect(page.getByRole("list", { name: "Would add 8 people" })).toBeVisible();
  await form.getByLabel("Rule 2 value").fill("Software");
  await expect(page.getByRole("list", { name: /Would add \d\d people/ })).toBeVisible();
  await shot(page, "bundles-new-preview-any");
  await form.getByRole("button", { name: "Remove rule 2" }).click();
  await expect(page.getByRole("list", { name: "Would add 8 people" })).toBeVisible();
  await shot(page, "bundles-new-preview");

  await form.getByRole("button", { name: /^Save and apply/ }).click();
  await expect(page).toHaveURL(/\/bundles$/);
  const row = page.getByRole("table", { name: "Birthright bundles" }).getByRole("row", { name: /Marketing design/ });
  await expect(row).toContainText('department equals "marketing"');
  await expect(row).toContainText("Figma · Editor");
  // Applied in the background: the member count reaches 8.
  await expect(async () => {
    await page.reload();
    await expect(page.getByRole("row", { name: /Marketing design/ })).toContainText("8 grants", { timeout: 2_000 });
  }).toPass({ timeout: 60_000 });
  await shot(page, "bundles-list-after-save");

  // The person page says how it was granted: the bundle and the rule.
  await page.goto("/people?q=Leo");
  await page.getByRole("link", { name: /Leo Bianchi/ }).first().click();
  const grants = page.getByRole("table", { name: "Grants held by Leo Bianchi" });
  const figma = grants.getByRole("row", { name: /Figma · Editor/ });
  await expect(figma).toContainText("Marketing design");
  await expect(figma).toContainText('department equals "marketing"');
  await shot(page, "bundles-person-evidence");

  // The saved bundle opens for editing with nothing left to apply.
  await page.goto("/bundles");
  await page.getByRole("link", { name: "Marketing design" }).click();
  await expect(page.getByRole("form", { name: "Edit bundle Marketing design" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Would add 0 people" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Would remove 0 people" })).toBeVisible();
  await shot(page, "bundles-edit");
  await signOut(page);

  // Morgan reads bundles, without the controls to change them.
  await signInAs(page, personas.auditor);
  await nav(page).getByRole("link", { name: "Bundles" }).click();
  await expect(page.getByRole("link", { name: "New bundle" })).toHaveCount(0);
  await page.getByRole("link", { name: "Marketing design" }).click();
  await expect(page.getByText("Read-only: admins change bundles.")).toBeVisible();
  await expect(page.getByRole("button", { name: /Save and apply/ })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Delete" })).toHaveCount(0);
  await shot(page, "bundles-auditor");
  await signOut(page);

  await signInAs(page, personas.employee);
  await expect(nav(page).getByRole("link", { name: "Bundles" })).toHaveCount(0);
  await page.goto("/bundles");
  await expect(page.getByRole("heading", { name: "You are not allowed to see bundles" })).toBeVisible();
});
