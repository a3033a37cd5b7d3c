// The DirectoryConnector contract, run against the sandbox Okta through the real SDK.

import { describeDirectoryContract } from "../directory-contract.ts";
import { generateDirectory, startOktaSandbox } from "../../sandbox/okta/index.ts";
import { createOktaConnector } from "./index.ts";

describeDirectoryContract("okta", async () => {
  const sandbox = await startOktaSandbox({ state: generateDirectory({ users: 6, groups: 3, memberships: 6, seed: 11, deprovisionedRatio: 0 }) });
  const connect = (options: { timeoutMs?: number; badCredentials?: boolean } = {}) =>
    createOktaConnector({
      orgUrl: sandbox.url,
      auth: { mode: "token", token: options.badCredentials ? "not-the-token" : sandbox.token },
      timeoutMs: options.timeoutMs ?? 5000,
      retryMinDelayMs: 10,
      retryMaxDelayMs: 50,
    });
  const state = sandbox.state;
  return {
    connector: connect(),
    connect,
    controls: {
      seedUser: async (input) => state.addUser(input).id,
      seedGroup: async ({ name, managed }) => state.addGroup({ name, type: managed === false ? "APP_GROUP" : "OKTA_GROUP" }).id,
      addMembership: async (gid, uid) => {
        state.addMembership(gid, uid);
      },
      hasMembership: async (gid, uid) => state.isMember(gid, uid),
      userStatus: async (uid) => state.mustUser(uid).status,
      suspendedStatus: "SUSPENDED",
      injectFault: (f) => {
        if (f.kind === "hang") sandbox.faults.hang({ times: f.times });
        else sandbox.faults.inject({ status: f.kind === "rate_limit" ? 429 : 500, times: f.times });
      },
      clearFaults: () => sandbox.faults.clear(),
      unknownUserId: "00u0000000000unknown",
    },
    stop: () => sandbox.stop(),
  };
});
