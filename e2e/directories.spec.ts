import { expect, test } from "@playwright/test";
import { nav, personas, shot, signInAs } from "./helpers";

// Adding a directory other than Okta: the admin picks the kind, fills its own form, and Gatehouse checks the
// credentials before storing anything. A SCIM server that does not answer is refused with the reason.

test("add directory: the four kinds, a form per kind, and an unreachable SCIM server refused with nothing saved", async ({ page }) => {
  await signInAs(page, personas.admin);
  await nav(page).getByRole("link", { name: "Connections" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Connections" })).toBeVisible();
  await expect(page.getByRole("article", { name: "Acme Okta (sandbox)" })).toBeVisible();
  const cardsBefore = await page.getByRole("article").count();
  expect(cardsBefore).toBeGreaterThan(0);

  await page.getByRole("button", { name: "Add directory" }).click();
  const picker = page.getByRole("region", { name: "Add a directory" });
  for (const kind of ["Okta", "Entra ID", "Google Workspace", "SCIM 2.0"]) await expect(picker.getByRole("button", { name: kind })).toBeVisible();
  await shot(page, "connections-add-directory");

  await picker.getByRole("button", { name: "Entra ID" }).click();
  const entra = page.getByRole("form", { name: /Entra ID/ });
  await expect(entra.getByLabel("Directory (tenant) ID")).toBeVisible();
  await expect(entra.getByLabel("Application (client) ID")).toBeVisible();
  await shot(page, "connections-entra-form");
  await entra.getByRole("button", { name: "Cancel" }).click();

  await page.getByRole("button", { name: "Add directory" }).click();
  await page.getByRole("region", { name: "Add a directory" }).getByRole("button", { name: "SCIM 2.0" }).click();
  const scim = page.getByRole("form", { name: /SCIM/ });
  await scim.getByLabel("Name").fill("HR system");
  await scim.getByLabel("SCIM base URL").fill("http://127.0.0.1:9/scim/v2");
  await scim.getByLabel("Bearer token").fill("not-a-real-token");
  await scim.getByRole("button", { name: "Connect and save" }).click();
  await expect(scim.getByRole("alert")).toContainText("Could not connect");
  await shot(page, "connections-scim-refused");
  await scim.getByRole("button", { name: "Cancel" }).click();
  await expect(page.getByRole("article")).toHaveCount(cardsBefore);
  await expect(page.getByRole("article", { name: "HR system" })).toHaveCount(0);
});
