import { expect, test } from "@playwright/test";
import { shot, signInAs, personas } from "./helpers";

// The demo start registers the sandbox Okta's event hook against the running app: the Connections page says
// so, and a profile change made in Okta (through its API, as an Okta admin would) reaches Gatehouse without a sync.

const okta = `http://127.0.0.1:${process.env.GATEHOUSE_E2E_OKTA_PORT}`;
const oktaHeaders = { Authorization: "SSWS 00sandbox-okta-api-token-0123456789abcdef", "Content-Type": "application/json", Accept: "application/json" };

test("the Okta event hook is live: a department change in Okta shows on the People page without a sync", async ({ page, request }) => {
  await signInAs(page, personas.admin);
  await page.goto("/settings/connections");
  const hook = page.getByRole("region", { name: "Event hook" });
  await expect(hook.getByText("Event hook active · verified")).toBeVisible();
  await expect(hook.getByText("/api/hooks/okta/")).toBeVisible();
  await shot(page, "connections-okta-event-hook");

  const user = await (await request.get(`${okta}/api/v1/users/${encodeURIComponent("ava.nguyen@acme.example")}`, { headers: oktaHeaders })).json();
  const res = await request.post(`${okta}/api/v1/users/${user.id}`, { headers: oktaHeaders, data: { profile: { department: "Hooked Research" } } });
  expect(res.status()).toBe(200);

  await expect(async () => {
    await page.goto("/people?q=ava");
    await expect(page.getByRole("row", { name: /Ava Nguyen/ })).toContainText("Hooked Research", { timeout: 2_000 });
  }).toPass({ timeout: 20_000 });
});
