// Child process for the sync bench (`--directory scim`): the same protocol as server/bench/okta-sandbox-process.ts
// (ready → stats/reset over IPC; stops when the parent disconnects), serving the SCIM translation of the same
// generated directory. SCIM lists inactive users too, so every user is "listed".
//
//   fork("server/sandbox/scim/bench-process.ts", ["--users", "10000", "--groups", "2000", "--memberships", "100000", "--seed", "1"])
//   → { type: "ready", url, token, shape, generateMs }   url is the SCIM base URL

import { parseArgs } from "node:util";
import type { SandboxChildMessage } from "../../bench/okta-sandbox-process.ts";
import { generateScimDirectory } from "./generate.ts";
import { startScimSandbox } from "./server.ts";

const { values } = parseArgs({
  options: {
    users: { type: "string", default: "10000" },
    groups: { type: "string", default: "2000" },
    memberships: { type: "string", default: "100000" },
    seed: { type: "string", default: "1" },
  },
});

const t0 = performance.now();
const state = generateScimDirectory({ users: Number(values.users), groups: Number(values.groups), memberships: Number(values.memberships), seed: Number(values.seed) });
const generateMs = performance.now() - t0;
const sandbox = await startScimSandbox({ state });
const groupSizes = [...state.groups.values()].map((g) => g.members.size);
const memberships = groupSizes.reduce((a, b) => a + b, 0);

const send = (m: SandboxChildMessage) => process.send!(m);
send({
  type: "ready",
  url: sandbox.url,
  token: sandbox.token,
  generateMs,
  shape: { users: state.users.size, listedUsers: state.users.size, groups: state.groups.size, memberships, membershipsOfListedUsers: memberships, rules: 0, groupSizes },
});

const total = () => Object.values(sandbox.calls).reduce((a, b) => a + b, 0);

let cpuAtReset = process.cpuUsage();
process.on("message", (m: { type: string }) => {
  if (m.type === "stats") {
    const cpu = process.cpuUsage(cpuAtReset);
    send({ type: "stats", total: total(), byRoute: { ...sandbox.calls }, cpuMs: (cpu.user + cpu.system) / 1000 });
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
