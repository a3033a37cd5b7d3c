// A protocol-faithful sandbox of the Slack Web API subset Gatehouse uses, over real HTTP, for tests and the demo,
// plus the other half of Slack: it sends signed interactivity payloads and slash commands to an app's Request URLs.

import { randomUUID } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { mkdir, rename, writeFile } from "node:fs/promises";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { JiraFaults } from "../jira/faults.ts";
import { SlackSender } from "./sender.ts";
import { emptySlackData, SlackState, type SlackData } from "./state.ts";
import { parseArgs, SlackApiError, TRIGGER_TTL_MS, webApiMethods } from "./web-api.ts";

/** Same controls as the other sandboxes: queued 4xx/5xx/429 answers, an outage switch, latency. */
export class SlackFaults extends JiraFaults {}

export const DEFAULT_SLACK_BOT_TOKEN = "xoxb-sandbox-1-gatehouse";
export const DEFAULT_SLACK_SIGNING_SECRET = "sandbox-slack-signing-secret-0001";

export interface SlackSandboxOptions {
  port?: number;
  host?: string;
  botToken?: string;
  signingSecret?: string;
  team?: { id: string; name: string; domain: string };
  /** Workspace members (matched to Gatehouse people by email). */
  users?: Array<{ email: string; realName: string }>;
  persistTo?: string;
  now?: () => Date;
  triggerTtlMs?: number;
}

export interface SlackSandbox {
  readonly url: string;
  /** What to give the SDK as slackApiUrl. */
  readonly apiUrl: string;
  readonly port: number;
  readonly state: SlackState;
  readonly faults: SlackFaults;
  readonly botToken: string;
  readonly signingSecret: string;
  /** Web API calls answered, by method (faults included). */
  readonly calls: Record<string, number>;
  readonly send: SlackSender;
  flush(): Promise<void>;
  stop(): Promise<void>;
}

const MAX_BODY_BYTES = 1024 * 1024;
const RESPONSE_URL_MAX_USES = 5;
const RESPONSE_URL_TTL_MS = 30 * 60_000;

export async function startSlackSandbox(options: SlackSandboxOptions = {}): Promise<SlackSandbox> {
  const now = options.now ?? (() => new Date());
  const host = options.host ?? "127.0.0.1";
  const botToken = options.botToken ?? DEFAULT_SLACK_BOT_TOKEN;
  const signingSecret = options.signingSecret ?? DEFAULT_SLACK_SIGNING_SECRET;
  const faults = new SlackFaults();
  const calls: Record<string, number> = {};

  const persistFile = options.persistTo ? path.resolve(options.persistTo) : undefined;
  let data: SlackData = emptySlackData(options.team);
  if (persistFile && existsSync(persistFile)) {
    data = JSON.parse(readFileSync(persistFile, "utf8")) as SlackData;
    if (data.version !== 1) throw new Error(`Unsupported sandbox Slack state version in ${persistFile}`);
  }
  const state = new SlackState(data, now);
  for (const u of options.users ?? []) state.addUser(u);

  let saveTimer: NodeJS.Timeout | undefined;
  let writing: Promise<void> = Promise.resolve();
  const writeNow = async () => {
    clearTimeout(saveTimer);
    saveTimer = undefined;
    if (!persistFile) return;
    const text = JSON.stringify(state.data);
    writing = writing.then(async () => {
      await mkdir(path.dirname(persistFile), { recursive: true });
      const tmp = `${persistFile}.${process.pid}.${randomUUID()}.tmp`;
      await writeFile(tmp, text, "utf8");
      await rename(tmp, persistFile);
    });
    await writing;
  };
  state.onChange = () => {
    if (persistFile && !saveTimer) saveTimer = setTimeout(() => void writeNow().catch(() => {}), 100);
  };

  const trigger = { ttlMs: options.triggerTtlMs ?? TRIGGER_TTL_MS };
  const methods = webApiMethods(state, now, trigger);
  let baseUrl = "";

  const json = (res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    res.writeHead(status, { "Content-Type": "application/json; charset=utf-8", Date: now().toUTCString(), "X-Slack-Req-Id": randomUUID(), ...headers });
    res.end(JSON.stringify(body));
  };

  const readBody = (req: http.IncomingMessage) =>
    new Promise<string>((resolve, reject) => {
      const chunks: Buffer[] = [];
      let size = 0;
      req.on("data", (c: Buffer) => {
        size += c.length;
        if (size > MAX_BODY_BYTES) reject(new SlackApiError("request_too_large"));
        else chunks.push(c);
      });
      req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
      req.on("error", reject);
    });

  const bearer = (req: http.IncomingMessage, args: Record<string, unknown>) => {
    const header = req.headers.authorization;
    if (header?.startsWith("Bearer ")) return header.slice(7);
    return typeof args.token === "string" ? args.token : undefined;
  };

  const handleApi = async (req: http.IncomingMessage, res: http.ServerResponse, method: string) => {
    calls[method] = (calls[method] ?? 0) + 1;
    const raw = await readBody(req);
    const contentType = String(req.headers["content-type"] ?? "application/x-www-form-urlencoded");
    const impl = methods[method];
    if (!impl) return json(res, 404, { ok: false, error: "unknown_method" });
    try {
      const args = parseArgs(contentType, raw);
      const token = bearer(req, args);
      if (!token) throw new SlackApiError("not_authed");
      if (token !== botToken) throw new SlackApiError("invalid_auth");
      if (contentType.includes("application/json") && !req.headers.authorization) throw new SlackApiError("not_authed");
      json(res, 200, { ok: true, ...impl({ method, args, baseUrl }) });
    } catch (e) {
      if (e instanceof SlackApiError) return json(res, 200, { ok: false, error: e.error, ...e.extra });
      if (e instanceof SyntaxError) return json(res, 200, { ok: false, error: "invalid_json" });
      throw e;
    }
  };

  // response_url: JSON {text, blocks, replace_original, delete_original, response_type}; 5 uses in 30 minutes.
  const handleResponseUrl = async (req: http.IncomingMessage, res: http.ServerResponse, id: string) => {
    const handle = state.responseUrl(id);
    const raw = await readBody(req);
    if (!handle) return json(res, 404, { ok: false, error: "no_active_hooks" });
    if (handle.uses >= RESPONSE_URL_MAX_USES || now().getTime() - handle.issuedAt > RESPONSE_URL_TTL_MS) return json(res, 404, { ok: false, error: "expired_url" });
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(raw) as Record<string, unknown>;
    } catch {
      return json(res, 400, { ok: false, error: "invalid_payload" });
    }
    handle.uses += 1;
    const text = typeof body.text === "string" ? body.text : "";
    const blocks = Array.isArray(body.blocks) ? body.blocks : [];
    if (body.delete_original === true && handle.messageTs) state.deleteMessage(handle.channel, handle.messageTs);
    else if (body.replace_original === true && handle.messageTs) state.update(handle.channel, handle.messageTs, { text, blocks });
    else if (text || blocks.length) state.post({ channel: handle.channel, text, blocks, ephemeralFor: body.response_type === "in_channel" ? undefined : handle.userId });
    state.touch();
    res.writeHead(200, { "Content-Type": "text/plain" });
    res.end("ok");
  };

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", baseUrl || "http://localhost");
    const line = { method: req.method ?? "GET", path: url.pathname };
    const go = async () => {
      const mode = faults.isDown;
      if (mode === "reset") return req.socket.destroy();
      if (mode === "503") return json(res, 503, { ok: false, error: "service_unavailable" });
      // Taken on arrival, before the latency: a late request must not use a fault queued after it came in.
      const fault = faults.take(line);
      if (faults.delayMs) await new Promise((r) => setTimeout(r, faults.delayMs));
      if (fault) {
        if (fault.status === 429) return json(res, 429, { ok: false, error: "ratelimited" }, { "Retry-After": String(fault.retryAfterSeconds ?? 1) });
        res.writeHead(fault.status, { "Content-Type": "text/html", ...(fault.retryAfterSeconds ? { "Retry-After": String(fault.retryAfterSeconds) } : {}) });
        return res.end(`<html><body>Slack is having trouble (${fault.status})</body></html>`);
      }
      if (req.method === "POST" && url.pathname.startsWith("/api/")) return handleApi(req, res, url.pathname.slice(5));
      if (req.method === "POST" && url.pathname.startsWith("/hooks/")) return handleResponseUrl(req, res, decodeURIComponent(url.pathname.slice(7)));
      json(res, 404, { ok: false, error: "not_found" });
    };
    go().catch((e: Error) => {
      if (!res.headersSent) json(res, e instanceof SlackApiError ? 413 : 500, { ok: false, error: e instanceof SlackApiError ? e.error : "internal_error" });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, resolve);
  });
  const port = (server.address() as AddressInfo).port;
  baseUrl = `http://${host}:${port}`;

  return {
    url: baseUrl,
    apiUrl: `${baseUrl}/api/`,
    port,
    state,
    faults,
    botToken,
    signingSecret,
    calls,
    send: new SlackSender(state, baseUrl, signingSecret, now),
    flush: writeNow,
    async stop() {
      await writeNow().catch(() => {});
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}
