import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import http from "node:http";
import path from "node:path";
import next from "next";
import { dataDir, env } from "../env.ts";
import { bootRuntime, type Runtime } from "../runtime.ts";
import { ControllableClock } from "../domain/clock.ts";
import { startDemoSandboxes, type DemoSandboxes } from "../demo/sandboxes.ts";
import { seedDemo } from "../demo/seed-demo.ts";
import { connectDemoJiraWebhook } from "../demo/demo-jira-webhook.ts";
import { connectDemoOktaEventHook } from "../demo/demo-okta-event-hook.ts";
import { logger } from "../lib/logger.ts";
import { applyMigrations } from "../db/migrations.ts";
import { pgliteOnWorkerThread } from "../db/pglite-in-worker.ts";

export interface ServeOptions {
  demo: boolean;
  port?: number;
  oktaPort?: number;
  jiraPort?: number;
  slackPort?: number;
  vantaPort?: number;
  graphPort?: number;
  persistSandboxes?: boolean;
}

function persistentSecret(file: string): string {
  if (!existsSync(file)) {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, randomBytes(32).toString("base64url"), { mode: 0o600 });
  }
  return readFileSync(file, "utf8").trim();
}

/**
 * Gatehouse in one process: sandboxes (demo), the runtime (database, migrations, job driver),
 * the demo seed, and the built Next.js app. Only this process opens the embedded database.
 */
export async function serveGatehouse(opts: ServeOptions) {
  const root = path.resolve(import.meta.dirname, "../..");
  const port = opts.port ?? env().PORT;
  if (opts.demo) process.env.GATEHOUSE_DEMO = "1";
  process.env.NEXTAUTH_SECRET ??= persistentSecret(path.join(dataDir(), "nextauth.secret"));

  // One clock for the whole demo world: Gatehouse and its sandboxes see the same (movable) time.
  const demoClock = opts.demo ? new ControllableClock() : undefined;
  let sandboxes: DemoSandboxes | undefined;
  if (opts.demo) {
    sandboxes = await startDemoSandboxes({
      now: () => demoClock!.now(),
      dataDir: dataDir(),
      oktaPort: opts.oktaPort ?? Number(process.env.GATEHOUSE_OKTA_SANDBOX_PORT ?? 4010),
      jiraPort: opts.jiraPort ?? Number(process.env.GATEHOUSE_JIRA_SANDBOX_PORT ?? 4020),
      slackPort: opts.slackPort ?? Number(process.env.GATEHOUSE_SLACK_SANDBOX_PORT ?? 4030),
      vantaPort: opts.vantaPort ?? Number(process.env.GATEHOUSE_VANTA_SANDBOX_PORT ?? 4040),
      graphPort: opts.graphPort ?? Number(process.env.GATEHOUSE_GRAPH_SANDBOX_PORT ?? 4050),
      persist: opts.persistSandboxes,
    });
  }
  // The embedded database's engine on a worker thread: its work overlaps the HTTP serving and the syncs' downloads.
  const runtime: Runtime = await bootRuntime({ startDriver: false, demo: opts.demo, clock: demoClock, pgliteEngine: pgliteOnWorkerThread });
  const applied = await applyMigrations(runtime.database.adapterFactory);
  if (applied.length) logger.info({ applied }, "migrations applied");
  globalThis.__gatehouseRuntime = Promise.resolve(runtime);
  if (sandboxes) {
    const seeded = await seedDemo(runtime.services, sandboxes.endpoints);
    if (seeded.created) logger.info({ tenantId: seeded.tenantId }, "demo tenant Acme created");
  }
  runtime.startDriver();

  // Requests that arrive while Next.js prepares wait for it instead of going unanswered.
  let handle: ((req: http.IncomingMessage, res: http.ServerResponse) => Promise<void>) | undefined;
  let markReady!: () => void;
  const ready = new Promise<void>((r) => (markReady = r));
  const server = http.createServer((req, res) => {
    void ready.then(() => handle!(req, res));
  });
  await new Promise<void>((resolve) => server.listen(port, "0.0.0.0", resolve));
  const actualPort = (server.address() as { port: number }).port;
  const url = `http://localhost:${actualPort}`;
  process.env.NEXTAUTH_URL ??= url;
  // The sandbox Jira delivers its signed webhooks (revoke from the ticket) to this process.
  if (sandboxes) await connectDemoJiraWebhook(runtime.services, sandboxes.jira, `http://127.0.0.1:${actualPort}`);
  const app = next({ dev: false, dir: root, hostname: "localhost", port: actualPort });
  await app.prepare();
  handle = app.getRequestHandler();
  markReady();
  // The sandbox Okta pushes directory changes to this process (its verification call needs the app answering).
  if (sandboxes) {
    await connectDemoOktaEventHook(runtime.services, sandboxes.okta, `http://127.0.0.1:${actualPort}`)
      .catch((err: unknown) => logger.warn({ err }, "could not set up the sandbox Okta event hook; changes arrive with the next sync"));
  }

  return {
    url,
    runtime,
    sandboxes: sandboxes ? { okta: sandboxes.okta.url, jira: sandboxes.jira.url, vanta: sandboxes.vanta.url, graph: sandboxes.graph.url } : undefined,
    async stop() {
      await new Promise((r) => server.close(r));
      await app.close?.();
      await runtime.stop();
      await sandboxes?.stop();
    },
  };
}
