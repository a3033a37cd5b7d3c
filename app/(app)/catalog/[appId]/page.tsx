import type { Metadata } from "next";
import { AppDetail } from "@/components/catalog/app-detail";

export const metadata: Metadata = { title: "App" };

export default async function CatalogAppPage({ params }: { params: Promise<{ appId: string }> }) {
  const { appId } = await params;
  return <AppDetail appId={appId} />;
}
