/** Job ids of notification work, kept apart from the operations so that naming a job loads no connector. */
export const SLACK_NOTIFY_JOB = "slack.notify";
