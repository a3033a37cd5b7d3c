"use client";

import { useEffect, useState } from "react";
import { Card, Section } from "../ui/page";

/** How a GRC tool calls the Evidence API, with this deployment's own address in the examples. */
export function EvidenceApiDocs() {
  const [origin, setOrigin] = useState("https://gatehouse.example.com");
  useEffect(() => setOrigin(window.location.origin), []);
  const base = `${origin}/api/v1/evidence`;
  const examples = [
    ["Requests, as JSON (first page)", `curl -H "Authorization: Bearer $GATEHOUSE_TOKEN" \\\n  "${base}/requests?from=2026-01-01&to=2026-07-01&limit=200"`],
    ["The next page", `curl -H "Authorization: Bearer $GATEHOUSE_TOKEN" \\\n  "${base}/requests?from=2026-01-01&to=2026-07-01&cursor=$NEXT_CURSOR"`],
    ["Grants with read-backs, as CSV", `curl -H "Authorization: Bearer $GATEHOUSE_TOKEN" -o grants.csv \\\n  "${base}/grants?from=2026-01-01&to=2026-07-01&format=csv"`],
  ];
  return (
    <Section id="evidence-api-docs" title="Using the Evidence API" description="Read-only, versioned endpoints for Vanta, Drata or any GRC tool.">
      <Card className="p-4 text-sm text-slate-700">
        <ul className="list-disc space-y-1 pl-5">
          <li><code className="font-mono text-xs">GET /api/v1/evidence/requests</code>: who asked, for whom, what role, why, every approval decision, the Jira issue.</li>
          <li><code className="font-mono text-xs">GET /api/v1/evidence/grants</code>: who held what, the groups added and removed, and the read-back that proves each change.</li>
          <li><code className="font-mono text-xs">GET /api/v1/evidence/reviews</code>: answers 404 until review campaigns exist.</li>
          <li>
            Parameters: <code className="font-mono text-xs">from</code> and <code className="font-mono text-xs">to</code> (ISO dates on the creation time,
            at most 366 days apart; default the last 366 days), <code className="font-mono text-xs">limit</code> (1–1000, default 200),{" "}
            <code className="font-mono text-xs">cursor</code> (the <code className="font-mono text-xs">nextCursor</code> of the previous page),{" "}
            <code className="font-mono text-xs">format=csv</code> (or <code className="font-mono text-xs">Accept: text/csv</code>) for the whole range as one CSV file.
          </li>
        </ul>
        <div className="mt-4 space-y-3">
          {examples.map(([title, cmd]) => (
            <div key={title}>
              <div className="mb-1 text-xs font-medium text-slate-500">{title}</div>
              <pre className="overflow-x-auto rounded-md bg-slate-900 px-3 py-2 font-mono text-xs text-slate-100">{cmd}</pre>
            </div>
          ))}
        </div>
      </Card>
    </Section>
  );
}
