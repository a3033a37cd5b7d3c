import { cookies } from "next/headers";
import { handleExportRequest } from "@/server/api/evidence/export-http";
import { TENANT_COOKIE } from "@/server/auth/options";
import { getSessionUser } from "@/server/auth/session";
import { getServices } from "@/server/runtime";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** CSV exports of the Evidence page (requests, grants, reviews, audit-events) for a date range: admins and auditors, streamed. */
export async function GET(request: Request, { params }: { params: Promise<{ kind: string }> }) {
  const { kind } = await params;
  const services = await getServices();
  const user = await getSessionUser(services);
  const tenantSlug = request.headers.get("x-gatehouse-tenant") ?? (await cookies()).get(TENANT_COOKIE)?.value ?? null;
  return handleExportRequest(services, request, kind, { user, tenantSlug });
}
