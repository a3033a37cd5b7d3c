import { expect, test, type Page } from "@playwright/test";
import { nav, personas, requestRole, shot, signInAs, signOut } from "./helpers";

const appOwner = "Priya";

async function openInbox(page: Page) {
  await nav(page).getByRole("link", { name: /^Inbox/ }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Inbox" })).toBeVisible();
}

/** The owner's inbox task: a note is required, then it is done. */
async function markDone(page: Page, title: string, note: string) {
  await openInbox(page);
  const tasks = page.getByRole("list", { name: "Your tasks" });
  const task = tasks.getByRole("article", { name: title });
  await expect(task).toBeVisible({ timeout: 30_000 });
  await task.getByRole("button", { name: `Mark done: ${title}` }).click();
  const row = tasks.getByRole("listitem").filter({ has: page.getByRole("heading", { name: title }) });
  await row.getByRole("button", { name: "Mark done", exact: true }).click();
  await expect(row.getByText("Say what you did (at least 3 characters)")).toBeVisible();
  await row.getByLabel(/What did you do\?/).fill(note);
  await shot(page, `manual-task-${title.startsWith("Give") ? "set-up" : "removal"}`);
  await row.getByRole("button", { name: "Mark done", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: `Done: ${title}.` })).toBeVisible();
  await expect(tasks.getByRole("article", { name: title })).toHaveCount(0);
}

// Carta has no SSO groups: Dana's approved request becomes a task for its owner Priya, the access is
// active only when Priya confirms with a note, and giving it back makes a removal task the same way.
test("manual app: request → approve → owner's task → confirmed with a note → active; give back → removal task → ended", async ({ page }) => {
  test.setTimeout(240_000);

  await signInAs(page, personas.employee);
  await page.getByRole("link", { name: "Carta" }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: "Carta" })).toBeVisible();
  const requestUrl = await requestRole(page, "Carta", "Viewer", "Prepare the option-pool numbers for the board deck", "The app owner grants it by hand");
  await signOut(page);

  await signInAs(page, personas.manager);
  await openInbox(page);
  await page.getByRole("article", { name: "Dana Lee · Carta · Viewer" }).getByRole("button", { name: "Approve" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Approved: Carta · Viewer for Dana Lee." })).toBeVisible();
  await signOut(page);

  await signInAs(page, appOwner);
  await openInbox(page);
  await page.getByRole("article", { name: "Dana Lee · Carta · Viewer" }).getByRole("button", { name: "Approve" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Approved: Carta · Viewer for Dana Lee." })).toBeVisible();

  await signOut(page);

  // Alex (admin) sees the owners' manual work in his inbox, assigned to Priya.
  await signInAs(page, personas.admin);
  await openInbox(page);
  const queue = page.getByRole("list", { name: "Open tasks of app owners" });
  await expect(queue.getByRole("article", { name: "Give Dana Lee Carta · Viewer" })).toContainText("assigned to Priya Shah");
  await shot(page, "manual-admin-queue");
  await signOut(page);

  // Approved, not active: the request waits on Priya, and says so.
  await signInAs(page, appOwner);
  await page.goto(requestUrl);
  await expect(page.getByText("Approved. Waiting for Priya Shah to set it up by hand in Carta")).toBeVisible();
  const trail = page.getByRole("list", { name: "Trail" });
  await expect(trail).toContainText("Setting up by hand in Carta");
  await expect(trail).toContainText("due");
  await shot(page, "manual-request-waiting");

  await markDone(page, "Give Dana Lee Carta · Viewer", "Invited dana.lee as Viewer in Carta");
  await page.goto(requestUrl);
  await expect(page.getByRole("heading", { name: "Access active" })).toBeVisible();
  await expect(trail).toContainText("Set up by hand in Carta");
  await expect(trail).toContainText("“Invited dana.lee as Viewer in Carta”");
  await shot(page, "manual-request-active");
  await signOut(page);

  // Dana has it, and gives it back: the removal is Priya's to do.
  await signInAs(page, personas.employee);
  await nav(page).getByRole("link", { name: "My access" }).click();
  const grant = page.getByRole("row", { name: /Carta · Viewer/ });
  await expect(grant).toContainText("Active");
  await grant.getByRole("button", { name: /Give back/ }).click();
  await page.getByRole("dialog").getByRole("button", { name: /Give back/ }).click();
  await expect(grant).toContainText("Being removed by hand by the app owner");
  await shot(page, "manual-my-access-removing");
  await signOut(page);

  await signInAs(page, appOwner);
  await markDone(page, "Remove Dana Lee from Carta · Viewer", "Removed dana.lee from Carta");
  await page.goto(requestUrl);
  await expect(page.getByRole("heading", { name: "Access ended" })).toBeVisible({ timeout: 30_000 });
  await expect(page.getByText(/Removed by hand in Carta by Priya Shah/)).toBeVisible();
  await expect(trail).toContainText("“Removed dana.lee from Carta”");
  await shot(page, "manual-request-ended");
});
