"use client";

import { forwardRef, useId, useImperativeHandle, useState, type Ref } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Check, X } from "lucide-react";
import { decideInput } from "@/server/domain/requests/request-schemas";
import { useTRPC } from "../trpc";
import { Button } from "../ui/button";
import { Textarea } from "../ui/field";
import { FormError } from "../ui/states";
import { clientNow } from "../ui/relative-time";
import { stepKindLabels } from "../catalog/format";
import { durationWords, names, whenShort } from "./format";

export interface DecideContext {
  requestId: string;
  beneficiaryName: string;
  /** The groups approving adds, as shown (okta:x, entra:y…). */
  groups: string[];
  durationMinutes: number | null;
  step: { position: number; of: number };
  nextStepKind?: string | null;
}

/** What approving does, in one sentence ("Approving adds Dana Lee to okta:x for 6 hours; …"). */
export function approveConsequence(c: DecideContext, nowMs = clientNow()): string {
  const last = c.step.position + 1 >= c.step.of;
  if (!last) return `Approving sends it to step ${c.step.position + 2} of ${c.step.of}${c.nextStepKind ? ` (${(stepKindLabels[c.nextStepKind] ?? c.nextStepKind).toLowerCase()})` : ""}; nothing changes in the directory yet.`;
  const groups = c.groups.length ? names(c.groups) : null;
  const what = groups ? `adds ${c.beneficiaryName} to ${groups}` : `asks the app owner to grant ${c.beneficiaryName} the role by hand`;
  if (!c.durationMinutes) return `Approving ${what}, permanent until removed.`;
  const end = new Date(nowMs + c.durationMinutes * 60_000);
  return `Approving ${what} for ${durationWords(c.durationMinutes)}; it will be removed automatically at ${whenShort(end)}.`;
}

/** Comment, Approve and Deny for one pending step; deny needs a comment (same rule as the server). */
export interface DecideHandle { approve: () => void; deny: () => void }

export const DecidePanel = forwardRef<HTMLTextAreaElement, { ctx: DecideContext; onDecided?: (d: "APPROVE" | "DENY") => void; compact?: boolean; handle?: Ref<DecideHandle> }>(
  function DecidePanel({ ctx, onDecided, compact, handle }, commentRef) {
    const trpc = useTRPC();
    const qc = useQueryClient();
    const id = useId();
    const [comment, setComment] = useState("");
    const [denyTried, setDenyTried] = useState(false);
    const decide = useMutation(
      trpc.requests.decide.mutationOptions({
        onSuccess: (_r, v) => {
          void qc.invalidateQueries({ queryKey: trpc.requests.pathKey() });
          onDecided?.(v.decision);
        },
      }),
    );
    const denyCheck = decideInput.safeParse({ requestId: ctx.requestId, decision: "DENY", comment });
    const denyError = denyTried && !denyCheck.success ? denyCheck.error.issues[0]?.message ?? "A comment is required to deny" : null;
    const run = (decision: "APPROVE" | "DENY") => {
      if (decision === "DENY" && !denyCheck.success) {
        setDenyTried(true);
        (commentRef as React.RefObject<HTMLTextAreaElement | null> | null)?.current?.focus();
        return;
      }
      decide.mutate({ requestId: ctx.requestId, decision, comment: comment.trim() || undefined });
    };
    useImperativeHandle(handle, () => ({ approve: () => run("APPROVE"), deny: () => run("DENY") }));
    return (
      <div className={compact ? "" : "rounded-lg border border-indigo-200 bg-white px-5 py-4"}>
        <p className="text-sm text-slate-800" id={`${id}-what`}>
          {approveConsequence(ctx)}
        </p>
        <p className="mt-0.5 text-xs text-slate-500">Denying closes the request and tells {ctx.beneficiaryName === "you" ? "you" : "the requester"} why.</p>
        <div className="mt-3 space-y-1">
          <label htmlFor={`${id}-comment`} className="block text-sm font-medium text-slate-800">
            Comment <span className="font-normal text-slate-500">(required to deny)</span>
          </label>
          <Textarea
            ref={commentRef}
            id={`${id}-comment`}
            rows={2}
            value={comment}
            onChange={(e) => setComment(e.target.value)}
            aria-invalid={denyError ? true : undefined}
            aria-describedby={denyError ? `${id}-err` : undefined}
            placeholder="Visible to the requester and in the Jira ticket"
          />
          {denyError && <p id={`${id}-err`} className="text-xs font-medium text-red-700">{denyError}</p>}
        </div>
        <FormError error={decide.error} className="mt-3" />
        <div className="mt-3 flex items-center gap-2">
          <Button variant="primary" icon={<Check aria-hidden className="size-3.5" />} busy={decide.isPending && decide.variables?.decision === "APPROVE"} disabled={decide.isPending} onClick={() => run("APPROVE")} aria-describedby={`${id}-what`}>
            Approve
          </Button>
          <Button variant="danger" icon={<X aria-hidden className="size-3.5" />} busy={decide.isPending && decide.variables?.decision === "DENY"} disabled={decide.isPending} onClick={() => run("DENY")}>
            Deny
          </Button>
        </div>
      </div>
    );
  },
);
