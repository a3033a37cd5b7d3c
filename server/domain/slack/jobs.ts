/** Job ids of Slack work, kept apart from the operations so that naming a job loads no connector. */
export { SLACK_NOTIFY_JOB } from "../notifications/jobs.ts";
/** Re-render every approval message of a request after it changed (a decision from any channel, a cancel). */
export const SLACK_REFRESH_JOB = "slack.refresh-request";
/** An ephemeral answer to a click, sent after the 3-second ack through the click's response_url. */
export const SLACK_REPLY_JOB = "slack.reply";
