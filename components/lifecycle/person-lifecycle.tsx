"use client";

import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "../trpc";
import { useMe } from "../shell/me-context";
import { readsAuditLog } from "../shell/access";
import { Section } from "../ui/page";
import { Skeleton } from "../ui/skeleton";
import { ErrorState } from "../ui/states";
import { LifecycleEventsTable } from "./lifecycle-events";

/** The person page's "Lifecycle" section: their joiner, mover and leaver events (admins and auditors). */
export function PersonLifecycle({ personId, name }: { personId: string; name: string }) {
  const trpc = useTRPC();
  const me = useMe();
  const allowed = readsAuditLog(me);
  const q = useQuery({ ...trpc.lifecycle.events.queryOptions({ personId, limit: 50 }), enabled: allowed });
  if (!allowed) return null;
  const rows = q.data?.items ?? [];
  return (
    <Section id="lifecycle" title={`Lifecycle${q.data ? ` · ${rows.length}` : ""}`} description={`Joiner, mover and leaver changes Gatehouse acted on for ${name.split(" ")[0]}.`}>
      {q.isPending ? (
        <Skeleton className="h-20 w-full" />
      ) : q.isError ? (
        <ErrorState error={q.error} title="Lifecycle events could not load" onRetry={() => void q.refetch()} />
      ) : rows.length === 0 ? (
        <p className="text-sm text-slate-500">No joiner, mover or leaver change recorded for {name.split(" ")[0]}.</p>
      ) : (
        <LifecycleEventsTable rows={rows} showPerson={false} caption={`Lifecycle events of ${name}`} />
      )}
    </Section>
  );
}
