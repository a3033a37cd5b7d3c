import type { Metadata } from "next";
import { PersonDetail } from "@/components/people/person-detail";

export const metadata: Metadata = { title: "Person" };

export default async function PersonPage({ params }: { params: Promise<{ personId: string }> }) {
  const { personId } = await params;
  return <PersonDetail personId={personId} />;
}
