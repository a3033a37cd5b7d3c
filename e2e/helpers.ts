import { expect, type Page } from "@playwright/test";

export const personas = {
  admin: "Alex",
  employee: "Dana",
  auditor: "Morgan",
  manager: "Sam",
} as const;

/** One click on the landing page's persona list, as a visitor would. */
export async function signInAs(page: Page, who: string) {
  await page.goto("/");
  await page.getByRole("button", { name: new RegExp(`^${who} —`) }).click();
  await expect(page).toHaveURL(/\/catalog$/);
  await expect(page.getByRole("heading", { level: 1, name: "Catalog" })).toBeVisible();
}

export async function signOut(page: Page) {
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("heading", { name: "Sign in to the demo as" })).toBeVisible();
}

/** Full-page screenshots kept as artifacts of the run. */
export async function shot(page: Page, name: string) {
  // From the top, so the sticky navigation rail is drawn where a person sees it.
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: `test-results/screens/${name}.png`, fullPage: true });
}

export const nav = (page: Page) => page.getByRole("navigation", { name: "Main" });

/** Runs a directory sync of the demo's Okta from the Connections page and waits for it to succeed. */
export async function syncNow(page: Page) {
  await nav(page).getByRole("link", { name: "Connections" }).click();
  const card = page.getByRole("article", { name: "Acme Okta (sandbox)" });
  await card.getByRole("button", { name: "Sync now" }).click();
  await expect(card.getByRole("progressbar", { name: "Directory sync progress" })).toBeHidden({ timeout: 60_000 });
  await expect(card.getByText("Succeeded", { exact: true })).toBeVisible();
}

/** On an app's catalog page: request one of its roles with a reason, check what the form says will happen, submit; returns the request's path. */
export async function requestRole(page: Page, app: string, role: string, reason: string, plan: string) {
  await page.getByRole("button", { name: `Request ${role}` }).click();
  const form = page.getByRole("form", { name: `Request ${app} · ${role}` });
  await form.getByLabel("Business reason").fill(reason);
  await expect(form.getByRole("status", { name: "What will happen" })).toContainText(plan);
  await form.getByRole("button", { name: "Submit request" }).click();
  await expect(page).toHaveURL(/\/requests\/[^/]+$/);
  return new URL(page.url()).pathname;
}
