import { expect, test, type APIRequestContext } from "@playwright/test";
import { nav, personas, shot, signInAs, signOut, syncNow } from "./helpers";

// Drift: someone adds Samir Khan to netsuite-approvers directly in Okta (no request, no grant). After a sync
// the Drift page lists him, with who added him from the System Log. Alex (admin) makes the group
// authoritative (the dialog says how many members go) and Samir disappears from the sandbox Okta group, with
// the read-back on the finding. NetSuite's groups are used by no other spec.

const group = "netsuite-approvers";
const okta = `http://localhost:${process.env.GATEHOUSE_E2E_OKTA_PORT}`;
const headers = { Authorization: "SSWS 00sandbox-okta-api-token-0123456789abcdef", Accept: "application/json" };

async function oktaIds(request: APIRequestContext) {
  const groups = await (await request.get(`${okta}/api/v1/groups?q=${group}`, { headers })).json() as { id: string; profile: { name: string } }[];
  const user = await (await request.get(`${okta}/api/v1/users/samir.khan@acme.example`, { headers })).json() as { id: string };
  return { groupId: groups.find((g) => g.profile.name === group)!.id, userId: user.id };
}
async function members(request: APIRequestContext, groupId: string) {
  const users = await (await request.get(`${okta}/api/v1/groups/${groupId}/users`, { headers })).json() as { id: string }[];
  return users.map((u) => u.id);
}

test("drift: an unexplained member shows up after a sync; authoritative mode removes them from Okta", async ({ page, request }) => {
  test.setTimeout(180_000);
  const ids = await oktaIds(request);
  const put = await request.put(`${okta}/api/v1/groups/${ids.groupId}/users/${ids.userId}`, { headers });
  expect(put.status()).toBe(204);

  await signInAs(page, personas.admin);
  await syncNow(page);
  await nav(page).getByRole("link", { name: "Drift" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Drift" })).toBeVisible();
  const groups = page.getByRole("table", { name: /Managed groups/ });
  const row = groups.getByRole("row").filter({ has: page.getByRole("button", { name: group, exact: true }) });
  // Detection runs as a job right after the sync: wait for it.
  await expect(async () => {
    await page.reload();
    await expect(row).toContainText("3 unexplained", { timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
  await row.getByRole("button", { name: group, exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`group=`));
  await expect(page.getByRole("heading", { name: `Findings in ${group}` })).toBeVisible();
  await expect(page.getByTestId("drift-finding")).toHaveCount(3);
  const samir = page.getByTestId("drift-finding").filter({ hasText: "Samir Khan" });
  await expect(samir).toContainText("Sandbox Admin (admin@sandbox.gatehouse.test)");
  await expect(samir).toContainText("Open");
  await expect(page.getByTestId("drift-finding").filter({ hasText: "Paul Meyer" })).toContainText("unknown");
  await shot(page, "drift-report-only");

  // Authoritative: the dialog says what will happen; Cancel changes nothing.
  const mode = row.getByRole("radiogroup", { name: `Drift mode of ${group}` });
  await expect(mode.getByRole("radio", { name: "Report only" })).toHaveAttribute("aria-checked", "true");
  await mode.getByRole("radio", { name: "Authoritative" }).click();
  const dialog = page.getByRole("dialog", { name: `Make ${group} authoritative?` });
  await expect(dialog).toContainText("3 members of netsuite-approvers are not explained by any grant and will be removed from the group in Okta now");
  await shot(page, "drift-confirm-authoritative");
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(mode.getByRole("radio", { name: "Report only" })).toHaveAttribute("aria-checked", "true");
  expect(await members(request, ids.groupId)).toContain(ids.userId);

  await mode.getByRole("radio", { name: "Authoritative" }).click();
  await dialog.getByRole("button", { name: "Remove 3 members" }).click();
  await expect(dialog).toBeHidden({ timeout: 30_000 });
  await expect(mode.getByRole("radio", { name: "Authoritative" })).toHaveAttribute("aria-checked", "true");
  expect(await members(request, ids.groupId)).not.toContain(ids.userId);

  await page.getByRole("group", { name: "Status" }).getByRole("button", { name: /^Removed/ }).click();
  await expect(samir).toContainText("Removed");
  await expect(samir).toContainText("read-back: not a member");
  await expect(page.getByRole("group", { name: "Status" }).getByRole("button", { name: /^Open/ })).toContainText("0");
  await shot(page, "drift-removed");

  // Morgan (auditor) reads the same page: modes as text, no switch, no actions.
  await signOut(page);
  await signInAs(page, personas.auditor);
  await nav(page).getByRole("link", { name: "Drift" }).click();
  const readOnly = page.getByRole("table", { name: /Managed groups/ }).getByRole("row").filter({ hasText: group });
  await expect(readOnly).toContainText("Authoritative");
  await expect(page.getByRole("radiogroup")).toHaveCount(0);
  await expect(page.getByRole("button", { name: /^Adopt / })).toHaveCount(0);
  await shot(page, "drift-auditor");
});
