// Run the sandbox Vanta on its own: npx tsx server/sandbox/vanta/main.ts [--port 4040] [--persist .data/sandbox-vanta.json]
// Prints the URL, the OAuth client credentials and the UserAccount resource id. GET /_sandbox/state shows what it holds.

import { parseArgs } from "node:util";
import { startVantaSandbox } from "./sandbox.ts";

const { values } = parseArgs({
  options: {
    port: { type: "string", default: "4040" },
    host: { type: "string", default: "127.0.0.1" },
    persist: { type: "string" },
  },
});

const sandbox = await startVantaSandbox({ port: Number(values.port), host: values.host, persistTo: values.persist });
console.log(`Sandbox Vanta on ${sandbox.url}`);
console.log(`  OAuth client: ${sandbox.client.clientId} / ${sandbox.client.clientSecret}`);
console.log(`  UserAccount resource: ${sandbox.resourceId}; documents: ${sandbox.state.data.documents.length} (access-reviews among them)`);
console.log(`  State: ${sandbox.url}/_sandbox/state`);

const shutdown = async () => {
  await sandbox.stop();
  process.exit(0);
};
process.on("SIGINT", () => void shutdown());
process.on("SIGTERM", () => void shutdown());
