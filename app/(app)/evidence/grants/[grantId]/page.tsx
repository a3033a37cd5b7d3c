import type { Metadata } from "next";
import { GrantTracePage } from "@/components/evidence/grant-trace";

export const metadata: Metadata = { title: "Grant trace" };

export default async function Page({ params }: { params: Promise<{ grantId: string }> }) {
  const { grantId } = await params;
  return <GrantTracePage grantId={grantId} />;
}
