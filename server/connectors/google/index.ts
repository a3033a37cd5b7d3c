export { GoogleConnector, createGoogleConnector, type GoogleConnectorConfig } from "./google-connector.ts";
export { staticAccessToken, serviceAccountTokens, serviceAccountFromKeyFile, DIRECTORY_SCOPES, type GoogleAccessToken, type GoogleTokenSource, type ServiceAccountConfig } from "./token-source.ts";
export { mapGoogleGroup, mapGoogleUser, googleStatus, lastLogin } from "./map.ts";
export { toConnectorError } from "./errors.ts";
