export { startVantaSandbox, DEFAULT_VANTA_TOKEN_TTL_SECONDS, type VantaSandbox, type VantaSandboxOptions } from "./sandbox.ts";
export { VantaFaults } from "./faults.ts";
export {
  VantaState, VANTA_SCOPES, DEFAULT_VANTA_CLIENT, DEFAULT_VANTA_RESOURCE_ID, emptyVantaData,
  type VantaAccountRecord, type VantaClient, type VantaData, type VantaDocument, type VantaDocumentStatus, type VantaResource, type VantaStateView, type VantaUpload,
} from "./state.ts";
