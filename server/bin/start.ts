// `npm start`: the whole quick start in one process. Generates the Prisma client and builds the
// app when they are missing or older than the sources, then serves Gatehouse with its sandboxes.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "../..");

function run(cmd: string, args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: "inherit", env: { ...process.env, ...env } });
  if (r.status !== 0) {
    console.error(`\n${cmd} ${args.join(" ")} failed (exit ${r.status}).`);
    process.exit(r.status ?? 1);
  }
}

function newestMtime(dirs: string[]): number {
  let newest = 0;
  const walk = (p: string) => {
    for (const e of readdirSync(p, { withFileTypes: true })) {
      if (e.name === "node_modules" || e.name === "generated" || e.name.startsWith(".")) continue;
      const full = path.join(p, e.name);
      if (e.isDirectory()) walk(full);
      else newest = Math.max(newest, statSync(full).mtimeMs);
    }
  };
  for (const d of dirs) if (existsSync(path.join(root, d))) walk(path.join(root, d));
  for (const f of ["next.config.ts", "package-lock.json", "prisma/schema.prisma"]) newest = Math.max(newest, statSync(path.join(root, f)).mtimeMs);
  return newest;
}

const generated = path.join(root, "server/db/generated/client.ts");
if (!existsSync(generated) || statSync(generated).mtimeMs < statSync(path.join(root, "prisma/schema.prisma")).mtimeMs) {
  console.log("Generating the Prisma client…");
  run("npx", ["prisma", "generate"], { PRISMA_SCHEMA_ENGINE_BINARY: "/bin/true" });
}

const buildId = path.join(root, ".next/BUILD_ID");
if (process.env.GATEHOUSE_SKIP_BUILD !== "1" && (!existsSync(buildId) || statSync(buildId).mtimeMs < newestMtime(["app", "components", "server", "inngest"]))) {
  console.log("Building the app (about 30 s the first time)…");
  run("npx", ["next", "build"]);
}

const { serveGatehouse } = await import("./serve.ts");
const server = await serveGatehouse({ demo: process.env.GATEHOUSE_DEMO !== "0" });
console.log(`\n  Gatehouse is running at ${server.url}\n`);
if (server.sandboxes) {
  console.log(`  Sandbox Okta: ${server.sandboxes.okta}   Sandbox Jira: ${server.sandboxes.jira}`);
  console.log(`  Sandbox Entra ID (Graph): ${server.sandboxes.graph}, not connected yet: its credentials are on the Sandbox Entra ID page`);
  console.log(`  Sign in as a demo persona on the landing page.\n`);
}
for (const sig of ["SIGINT", "SIGTERM"] as const) {
  process.once(sig, () => {
    console.log("Stopping…");
    void server.stop().then(() => process.exit(0));
  });
}
