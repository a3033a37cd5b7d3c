import { Page } from "@/components/ui/page";
import { Skeleton, TableSkeleton } from "@/components/ui/skeleton";

export default function Loading() {
  return (
    <Page>
      <div className="mb-5 space-y-2">
        <Skeleton className="h-5 w-40" />
        <Skeleton className="h-3.5 w-72" />
      </div>
      <TableSkeleton rows={8} cols={5} />
    </Page>
  );
}
