// One Gatehouse for one Playwright run: the demo tenant with its sandboxes (Okta, Jira, Slack, Vanta, Entra ID), on a fresh
// data directory and the ports playwright.config.ts picked. Run with tsx; the app must be built first
// (`npm run test:e2e` runs `next build`).
import { existsSync, readdirSync, rmSync } from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const dataDir = path.join(root, ".data", `e2e-${process.pid}`);

const port = Number(process.env.GATEHOUSE_E2E_PORT);
const oktaPort = Number(process.env.GATEHOUSE_E2E_OKTA_PORT);
const jiraPort = Number(process.env.GATEHOUSE_E2E_JIRA_PORT);
const slackPort = Number(process.env.GATEHOUSE_E2E_SLACK_PORT);
const vantaPort = Number(process.env.GATEHOUSE_E2E_VANTA_PORT);
const graphPort = Number(process.env.GATEHOUSE_E2E_GRAPH_PORT);
if (!port || !oktaPort || !jiraPort || !slackPort || !vantaPort || !graphPort) {
  console.error("e2e/server.ts: GATEHOUSE_E2E_PORT and GATEHOUSE_E2E_{OKTA,JIRA,SLACK,VANTA,GRAPH}_PORT must be set (playwright.config.ts does it).");
  process.exit(2);
}
if (!existsSync(path.join(root, ".next", "BUILD_ID"))) {
  console.error("e2e/server.ts: no build found. Run `npx next build` first (npm run test:e2e does).");
  process.exit(2);
}

// Data directories of earlier runs whose server is gone (killed before it could clean up).
const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};
for (const d of existsSync(path.join(root, ".data")) ? readdirSync(path.join(root, ".data")) : []) {
  const pid = /^e2e-(\d+)$/.exec(d)?.[1];
  if (pid && !alive(Number(pid))) rmSync(path.join(root, ".data", d), { recursive: true, force: true });
}

// Before anything reads the environment: a fresh embedded database, no outside configuration.
rmSync(dataDir, { recursive: true, force: true });
process.env.GATEHOUSE_DATA_DIR = dataDir;
process.env.GATEHOUSE_SKIP_BUILD = "1";
process.env.GATEHOUSE_DEMO = "1";
process.env.GATEHOUSE_JOB_DRIVER = "local";
process.env.PORT = String(port);
process.env.GATEHOUSE_OKTA_SANDBOX_PORT = String(oktaPort);
process.env.GATEHOUSE_JIRA_SANDBOX_PORT = String(jiraPort);
process.env.GATEHOUSE_SLACK_SANDBOX_PORT = String(slackPort);
process.env.GATEHOUSE_VANTA_SANDBOX_PORT = String(vantaPort);
process.env.GATEHOUSE_GRAPH_SANDBOX_PORT = String(graphPort);
for (const k of ["DATABASE_URL", "NEXTAUTH_URL", "NEXTAUTH_SECRET", "GATEHOUSE_SECRET_KEYS", "GATEHOUSE_SECRET_KEY_ID"]) delete process.env[k];

const { serveGatehouse } = await import("../server/bin/serve.ts");
const server = await serveGatehouse({ demo: true, port, oktaPort, jiraPort, slackPort, vantaPort, graphPort, persistSandboxes: false });

// Every sandbox Okta response takes a little longer, so a sync lasts long enough for the test to
// see its progress bar move (the seed above ran at full speed).
globalThis.__gatehouseSandboxes?.okta.faults.latency(Number(process.env.GATEHOUSE_E2E_OKTA_LATENCY_MS ?? 150));

console.log(`Gatehouse e2e server at ${server.url} (data ${path.relative(root, dataDir)}; sandbox Okta ${server.sandboxes?.okta}, Jira ${server.sandboxes?.jira}, Vanta ${server.sandboxes?.vanta}, Entra ID ${server.sandboxes?.graph})`);

let stopping = false;
async function stop() {
  if (stopping) return;
  stopping = true;
  // Open keep-alive connections can hold the HTTP server open; do not wait for them for long.
  setTimeout(() => {
    rmSync(dataDir, { recursive: true, force: true });
    process.exit(0);
  }, 5_000).unref();
  try {
    await server.stop();
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
    process.exit(0);
  }
}
process.once("SIGTERM", () => void stop());
process.once("SIGINT", () => void stop());
