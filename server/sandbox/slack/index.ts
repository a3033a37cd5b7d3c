export { startSlackSandbox, SlackFaults, DEFAULT_SLACK_BOT_TOKEN, DEFAULT_SLACK_SIGNING_SECRET, type SlackSandbox, type SlackSandboxOptions } from "./sandbox.ts";
export { SlackSender, type Delivery, type SignedRequest } from "./sender.ts";
export { SlackState, slackUserIdFor, type SlackData, type SlackMessageRecord, type SlackUser, type SlackView } from "./state.ts";
export { slackSignature } from "./signing.ts";
