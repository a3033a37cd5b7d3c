// Run the sandbox Okta on its own:
//   npx tsx server/sandbox/okta/main.ts [--port 4020] [--persist .data/sandbox-okta.json]
//     [--users 500 --groups 60 --memberships 3000 --seed 1] [--latency 0] [--rate-limit]
// Prints the org URL and the API token (use orgUrl without a trailing slash).
// With --persist, the state is loaded from the file when it exists (the generator options are then ignored)
// and written back on every change.

import { existsSync } from "node:fs";
import { parseArgs } from "node:util";
import { generateDirectory } from "./generate.ts";
import { startOktaSandbox } from "./server.ts";

const { values } = parseArgs({
  options: {
    port: { type: "string", default: "4020" },
    host: { type: "string", default: "127.0.0.1" },
    token: { type: "string" },
    persist: { type: "string" },
    users: { type: "string", default: "500" },
    groups: { type: "string", default: "60" },
    memberships: { type: "string", default: "3000" },
    seed: { type: "string", default: "1" },
    latency: { type: "string", default: "0" },
    "rate-limit": { type: "boolean", default: false },
  },
});

const fromFile = values.persist !== undefined && existsSync(values.persist);
const sandbox = await startOktaSandbox({
  port: Number(values.port),
  host: values.host,
  token: values.token,
  persistTo: values.persist,
  latencyMs: Number(values.latency),
  rateLimit: values["rate-limit"],
  state: fromFile
    ? undefined
    : generateDirectory({
        users: Number(values.users),
        groups: Number(values.groups),
        memberships: Number(values.memberships),
        seed: Number(values.seed),
        now: new Date(),
      }),
});
const s = sandbox.state;
console.log(`Sandbox Okta on ${sandbox.url}`);
console.log(`  API token (Authorization: SSWS …): ${sandbox.token}`);
console.log(`  ${s.users.size} users, ${s.groups.size} groups, ${s.membershipCount} memberships${fromFile ? ` (loaded from ${values.persist})` : ""}`);

const shutdown = async () => {
  await sandbox.stop();
  process.exit(0);
};
process.on("SIGINT", () => void shutdown());
process.on("SIGTERM", () => void shutdown());
