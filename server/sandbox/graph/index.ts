export { startGraphSandbox, type GraphSandbox, type GraphSandboxOptions, type GraphRequestRecord } from "./server.ts";
export { GraphFaults } from "./faults.ts";
export {
  GraphState,
  SANDBOX_APP,
  SANDBOX_TENANT_ID,
  guidFrom,
  refusalReason,
  signInAt,
  type AddGraphGroupInput,
  type AddGraphUserInput,
  type GraphApp,
  type GraphGroup,
  type GraphSignInActivity,
  type GraphUser,
} from "./state.ts";
export { generateGraphDirectory, type GenerateGraphDirectoryOptions } from "./generate.ts";
export { DUPLICATE_MEMBER_MESSAGE } from "./groups.ts";
export { GRAPH_SCOPE, TokenIssuer } from "./token.ts";
export { sandboxCertificate, type SandboxCertificate } from "./cert.ts";
