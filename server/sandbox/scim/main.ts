// Run the sandbox SCIM server on its own:
//   npx tsx server/sandbox/scim/main.ts [--port 4050] [--users 500 --groups 60 --memberships 3000 --seed 1]
// Prints the SCIM base URL and the bearer token. The directory is the Okta generator's, in SCIM's words.

import { parseArgs } from "node:util";
import { generateScimDirectory } from "./generate.ts";
import { startScimSandbox } from "./server.ts";

const { values } = parseArgs({
  options: {
    port: { type: "string", default: "4050" },
    host: { type: "string", default: "127.0.0.1" },
    token: { type: "string" },
    users: { type: "string", default: "500" },
    groups: { type: "string", default: "60" },
    memberships: { type: "string", default: "3000" },
    seed: { type: "string", default: "1" },
    latency: { type: "string", default: "0" },
  },
});

const sandbox = await startScimSandbox({
  port: Number(values.port),
  host: values.host,
  token: values.token,
  latencyMs: Number(values.latency),
  state: generateScimDirectory({ users: Number(values.users), groups: Number(values.groups), memberships: Number(values.memberships), seed: Number(values.seed), now: new Date() }),
});
const s = sandbox.state;
console.log(`Sandbox SCIM on ${sandbox.url}`);
console.log(`  Bearer token: ${sandbox.token}`);
console.log(`  ${s.users.size} users, ${s.groups.size} groups, ${s.membershipCount} memberships`);

const shutdown = async () => {
  await sandbox.stop();
  process.exit(0);
};
process.on("SIGINT", () => void shutdown());
process.on("SIGTERM", () => void shutdown());
