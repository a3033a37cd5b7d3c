import { z } from "zod";
import { defineJob, type JobDefinition } from "./definition.ts";
import { SLACK_NOTIFY_JOB, SLACK_REFRESH_JOB, SLACK_REPLY_JOB } from "../domain/slack/jobs.ts";
import { deliverSlackNotification } from "../domain/slack/deliver-slack-notification.ts";
import { refreshSlackMessages } from "../domain/slack/refresh-slack-messages.ts";
import { replyInSlack } from "../domain/slack/reply-slack.ts";

// Slack work after the 3-second ack: DMs, message updates and ephemeral replies. Slack answering 429/5xx or being
// unreachable is retried here with backoff (never sooner than Retry-After); nothing is lost.

export const slackNotifyJob = defineJob({
  id: SLACK_NOTIFY_JOB,
  schema: z.object({ tenantId: z.string(), notificationId: z.string() }),
  concurrencyKey: (p) => p.tenantId,
  retries: 8,
  handler: async (services, payload) => {
    await deliverSlackNotification(services, payload);
  },
});

export const slackRefreshJob = defineJob({
  id: SLACK_REFRESH_JOB,
  schema: z.object({ tenantId: z.string(), requestId: z.string() }),
  concurrencyKey: (p) => p.tenantId,
  retries: 8,
  handler: async (services, payload) => {
    await refreshSlackMessages(services, payload);
  },
});

export const slackReplyJob = defineJob({
  id: SLACK_REPLY_JOB,
  schema: z.object({ tenantId: z.string(), responseUrl: z.string().url(), text: z.string().max(3000) }),
  concurrencyKey: (p) => p.tenantId,
  // A response_url lives 30 minutes: a few quick tries are all that is useful.
  retries: 4,
  handler: async (services, payload) => {
    await replyInSlack(services, payload);
  },
});

export const slackJobs = [slackNotifyJob, slackRefreshJob, slackReplyJob] as JobDefinition[];
