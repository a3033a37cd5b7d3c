import { readFile } from "node:fs/promises";
import { expect, test } from "@playwright/test";
import { nav, personas, shot, signInAs, signOut } from "./helpers";

const day = (d: Date) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;

// The auditor portal: Dana asks for GitHub, Sam approves; Morgan, the auditor, finds the request, opens its
// trace with the four answers (who approved, what was granted, still needed after 30 days, removal), and
// downloads the grants of a date range as CSV. An employee has no Evidence section.
test("auditor searches a request, traces it to the four answers, downloads a grants CSV for a range", async ({ page }) => {
  test.setTimeout(240_000);

  await signInAs(page, personas.employee);
  await expect(nav(page).getByRole("link", { name: "Evidence" })).toHaveCount(0);
  await page.goto("/evidence");
  await expect(page.getByRole("heading", { name: "You are not allowed to see the evidence portal" })).toBeVisible();
  await nav(page).getByRole("link", { name: "Catalog" }).click();
  await page.getByRole("link", { name: "GitHub" }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: "GitHub" })).toBeVisible();
  await page.getByRole("button", { name: "Request Engineer" }).click();
  const form = page.getByRole("form", { name: "Request GitHub · Engineer" });
  await form.getByLabel("Business reason").fill("Design reviews for the Q4 launch site");
  await form.getByRole("button", { name: "Submit request" }).click();
  await expect(page).toHaveURL(/\/requests\/[^/]+$/);
  await signOut(page);

  await signInAs(page, personas.manager);
  await nav(page).getByRole("link", { name: /^Inbox/ }).click();
  const item = page.getByRole("article", { name: "Dana Lee · GitHub · Engineer" });
  await item.getByLabel(/^Comment/).fill("Approved for the Q4 launch");
  await item.getByRole("button", { name: "Approve" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Approved: GitHub · Engineer for Dana Lee." })).toBeVisible();
  await signOut(page);

  // Morgan: Evidence → search → the request resolves to its grant's trace.
  await signInAs(page, personas.auditor);
  await nav(page).getByRole("link", { name: "Evidence" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Evidence" })).toBeVisible();
  await shot(page, "evidence-home");
  await page.getByRole("searchbox", { name: "Search requests, grants, people and review campaigns" }).fill("dana github");
  const requests = page.getByRole("list", { name: "Requests" });
  await expect(requests).toBeVisible();
  await expect(page).toHaveURL(/q=dana\+github|q=dana%20github/);
  await shot(page, "evidence-search");
  await requests.getByRole("link", { name: /Dana Lee, GitHub · Engineer/ }).first().click();

  await expect(page).toHaveURL(/\/evidence\/grants\/[^/]+$/);
  await expect(page.getByRole("heading", { level: 1, name: "Dana Lee · GitHub · Engineer" })).toBeVisible();
  await expect(page.getByText(/^Times in your time zone, Europe\/Berlin/)).toBeVisible();
  const approved = page.getByRole("region", { name: "Approved by" });
  const granted = page.getByRole("region", { name: "Granted" });
  const needed = page.getByRole("region", { name: "Still needed after 30 days?" });
  const removal = page.getByRole("region", { name: "Removal" });
  await expect(approved).toContainText("Approved by Sam Rivera");
  await expect(approved).toContainText("“Approved for the Q4 launch”");
  await expect(approved).toContainText("Step 1 of 1 · Manager");
  await expect(granted).toContainText("okta:github-engineers");
  await expect(granted).toContainText("membership proven");
  await expect(needed).toContainText("Not 30 days old yet");
  await expect(needed).toContainText("No access review has covered this grant yet.");
  await expect(removal).toContainText("Still active");
  await expect(page.getByRole("list", { name: "Audit events of this grant" })).toContainText("grant.activated");
  // Times carry their zone (CET or CEST in Berlin).
  await expect(approved.locator("time").first()).toHaveText(/CES?T|GMT\+\d/);
  await shot(page, "evidence-grant-trace");
  const grantId = new URL(page.url()).pathname.split("/").pop()!;

  // Back to Evidence: the search is still there; export this week's grants.
  await page.goBack();
  await expect(page.getByRole("searchbox", { name: "Search requests, grants, people and review campaigns" })).toHaveValue("dana github");
  const range = page.getByRole("form", { name: "Export range" });
  const now = Date.now();
  await range.getByLabel("From").fill(day(new Date(now - 2 * 86_400_000)));
  await range.getByLabel("To (inclusive)").fill(day(new Date(now + 3 * 86_400_000)));
  const exports = page.getByRole("list", { name: "Exports" });
  await expect(exports.getByRole("listitem").filter({ hasText: "Grants" })).toContainText(/[1-9]\d* rows?/);
  await shot(page, "evidence-export");
  const [download] = await Promise.all([page.waitForEvent("download"), exports.getByRole("link", { name: "Download Grants CSV" }).click()]);
  expect(download.suggestedFilename()).toMatch(/^gatehouse-grants-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.csv$/);
  const csv = await readFile((await download.path())!, "utf8");
  const lines = csv.split("\r\n");
  expect(lines[0]).toBe("id,createdAt,personEmail,app,role,groups,source,status,activatedAt,expiresAt,endedAt,endReason,endedBy,requestId,addedReadBack,removalReadBack");
  const row = lines.find((l) => l.startsWith(`${grantId},`));
  expect(row).toContain(",dana.lee@acme.example,GitHub,Engineer,github-engineers,request,ACTIVE,");
  expect(row).toMatch(/github-engineers: SUCCEEDED, member=yes checked/);

  // A range before any of it: the file is the header alone; a reversed range cannot be downloaded.
  await range.getByLabel("From").fill("2024-01-01");
  await range.getByLabel("To (inclusive)").fill("2024-01-31");
  await expect(exports.getByRole("listitem").filter({ hasText: "Grants" })).toContainText("0 rows");
  const [empty] = await Promise.all([page.waitForEvent("download"), exports.getByRole("link", { name: "Download Grants CSV" }).click()]);
  expect(await readFile((await empty.path())!, "utf8")).toBe(`${lines[0]}\r\n`);
  await range.getByLabel("From").fill("2024-02-10");
  await expect(range.getByText("The last day must be on or after the first day")).toBeVisible();
  await expect(exports.getByRole("link", { name: "Download Grants CSV" })).toHaveCount(0);
});
