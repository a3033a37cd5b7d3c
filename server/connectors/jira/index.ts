export {
  createJiraConnector,
  JiraConnector,
  cleanLabels,
  cleanSummary,
  DEFAULT_ISSUE_TYPE,
  DEFAULT_TIMEOUT_MS,
  type JiraAuthConfig,
  type JiraConnectorConfig,
} from "./connector.ts";
export { adf, type AdfMark, type AdfNode, type Block, type Inline } from "./adf.ts";
export { toConnectorError, describeJiraErrorBody, JiraTimeoutError, DEFAULT_RETRY_AFTER_MS } from "./errors.ts";
