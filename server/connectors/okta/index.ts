export {
  OktaConnector,
  createOktaConnector,
  mapOktaGroup,
  mapOktaUser,
  type OktaAuthConfig,
  type OktaConnectorConfig,
} from "./okta-connector.ts";
export { APP_GROUP_MESSAGE, toConnectorError } from "./errors.ts";
