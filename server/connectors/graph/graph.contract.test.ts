// The DirectoryConnector contract, run against the sandbox Graph (https, self-signed) through the real SDK.

import { describeDirectoryContract } from "../directory-contract.ts";
import { generateGraphDirectory, startGraphSandbox } from "../../sandbox/graph/index.ts";
import { createEntraConnector } from "./index.ts";

describeDirectoryContract("entra", async () => {
  const sandbox = await startGraphSandbox({ state: generateGraphDirectory({ users: 6, groups: 3, memberships: 6, seed: 11, deprovisionedRatio: 0, suspendedRatio: 0 }) });
  const made: ReturnType<typeof createEntraConnector>[] = [];
  const connect = (options: { timeoutMs?: number; badCredentials?: boolean } = {}) => {
    const c = createEntraConnector({
      graphUrl: sandbox.url,
      authorityUrl: sandbox.url,
      ca: sandbox.ca,
      tenantId: sandbox.tenantId,
      clientId: sandbox.clientId,
      clientSecret: options.badCredentials ? "not-the-secret" : sandbox.clientSecret,
      timeoutMs: options.timeoutMs ?? 5000,
      retryMinDelayMs: 10,
      retryMaxDelayMs: 50,
    });
    made.push(c);
    return c;
  };
  const state = sandbox.state;
  return {
    connector: connect(),
    connect,
    controls: {
      seedUser: async ({ login, firstName, lastName, department, title }) => state.addUser({ login, firstName, lastName, department, title }).id,
      seedGroup: async ({ name, managed }) => state.addGroup({ name, kind: managed === false ? "dynamic" : "security" }).id,
      addMembership: async (gid, uid) => {
        state.addMembership(gid, uid);
      },
      hasMembership: async (gid, uid) => state.isMember(gid, uid),
      userStatus: async (uid) => (state.mustUser(uid).accountEnabled ? "ACTIVE" : "SUSPENDED"),
      suspendedStatus: "SUSPENDED",
      injectFault: (f) => {
        if (f.kind === "hang") sandbox.faults.hang({ times: f.times });
        // Retry-After: 0 keeps the run quick (protocols.md §9); the sandbox test waits out a real Retry-After: 1.
        else sandbox.faults.inject({ status: f.kind === "rate_limit" ? 429 : 500, times: f.times, retryAfterSeconds: f.kind === "rate_limit" ? 0 : undefined });
      },
      clearFaults: () => sandbox.faults.clear(),
      unknownUserId: "00000000-0000-4000-a000-00000000dead",
    },
    stop: async () => {
      for (const c of made) c.close();
      await sandbox.stop();
    },
  };
});
