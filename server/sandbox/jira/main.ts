// Run the sandbox Jira on its own: npx tsx server/sandbox/jira/main.ts [--port 4010] [--persist .data/sandbox-jira.json]
// Prints the URL and the credentials to use (Basic: email + API token).

import { parseArgs } from "node:util";
import { DEFAULT_JIRA_ACCOUNT, startJiraSandbox } from "./sandbox.ts";

const { values } = parseArgs({
  options: {
    port: { type: "string", default: "4010" },
    host: { type: "string", default: "127.0.0.1" },
    persist: { type: "string" },
    project: { type: "string", multiple: true },
  },
});

const projects = values.project?.map((spec) => {
  const [key, ...name] = spec.split(":");
  return { key: key!, name: name.join(":") || key! };
});

const sandbox = await startJiraSandbox({
  port: Number(values.port),
  host: values.host,
  persistTo: values.persist,
  projects,
});
console.log(`Sandbox Jira on ${sandbox.url}`);
console.log(`  Basic auth: ${DEFAULT_JIRA_ACCOUNT.email} / ${DEFAULT_JIRA_ACCOUNT.apiToken}`);
console.log(`  Projects: ${sandbox.state.projects.map((p) => `${p.key} (${p.name})`).join(", ")}`);

const shutdown = async () => {
  await sandbox.stop();
  process.exit(0);
};
process.on("SIGINT", () => void shutdown());
process.on("SIGTERM", () => void shutdown());
