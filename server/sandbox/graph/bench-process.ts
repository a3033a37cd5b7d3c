// Child process for the sync bench (`--directory entra`): the same protocol as server/bench/okta-sandbox-process.ts
// (ready → stats/reset over IPC; stops when the parent disconnects), serving the Graph translation of the same
// generated directory over https. Okta's deprovisioned users are deleted in Entra (neither listed nor members);
// every other user is listed, disabled ones too. The token request counts as a call (the connector makes one).
//
//   fork("server/sandbox/graph/bench-process.ts", ["--users", "10000", "--groups", "2000", "--memberships", "100000", "--seed", "1"])
//   → { type: "ready", url, token: "", shape, generateMs, entra: { tenantId, clientId, clientSecret, ca } }

import { answerParent, directorySizeFromArgv } from "../../bench/sync-sandbox-child.ts";
import { generateGraphDirectory } from "./generate.ts";
import { startGraphSandbox } from "./server.ts";

const size = directorySizeFromArgv();
const t0 = performance.now();
const state = generateGraphDirectory(size);
const generateMs = performance.now() - t0;
const sandbox = await startGraphSandbox({ state });
const groupSizes = [...state.groups.keys()].map((gid) => state.memberships.get(gid)?.size ?? 0);
const memberships = groupSizes.reduce((a, b) => a + b, 0);

answerParent(
  {
    type: "ready",
    url: sandbox.url,
    token: "",
    generateMs,
    shape: { users: state.users.size, listedUsers: state.users.size, groups: state.groups.size, memberships, membershipsOfListedUsers: memberships, rules: 0, groupSizes },
    entra: { tenantId: sandbox.tenantId, clientId: sandbox.clientId, clientSecret: sandbox.clientSecret, ca: sandbox.ca },
  },
  sandbox,
);
