"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "../trpc";

/** After a grant changes, every view of grants, requests, notices and people refetches. */
export function useRefreshGrantViews() {
  const trpc = useTRPC();
  const qc = useQueryClient();
  return () => Promise.all([
    qc.invalidateQueries({ queryKey: trpc.grants.pathKey() }),
    qc.invalidateQueries({ queryKey: trpc.requests.pathKey() }),
    qc.invalidateQueries({ queryKey: trpc.notifications.pathKey() }),
    qc.invalidateQueries({ queryKey: trpc.people.pathKey() }),
  ]);
}
