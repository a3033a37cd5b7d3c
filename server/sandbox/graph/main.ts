// Run the sandbox Graph on its own: npx tsx server/sandbox/graph/main.ts [--port 4050] [--users 200] [--no-licence]
// Prints the URL, the tenant id, the app's client credentials and where the self-signed certificate was written.

import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";

import { generateGraphDirectory } from "./generate.ts";
import { startGraphSandbox } from "./server.ts";

const { values } = parseArgs({
  options: {
    port: { type: "string", default: "4050" },
    host: { type: "string", default: "127.0.0.1" },
    users: { type: "string", default: "200" },
    "no-licence": { type: "boolean", default: false },
    "ca-out": { type: "string", default: ".data/sandbox-graph-ca.pem" },
  },
});

const users = Number(values.users);
const state = generateGraphDirectory({ users, groups: Math.max(5, Math.ceil(users / 20)), memberships: users * 3, seed: 7, premiumLicence: !values["no-licence"] });
const sandbox = await startGraphSandbox({ port: Number(values.port), host: values.host, state });
mkdirSync(path.dirname(values["ca-out"]!), { recursive: true });
writeFileSync(values["ca-out"]!, sandbox.ca);
console.log(`Sandbox Graph on ${sandbox.url} (token endpoint ${sandbox.url}/${sandbox.tenantId}/oauth2/v2.0/token)`);
console.log(`  Tenant ${sandbox.tenantId}; client ${sandbox.clientId} / ${sandbox.clientSecret}`);
console.log(`  Certificate: ${values["ca-out"]} (trust it as the CA); licence P1/P2: ${state.premiumLicence}`);

const shutdown = async () => {
  await sandbox.stop();
  process.exit(0);
};
process.on("SIGINT", () => void shutdown());
process.on("SIGTERM", () => void shutdown());
