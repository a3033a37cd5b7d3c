import { expect, test } from "@playwright/test";
import { nav, personas, shot, signInAs } from "./helpers";

// An admin creates a read-only evidence token (shown once), a GRC tool pulls requests with it, and a
// revoked token is refused.
test("admin creates an evidence API token, pulls requests with it, revokes it", async ({ page, request }) => {
  await signInAs(page, personas.admin);
  await nav(page).getByRole("link", { name: "API tokens" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "API tokens" })).toBeVisible();
  await expect(page.getByText("No API tokens yet")).toBeVisible();
  await page.getByRole("button", { name: "Create token" }).first().click();
  await page.getByLabel("Name").fill("Vanta");
  await page.getByRole("button", { name: "Create token" }).click();
  const secret = (await page.getByLabel("API token").textContent())!.trim();
  expect(secret).toMatch(/^gh_/);
  await shot(page, "api-token-created");

  const ok = await request.get("/api/v1/evidence/requests?format=json", { headers: { Authorization: `Bearer ${secret}` } });
  expect(ok.status()).toBe(200);
  expect(await ok.json()).toMatchObject({ apiVersion: "v1", data: expect.any(Array) });
  const csv = await request.get("/api/v1/evidence/grants?format=csv", { headers: { Authorization: `Bearer ${secret}` } });
  expect(csv.status()).toBe(200);
  expect((await csv.text()).split("\r\n")[0]).toContain("id");
  expect((await request.get("/api/v1/evidence/requests", { headers: { Authorization: "Bearer gh_wrong" } })).status()).toBe(401);

  await page.reload();
  await expect(page.getByText("Vanta", { exact: true })).toBeVisible();
  await page.getByRole("button", { name: "Revoke Vanta" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Revoke token" }).click();
  await expect(page.getByText(/^Revoked/)).toBeVisible();
  await shot(page, "api-tokens");
  expect((await request.get("/api/v1/evidence/requests", { headers: { Authorization: `Bearer ${secret}` } })).status()).toBe(401);
});
