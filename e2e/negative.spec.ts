import { expect, test } from "@playwright/test";
import { nav, personas, shot, signInAs } from "./helpers";

test("an employee sees only the catalog and is told clearly that admin pages are not for them", async ({ page }) => {
  await signInAs(page, personas.employee);
  const links = nav(page).getByRole("link");
  await expect(links.filter({ hasText: "Catalog" })).toBeVisible();
  for (const name of ["People", "Apps & roles", "Connections"]) {
    await expect(nav(page).getByRole("link", { name })).toHaveCount(0);
  }
  await expect(page.getByText("Employee", { exact: false }).first()).toBeVisible();

  await page.goto("/admin/apps");
  await expect(page.getByRole("heading", { name: "You are not allowed to see Apps & roles" })).toBeVisible();
  await expect(page.getByText("Only workspace admins can change the catalog.")).toBeVisible();
  await expect(page.getByRole("button", { name: "New app" })).toHaveCount(0);
  await shot(page, "not-allowed-employee");

  await page.goto("/settings/connections");
  await expect(page.getByRole("heading", { name: "You are not allowed to see Connections" })).toBeVisible();
  await page.goto("/people");
  await expect(page.getByRole("heading", { name: "You are not allowed to see People" })).toBeVisible();
});

test("a bad Okta URL or token in the connection form gets a clear error, and nothing is saved", async ({ page }) => {
  await signInAs(page, personas.admin);
  await nav(page).getByRole("link", { name: "Connections" }).click();
  const okta = page.getByRole("article", { name: "Acme Okta (sandbox)" });
  const sandboxUrl = (await okta.getByText(/^http:\/\/127\.0\.0\.1:\d+$/).textContent())!.trim();

  await page.getByRole("button", { name: "Add directory" }).click();
  await page.getByRole("button", { name: "Okta", exact: true }).click();
  const form = page.getByRole("form", { name: "Connect Okta" });
  await form.getByLabel("Name").fill("Second Okta");

  // Caught as you type, with the server's own rules.
  await form.getByLabel("Okta org URL").fill("acme.okta.com");
  await expect(form.getByText("Okta org URL must be a full URL like https://acme.okta.com")).toBeVisible();
  await form.getByLabel("Okta org URL").fill("http://acme.okta.com");
  await expect(form.getByText("Okta org URL must use https")).toBeVisible();
  await form.getByRole("button", { name: "Connect and save" }).click();
  await expect(form.getByText("API token is required")).toBeVisible();

  // Only the server can tell that a token is wrong: its message is shown as it is.
  await form.getByLabel("Okta org URL").fill(sandboxUrl);
  await form.getByRole("textbox", { name: "API token" }).fill("00-not-a-real-token");
  await form.getByRole("button", { name: "Connect and save" }).click();
  const alert = form.getByRole("alert");
  await expect(alert).toContainText("Could not connect:");
  await shot(page, "connections-bad-token");

  // An org nobody answers at.
  await form.getByLabel("Okta org URL").fill("http://127.0.0.1:9");
  await form.getByRole("button", { name: "Connect and save" }).click();
  await expect(form.getByRole("alert")).toContainText("Could not connect:");

  await form.getByRole("button", { name: "Cancel" }).click();
  await expect(page.getByRole("article")).toHaveCount(4); // Okta, Jira, Slack and Vanta
  await expect(page.getByRole("article", { name: "Second Okta" })).toHaveCount(0);
});
