// The directories the sync bench can run against (`--directory okta|entra|google|scim`): which sandbox process
// serves the same generated 10,000-user directory, the page sizes the app's connector reads it with (each
// connector's defaults, as a production sync uses them), the fewest calls that reads it at those sizes, and
// how to build the connector. Connector modules are imported on demand, after the bench has set the environment.

import path from "node:path";
import type { DirectoryConnector } from "../connectors/types.ts";
import type { BenchSandboxReady, DirectoryShape } from "./sync-sandbox-protocol.ts";

export const DIRECTORIES = ["okta", "entra", "google", "scim"] as const;
export type DirectoryName = (typeof DIRECTORIES)[number];

export interface PageSizes {
  users: number;
  groups: number;
  members: number;
}

export interface DirectoryBench {
  name: DirectoryName;
  /** For messages: "Okta", "Entra ID (Microsoft Graph)", … */
  label: string;
  /** The sandbox child process (okta-sandbox-process.ts's protocol). */
  script: string;
  page: PageSizes;
  /** The stored connection's kind and clear config (the bench passes its own connector to runSync). */
  kind: "OKTA" | "ENTRA" | "GOOGLE" | "SCIM";
  /** The fewest calls that read the directory at `page`, by part (users, groups, members, and extras). */
  minimum(shape: DirectoryShape): { parts: [string, number][]; total: number };
  /** What the sandbox lists and what a sync must store (people not deprovisioned, groups, memberships). */
  describe(shape: DirectoryShape): string;
  connect(ready: BenchSandboxReady): Promise<{ connector: DirectoryConnector; close(): void }>;
  /** The Connection row's config and secret (their shapes as the Connections page stores them). */
  connection(ready: BenchSandboxReady): { config: Record<string, unknown>; secret: Record<string, string> };
}

const pages = (n: number, size: number) => Math.max(1, Math.ceil(n / size));

/** Pages of users, groups and every group's members at `page`, plus `extra` calls. */
function minimumAt(page: PageSizes, shape: DirectoryShape, extra: [string, number][]) {
  const parts: [string, number][] = [
    ...extra.filter(([name]) => name === "token"),
    ["users", pages(shape.listedUsers, page.users)],
    ...extra.filter(([name]) => name !== "token"),
    ["groups", pages(shape.groups, page.groups)],
    ["members", shape.groupSizes.reduce((n, size) => n + pages(size, page.members), 0)],
  ];
  return { parts, total: parts.reduce((n, [, c]) => n + c, 0) };
}

const here = import.meta.dirname;
const OKTA_RULES_PAGE = 200; // the Okta connector lists group rules 200 at a time (with the groups)

export const directoryBenches: Record<DirectoryName, DirectoryBench> = {
  okta: {
    name: "okta",
    label: "Okta",
    script: path.join(here, "okta-sandbox-process.ts"),
    page: { users: 200, groups: 1000, members: 1000 },
    kind: "OKTA",
    minimum(shape) {
      return minimumAt(this.page, shape, [["rules", pages(shape.rules, OKTA_RULES_PAGE)]]);
    },
    describe: (s) =>
      `${s.listedUsers} listed users (${s.users - s.listedUsers} deprovisioned, not listed), ${s.groups} groups, ${s.memberships} memberships ` +
      `(${s.membershipsOfListedUsers} of listed users)`,
    async connect(ready) {
      const { defaultConnectorFactory } = await import("../connectors/factory.ts");
      return { connector: defaultConnectorFactory.directory("OKTA", { orgUrl: ready.url, authMode: "token" }, { token: ready.token }), close: () => {} };
    },
    connection: (ready) => ({ config: { orgUrl: ready.url, authMode: "token" }, secret: { token: ready.token } }),
  },
  entra: {
    name: "entra",
    label: "Entra ID (Microsoft Graph, https)",
    script: path.join(here, "../sandbox/graph/bench-process.ts"),
    // Graph allows $top up to 999, but 500 for users when signInActivity is read (the connector reads it).
    page: { users: 500, groups: 999, members: 999 },
    kind: "ENTRA",
    minimum(shape) {
      // One client-credentials token request per connector (cached for its lifetime).
      return minimumAt(this.page, shape, [["token", 1]]);
    },
    describe: (s) =>
      `${s.listedUsers} listed users (Okta's deprovisioned users are deleted in Entra; disabled ones listed), ${s.groups} groups, ${s.memberships} memberships`,
    async connect(ready) {
      const { createEntraConnector } = await import("../connectors/graph/index.ts");
      const e = entraOf(ready);
      const connector = createEntraConnector({ graphUrl: ready.url, authorityUrl: ready.url, ca: e.ca, tenantId: e.tenantId, clientId: e.clientId, clientSecret: e.clientSecret });
      return { connector, close: () => connector.close() };
    },
    connection(ready) {
      const e = entraOf(ready);
      return { config: { tenantId: e.tenantId, clientId: e.clientId, graphUrl: ready.url, authorityUrl: ready.url, ca: e.ca }, secret: { clientSecret: e.clientSecret } };
    },
  },
  google: {
    name: "google",
    label: "Google Workspace (Directory API)",
    script: path.join(here, "../sandbox/google/bench-process.ts"),
    page: { users: 500, groups: 200, members: 200 },
    kind: "GOOGLE",
    minimum(shape) {
      // A static access token: no token call (a service account's would go to Google's token endpoint).
      return minimumAt(this.page, shape, []);
    },
    describe: (s) =>
      `${s.listedUsers} listed users (Okta's deprovisioned users are deleted in Google; suspended ones listed), ${s.groups} groups, ${s.memberships} memberships`,
    async connect(ready) {
      const { createGoogleConnector, staticAccessToken } = await import("../connectors/google/index.ts");
      return { connector: createGoogleConnector({ rootUrl: ready.url, tokens: staticAccessToken(ready.token) }), close: () => {} };
    },
    connection: (ready) => ({ config: { adminEmail: "admin@example.com", authMode: "accessToken", rootUrl: ready.url }, secret: { accessToken: ready.token } }),
  },
  scim: {
    name: "scim",
    label: "SCIM 2.0",
    script: path.join(here, "../sandbox/scim/bench-process.ts"),
    page: { users: 200, groups: 200, members: 500 },
    kind: "SCIM",
    minimum(shape) {
      return minimumAt(this.page, shape, []);
    },
    describe: (s) =>
      `${s.listedUsers} listed users (inactive ones too: Okta's suspended and deprovisioned are active=false), ${s.groups} groups, ${s.memberships} memberships`,
    async connect(ready) {
      const { createScimConnector } = await import("../connectors/scim/index.ts");
      return { connector: createScimConnector({ baseUrl: ready.url, token: ready.token }), close: () => {} };
    },
    connection: (ready) => ({ config: { baseUrl: ready.url }, secret: { token: ready.token } }),
  },
};

function entraOf(ready: BenchSandboxReady) {
  if (!ready.entra) throw new Error("The Graph sandbox process sent no app credentials");
  return ready.entra;
}
