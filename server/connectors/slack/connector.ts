// The Slack connector: the Web API through @slack/web-api, response_url through fetch. Vendor types stay here.
import { LogLevel, WebClient, type Logger } from "@slack/web-api";
import { ConnectorError, type ChatForm, type ChatMessage, type ChatMessageRef, type MessagingConnector } from "../types.ts";
import { formView, messageBlocks } from "./blocks.ts";
import { toConnectorError } from "./errors.ts";

export const DEFAULT_SLACK_API_URL = "https://slack.com/api/";
export const DEFAULT_TIMEOUT_MS = 10_000;

export interface SlackConnectorConfig {
  botToken: string;
  apiUrl?: string;
  timeoutMs?: number;
  /**
   * SDK-level retries of 5xx/network errors. 0 by default: the job layer retries with backoff and honours
   * Retry-After, and the SDK's own policy (about 30 minutes) would hold a job and a trigger_id far too long.
   */
  retries?: number;
}

const noop = () => {};
const quiet: Logger = { debug: noop, info: noop, warn: noop, error: noop, setLevel: noop, getLevel: () => LogLevel.ERROR, setName: noop };

export function createSlackConnector(config: SlackConnectorConfig): MessagingConnector {
  const timeout = config.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const client = new WebClient(config.botToken, {
    slackApiUrl: config.apiUrl ?? DEFAULT_SLACK_API_URL,
    retryConfig: { retries: config.retries ?? 0 },
    rejectRateLimitedCalls: true,
    timeout,
    // Failures reach the caller as ConnectorError; the SDK's own console logging would only repeat them.
    logger: quiet,
  });
  const call = async <T>(action: string, fn: () => Promise<T>): Promise<T> => {
    try {
      return await fn();
    } catch (e) {
      throw toConnectorError(e, action);
    }
  };

  return {
    kind: "slack",

    async validate() {
      try {
        const r = await client.auth.test();
        const workspace = { teamId: r.team_id ?? "", teamName: r.team ?? "", botUserId: r.user_id ?? "" };
        if (!workspace.teamId) return { ok: false, detail: "Slack did not say which workspace this token belongs to" };
        return { ok: true, detail: `Workspace ${workspace.teamName} (${workspace.teamId}) as @${r.user ?? "bot"}`, workspace };
      } catch (e) {
        return { ok: false, detail: toConnectorError(e, "auth.test").message };
      }
    },

    async findUserByEmail(email) {
      try {
        const r = await client.users.lookupByEmail({ email });
        return r.user?.id ?? null;
      } catch (e) {
        const err = toConnectorError(e, "look up the user by email");
        if (err.code === "not_found") return null;
        throw err;
      }
    },

    async userEmail(userId) {
      try {
        const r = await client.users.info({ user: userId });
        return r.user?.profile?.email ?? null;
      } catch (e) {
        const err = toConnectorError(e, "read the user");
        if (err.code === "not_found") return null;
        throw err;
      }
    },

    async sendDirect(userId, message) {
      return call("send the direct message", async () => {
        const dm = await client.conversations.open({ users: userId });
        const channel = dm.channel?.id;
        if (!channel) throw new ConnectorError("Slack did not open a direct message channel", "unknown", false);
        const r = await client.chat.postMessage({ channel, text: message.text, blocks: messageBlocks(message) as never, unfurl_links: false });
        return { channel: r.channel ?? channel, ts: r.ts ?? "" } satisfies ChatMessageRef;
      });
    },

    async update(ref, message: ChatMessage) {
      await call("update the message", () => client.chat.update({ channel: ref.channel, ts: ref.ts, text: message.text, blocks: messageBlocks(message) as never }));
    },

    async tellPrivately(to, text) {
      if ("channel" in to) {
        await call("post the ephemeral message", () => client.chat.postEphemeral({ channel: to.channel, user: to.userId, text }));
        return;
      }
      await call("answer through response_url", async () => {
        const res = await fetch(to.responseUrl, {
          method: "POST",
          headers: { "Content-Type": "application/json" },
          body: JSON.stringify({ response_type: "ephemeral", replace_original: false, text }),
          signal: AbortSignal.timeout(timeout),
        });
        // Slack says not to parse the body; the status is what matters.
        if (res.status === 429 || res.status >= 500) {
          const retryAfter = Number(res.headers.get("retry-after"));
          throw new ConnectorError(`Slack response_url answered ${res.status}`, res.status === 429 ? "rate_limited" : "unavailable", true, retryAfter > 0 ? retryAfter * 1000 : undefined, res.status);
        }
        if (!res.ok) throw new ConnectorError(`Slack response_url answered ${res.status} (expired or used up)`, "invalid", false, undefined, res.status);
      });
    },

    async openForm(triggerId, form: ChatForm) {
      return call("open the modal", async () => {
        const r = await client.views.open({ trigger_id: triggerId, view: formView(form) as never });
        return { viewId: r.view?.id ?? "" };
      });
    },
  };
}
