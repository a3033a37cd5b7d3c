import type { Metadata } from "next";
import { RequestTracePage } from "@/components/evidence/request-trace";

export const metadata: Metadata = { title: "Request trace" };

export default async function Page({ params }: { params: Promise<{ requestId: string }> }) {
  const { requestId } = await params;
  return <RequestTracePage requestId={requestId} />;
}
