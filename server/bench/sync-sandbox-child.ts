// The child side of the sync bench's sandbox processes (see okta-sandbox-process.ts for the protocol): reads the
// directory size from argv, and once the sandbox listens, sends "ready" and answers "stats"/"reset" over IPC;
// the sandbox stops when the parent disconnects. Shared by the Entra, Google and SCIM bench processes.

import { parseArgs } from "node:util";
import type { SandboxChildMessage } from "./okta-sandbox-process.ts";
import type { BenchSandboxReady } from "./sync-sandbox-protocol.ts";

/** --users --groups --memberships --seed, as the parent passes them (the Okta bench's defaults). */
export function directorySizeFromArgv(): { users: number; groups: number; memberships: number; seed: number } {
  const { values } = parseArgs({
    options: {
      users: { type: "string", default: "10000" },
      groups: { type: "string", default: "2000" },
      memberships: { type: "string", default: "100000" },
      seed: { type: "string", default: "1" },
    },
  });
  return { users: Number(values.users), groups: Number(values.groups), memberships: Number(values.memberships), seed: Number(values.seed) };
}

/** Sends `ready`, then answers the parent: requests by route and CPU since the last reset. */
export function answerParent(ready: BenchSandboxReady, sandbox: { calls: Record<string, number>; stop(): Promise<void> }): void {
  const send = (m: SandboxChildMessage | BenchSandboxReady) => process.send!(m);
  send(ready);
  let cpuAtReset = process.cpuUsage();
  process.on("message", (m: { type: string }) => {
    if (m.type === "stats") {
      const cpu = process.cpuUsage(cpuAtReset);
      const total = Object.values(sandbox.calls).reduce((a, b) => a + b, 0);
      send({ type: "stats", total, byRoute: { ...sandbox.calls }, cpuMs: (cpu.user + cpu.system) / 1000 });
    }
    if (m.type === "reset") {
      for (const k of Object.keys(sandbox.calls)) delete sandbox.calls[k];
      cpuAtReset = process.cpuUsage();
      send({ type: "reset" });
    }
  });
  process.on("disconnect", () => {
    void sandbox.stop().then(() => process.exit(0));
  });
}
