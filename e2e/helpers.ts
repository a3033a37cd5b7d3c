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
