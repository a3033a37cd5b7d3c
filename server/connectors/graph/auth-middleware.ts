// First link of our Graph middleware chain, in place of the SDK's AuthenticationHandler (which sends no
// credentials to hosts outside its list and would drop ours): adds the app-only bearer token to every request.

import type { Context, Middleware } from "@microsoft/microsoft-graph-client";

import type { TokenSource } from "./token.ts";

export class BearerAuthMiddleware implements Middleware {
  private next: Middleware | undefined;

  constructor(private readonly tokens: TokenSource) {}

  async execute(context: Context): Promise<void> {
    await this.send(context);
    if (context.response?.status !== 401) return;
    // A cached token Graph no longer accepts (expired early, revoked): get a new one and try once more.
    this.tokens.invalidate();
    await this.send(context);
    if (context.response?.status === 401) this.tokens.invalidate();
  }

  private async send(context: Context): Promise<void> {
    const token = await this.tokens.get();
    const options = (context.options ??= {});
    const headers = new Headers(options.headers);
    headers.set("Authorization", `Bearer ${token}`);
    options.headers = Object.fromEntries(headers);
    await this.next!.execute(context);
  }

  setNext(next: Middleware): void {
    this.next = next;
  }
}
