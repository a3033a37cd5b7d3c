// Child process for benchmarks: generates a sandbox Okta directory deterministically, serves it on a free
// port, and talks to the parent over IPC (fork). Running it in its own process lets the sandbox and the
// code under test share the cores the way a real IdP and our server would (each with its own event loop).
//
//   fork("server/bench/okta-sandbox-process.ts", ["--users", "10000", ...])
//   → { type: "ready", url, token, shape }          once listening
//   ← { type: "stats" }  → { type: "stats", total, byRoute, cpuMs }   (requests and CPU since the last reset)
//   ← { type: "reset" }  → { type: "reset" }
//   the child stops when the parent disconnects.

import { parseArgs } from "node:util";
import { generateDirectory } from "../sandbox/okta/generate.ts";
import { startOktaSandbox } from "../sandbox/okta/server.ts";

export interface DirectoryShape {
  /** Users in the state, and those Okta's plain list returns (everyone but DEPROVISIONED). */
  users: number;
  listedUsers: number;
  groups: number;
  memberships: number;
  /** Memberships whose user is in the plain list (what a sync can store). */
  membershipsOfListedUsers: number;
  rules: number;
  /** Members each group lists (GET /groups/{id}/users), in no particular order. */
  groupSizes: number[];
}

export type SandboxChildMessage =
  | { type: "ready"; url: string; token: string; shape: DirectoryShape; generateMs: number }
  | { type: "stats"; total: number; byRoute: Record<string, number>; cpuMs: number }
  | { type: "reset" };

const { values } = parseArgs({
  options: {
    users: { type: "string", default: "10000" },
    groups: { type: "string", default: "2000" },
    memberships: { type: "string", default: "100000" },
    seed: { type: "string", default: "1" },
  },
});

const t0 = performance.now();
const state = generateDirectory({
  users: Number(values.users),
  groups: Number(values.groups),
  memberships: Number(values.memberships),
  seed: Number(values.seed),
});
const generateMs = performance.now() - t0;
const sandbox = await startOktaSandbox({ state });

const listed = new Set([...state.users.values()].filter((u) => u.status !== "DEPROVISIONED").map((u) => u.id));
let memberships = 0;
let membershipsOfListedUsers = 0;
const groupSizes: number[] = [];
for (const gid of state.groups.keys()) {
  const members = state.memberships.get(gid) ?? new Set<string>();
  // The members endpoint lists every member that still exists (deprovisioned users included).
  let size = 0;
  for (const uid of members) {
    if (!state.users.has(uid)) continue;
    size++;
    if (listed.has(uid)) membershipsOfListedUsers++;
  }
  memberships += size;
  groupSizes.push(size);
}

const send = (m: SandboxChildMessage) => process.send!(m);
send({
  type: "ready",
  url: sandbox.url,
  token: sandbox.token,
  generateMs,
  shape: {
    users: state.users.size,
    listedUsers: listed.size,
    groups: state.groups.size,
    memberships,
    membershipsOfListedUsers,
    rules: state.rules.size,
    groupSizes,
  },
});

let cpuAtReset = process.cpuUsage();
process.on("message", (m: { type: string }) => {
  if (m.type === "stats") {
    const cpu = process.cpuUsage(cpuAtReset);
    send({ type: "stats", total: sandbox.stats.total, byRoute: { ...sandbox.stats.byRoute }, cpuMs: (cpu.user + cpu.system) / 1000 });
  }
  if (m.type === "reset") {
    sandbox.stats.reset();
    cpuAtReset = process.cpuUsage();
    send({ type: "reset" });
  }
});
process.on("disconnect", () => {
  void sandbox.stop().then(() => process.exit(0));
});
