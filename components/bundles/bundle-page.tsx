"use client";

import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "../trpc";
import { useMe } from "../shell/me-context";
import { isAdmin } from "../shell/access";
import { Page } from "../ui/page";
import { Skeleton } from "../ui/skeleton";
import { ErrorState } from "../ui/states";
import { BundleForm } from "./bundle-form";

/** /bundles/[id]: admins edit the bundle (with the preview); auditors read it. */
export function BundlePage({ bundleId }: { bundleId: string }) {
  const trpc = useTRPC();
  const me = useMe();
  const q = useQuery(trpc.bundles.get.queryOptions({ bundleId }));
  if (q.isPending) {
    return <Page><div role="status" className="space-y-3"><span className="sr-only">Loading the bundle…</span><Skeleton className="h-7 w-64" /><Skeleton className="h-64 w-full" /></div></Page>;
  }
  if (q.isError) return <Page><ErrorState error={q.error} title="The bundle could not load" onRetry={() => void q.refetch()} /></Page>;
  return <BundleForm key={q.data.updatedAt} bundle={q.data} readOnly={!isAdmin(me)} />;
}
