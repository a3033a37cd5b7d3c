"use client";

import type { ReactNode } from "react";
import type { UseQueryResult } from "@tanstack/react-query";
import { BackLink } from "../ui/back-link";
import { Page } from "../ui/page";
import { Skeleton } from "../ui/skeleton";
import { EvidenceLoadError } from "./trace-parts";

/** Table cell styles of the evidence pages. */
export const th = "sticky top-0 z-10 border-b border-slate-200 bg-slate-50 px-3 py-2 text-left text-xs font-medium text-slate-500 first:pl-4 last:pr-4";
export const td = "px-3 py-2.5 align-top first:pl-4 last:pr-4";

/** An evidence page for one subject (a person, a campaign): back link, loading skeleton, load error with retry. */
export function EvidencePageFrame<T, E>({ query, subject, children }: { query: UseQueryResult<T, E>; subject: string; children: (data: T) => ReactNode }) {
  return (
    <Page wide>
      <BackLink href="/evidence">Evidence</BackLink>
      {query.isPending ? (
        <div role="status" className="space-y-4">
          <span className="sr-only">Loading {subject} evidence…</span>
          <Skeleton className="h-9 w-96" />
          <Skeleton className="h-20 w-full" />
          <Skeleton className="h-64 w-full" />
        </div>
      ) : query.isError ? (
        <EvidenceLoadError error={query.error} title={`${subject[0]!.toUpperCase()}${subject.slice(1)} evidence could not load`} onRetry={() => void query.refetch()} />
      ) : (
        children(query.data as T)
      )}
    </Page>
  );
}
