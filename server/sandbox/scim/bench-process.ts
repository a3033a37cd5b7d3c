// Child process for the sync bench (`--directory scim`): the same protocol as server/bench/okta-sandbox-process.ts
// (ready → stats/reset over IPC; stops when the parent disconnects), serving the SCIM translation of the same
// generated directory. SCIM lists inactive users too, so every user is "listed".
//
//   fork("server/sandbox/scim/bench-process.ts", ["--users", "10000", "--groups", "2000", "--memberships", "100000", "--seed", "1"])
//   → { type: "ready", url, token, shape, generateMs }   url is the SCIM base URL

import { answerParent, directorySizeFromArgv } from "../../bench/sync-sandbox-child.ts";
import { generateScimDirectory } from "./generate.ts";
import { startScimSandbox } from "./server.ts";

const size = directorySizeFromArgv();
const t0 = performance.now();
const state = generateScimDirectory(size);
const generateMs = performance.now() - t0;
const sandbox = await startScimSandbox({ state });
const groupSizes = [...state.groups.values()].map((g) => g.members.size);
const memberships = groupSizes.reduce((a, b) => a + b, 0);

answerParent(
  {
    type: "ready",
    url: sandbox.url,
    token: sandbox.token,
    generateMs,
    shape: { users: state.users.size, listedUsers: state.users.size, groups: state.groups.size, memberships, membershipsOfListedUsers: memberships, rules: 0, groupSizes },
  },
  sandbox,
);
