// The CLI in a child process, as an operator runs it: for tests of start-up, locking and exit codes.
import { spawn } from "node:child_process";
import path from "node:path";
import type { CliResult } from "./cli-test-world.ts";

const root = path.resolve(import.meta.dirname, "../..");
const bin = path.join(root, "server/bin/gatehouse.mjs");
/** A CLI start costs 1–3 s, but 30–60 s on a loaded machine with other test files running: generous, yet a hang still ends. */
export const SPAWN_TIMEOUT_MS = 150_000;

export function runCliChild(args: string[], opts: { env: Record<string, string | undefined>; input?: string }): Promise<CliResult> {
  const env: NodeJS.ProcessEnv = { ...process.env, ...opts.env };
  for (const k of Object.keys(env)) if (env[k] === undefined) delete env[k];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], { cwd: root, env, stdio: ["pipe", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    const timer = setTimeout(() => child.kill("SIGKILL"), SPAWN_TIMEOUT_MS);
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    child.stdin.end(opts.input ?? "");
  });
}
