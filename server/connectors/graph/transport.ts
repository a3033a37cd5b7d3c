// The last link of our Graph middleware chain, in place of the SDK's HTTPMessageHandler: it sends the request
// with node:https instead of the global fetch, so that a connection can trust an extra CA certificate (the
// sandbox's self-signed one, or a company's TLS-inspecting proxy) without NODE_EXTRA_CA_CERTS, which only
// works when set before Node starts. It also bounds every request by a timeout and counts requests.
//
// The global fetch (undici) would need undici's own Agent as a `dispatcher` for a custom CA, and the undici
// package is not a dependency; `fetchOptions.agent` is a node-fetch option that the global fetch ignores.

import { Agent, request as httpsRequest } from "node:https";
import { rootCertificates } from "node:tls";
import type { Context, Middleware } from "@microsoft/microsoft-graph-client";

export interface TransportOptions {
  /** Extra trusted CA certificates (PEM), added to Node's own roots. */
  ca?: string | string[];
  timeoutMs: number;
}

export interface RawResponse {
  status: number;
  headers: Headers;
  text: string;
}

/** Raised when no answer came within the timeout (GraphError carries the name as its `code`). */
export class RequestTimeoutError extends Error {
  override name = "RequestTimeoutError";
}

/** Raised when the connection failed (refused, reset, TLS) before an answer. */
export class NetworkError extends Error {
  override name = "NetworkError";
  constructor(message: string, readonly causeCode: string | undefined) {
    super(message);
  }
}

const NO_BODY = new Set([204, 205, 304]);

export class HttpsTransport implements Middleware {
  private readonly agent: Agent;
  private readonly timeoutMs: number;
  /** Every HTTP request sent (retries and token requests included). */
  calls = 0;

  constructor(options: TransportOptions) {
    const extra = options.ca === undefined ? [] : Array.isArray(options.ca) ? options.ca : [options.ca];
    this.agent = new Agent({ keepAlive: true, maxSockets: 16, ...(extra.length ? { ca: [...rootCertificates, ...extra] } : {}) });
    this.timeoutMs = options.timeoutMs;
  }

  /** Sends one request; resolves with the whole answer, whatever its status. */
  send(url: string, init: { method?: string; headers?: HeadersInit; body?: unknown }): Promise<RawResponse> {
    this.calls++;
    const headers = new Headers(init.headers);
    const body = typeof init.body === "string" || init.body instanceof Uint8Array ? init.body : init.body == null ? undefined : String(init.body);
    if (body !== undefined) headers.set("Content-Length", String(Buffer.byteLength(body)));
    return new Promise<RawResponse>((resolve, reject) => {
      const req = httpsRequest(url, { method: init.method ?? "GET", headers: Object.fromEntries(headers), agent: this.agent }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("error", (e) => reject(new NetworkError(`The answer from ${new URL(url).host} broke off: ${e.message}`, (e as NodeJS.ErrnoException).code)));
        res.on("end", () => {
          clearTimeout(timer);
          const out = new Headers();
          for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) out.set(k, Array.isArray(v) ? v.join(", ") : v);
          resolve({ status: res.statusCode ?? 0, headers: out, text: Buffer.concat(chunks).toString("utf8") });
        });
      });
      const timer = setTimeout(() => {
        req.destroy(new RequestTimeoutError(`No answer from ${new URL(url).host} within ${this.timeoutMs} ms`));
      }, this.timeoutMs);
      req.on("error", (e) => {
        clearTimeout(timer);
        if (e instanceof RequestTimeoutError) return reject(e);
        reject(new NetworkError(`Cannot reach ${new URL(url).host}: ${e.message}`, (e as NodeJS.ErrnoException).code));
      });
      req.end(body);
    });
  }

  async execute(context: Context): Promise<void> {
    const url = typeof context.request === "string" ? context.request : context.request.url;
    const options = context.options ?? {};
    const raw = await this.send(url, { method: options.method, headers: options.headers, body: options.body });
    context.response = new Response(NO_BODY.has(raw.status) ? null : raw.text, { status: raw.status, headers: raw.headers });
  }

  /** Closes idle keep-alive connections. */
  close(): void {
    this.agent.destroy();
  }
}
