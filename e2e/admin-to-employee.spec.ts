import { expect, test } from "@playwright/test";
import { nav, personas, shot, signInAs, signOut } from "./helpers";

// The path: an admin verifies and syncs the sandbox Okta, publishes a new app with a role
// mapped to an Okta group and a Manager step, and an employee then finds it in the catalog.
test("admin connects Okta, syncs, publishes a role; the employee finds it in the catalog", async ({ page }) => {
  await signInAs(page, personas.admin);
  await expect(nav(page).getByRole("link", { name: "Apps & roles" })).toBeVisible();

  // Connections: verify the sandbox Okta, then sync it and watch the progress.
  await nav(page).getByRole("link", { name: "Connections" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Connections" })).toBeVisible();
  const okta = page.getByRole("article", { name: "Acme Okta (sandbox)" });
  await expect(okta.getByText("••••• stored, encrypted")).toBeVisible();
  await okta.getByRole("button", { name: "Test connection" }).click();
  await expect(okta.getByRole("status").filter({ hasText: /^Connected to Okta/ })).toBeVisible();
  await expect(okta.getByText("Healthy", { exact: true })).toBeVisible();

  await okta.getByRole("button", { name: "Sync now" }).click();
  const progress = okta.getByRole("progressbar", { name: "Directory sync progress" });
  await expect(progress).toBeVisible();
  await expect(progress).toHaveAttribute("aria-valuetext", /Queued|Reading|Finishing/);
  await expect(okta.getByRole("button", { name: "Sync now" })).toBeDisabled();
  await shot(page, "connections-sync-running");

  // The result replaces the bar: counts of what was read and changed.
  await expect(progress).toBeHidden({ timeout: 60_000 });
  const result = okta.getByLabel("Sync result");
  await expect(okta.getByText("Succeeded", { exact: true })).toBeVisible();
  for (const label of ["Users", "Groups", "Memberships", "Created", "Updated", "Removed", "API calls", "Duration"]) {
    await expect(result.getByText(label, { exact: true })).toBeVisible();
  }
  await expect(result.getByRole("definition").first()).toHaveText(/^\d+$/);
  await expect(okta.getByRole("button", { name: "Sync now" })).toBeEnabled();
  await shot(page, "connections-sync-done");

  // Apps & roles: a new app, validated as you type.
  await nav(page).getByRole("link", { name: "Apps & roles" }).click();
  await page.getByRole("button", { name: "New app" }).click();
  const appForm = page.getByRole("form", { name: "New app" });
  const appName = appForm.getByLabel("App name");
  await appName.fill("x");
  await appName.fill("");
  await expect(appForm.getByText("Name is required")).toBeVisible();
  await appName.fill("Jira Cloud");
  await appForm.getByLabel("Description").fill("Issue tracking for engineering and IT.");
  await appForm.getByLabel("Risk").selectOption("MEDIUM");
  await appForm.getByLabel("Logo URL").fill("http://logo.example/jira.png");
  await expect(appForm.getByText("Logo URL must use https")).toBeVisible();
  await appForm.getByLabel("Logo URL").fill("");
  await appForm.getByRole("combobox", { name: "Owners" }).fill("Priya");
  await page.getByRole("option", { name: /Priya Shah/ }).click();
  await expect(appForm.getByRole("list", { name: "Owners" })).toContainText("Priya Shah");
  await shot(page, "admin-new-app");
  await appForm.getByRole("button", { name: "Create app" }).click();

  // The app page opens with the "Add role" form ready.
  await expect(page.getByRole("heading", { level: 1, name: "Jira Cloud" })).toBeVisible();
  const roleForm = page.getByRole("form", { name: "Add role" });
  await roleForm.getByLabel("Role name").fill("Site administrator");
  await roleForm.getByLabel("Description").fill("Manage projects, workflows and permissions.");
  await roleForm.getByRole("searchbox", { name: "Search groups" }).fill("jira");
  await roleForm.getByRole("checkbox", { name: /jira-admins/ }).check();
  await expect(roleForm.getByRole("list", { name: "Selected groups" })).toContainText("okta:jira-admins");
  // Groups Okta will not let us change are listed, but cannot be picked.
  await roleForm.getByRole("searchbox", { name: "Search groups" }).fill("AD:");
  await expect(roleForm.getByRole("checkbox", { name: /AD: Domain Users/ })).toBeDisabled();
  await expect(roleForm.getByText(/Unmanaged: APP_GROUP/)).toBeVisible();

  // Privileged roles need a duration: the form says so as you type.
  await roleForm.getByLabel("Privileged").check();
  await expect(roleForm.getByLabel("Require a duration")).toBeChecked();
  await roleForm.getByLabel("Require a duration").uncheck();
  await expect(roleForm.getByText("Privileged roles must require a duration")).toBeVisible();
  await roleForm.getByLabel("Require a duration").check();
  await roleForm.getByRole("button", { name: "6 h", exact: true }).click();
  await roleForm.getByRole("button", { name: "24 h", exact: true }).click();
  await roleForm.getByRole("textbox", { name: /^Maximum duration/ }).fill("24");
  await roleForm.getByRole("combobox", { name: "Maximum duration unit" }).selectOption("hours");
  await expect(roleForm.getByText("Time-bound: 6 h, 24 h · max 24 h")).toBeVisible();

  await roleForm.getByRole("button", { name: "Add step" }).click();
  await expect(roleForm.getByLabel("Step 1 approver")).toHaveValue("MANAGER");
  await expect(roleForm.getByText("Policy: Manager")).toBeVisible();
  await shot(page, "admin-add-role");
  await roleForm.getByRole("button", { name: "Add role" }).click();

  await expect(page.getByRole("status").filter({ hasText: "Role added" })).toBeVisible();
  await expect(roleForm).toBeHidden();
  await expect(page.getByRole("heading", { level: 3, name: "Site administrator" })).toBeVisible();
  await expect(page.getByText("okta:jira-admins")).toBeVisible();
  await shot(page, "admin-app-editor");

  // The employee finds it.
  await signOut(page);
  await signInAs(page, personas.employee);
  await page.getByRole("searchbox", { name: "Search apps and roles" }).fill("Jira");
  await expect(page.getByText(/^1 app match/)).toBeVisible();
  const app = page.getByRole("link", { name: "Jira Cloud" });
  await expect(app).toBeVisible();
  await expect(page.getByRole("cell", { name: /Site administrator/ })).toBeVisible();
  await expect(page.getByRole("cell", { name: "okta:jira-admins" })).toBeVisible();
  await expect(page.getByRole("cell", { name: "Manager", exact: true })).toBeVisible();
  await shot(page, "catalog-employee-search");
  await app.click();
  await expect(page.getByRole("heading", { level: 1, name: "Jira Cloud" })).toBeVisible();
  await expect(page.getByText("Approved by the requester's manager.")).toBeVisible();
  // The role is requestable now: one Request button per role.
  await expect(page.getByRole("button", { name: "Request Site administrator" })).toBeVisible();
  await shot(page, "catalog-app-detail");
});
