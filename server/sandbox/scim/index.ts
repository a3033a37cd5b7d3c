export { startScimSandbox, DEFAULT_SCIM_TOKEN, DEFAULT_SCIM_BASE_PATH, type ScimSandbox, type ScimSandboxOptions } from "./server.ts";
export { ScimFaults } from "./faults.ts";
export { ScimState, scimId, userData, type ScimUser, type ScimGroup, type SeedUserInput, type SeedGroupInput, type ReadOnlyMarker } from "./state.ts";
export { generateScimDirectory, type GenerateScimDirectoryOptions } from "./generate.ts";
export { ScimError, type ScimType } from "./errors.ts";
export { parseFilter, evaluate, parsePatchPath } from "./filter.ts";
export * from "./schemas.ts";
