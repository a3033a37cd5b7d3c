// Run the sandbox Google directory on its own:
//   npx tsx server/sandbox/google/main.ts [--port 4040] [--users 500 --groups 60 --memberships 3000 --seed 1]
//     [--latency 0] [--quota 0]
// Prints the root URL (pass it as rootUrl) and the bearer token.

import { parseArgs } from "node:util";
import { generateGoogleDirectory } from "./generate.ts";
import { startGoogleSandbox } from "./server.ts";

const { values } = parseArgs({
  options: {
    port: { type: "string", default: "4040" },
    host: { type: "string", default: "127.0.0.1" },
    token: { type: "string" },
    users: { type: "string", default: "500" },
    groups: { type: "string", default: "60" },
    memberships: { type: "string", default: "3000" },
    seed: { type: "string", default: "1" },
    latency: { type: "string", default: "0" },
    quota: { type: "string", default: "0" },
  },
});

const sandbox = await startGoogleSandbox({
  port: Number(values.port),
  host: values.host,
  token: values.token,
  latencyMs: Number(values.latency),
  quotaPerMinute: Number(values.quota) || undefined,
  state: generateGoogleDirectory({ users: Number(values.users), groups: Number(values.groups), memberships: Number(values.memberships), seed: Number(values.seed), now: new Date() }),
});
const s = sandbox.state;
console.log(`Sandbox Google directory on ${sandbox.url} (rootUrl)`);
console.log(`  Bearer token: ${sandbox.token}`);
console.log(`  ${s.users.size} users, ${s.groups.size} groups, ${s.membershipCount} memberships`);

const shutdown = async () => {
  await sandbox.stop();
  process.exit(0);
};
process.on("SIGINT", () => void shutdown());
process.on("SIGTERM", () => void shutdown());
