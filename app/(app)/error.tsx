"use client";

import { useEffect } from "react";
import { ServerCrash } from "lucide-react";
import { Button, ButtonLink } from "@/components/ui/button";
import { Page } from "@/components/ui/page";

export default function SignedInError({ error, retry }: { error: unknown; retry: () => void }) {
  useEffect(() => {
    console.error(error);
  }, [error]);
  const digest = error instanceof Error ? (error as Error & { digest?: string }).digest : undefined;
  return (
    <Page>
      <div role="alert" className="mx-auto mt-10 max-w-lg rounded-lg border border-slate-200 bg-white px-6 py-10 text-center">
        <div className="mx-auto mb-3 flex size-10 items-center justify-center rounded-full bg-red-50 text-red-600">
          <ServerCrash aria-hidden className="size-5" />
        </div>
        <h1 className="text-base font-semibold text-slate-900">Something went wrong on this page</h1>
        <p className="mt-1 text-sm text-slate-600">
          Nothing was changed. Try again; if it keeps happening, tell your Gatehouse admin
          {digest ? <> and quote the reference <code className="rounded bg-slate-100 px-1 text-xs">{digest}</code></> : null}.
        </p>
        <div className="mt-5 flex justify-center gap-2">
          <Button variant="primary" onClick={() => retry()}>Try again</Button>
          <ButtonLink href="/catalog">Go to the catalog</ButtonLink>
        </div>
      </div>
    </Page>
  );
}
