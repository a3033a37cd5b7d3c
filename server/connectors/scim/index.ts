export { ScimConnector, createScimConnector, type ScimConnectorConfig } from "./connector.ts";
export { mapScimGroup, mapScimUser, READ_ONLY_GROUP_EXTENSION } from "./map.ts";
export { ScimHttpError, httpFailure, retryAfterMs } from "./errors.ts";
