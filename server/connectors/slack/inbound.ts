// What Slack POSTs to our Request URLs: the v0 signature check and the payloads, parsed into our ChatInbound.
import { createHmac, timingSafeEqual } from "node:crypto";
import { z } from "zod";
import type { ChatInbound } from "../types.ts";

/** Slack's replay window: a request signed more than 5 minutes from now (either way) is refused. */
export const SIGNATURE_WINDOW_SECONDS = 300;

/** The request's timestamp header as epoch seconds, or null when missing or not a plain integer. */
export function signedTimestamp(header: string | null | undefined): number | null {
  if (!header || !/^\d{1,12}$/.test(header)) return null;
  return Number(header);
}

export function timestampFresh(timestamp: number, now: Date): boolean {
  return Math.abs(Math.floor(now.getTime() / 1000) - timestamp) <= SIGNATURE_WINDOW_SECONDS;
}

/** HMAC-SHA256 over `v0:<timestamp>:<raw body>`, compared in constant time. */
export function signatureValid(secret: string, timestamp: string, rawBody: string, signature: string | null | undefined): boolean {
  if (!signature || !/^v0=[0-9a-f]{64}$/.test(signature)) return false;
  const expected = Buffer.from(`v0=${createHmac("sha256", secret).update(`v0:${timestamp}:${rawBody}`).digest("hex")}`);
  const given = Buffer.from(signature);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

const id = z.string().min(1).max(64);
const user = z.object({ id });
const team = z.object({ id });

const blockActions = z.object({
  type: z.literal("block_actions"),
  user,
  team,
  trigger_id: z.string().min(1).max(200),
  response_url: z.string().url().max(500),
  container: z.object({ channel_id: id, message_ts: z.string().min(1).max(40) }),
  actions: z.array(z.object({ action_id: z.string().min(1).max(255), value: z.string().max(2000).default("") })).min(1),
});

const inputValue = z.object({
  value: z.string().max(5000).nullish(),
  selected_option: z.object({ value: z.string().max(200) }).nullish(),
});

const viewSubmission = z.object({
  type: z.literal("view_submission"),
  user,
  team,
  trigger_id: z.string().max(200).default(""),
  view: z.object({
    id,
    callback_id: z.string().max(255).default(""),
    private_metadata: z.string().max(3000).default(""),
    state: z.object({ values: z.record(z.string(), z.record(z.string(), inputValue)) }).default({ values: {} }),
  }),
});

const slashCommand = z.object({
  team_id: id,
  user_id: id,
  command: z.string().min(2).max(64).startsWith("/"),
  text: z.string().max(4000).default(""),
  trigger_id: z.string().min(1).max(200),
  response_url: z.string().url().max(500),
  channel_id: id,
});

/** Reads the team id without trusting anything else, so the right tenant's secret can check the signature. */
export function teamOf(kind: "interaction" | "command", rawBody: string): string | null {
  const parsed = kind === "interaction" ? parseInteraction(rawBody) : parseSlashCommand(rawBody);
  return parsed ? parsed.teamId : null;
}

/** A block_actions or view_submission payload (`payload=<json>`), or null when malformed or of another type. */
export function parseInteraction(rawBody: string): ChatInbound | null {
  const raw = new URLSearchParams(rawBody).get("payload");
  if (!raw) return null;
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return null;
  }
  const actions = blockActions.safeParse(json);
  if (actions.success) {
    const p = actions.data;
    const a = p.actions[0]!;
    return {
      type: "button", teamId: p.team.id, userId: p.user.id, actionId: a.action_id, value: a.value, triggerId: p.trigger_id,
      responseUrl: p.response_url, channel: p.container.channel_id, messageTs: p.container.message_ts,
    };
  }
  const view = viewSubmission.safeParse(json);
  if (view.success) {
    const p = view.data;
    const values: Record<string, string | null> = {};
    for (const [blockId, byAction] of Object.entries(p.view.state.values)) {
      const first = Object.values(byAction)[0];
      values[blockId] = first?.selected_option?.value ?? first?.value ?? null;
    }
    return { type: "form", teamId: p.team.id, userId: p.user.id, callbackId: p.view.callback_id, viewId: p.view.id, privateMetadata: p.view.private_metadata, values, triggerId: p.trigger_id };
  }
  return null;
}

export function parseSlashCommand(rawBody: string): ChatInbound | null {
  const parsed = slashCommand.safeParse(Object.fromEntries(new URLSearchParams(rawBody)));
  if (!parsed.success) return null;
  const p = parsed.data;
  return { type: "command", teamId: p.team_id, userId: p.user_id, command: p.command, text: p.text, triggerId: p.trigger_id, responseUrl: p.response_url, channel: p.channel_id };
}
