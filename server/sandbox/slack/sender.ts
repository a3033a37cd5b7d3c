// The half of Slack that calls the app: block_actions and view_submission payloads to the interactivity Request URL
// and slash commands to the command URL, each signed over the exact bytes sent (v0 HMAC, protocols.md §6).

import { selectOptions } from "./blocks.ts";
import { slackSignature } from "./signing.ts";
import type { SlackState, SlackUser } from "./state.ts";

export interface SignedRequest {
  body: string;
  headers: Record<string, string>;
}

export interface Delivery {
  status: number;
  /** The app's answer, parsed when it was JSON. */
  json: unknown;
  text: string;
  /** Exactly what was sent, so a test can replay it. */
  request: SignedRequest;
}

const FORM = "application/x-www-form-urlencoded";

export class SlackSender {
  constructor(
    private readonly state: SlackState,
    private readonly baseUrl: string,
    private readonly signingSecret: string,
    private readonly now: () => Date,
  ) {}

  /** Signs `body` as Slack would (or with another secret / timestamp, to test refusals). */
  sign(body: string, opts: { timestamp?: number; secret?: string } = {}): SignedRequest {
    const timestamp = opts.timestamp ?? Math.floor(this.now().getTime() / 1000);
    return {
      body,
      headers: {
        "Content-Type": FORM,
        "X-Slack-Request-Timestamp": String(timestamp),
        "X-Slack-Signature": slackSignature(opts.secret ?? this.signingSecret, timestamp, body),
        "User-Agent": "Slackbot 1.0 (+https://api.slack.com/robots)",
      },
    };
  }

  async deliver(url: string, request: SignedRequest): Promise<Delivery> {
    const res = await fetch(url, { method: "POST", headers: request.headers, body: request.body, signal: AbortSignal.timeout(10_000) });
    const text = await res.text();
    let json: unknown = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      json = null;
    }
    return { status: res.status, json, text, request };
  }

  /** The `payload=<json>` body of an interaction. */
  interactionBody(payload: unknown): string {
    return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
  }

  private actor(userId: string): SlackUser {
    const u = this.state.user(userId);
    if (!u) throw new Error(`No sandbox Slack user ${userId}`);
    return u;
  }

  private userJson(u: SlackUser) {
    return { id: u.id, username: u.name, name: u.name, team_id: this.state.data.team.id };
  }

  /**
   * The block_actions payload of a click on the button `actionId` of a message in `userId`'s DM; `by` is who clicks
   * when it is someone else (a forwarded or shared message), to test refusals.
   */
  buttonPayload(input: { userId: string; messageTs: string; actionId: string; by?: string }) {
    const channel = this.state.openDm(this.actor(input.userId).id);
    const user = this.actor(input.by ?? input.userId);
    const message = this.state.message(channel, input.messageTs);
    if (!message) throw new Error(`No message ${input.messageTs} in ${channel}`);
    let found: { block_id: string; el: Record<string, unknown> } | undefined;
    for (const b of message.blocks as { type: string; block_id?: string; elements?: Record<string, unknown>[] }[]) {
      const el = b.type === "actions" ? b.elements?.find((e) => e.action_id === input.actionId) : undefined;
      if (el) found = { block_id: b.block_id ?? "actions", el };
    }
    if (!found) throw new Error(`The message has no button ${input.actionId}`);
    const team = this.state.data.team;
    const response = this.state.issueResponseUrl({ channel, messageTs: message.ts, userId: user.id });
    return {
      type: "block_actions",
      user: this.userJson(user),
      api_app_id: "A0GATEHOUSE",
      token: "legacy-verification-token",
      container: { type: "message", message_ts: message.ts, channel_id: channel, is_ephemeral: false },
      trigger_id: this.state.issueTrigger(user.id),
      team: { id: team.id, domain: team.domain },
      enterprise: null,
      is_enterprise_install: false,
      channel: { id: channel, name: "directmessage" },
      message: { type: "message", user: message.user, ts: message.ts, text: message.text, blocks: message.blocks },
      state: { values: {} },
      response_url: `${this.baseUrl}/hooks/${response.id}`,
      actions: [{
        type: "button", action_id: input.actionId, block_id: found.block_id, value: found.el.value, text: found.el.text,
        ...(found.el.style ? { style: found.el.style } : {}), action_ts: `${(this.now().getTime() / 1000).toFixed(6)}`,
      }],
    };
  }

  async clickButton(url: string, input: { userId: string; messageTs: string; actionId: string; by?: string }): Promise<Delivery> {
    return this.deliver(url, this.sign(this.interactionBody(this.buttonPayload(input))));
  }

  /**
   * Submits an open modal with `values` (block_id → typed text, or the value of the chosen option) and applies the
   * app's answer as Slack does: errors stay on the modal, "update" replaces it, anything else closes it.
   */
  async submitView(url: string, input: { viewId: string; values: Record<string, string | null | undefined> }): Promise<Delivery> {
    const view = this.state.view(input.viewId);
    if (!view || !view.open) throw new Error(`No open view ${input.viewId}`);
    const user = this.actor(view.userId);
    const values: Record<string, Record<string, unknown>> = {};
    for (const b of (view.view.blocks as { type: string; block_id?: string; element?: Record<string, unknown> }[]) ?? []) {
      if (b.type !== "input" || !b.block_id || !b.element) continue;
      const given = input.values[b.block_id];
      const el = b.element;
      if (el.type === "static_select") {
        const option = selectOptions(el).find((o) => o.value === given);
        values[b.block_id] = { [String(el.action_id)]: { type: "static_select", selected_option: option ?? null } };
      } else {
        values[b.block_id] = { [String(el.action_id)]: { type: "plain_text_input", value: given ?? null } };
      }
    }
    const team = this.state.data.team;
    const payload = {
      type: "view_submission",
      team: { id: team.id, domain: team.domain },
      user: this.userJson(user),
      api_app_id: "A0GATEHOUSE",
      token: "legacy-verification-token",
      trigger_id: this.state.issueTrigger(user.id),
      view: {
        id: view.id, team_id: team.id, type: "modal", hash: view.hash, ...view.view,
        state: { values },
      },
      response_urls: [],
    };
    const delivery = await this.deliver(url, this.sign(this.interactionBody(payload)));
    const answer = (delivery.json ?? {}) as { response_action?: string; errors?: Record<string, string>; view?: Record<string, unknown> };
    if (delivery.status !== 200) this.state.setViewState(view.id, { errors: { _: `We had some trouble connecting (HTTP ${delivery.status})` } });
    else if (answer.response_action === "errors") this.state.setViewState(view.id, { errors: answer.errors ?? {} });
    else if (answer.response_action === "update" && answer.view) this.state.replaceView(view.id, answer.view);
    else this.state.setViewState(view.id, { open: false, errors: undefined });
    return delivery;
  }

  /** Closes a modal without submitting (Slack sends view_closed only when asked; Gatehouse does not ask). */
  closeView(viewId: string): void {
    this.state.setViewState(viewId, { open: false });
  }

  slashCommandBody(input: { userId: string; command: string; text?: string }): string {
    const user = this.actor(input.userId);
    const team = this.state.data.team;
    const channel = this.state.openDm(user.id);
    const response = this.state.issueResponseUrl({ channel, userId: user.id });
    return new URLSearchParams({
      token: "legacy-verification-token", team_id: team.id, team_domain: team.domain, channel_id: channel, channel_name: "directmessage",
      user_id: user.id, user_name: user.name, command: input.command, text: input.text ?? "", api_app_id: "A0GATEHOUSE",
      is_enterprise_install: "false", response_url: `${this.baseUrl}/hooks/${response.id}`, trigger_id: this.state.issueTrigger(user.id),
    }).toString();
  }

  /** Runs a slash command; an immediate JSON answer with text is shown to the user as Slack shows it (ephemeral). */
  async slashCommand(url: string, input: { userId: string; command: string; text?: string }): Promise<Delivery> {
    const delivery = await this.deliver(url, this.sign(this.slashCommandBody(input)));
    const answer = delivery.json as { text?: string; blocks?: unknown[] } | null;
    if (delivery.status === 200 && answer?.text) {
      this.state.post({ channel: this.state.openDm(input.userId), text: answer.text, blocks: answer.blocks ?? [], ephemeralFor: input.userId });
    }
    return delivery;
  }
}
