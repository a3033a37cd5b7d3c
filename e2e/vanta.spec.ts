import { expect, test } from "@playwright/test";
import { nav, personas, shot, signInAs } from "./helpers";

// The demo workspace is connected to the sandbox Vanta: the admin sees the card (no secrets), tests it, and a
// rotation with a bad URL or a wrong secret is refused with the reason; the sandbox page shows what Vanta holds.
test("admin: the Vanta connection on the Connections page, and the sandbox Vanta", async ({ page }) => {
  await signInAs(page, personas.admin);
  await nav(page).getByRole("link", { name: "Connections" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Connections" })).toBeVisible();
  const vanta = page.getByRole("article", { name: "Acme Vanta (sandbox)" });
  await expect(vanta.getByText("Evidence · Vanta")).toBeVisible();
  await expect(vanta.getByText("access-reviews")).toBeVisible();
  await expect(vanta.getByText("••••• stored, encrypted")).toBeVisible();
  await expect(page.getByRole("button", { name: "Add Vanta" })).toHaveCount(0);
  await vanta.getByRole("button", { name: "Test connection" }).click();
  await expect(vanta.getByRole("status").filter({ hasText: /^Connected\. Vanta issued a token · document “Proof of completed access review”/ })).toBeVisible();
  await shot(page, "connections-vanta");

  await vanta.getByRole("button", { name: "Replace credentials" }).click();
  const form = vanta.getByRole("form", { name: "Replace credentials of Acme Vanta (sandbox)" });
  const apiUrl = form.getByLabel("Vanta API URL");
  const sandboxUrl = await apiUrl.inputValue();
  expect(sandboxUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  await apiUrl.fill("http://api.vanta.com");
  await expect(form.getByText("Vanta API URL must use https")).toBeVisible();
  await apiUrl.fill(sandboxUrl);
  await expect(form.getByLabel("UserAccount resource ID")).not.toHaveValue("");
  await form.getByLabel("Client ID").fill("vci_sandbox_gatehouse");
  await form.getByLabel("Client secret").fill("not-the-secret");
  await shot(page, "connections-vanta-replace");
  await form.getByRole("button", { name: "Verify and replace" }).click();
  await expect(form.getByText(/Could not connect: Vanta get an access token: Vanta refused the client ID or client secret/)).toBeVisible();
  await form.getByRole("button", { name: "Cancel" }).click();
  await expect(vanta.getByText("Healthy", { exact: true })).toBeVisible();

  await nav(page).getByRole("link", { name: "Sandbox Vanta" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Sandbox Vanta" })).toBeVisible();
  await expect(page.getByText("Proof of completed access review")).toBeVisible();
  await shot(page, "sandbox-vanta");
});
