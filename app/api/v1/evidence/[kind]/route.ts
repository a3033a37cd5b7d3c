import { handleEvidenceRequest } from "@/server/api/evidence/evidence-http";
import { getServices } from "@/server/runtime";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** The Evidence API, v1: requests and grants of the API token's tenant, JSON or CSV (see README "Evidence API"). */
export async function GET(request: Request, { params }: { params: Promise<{ kind: string }> }) {
  const { kind } = await params;
  return handleEvidenceRequest(await getServices(), request, kind);
}
