// The Web API methods the sandbox answers, Slack's way: every call is a POST to /api/<method> with a form-urlencoded
// or JSON body, a bearer token, and an HTTP 200 {ok:false, error} for anything the caller got wrong.
// See ../../../../shared/protocols.md §6.

import { blocksProblem } from "./blocks.ts";
import type { SlackState, SlackUser } from "./state.ts";

export class SlackApiError extends Error {
  constructor(readonly error: string, readonly extra: Record<string, unknown> = {}) {
    super(error);
  }
}

export interface ApiCall {
  method: string;
  args: Record<string, unknown>;
  baseUrl: string;
}

type Method = (call: ApiCall) => Record<string, unknown>;

/** Keys the SDK sends as JSON strings inside a form body. */
const JSON_KEYS = new Set(["blocks", "view", "attachments", "metadata"]);
/** A trigger_id is good for 3 seconds, as in Slack. */
export const TRIGGER_TTL_MS = 3_000;

export function parseArgs(contentType: string, raw: string): Record<string, unknown> {
  if (contentType.includes("application/json")) {
    if (!raw.trim()) return {};
    const parsed = JSON.parse(raw) as unknown;
    if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) throw new SlackApiError("invalid_json");
    return parsed as Record<string, unknown>;
  }
  const args: Record<string, unknown> = {};
  for (const [k, v] of new URLSearchParams(raw)) {
    if (JSON_KEYS.has(k)) {
      try {
        args[k] = JSON.parse(v);
      } catch {
        throw new SlackApiError("invalid_arguments", { response_metadata: { messages: [`[ERROR] ${k} is not valid JSON`] } });
      }
    } else args[k] = v;
  }
  return args;
}

function str(args: Record<string, unknown>, key: string, required = true): string | undefined {
  const v = args[key];
  if (typeof v === "string" && v.length > 0) return v;
  if (required) throw new SlackApiError("invalid_arguments", { response_metadata: { messages: [`[ERROR] missing required field: ${key}`] } });
  return undefined;
}

export function userJson(state: SlackState, u: SlackUser) {
  return {
    id: u.id, team_id: state.data.team.id, name: u.name, deleted: !!u.deleted, real_name: u.realName, is_bot: false,
    profile: { email: u.email, real_name: u.realName, display_name: u.name },
  };
}

export function webApiMethods(state: SlackState, now: () => Date, trigger: { ttlMs: number }): Record<string, Method> {
  const team = state.data.team;
  const messageBody = (args: Record<string, unknown>) => {
    const text = typeof args.text === "string" ? args.text : "";
    const blocks = args.blocks ?? [];
    if (!text && (!Array.isArray(blocks) || blocks.length === 0)) throw new SlackApiError("no_text");
    if (text.length > 40_000) throw new SlackApiError("msg_too_long");
    const problem = blocksProblem(blocks);
    if (problem) throw new SlackApiError("invalid_blocks", { response_metadata: { messages: [`[ERROR] ${problem}`] } });
    return { text, blocks: blocks as unknown[] };
  };
  const channelOf = (args: Record<string, unknown>) => {
    const channel = state.resolveChannel(str(args, "channel")!);
    if (!channel) throw new SlackApiError("channel_not_found");
    return channel;
  };
  const viewOf = (args: Record<string, unknown>) => {
    const view = args.view;
    if (!view || typeof view !== "object" || (view as { type?: unknown }).type !== "modal") throw new SlackApiError("invalid_arguments", { response_metadata: { messages: ["[ERROR] view must be a modal"] } });
    const v = view as Record<string, unknown>;
    const title = (v.title as { text?: string } | undefined)?.text;
    if (!title || title.length > 24) throw new SlackApiError("invalid_arguments", { response_metadata: { messages: ["[ERROR] title must be plain_text of at most 24 characters"] } });
    if (typeof v.private_metadata === "string" && v.private_metadata.length > 3000) throw new SlackApiError("invalid_arguments", { response_metadata: { messages: ["[ERROR] private_metadata is at most 3000 characters"] } });
    const problem = blocksProblem(v.blocks, true);
    if (problem) throw new SlackApiError("invalid_arguments", { response_metadata: { messages: [`[ERROR] ${problem}`] } });
    return v;
  };
  const messageJson = (m: { text: string; blocks: unknown[]; ts: string; user: string }) => ({ type: "message", user: m.user, bot_id: state.data.bot.botId, text: m.text, blocks: m.blocks, ts: m.ts });

  return {
    "auth.test": (call) => ({
      url: `${call.baseUrl}/`, team: team.name, user: state.data.bot.name, team_id: team.id, user_id: state.data.bot.userId, bot_id: state.data.bot.botId, is_enterprise_install: false,
    }),
    "users.lookupByEmail": ({ args }) => {
      const u = state.userByEmail(str(args, "email")!);
      if (!u) throw new SlackApiError("users_not_found");
      return { user: userJson(state, u) };
    },
    "users.info": ({ args }) => {
      const u = state.user(str(args, "user")!);
      if (!u) throw new SlackApiError("user_not_found");
      return { user: userJson(state, u) };
    },
    "conversations.open": ({ args }) => {
      const users = (str(args, "users", false) ?? "").split(",").filter(Boolean);
      if (users.length !== 1) throw new SlackApiError(users.length === 0 ? "users_list_not_supplied" : "not_supported");
      const u = state.user(users[0]!);
      if (!u || u.deleted) throw new SlackApiError("user_not_found");
      return { channel: { id: state.openDm(u.id) } };
    },
    "chat.postMessage": ({ args }) => {
      const channel = channelOf(args);
      const m = state.post({ channel, ...messageBody(args) });
      return { channel, ts: m.ts, message: messageJson(m) };
    },
    "chat.update": ({ args }) => {
      const channel = channelOf(args);
      const body = messageBody(args);
      const m = state.update(channel, str(args, "ts")!, body);
      if (!m) throw new SlackApiError("message_not_found");
      return { channel, ts: m.ts, text: m.text, message: messageJson(m) };
    },
    "chat.postEphemeral": ({ args }) => {
      const channel = channelOf(args);
      const user = str(args, "user")!;
      if (!state.user(user)) throw new SlackApiError("user_not_found");
      if (state.dmUser(channel) && state.dmUser(channel) !== user) throw new SlackApiError("user_not_in_channel");
      const m = state.post({ channel, ...messageBody(args), ephemeralFor: user });
      return { message_ts: m.ts };
    },
    "views.open": ({ args }) => {
      const triggerId = str(args, "trigger_id")!;
      const issued = state.data.triggers[triggerId];
      if (issued === undefined) throw new SlackApiError("invalid_trigger_id");
      if (now().getTime() - issued.at > trigger.ttlMs) throw new SlackApiError("expired_trigger_id");
      delete state.data.triggers[triggerId];
      const view = state.openView(issued.userId, viewOf(args));
      return { view: { id: view.id, hash: view.hash, ...view.view } };
    },
    "views.update": ({ args }) => {
      const id = str(args, "view_id", false);
      if (!id) throw new SlackApiError("invalid_arguments", { response_metadata: { messages: ["[ERROR] view_id or external_id is required"] } });
      const existing = state.view(id);
      if (!existing || !existing.open) throw new SlackApiError("not_found");
      if (typeof args.hash === "string" && args.hash !== existing.hash) throw new SlackApiError("hash_conflict");
      const v = state.replaceView(id, viewOf(args))!;
      return { view: { id: v.id, hash: v.hash, ...v.view } };
    },
  };
}
