// What a sync-bench sandbox process sends when it is ready: the Okta process's message (okta-sandbox-process.ts),
// plus what a connector needs beyond a URL and a token (Entra: app credentials and the self-signed certificate).

import type { SandboxChildMessage } from "./okta-sandbox-process.ts";

export type { DirectoryShape, SandboxChildMessage } from "./okta-sandbox-process.ts";

export type BenchSandboxReady = Extract<SandboxChildMessage, { type: "ready" }> & {
  entra?: { tenantId: string; clientId: string; clientSecret: string; ca: string };
};

export type BenchSandboxMessage = BenchSandboxReady | Exclude<SandboxChildMessage, { type: "ready" }>;
