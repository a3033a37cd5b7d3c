import { existsSync } from "node:fs";
import net from "node:net";
import { defineConfig } from "@playwright/test";

/** A port nobody listens on right now (the OS picks it). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

// Picked once in the runner process; the workers inherit the environment and reuse them.
process.env.GATEHOUSE_E2E_PORT ??= String(await freePort());
process.env.GATEHOUSE_E2E_OKTA_PORT ??= String(await freePort());
process.env.GATEHOUSE_E2E_JIRA_PORT ??= String(await freePort());
process.env.GATEHOUSE_E2E_SLACK_PORT ??= String(await freePort());
process.env.GATEHOUSE_E2E_VANTA_PORT ??= String(await freePort());
process.env.GATEHOUSE_E2E_GRAPH_PORT ??= String(await freePort());
const baseURL = `http://localhost:${process.env.GATEHOUSE_E2E_PORT}`;

// CHROMIUM_PATH, then Debian's Chromium, then Playwright's own download.
const executablePath = [process.env.CHROMIUM_PATH, "/usr/bin/chromium"].find((p) => p && existsSync(p));

export default defineConfig({
  testDir: "e2e",
  testMatch: "**/*.spec.ts",
  workers: 1,
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 90_000,
  expect: { timeout: 15_000 },
  reporter: [["list"], ["html", { open: "never", outputFolder: "playwright-report" }]],
  outputDir: "test-results/artifacts",
  use: {
    baseURL,
    viewport: { width: 1440, height: 900 },
    locale: "en-US",
    timezoneId: "Europe/Berlin",
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath,
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  // One server for every spec, files in name order. The Entra spec connects a second directory whose people share
  // emails with Okta's (a second Dana Lee in People, one more connection card), which specs that count those would
  // see: it runs last, after the others.
  projects: [
    { name: "chromium", testIgnore: "**/entra.spec.ts" },
    { name: "second-directory", testMatch: "**/entra.spec.ts" },
  ],
  webServer: {
    command: "npx tsx e2e/server.ts",
    // Ready when the server says so: it listens before Next.js is prepared, and a request that
    // arrives in between would never be answered, so polling the URL is not safe.
    wait: { stdout: /Gatehouse e2e server at http/ },
    reuseExistingServer: false,
    timeout: 180_000,
    stdout: "pipe",
    stderr: "pipe",
    gracefulShutdown: { signal: "SIGTERM", timeout: 15_000 },
    env: {
      GATEHOUSE_E2E_PORT: process.env.GATEHOUSE_E2E_PORT,
      GATEHOUSE_E2E_OKTA_PORT: process.env.GATEHOUSE_E2E_OKTA_PORT,
      GATEHOUSE_E2E_JIRA_PORT: process.env.GATEHOUSE_E2E_JIRA_PORT,
      GATEHOUSE_E2E_SLACK_PORT: process.env.GATEHOUSE_E2E_SLACK_PORT,
      GATEHOUSE_E2E_VANTA_PORT: process.env.GATEHOUSE_E2E_VANTA_PORT,
      GATEHOUSE_E2E_GRAPH_PORT: process.env.GATEHOUSE_E2E_GRAPH_PORT,
    },
  },
});
