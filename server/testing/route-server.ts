import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll } from "vitest";

/**
 * A real HTTP server in front of a route handler, as Next.js would call it: each request becomes a Fetch
 * `Request` (raw body untouched) and the handler's `Response` is written back. Stopped after the file.
 */
export async function serveRoute(handler: (request: Request) => Promise<Response>): Promise<{ url: string }> {
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", async () => {
      try {
        const headers = new Headers();
        for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers.set(k, v);
        const method = req.method ?? "GET";
        const body = method === "GET" || method === "HEAD" ? undefined : Buffer.concat(chunks);
        const response = await handler(new Request(`http://${req.headers.host}${req.url}`, { method, headers, body }));
        res.writeHead(response.status, Object.fromEntries(response.headers));
        res.end(Buffer.from(await response.arrayBuffer()));
      } catch (e) {
        res.writeHead(500, { "Content-Type": "text/plain" });
        res.end(String((e as Error).message));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  afterAll(() => new Promise<void>((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  }));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}
