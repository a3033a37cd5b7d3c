import { expect, test } from "@playwright/test";
import { nav, personas, shot, signInAs } from "./helpers";

// Every page renders with its data for the roles that use it (and leaves a screenshot behind).
test("landing page lists the demo personas", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { name: "Gatehouse" })).toBeVisible();
  await expect(page.getByRole("note", { name: "Demo" })).toContainText("sandbox Okta, Jira, Slack and Vanta");
  for (const who of ["Dana", "Sam", "Priya", "Alex", "Morgan"]) {
    await expect(page.getByRole("button", { name: new RegExp(`^${who} —`) })).toBeVisible();
  }
  await shot(page, "landing");
});

test("keyboard only: sign in from the landing page and search the catalog", async ({ page }) => {
  await page.goto("/");
  const dana = page.getByRole("button", { name: /^Dana —/ });
  for (let i = 0; i < 10 && !(await dana.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press("Tab");
  await expect(dana).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { level: 1, name: "Catalog" })).toBeVisible();
  const search = page.getByRole("searchbox", { name: "Search apps and roles" });
  await search.focus();
  await page.keyboard.type("github");
  await expect(page.getByText("1 app matches “github”")).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(search).toHaveValue("");
});

test("auditor: people list with filters and paging, a person's access", async ({ page }) => {
  await signInAs(page, personas.auditor);
  await expect(nav(page).getByRole("link", { name: "Apps & roles" })).toHaveCount(0);
  await nav(page).getByRole("link", { name: "People" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "People" })).toBeVisible();
  await expect(page.getByText(/^\d+ people in the directory$/)).toBeVisible();
  await expect(page.getByText(/^Showing 50 of \d+$/)).toBeVisible();
  await shot(page, "people");

  await page.getByRole("button", { name: /^Load \d+ more$/ }).click();
  await expect(page.getByText(/^Showing (\d+) of \1$/)).toBeVisible();

  const departments = page.getByRole("group", { name: "Department" });
  await departments.getByRole("button", { name: /^Engineering/ }).click();
  await expect(departments.getByRole("button", { name: /^Engineering/ })).toHaveAttribute("aria-pressed", "true");
  await expect(page).toHaveURL(/department=Engineering/);
  await page.getByRole("searchbox", { name: /Search people/ }).fill("Dana");
  await expect(page.getByText("1 person matches")).toBeVisible();
  await shot(page, "people-filtered");
  await page.getByRole("link", { name: "Dana Lee" }).click();

  await expect(page.getByRole("heading", { level: 1, name: "Dana Lee" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Sam Rivera" })).toBeVisible();
  const access = page.getByRole("table", { name: /Group memberships/ });
  await expect(access.getByRole("row").nth(1)).toBeVisible();
  await expect(access.getByText(/Not in the catalog|·/).first()).toBeVisible();
  await shot(page, "person-detail");

  // Back keeps the filters.
  await page.goBack();
  await expect(page).toHaveURL(/department=Engineering/);
  await expect(page.getByRole("searchbox", { name: /Search people/ })).toHaveValue("Dana");
});

test("admin: catalog, app detail, apps list, sandbox Okta and Jira pages", async ({ page }) => {
  await signInAs(page, personas.admin);
  await expect(page.getByText(/^\d+ apps · \d+ roles$/)).toBeVisible();
  await shot(page, "catalog");
  await page.getByRole("link", { name: "AWS Production" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "AWS Production" })).toBeVisible();
  await expect(page.getByText("Time-bound: 1 h, 6 h, 24 h · max 24 h")).toBeVisible();
  await shot(page, "catalog-app-aws");

  await nav(page).getByRole("link", { name: "Apps & roles" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Apps & roles" })).toBeVisible();
  await shot(page, "admin-apps");
  await page.getByRole("link", { name: "Salesforce" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Salesforce" })).toBeVisible();
  await page.getByRole("button", { name: "Edit role System administrator" }).click();
  const roleForm = page.getByRole("form", { name: "Edit role System administrator" });
  await expect(roleForm.getByRole("list", { name: "Selected groups" })).toContainText("okta:salesforce-admins");
  await shot(page, "admin-edit-role");
  await roleForm.getByRole("button", { name: "Cancel" }).click();
  await page.getByRole("button", { name: "Delete app" }).click();
  const dialog = page.getByRole("dialog", { name: "Delete Salesforce?" });
  await expect(dialog).toContainText("Group memberships in Okta stay as they are");
  await shot(page, "admin-delete-confirm");
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toBeHidden();

  await page.getByRole("note", { name: "Demo" }).getByRole("link", { name: "sandbox Okta" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Sandbox Okta" })).toBeVisible();
  await page.getByRole("searchbox", { name: "Search groups and people" }).fill("dana");
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page.getByRole("heading", { name: /People matching “dana”/ })).toBeVisible();
  await page.getByRole("searchbox", { name: "Search groups and people" }).fill("");
  await page.getByRole("button", { name: "Search" }).click();
  await shot(page, "sandbox-okta");
  await page.getByRole("link", { name: "github-engineers" }).click();
  await expect(page.getByText(/^\d+ members$/)).toBeVisible();
  await shot(page, "sandbox-okta-group");

  await nav(page).getByRole("link", { name: "Sandbox Jira" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Sandbox Jira" })).toBeVisible();
  await shot(page, "sandbox-jira");

  // The tamper-evident audit log: every event in order, and a verification of the hash chain.
  await nav(page).getByRole("link", { name: "Audit log" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Audit log" })).toBeVisible();
  await page.getByRole("button", { name: "Verify chain" }).click();
  await expect(page.getByText(/Chain intact — [\d,]+ events/)).toBeVisible();
  await shot(page, "audit-log");

  await page.goto("/catalog/does-not-exist");
  await expect(page.getByRole("heading", { name: "App not found" })).toBeVisible();
  await page.goto("/no/such/page");
  await expect(page.getByRole("heading", { name: "There is nothing at this address" })).toBeVisible();
  await shot(page, "not-found");
});
