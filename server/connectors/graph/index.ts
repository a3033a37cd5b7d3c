export { EntraConnector, createEntraConnector, type EntraConnectorConfig } from "./graph-connector.ts";
export { mapGraphGroup, mapGraphUser, unmanagedReason } from "./map.ts";
export { toConnectorError } from "./errors.ts";
