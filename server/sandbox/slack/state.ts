// The sandbox Slack workspace: its users, DM channels, messages (ephemeral ones too), open modals and the
// response_url handles it gave out. Plain data, so it can be saved to a JSON file and shown on the demo page.

import { createHash } from "node:crypto";

export interface SlackUser {
  id: string;
  name: string;
  realName: string;
  email: string;
  deleted?: boolean;
}

export interface SlackMessageRecord {
  channel: string;
  ts: string;
  text: string;
  blocks: unknown[];
  /** Who posted: the bot's user id. */
  user: string;
  /** Set for an ephemeral message: only this user sees it. */
  ephemeralFor?: string;
  edited?: string;
}

export interface SlackView {
  id: string;
  hash: string;
  userId: string;
  view: Record<string, unknown>;
  open: boolean;
  /** What Gatehouse answered to the last submission (errors stay shown on the modal). */
  errors?: Record<string, string>;
}

export interface ResponseUrlHandle {
  id: string;
  channel: string;
  messageTs?: string;
  userId: string;
  uses: number;
  issuedAt: number;
}

export interface SlackData {
  version: 1;
  team: { id: string; name: string; domain: string };
  bot: { userId: string; botId: string; name: string };
  users: SlackUser[];
  /** user id → DM channel id. */
  dms: Record<string, string>;
  messages: SlackMessageRecord[];
  views: SlackView[];
  responseUrls: ResponseUrlHandle[];
  /** Trigger ids handed out with interactions: id → when and to whom. */
  triggers: Record<string, { at: number; userId: string }>;
  seq: number;
}

export function emptySlackData(team = { id: "T0ACME001", name: "Acme", domain: "acme" }): SlackData {
  return {
    version: 1, team, bot: { userId: "U0GATEBOT", botId: "B0GATEBOT", name: "gatehouse" },
    users: [], dms: {}, messages: [], views: [], responseUrls: [], triggers: {}, seq: 0,
  };
}

/** A stable Slack-looking id from an email, so a restarted sandbox gives everyone the same id. */
export function slackUserIdFor(email: string): string {
  return `U${createHash("sha256").update(email.toLowerCase()).digest("hex").slice(0, 10).toUpperCase()}`;
}

export class SlackState {
  onChange: () => void = () => {};

  constructor(readonly data: SlackData, private readonly now: () => Date) {}

  private changed() {
    this.onChange();
  }

  nextSeq(): number {
    this.data.seq += 1;
    return this.data.seq;
  }

  /** Slack message timestamps: epoch seconds and a 6-digit sequence, unique per workspace here. */
  nextTs(): string {
    return `${Math.floor(this.now().getTime() / 1000)}.${String(this.nextSeq() % 1_000_000).padStart(6, "0")}`;
  }

  addUser(u: { email: string; realName: string; name?: string; id?: string }): SlackUser {
    const existing = this.userByEmail(u.email);
    if (existing) return existing;
    const user: SlackUser = { id: u.id ?? slackUserIdFor(u.email), email: u.email.toLowerCase(), realName: u.realName, name: u.name ?? u.email.split("@")[0]! };
    this.data.users.push(user);
    this.changed();
    return user;
  }

  userByEmail(email: string): SlackUser | undefined {
    return this.data.users.find((u) => u.email === email.toLowerCase() && !u.deleted);
  }

  user(id: string): SlackUser | undefined {
    return this.data.users.find((u) => u.id === id);
  }

  /** The DM channel between the bot and a user, opened on first use. */
  openDm(userId: string): string {
    let channel = this.data.dms[userId];
    if (!channel) {
      channel = `D${userId.slice(1)}`;
      this.data.dms[userId] = channel;
      this.changed();
    }
    return channel;
  }

  /** A channel id or a user id (Slack posts to a user id as a DM) → the channel, or undefined. */
  resolveChannel(idOrUser: string): string | undefined {
    if (Object.values(this.data.dms).includes(idOrUser)) return idOrUser;
    if (this.user(idOrUser)) return this.openDm(idOrUser);
    return undefined;
  }

  dmUser(channel: string): string | undefined {
    return Object.entries(this.data.dms).find(([, c]) => c === channel)?.[0];
  }

  post(m: Omit<SlackMessageRecord, "ts" | "user">): SlackMessageRecord {
    const record: SlackMessageRecord = { ...m, ts: this.nextTs(), user: this.data.bot.userId };
    this.data.messages.push(record);
    this.changed();
    return record;
  }

  message(channel: string, ts: string): SlackMessageRecord | undefined {
    return this.data.messages.find((m) => m.channel === channel && m.ts === ts && !m.ephemeralFor);
  }

  update(channel: string, ts: string, patch: { text?: string; blocks?: unknown[] }): SlackMessageRecord | undefined {
    const m = this.message(channel, ts);
    if (!m) return undefined;
    if (patch.text !== undefined) m.text = patch.text;
    if (patch.blocks !== undefined) m.blocks = patch.blocks;
    m.edited = this.nextTs();
    this.changed();
    return m;
  }

  deleteMessage(channel: string, ts: string): void {
    this.data.messages = this.data.messages.filter((m) => !(m.channel === channel && m.ts === ts));
    this.changed();
  }

  /** Messages in a user's DM with the bot (their ephemeral ones included), oldest first. */
  dmMessages(userId: string): SlackMessageRecord[] {
    const channel = this.data.dms[userId];
    if (!channel) return [];
    return this.data.messages.filter((m) => m.channel === channel && (!m.ephemeralFor || m.ephemeralFor === userId));
  }

  openView(userId: string, view: Record<string, unknown>): SlackView {
    const v: SlackView = { id: `V${String(this.nextSeq()).padStart(9, "0")}`, hash: this.nextTs(), userId, view, open: true };
    this.data.views.push(v);
    this.changed();
    return v;
  }

  view(id: string): SlackView | undefined {
    return this.data.views.find((v) => v.id === id);
  }

  replaceView(id: string, view: Record<string, unknown>): SlackView | undefined {
    const v = this.view(id);
    if (!v) return undefined;
    v.view = view;
    v.hash = this.nextTs();
    v.errors = undefined;
    this.changed();
    return v;
  }

  setViewState(id: string, patch: Partial<Pick<SlackView, "open" | "errors">>): void {
    const v = this.view(id);
    if (!v) return;
    Object.assign(v, patch);
    this.changed();
  }

  openViews(userId: string): SlackView[] {
    return this.data.views.filter((v) => v.userId === userId && v.open);
  }

  issueTrigger(userId: string): string {
    const id = `${this.nextSeq()}.${Date.now()}.${Math.random().toString(16).slice(2, 10)}`;
    // Old triggers are useless after 3 s; keep the map small.
    for (const [k, t] of Object.entries(this.data.triggers)) if (this.now().getTime() - t.at > 60_000) delete this.data.triggers[k];
    this.data.triggers[id] = { at: this.now().getTime(), userId };
    return id;
  }

  issueResponseUrl(h: Omit<ResponseUrlHandle, "id" | "uses" | "issuedAt">): ResponseUrlHandle {
    const handle: ResponseUrlHandle = { ...h, id: `${this.data.team.id}/${this.nextSeq()}/${Math.random().toString(36).slice(2, 14)}`, uses: 0, issuedAt: this.now().getTime() };
    this.data.responseUrls.push(handle);
    if (this.data.responseUrls.length > 500) this.data.responseUrls.shift();
    this.changed();
    return handle;
  }

  responseUrl(id: string): ResponseUrlHandle | undefined {
    return this.data.responseUrls.find((h) => h.id === id);
  }

  touch(): void {
    this.changed();
  }
}
