import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { cookies } from "next/headers";
import { appRouter } from "@/server/api/root";
import { createApiContext } from "@/server/api/context";
import { TENANT_COOKIE } from "@/server/auth/options";
import { getSessionUser } from "@/server/auth/session";
import { getServices } from "@/server/runtime";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const MAX_BODY_BYTES = 256 * 1024;

async function handler(req: Request) {
  if (Number(req.headers.get("content-length") ?? 0) > MAX_BODY_BYTES) {
    return Response.json({ error: { message: "Request body is too large" } }, { status: 413 });
  }
  const services = await getServices();
  const user = await getSessionUser(services);
  const tenantSlug = req.headers.get("x-gatehouse-tenant") ?? (await cookies()).get(TENANT_COOKIE)?.value ?? null;
  return fetchRequestHandler({
    endpoint: "/api/trpc",
    req,
    router: appRouter,
    createContext: () => createApiContext(services, user, tenantSlug),
  });
}

export { handler as GET, handler as POST };
