// Child process for the sync bench (`--directory google`): the same protocol as server/bench/okta-sandbox-process.ts
// (ready → stats/reset over IPC; stops when the parent disconnects), serving the Directory API translation of the
// same generated directory. Okta's deprovisioned users are deleted in Google (neither listed nor members); every
// other user is listed, suspended ones too. The token is static (no token call).
//
//   fork("server/sandbox/google/bench-process.ts", ["--users", "10000", "--groups", "2000", "--memberships", "100000", "--seed", "1"])
//   → { type: "ready", url, token, shape, generateMs }   url is the rootUrl

import { answerParent, directorySizeFromArgv } from "../../bench/sync-sandbox-child.ts";
import { generateGoogleDirectory } from "./generate.ts";
import { startGoogleSandbox } from "./server.ts";

const size = directorySizeFromArgv();
const t0 = performance.now();
const state = generateGoogleDirectory(size);
const generateMs = performance.now() - t0;
const sandbox = await startGoogleSandbox({ state });
const groupSizes = [...state.groups.keys()].map((gid) => state.memberships.get(gid)?.size ?? 0);
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
