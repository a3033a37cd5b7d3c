import { z } from "zod";

// The Slack connection: a bot token and the app's signing secret (both sealed), and what auth.test told us.

/** Stored in clear and shown on the Connections page. `teamId` is how inbound requests find their tenant. */
export type SlackConfig = { apiUrl: string; teamId: string; teamName: string; botUserId: string };
export type SlackSecret = { botToken: string };

export const DEFAULT_SLACK_API_URL = "https://slack.com/api/";
const LOCAL_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);

const apiUrl = z
  .string()
  .trim()
  .max(200, "Slack API URL is too long")
  .refine((v) => URL.canParse(v), "Slack API URL must be a full URL like https://slack.com/api/")
  .transform((v) => new URL(v))
  .refine((u) => u.protocol === "https:" || (u.protocol === "http:" && LOCAL_HOSTS.has(u.hostname)), "Slack API URL must use https")
  .refine((u) => !u.username && !u.password && !u.search && !u.hash, "Slack API URL must not contain credentials or a query")
  .transform((u) => `${u.origin}${u.pathname.endsWith("/") ? u.pathname : `${u.pathname}/`}`);

export const slackConnectionInput = z.object({
  kind: z.literal("SLACK"),
  name: z.string().trim().min(1, "Name is required").max(80, "Name is at most 80 characters"),
  /** Only for a sandbox or a proxy; Slack itself is the default. */
  apiUrl: z.union([z.literal("").transform(() => DEFAULT_SLACK_API_URL), apiUrl]).optional().transform((v) => v ?? DEFAULT_SLACK_API_URL),
  botToken: z.string().trim().regex(/^xoxb-[A-Za-z0-9-]{6,250}$/, "A bot token starts with xoxb- (OAuth & Permissions → Bot User OAuth Token)"),
  signingSecret: z.string().trim().min(16, "The signing secret is at least 16 characters (Basic Information → App Credentials)").max(200, "The signing secret is too long"),
});
export type SlackConnectionInput = z.input<typeof slackConnectionInput>;
