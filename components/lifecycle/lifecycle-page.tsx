"use client";

import { useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { UserRoundCog } from "lucide-react";
import { useTRPC } from "../trpc";
import { FilterChips } from "../ui/chips";
import { Page, PageHeader } from "../ui/page";
import { TableSkeleton } from "../ui/skeleton";
import { EmptyState, ErrorState } from "../ui/states";
import { LifecycleEventsTable } from "./lifecycle-events";

type Kind = "" | "JOINER" | "MOVER" | "LEAVER";

/** /lifecycle: every joiner, mover and leaver Gatehouse acted on, newest first. */
export function LifecyclePage() {
  const trpc = useTRPC();
  const [kind, setKind] = useState<Kind>("");
  const q = useQuery({ ...trpc.lifecycle.events.queryOptions({ kind: kind || undefined, limit: 100 }), refetchInterval: 30_000 });
  const rows = q.data?.items ?? [];
  return (
    <Page wide>
      <PageHeader
        title="Joiners, movers and leavers"
        description="Directory changes from the sync (and, for Okta, its event hook), and what Gatehouse did about each: birthright bundles granted or removed, access sent to a new manager to confirm, everything a leaver held revoked and read back."
      />
      <FilterChips
        label="Filter by kind of change"
        className="mb-4"
        value={kind}
        onChange={(v) => setKind(v as Kind)}
        options={[{ value: "", label: "All" }, { value: "JOINER", label: "Joiners" }, { value: "MOVER", label: "Movers" }, { value: "LEAVER", label: "Leavers" }]}
      />
      {q.isPending ? (
        <TableSkeleton rows={6} cols={5} label="Loading lifecycle events" />
      ) : q.isError ? (
        <ErrorState error={q.error} title="Lifecycle events could not load" onRetry={() => void q.refetch()} />
      ) : rows.length === 0 ? (
        <EmptyState icon={<UserRoundCog aria-hidden className="size-5" />} title={kind ? "No changes of this kind yet" : "No joiners, movers or leavers yet"}>
          When someone joins, changes department, title or location, or leaves in your directory, the change and what Gatehouse did appear here.
          The first sync of a directory only records everyone as they are.
        </EmptyState>
      ) : (
        <LifecycleEventsTable rows={rows} caption="Lifecycle events, newest first" />
      )}
    </Page>
  );
}
