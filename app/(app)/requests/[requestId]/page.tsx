import type { Metadata } from "next";
import { RequestDetailPage } from "@/components/requests/request-detail";

export const metadata: Metadata = { title: "Request" };

export default async function Page({ params }: { params: Promise<{ requestId: string }> }) {
  const { requestId } = await params;
  return <RequestDetailPage requestId={requestId} />;
}
