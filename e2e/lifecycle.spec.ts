import { expect, test, type APIRequestContext } from "@playwright/test";
import { nav, personas, shot, signInAs, syncNow } from "./helpers";

// A mover: Kai Tanaka moves from Support to Finance in the sandbox Okta (its users API, as an HR system would).
// After a sync (or the event hook, whichever comes first) Kai loses the Support bundle's Zendesk membership and
// gains the Finance bundle's NetSuite one; the person page's Lifecycle section and the Lifecycle page show the
// change, and the sandbox Okta's group memberships agree. Kai is used by no other spec.

const okta = `http://localhost:${process.env.GATEHOUSE_E2E_OKTA_PORT}`;
const headers = { Authorization: "SSWS 00sandbox-okta-api-token-0123456789abcdef", Accept: "application/json", "Content-Type": "application/json" };

async function groupId(request: APIRequestContext, name: string) {
  const groups = await (await request.get(`${okta}/api/v1/groups?q=${name}`, { headers })).json() as { id: string; profile: { name: string } }[];
  return groups.find((g) => g.profile.name === name)!.id;
}
async function groupsOf(request: APIRequestContext, userId: string) {
  const groups = await (await request.get(`${okta}/api/v1/users/${userId}/groups`, { headers })).json() as { profile: { name: string } }[];
  return groups.map((g) => g.profile.name);
}

test("lifecycle: a department change in Okta moves Kai's birthright access after a sync", async ({ page, request }) => {
  test.setTimeout(180_000);
  const kai = await (await request.get(`${okta}/api/v1/users/kai.tanaka@acme.example`, { headers })).json() as { id: string };
  const [zendesk, netsuite] = [await groupId(request, "zendesk-agents"), await groupId(request, "netsuite-users")];
  expect(zendesk && netsuite).toBeTruthy();
  // The Support bundle is applied in the background at start-up: Kai holds it before he moves.
  await signInAs(page, personas.admin);
  await expect(async () => {
    await page.goto("/bundles");
    const support = page.getByRole("table", { name: "Birthright bundles" }).getByRole("row", { name: /Support baseline/ });
    await expect(support).toContainText(/[1-9]\d* grants?/, { timeout: 2_000 });
  }).toPass({ timeout: 60_000 });

  const moved = await request.post(`${okta}/api/v1/users/${kai.id}`, { headers, data: { profile: { department: "Finance" } } });
  expect(moved.status()).toBe(200);
  await syncNow(page);

  // The change is processed by a job right after the sync (or the hook): wait for it on the Lifecycle page.
  await nav(page).getByRole("link", { name: "Lifecycle", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Joiners, movers and leavers" })).toBeVisible();
  const table = page.getByRole("table", { name: "Lifecycle events, newest first" });
  const row = table.getByRole("row").filter({ hasText: "Kai Tanaka" });
  await expect(async () => {
    await page.reload();
    await expect(row.first()).toContainText("Mover", { timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
  await expect(row.first()).toContainText("Support");
  await expect(row.first()).toContainText("Finance");
  await expect(row.first()).toContainText("Removed Zendesk · Agent");
  await expect(row.first()).toContainText("Granted NetSuite · Finance user");
  await page.getByRole("group", { name: "Filter by kind of change" }).getByRole("button", { name: "Movers" }).click();
  await expect(row.first()).toBeVisible();
  await shot(page, "lifecycle-page");

  // The person page: the Lifecycle section, and the grants it changed.
  await row.first().getByRole("link", { name: "Kai Tanaka" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Kai Tanaka" })).toBeVisible();
  const section = page.getByRole("table", { name: "Lifecycle events of Kai Tanaka" });
  await expect(section).toContainText("Mover");
  await expect(section).toContainText("Department:");
  await expect(section).toContainText("Finance");
  await shot(page, "lifecycle-person");

  // The sandbox Okta agrees: out of Zendesk's agents, into NetSuite's users (provisioned and read back).
  await expect(async () => {
    const groups = await groupsOf(request, kai.id);
    expect(groups).not.toContain("zendesk-agents");
    expect(groups).toContain("netsuite-users");
  }).toPass({ timeout: 30_000 });

  // Syncing again changes nothing: the move was acted on once.
  await syncNow(page);
  await nav(page).getByRole("link", { name: "Lifecycle", exact: true }).click();
  await expect(page.getByRole("table", { name: "Lifecycle events, newest first" }).getByRole("row").filter({ hasText: "Kai Tanaka" })).toHaveCount(1);

  // Settings: suspend leavers in Okta, and the days a new manager has to confirm a mover's access.
  await nav(page).getByRole("link", { name: "Movers & leavers" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Lifecycle" })).toBeVisible();
  await expect(page.getByLabel("Days a new manager has to confirm a mover's access")).toHaveValue("7");
  await page.getByLabel("Suspend leavers in Okta").check();
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Saved" })).toBeVisible();
  await shot(page, "lifecycle-settings");
  await page.reload();
  await expect(page.getByLabel("Suspend leavers in Okta")).toBeChecked();
  // Back as it was, for the other specs.
  await page.getByLabel("Suspend leavers in Okta").uncheck();
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Saved" })).toBeVisible();
});
