import type { Metadata } from "next";
import { PersonEvidencePage } from "@/components/evidence/person-evidence";

export const metadata: Metadata = { title: "Person evidence" };

export default async function Page({ params }: { params: Promise<{ personId: string }> }) {
  const { personId } = await params;
  return <PersonEvidencePage personId={personId} />;
}
