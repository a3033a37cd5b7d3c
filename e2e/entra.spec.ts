import { expect, test, type Page } from "@playwright/test";
import { nav, personas, requestRole, shot, signInAs, signOut } from "./helpers";

// Issue 7: connect the demo's sandbox Entra ID by hand (the values its sandbox page shows, its self-signed
// certificate pasted as the trusted CA), sync it, map a new role to an Entra group, and follow a request from
// Dana through Sam's approval to Dana's membership in the sandbox Entra group. A wrong client secret is refused
// first, with Entra's reason, and nothing is saved.

const CONNECTION = "Acme Entra (sandbox)";
const GROUP = "Power BI Pro";

async function openSandboxGroup(page: Page, name: string) {
  await nav(page).getByRole("link", { name: "Sandbox Entra ID" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Sandbox Entra ID" })).toBeVisible();
  await page.getByRole("table", { name: "Groups in the sandbox Entra ID" }).getByRole("link", { name, exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
}

test("connect the sandbox Entra ID, sync, request a role mapped to an Entra group, approve, see the member in the sandbox", async ({ page }) => {
  test.setTimeout(240_000);
  await signInAs(page, personas.admin);

  // The sandbox page: what to type into the form, and the directory as Entra has it (Dana not in Power BI Pro).
  await nav(page).getByRole("link", { name: "Sandbox Entra ID" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Sandbox Entra ID" })).toBeVisible();
  const counts = (await page.getByText(/^\d+ users · \d+ groups · \d+ memberships$/).textContent())!.match(/\d+/g)!.map(Number);
  const [users, groups] = counts as [number, number];
  expect(users).toBeGreaterThan(50);
  expect(groups).toBe(4);
  const connect = page.getByRole("region", { name: "Connect it" });
  const value = (label: string) => connect.getByLabel(label, { exact: true }).inputValue();
  const creds = {
    tenantId: await value("Directory (tenant) ID"),
    clientId: await value("Application (client) ID"),
    clientSecret: await value("Client secret"),
    graphUrl: await value("Graph URL"),
    authorityUrl: await value("Authority URL"),
    ca: await value("Trusted CA certificate"),
  };
  expect(creds.graphUrl).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
  expect(creds.ca).toContain("-----BEGIN CERTIFICATE-----");
  await shot(page, "sandbox-entra");
  await openSandboxGroup(page, GROUP);
  await expect(page.getByText(/^\d+ members?$/)).toBeVisible();
  const membersBefore = Number((await page.getByText(/^\d+ members?$/).textContent())!.match(/\d+/)![0]);
  await expect(page.getByRole("row", { name: /Dana Lee/ })).toHaveCount(0);

  // Connections → Add directory → Entra ID.
  await nav(page).getByRole("link", { name: "Connections" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Connections" })).toBeVisible();
  await expect(page.getByRole("article", { name: "Acme Okta (sandbox)" })).toBeVisible();
  const cardsBefore = await page.getByRole("article").count();
  await expect(page.getByRole("article", { name: CONNECTION })).toHaveCount(0);
  await page.getByRole("button", { name: "Add directory" }).click();
  await page.getByRole("region", { name: "Add a directory" }).getByRole("button", { name: "Entra ID" }).click();
  const form = page.getByRole("form", { name: /Entra ID/ });
  await form.getByLabel("Name", { exact: true }).fill(CONNECTION);
  await form.getByLabel("Directory (tenant) ID").fill(creds.tenantId);
  await form.getByLabel("Application (client) ID").fill(creds.clientId);
  await form.getByLabel("Client secret").fill(`${creds.clientSecret}-wrong`);
  await form.getByText("Advanced: other cloud or sandbox").click();
  await form.getByLabel(/^Graph URL/).fill(creds.graphUrl);
  await form.getByLabel(/^Authority URL/).fill(creds.authorityUrl);
  await form.getByLabel(/^Trusted CA certificate/).fill(creds.ca);

  // A wrong client secret: Entra's reason, and nothing saved.
  await form.getByRole("button", { name: "Connect and save" }).click();
  const refusal = form.getByRole("alert");
  await expect(refusal).toContainText("Could not connect");
  await expect(refusal).toContainText("Invalid client secret");
  await shot(page, "connections-entra-bad-secret");
  await expect(page.getByRole("article")).toHaveCount(cardsBefore);
  await expect(page.getByRole("article", { name: CONNECTION })).toHaveCount(0);

  // The right one: verified and saved.
  await form.getByLabel("Client secret").fill(creds.clientSecret);
  await form.getByRole("button", { name: "Connect and save" }).click();
  await expect(form).toBeHidden();
  const card = page.getByRole("article", { name: CONNECTION });
  await expect(card).toBeVisible();
  await expect(page.getByRole("article")).toHaveCount(cardsBefore + 1);
  await expect(card.getByText("••••• stored, encrypted")).toBeVisible();

  // Sync it: everyone and every group the sandbox has.
  await card.getByRole("button", { name: "Sync now" }).click();
  await expect(card.getByRole("progressbar", { name: "Directory sync progress" })).toBeHidden({ timeout: 60_000 });
  await expect(card.getByText("Succeeded", { exact: true })).toBeVisible();
  const result = card.getByLabel("Sync result");
  const stat = (label: string) => result.locator("div").filter({ has: page.getByText(label, { exact: true }) }).getByRole("definition");
  await expect(stat("Users")).toHaveText(String(users));
  await expect(stat("Groups")).toHaveText(String(groups));
  await shot(page, "connections-entra-synced");

  // Apps & roles: a new app whose role adds people to the Entra group, approved by the manager.
  await nav(page).getByRole("link", { name: "Apps & roles" }).click();
  await page.getByRole("button", { name: "New app" }).click();
  const appForm = page.getByRole("form", { name: "New app" });
  await appForm.getByLabel("App name").fill("Power BI");
  await appForm.getByLabel("Description").fill("Reports and dashboards (licences through Entra ID).");
  await appForm.getByRole("button", { name: "Create app" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Power BI" })).toBeVisible();
  const roleForm = page.getByRole("form", { name: "Add role" });
  await roleForm.getByLabel("Role name").fill("Pro user");
  await roleForm.getByLabel("Description").fill("Publish and share reports.");
  // The dynamic group is listed but cannot be picked: Graph refuses member changes there.
  await roleForm.getByRole("searchbox", { name: "Search groups" }).fill("All Engineering");
  await expect(roleForm.getByRole("checkbox", { name: /All Engineering/ })).toBeDisabled();
  await expect(roleForm.getByText(/Unmanaged: Dynamic group/)).toBeVisible();
  await roleForm.getByRole("searchbox", { name: "Search groups" }).fill(GROUP);
  await roleForm.getByRole("checkbox", { name: new RegExp(GROUP) }).check();
  await expect(roleForm.getByRole("list", { name: "Selected groups" })).toContainText(GROUP);
  await roleForm.getByRole("button", { name: "Add step" }).click();
  await expect(roleForm.getByLabel("Step 1 approver")).toHaveValue("MANAGER");
  await shot(page, "admin-add-entra-role");
  await roleForm.getByRole("button", { name: "Add role" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Role added" })).toBeVisible();
  await expect(page.getByRole("heading", { level: 3, name: "Pro user" })).toBeVisible();
  await signOut(page);

  // Dana asks for it.
  await signInAs(page, personas.employee);
  await page.getByRole("searchbox", { name: "Search apps and roles" }).fill("Power BI");
  // The search applies after a pause and rewrites the URL: click only once it has, or the click is undone.
  await expect(page.getByText(/^1 app matches/)).toBeVisible();
  await page.getByRole("link", { name: "Power BI" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Power BI" })).toBeVisible();
  const requestUrl = await requestRole(page, "Power BI", "Pro user", "Publish the quarterly engineering metrics report", "Sam Rivera (your manager) approves");
  await expect(page.getByRole("heading", { level: 1, name: "Power BI · Pro user" })).toBeVisible();
  await expect(page.getByText(/Waiting for Sam Rivera/)).toBeVisible();
  await signOut(page);

  // Sam approves from his inbox.
  await signInAs(page, personas.manager);
  await nav(page).getByRole("link", { name: /^Inbox/ }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Inbox" })).toBeVisible();
  const item = page.getByRole("article", { name: "Dana Lee · Power BI · Pro user" });
  await expect(item).toContainText(GROUP);
  await expect(item).toContainText("Publish the quarterly engineering metrics report");
  await shot(page, "inbox-entra-role");
  await item.getByRole("button", { name: "Approve" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Approved: Power BI · Pro user for Dana Lee." })).toBeVisible();
  await expect(item).toHaveCount(0);

  // Provisioned through Graph and read back.
  await page.goto(requestUrl);
  await expect(page.getByRole("heading", { name: "Access active" })).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole("list", { name: "Trail" })).toContainText("Read-back:");

  // The sandbox Entra ID: Dana is a member of Power BI Pro now.
  await openSandboxGroup(page, GROUP);
  await expect(page.getByText(`${membersBefore + 1} members`, { exact: true })).toBeVisible();
  await expect(page.getByRole("row", { name: /Dana Lee/ })).toBeVisible();
  await expect(page.getByRole("row", { name: /Dana Lee/ })).toContainText("dana.lee@acme.example");
  await shot(page, "sandbox-entra-group-after-grant");
  await page.goto(`/demo/entra?q=${encodeURIComponent("Dana Lee")}`);
  await expect(page.getByRole("row", { name: /Dana Lee/ })).toContainText(GROUP);
});
