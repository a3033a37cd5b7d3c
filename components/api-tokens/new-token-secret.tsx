"use client";

import { useState } from "react";
import { Check, Copy, TriangleAlert } from "lucide-react";
import { Button } from "../ui/button";

/** The token's secret, shown this once: copy it now; Gatehouse keeps only its hash. */
export function NewTokenSecret({ name, secret, onDone }: { name: string; secret: string; onDone: () => void }) {
  const [copied, setCopied] = useState(false);
  return (
    <div role="status" className="mb-5 rounded-lg border border-amber-200 bg-amber-50 px-4 py-4 text-sm text-amber-950">
      <p className="flex items-start gap-2 font-medium">
        <TriangleAlert aria-hidden className="mt-0.5 size-4 shrink-0 text-amber-600" />
        Copy the token “{name}” now: it will not be shown again. Gatehouse stores only a hash of it.
      </p>
      <div className="mt-3 flex items-center gap-2">
        <code aria-label="API token" className="min-w-0 flex-1 break-all rounded-md bg-white px-2.5 py-1.5 font-mono text-xs text-slate-900 ring-1 ring-inset ring-amber-300">
          {secret}
        </code>
        <Button
          size="sm"
          icon={copied ? <Check aria-hidden className="size-3.5" /> : <Copy aria-hidden className="size-3.5" />}
          onClick={() => {
            void navigator.clipboard?.writeText(secret).then(() => setCopied(true));
          }}
        >
          {copied ? "Copied" : "Copy"}
        </Button>
      </div>
      <p className="mt-2 text-xs text-amber-900/80">
        Paste it into your GRC tool as a Bearer token. If it is lost, revoke it and create another.
      </p>
      <Button size="sm" variant="primary" className="mt-3" onClick={onDone}>I have copied it</Button>
    </div>
  );
}
