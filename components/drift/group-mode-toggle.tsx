"use client";

import { useState } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "../trpc";
import { ConfirmDialog } from "../ui/confirm-dialog";
import { FormError } from "../ui/states";
import { cn } from "../ui/cn";
import type { DriftGroup } from "./types";

const plural = (n: number, one: string) => `${n.toLocaleString()} ${one}${n === 1 ? "" : "s"}`;

/**
 * Report only / Authoritative for one managed group. Turning authoritative on says how many members will
 * be removed now and asks for confirmation; the server refuses unless the count it sees is the one confirmed.
 */
export function GroupModeToggle({ group }: { group: DriftGroup }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const setMode = useMutation(trpc.drift.setMode.mutationOptions({
    onSuccess: async () => {
      setConfirming(false);
      await qc.invalidateQueries({ queryKey: trpc.drift.pathKey() });
    },
  }));
  const choose = (authoritative: boolean) => {
    if (authoritative === group.authoritative || setMode.isPending) return;
    if (authoritative) setConfirming(true);
    else setMode.mutate({ groupId: group.id, authoritative: false });
  };
  const option = (authoritative: boolean, label: string) => {
    const on = group.authoritative === authoritative;
    return (
      <button
        type="button"
        role="radio"
        aria-checked={on}
        disabled={setMode.isPending}
        onClick={() => choose(authoritative)}
        className={cn(
          "h-7 px-2.5 text-xs font-medium transition-colors first:rounded-l-md last:rounded-r-md disabled:cursor-not-allowed",
          on ? (authoritative ? "bg-red-600 text-white" : "bg-slate-800 text-white") : "bg-white text-slate-700 hover:bg-slate-50",
        )}
      >
        {label}
      </button>
    );
  };
  return (
    <div>
      <div role="radiogroup" aria-label={`Drift mode of ${group.name}`} className="inline-flex rounded-md shadow-sm ring-1 ring-slate-300">
        {option(false, "Report only")}
        {option(true, "Authoritative")}
      </div>
      {!confirming && <FormError error={setMode.error} className="mt-2" />}
      <ConfirmDialog
        open={confirming}
        title={`Make ${group.name} authoritative?`}
        confirmLabel={group.open ? `Remove ${plural(group.open, "member")}` : "Make authoritative"}
        busy={setMode.isPending}
        error={setMode.error}
        onCancel={() => { setConfirming(false); setMode.reset(); }}
        onConfirm={() => setMode.mutate({ groupId: group.id, authoritative: true, confirmRemovals: group.open })}
      >
        {group.open ? (
          <p>
            <strong className="font-semibold text-slate-900">{plural(group.open, "member")}</strong> of {group.name} {group.open === 1 ? "is" : "are"} not
            explained by any grant and will be <strong className="font-semibold text-slate-900">removed from the group in {group.directory} now</strong>.
          </p>
        ) : (
          <p>No member of {group.name} is unexplained right now, so nothing is removed now.</p>
        )}
        <p>
          From then on, after every sync, anyone added to {group.name} outside Gatehouse is removed. Each removal is read back from
          {" "}{group.directory} and kept as evidence. Members explained by a grant are never touched.
        </p>
      </ConfirmDialog>
    </div>
  );
}
