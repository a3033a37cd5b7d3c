import { Suspense } from "react";
import type { Metadata } from "next";
import { EvidenceHome } from "@/components/evidence/evidence-home";

export const metadata: Metadata = { title: "Evidence" };

export default function EvidencePage() {
  return (
    <Suspense>
      <EvidenceHome />
    </Suspense>
  );
}
