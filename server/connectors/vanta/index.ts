export {
  createVantaConnector,
  VantaTokenCache,
  DEFAULT_VANTA_API_URL,
  DEFAULT_VANTA_DOCUMENT_ID,
  DEFAULT_VANTA_SCOPE,
  DEFAULT_TIMEOUT_MS,
  type VantaConnectorConfig,
} from "./connector.ts";
export { httpFailure, fetchFailure, retryAfterMs, describeVantaBody, DEFAULT_RETRY_AFTER_MS, DEFAULT_TOKEN_RETRY_AFTER_MS } from "./errors.ts";
