export { createSlackConnector, DEFAULT_SLACK_API_URL, type SlackConnectorConfig } from "./connector.ts";
export { toConnectorError } from "./errors.ts";
export { answerBody, escapeSlack, formView, messageBlocks } from "./blocks.ts";
export { parseInteraction, parseSlashCommand, signatureValid, signedTimestamp, teamOf, timestampFresh, SIGNATURE_WINDOW_SECONDS } from "./inbound.ts";
