"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { ShieldCheck, ShieldX } from "lucide-react";
import { useTRPC } from "../trpc";
import type { RouterOutputs } from "../types";
import { Button } from "../ui/button";
import { FormError } from "../ui/states";

type Verification = RouterOutputs["audit"]["verify"];

const count = (n: number) => n.toLocaleString("en-US");
const short = (hash: string) => `${hash.slice(0, 12)}…`;

/** "Verify chain": recomputes the tenant's hash chain on the server and names the first broken link. */
export function VerifyChainButton({ onResult }: { onResult: (r: Verification) => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const verify = useMutation(
    trpc.audit.verify.mutationOptions({
      onSuccess: (r) => {
        onResult(r);
        // The verification appended its own event: show it.
        void queryClient.invalidateQueries({ queryKey: trpc.audit.list.pathKey() });
      },
    }),
  );
  return (
    <div className="flex flex-col items-end gap-2">
      <Button variant="primary" icon={<ShieldCheck aria-hidden className="size-4" />} busy={verify.isPending} onClick={() => verify.mutate()}>
        {verify.isPending ? "Verifying…" : "Verify chain"}
      </Button>
      <FormError error={verify.error} />
    </div>
  );
}

export function VerificationResult({ result }: { result: Verification }) {
  const b = result.firstBroken;
  if (!b) {
    return (
      <div role="status" className="mb-5 flex items-start gap-3 rounded-lg border border-emerald-200 bg-emerald-50 px-4 py-3 text-sm text-emerald-900">
        <ShieldCheck aria-hidden className="mt-0.5 size-5 shrink-0 text-emerald-600" />
        <div>
          <p className="font-semibold">
            Chain intact — {count(result.checked)} events, head <code className="font-mono" title={result.headHash}>{short(result.headHash)}</code>
          </p>
          <p className="mt-0.5 text-emerald-800">
            Every event's hash was recomputed and every link checked in {count(result.durationMs)} ms. This verification is recorded as event #{count(result.recorded.seq)}.
          </p>
        </div>
      </div>
    );
  }
  return (
    <div role="alert" className="mb-5 flex items-start gap-3 rounded-lg border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-900">
      <ShieldX aria-hidden className="mt-0.5 size-5 shrink-0 text-red-600" />
      <div className="min-w-0">
        <p className="font-semibold">
          Broken at event #{count(b.seq)}
          {b.eventId ? <> (<code className="font-mono">{b.eventId}</code>)</> : " (deleted)"}: {b.explanation}
        </p>
        <p className="mt-0.5 text-red-800">
          {result.lastSeq > 0
            ? <>Events #1–#{count(result.lastSeq)} are intact (head <code className="font-mono" title={result.headHash}>{short(result.headHash)}</code>); nothing from #{count(b.seq)} on can be trusted.</>
            : "No event before it is intact."}{" "}
          This verification is recorded as event #{count(result.recorded.seq)}.
        </p>
      </div>
    </div>
  );
}
