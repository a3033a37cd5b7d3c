"use client";

import type { ReactNode } from "react";
import { CircleAlert, FileQuestion, Lock, RefreshCw } from "lucide-react";
import { Button, ButtonLink } from "./button";
import { errorInfo } from "./errors";
import { cn } from "./cn";
import { Page } from "./page";

export function EmptyState({ icon, title, children, action, className }: {
  icon?: ReactNode; title: ReactNode; children?: ReactNode; action?: ReactNode; className?: string;
}) {
  return (
    <div className={cn("rounded-lg border border-dashed border-slate-300 bg-white px-6 py-10 text-center", className)}>
      {icon && <div className="mx-auto mb-3 flex size-10 items-center justify-center rounded-full bg-slate-100 text-slate-500">{icon}</div>}
      <h3 className="text-sm font-semibold text-slate-900">{title}</h3>
      {children && <div className="mx-auto mt-1 max-w-md text-sm text-slate-600">{children}</div>}
      {action && <div className="mt-4 flex justify-center gap-2">{action}</div>}
    </div>
  );
}

/** The page could not load its data: say what happened and offer the next step. */
export function ErrorState({ error, title = "This page could not load", onRetry, className }: {
  error: unknown; title?: string; onRetry?: () => void; className?: string;
}) {
  const info = errorInfo(error);
  if (info.code === "FORBIDDEN") return <NotAllowed reason={info.message} className={className} />;
  if (info.code === "NOT_FOUND") return <NotFoundState message={info.message} className={className} />;
  return (
    <div role="alert" className={cn("rounded-lg border border-red-200 bg-red-50/60 px-5 py-5", className)}>
      <div className="flex items-start gap-3">
        <CircleAlert aria-hidden className="mt-0.5 size-5 shrink-0 text-red-600" />
        <div className="min-w-0 flex-1">
          <h2 className="text-sm font-semibold text-red-900">{title}</h2>
          <p className="mt-1 text-sm text-red-800">{info.message}</p>
          {onRetry && (
            <Button size="sm" className="mt-3" icon={<RefreshCw aria-hidden className="size-3.5" />} onClick={onRetry}>
              Try again
            </Button>
          )}
        </div>
      </div>
    </div>
  );
}

export function NotAllowed({ reason, area, className }: { reason?: string; area?: string; className?: string }) {
  return (
    <div className={cn("mx-auto max-w-lg rounded-lg border border-slate-200 bg-white px-6 py-10 text-center", className)}>
      <div className="mx-auto mb-3 flex size-10 items-center justify-center rounded-full bg-amber-50 text-amber-700">
        <Lock aria-hidden className="size-5" />
      </div>
      <h1 className="text-base font-semibold text-slate-900">You are not allowed to see {area ?? "this page"}</h1>
      <p className="mt-1 text-sm text-slate-600">{reason ?? "Your role in this workspace does not include it."}</p>
      <p className="mt-1 text-sm text-slate-600">If you need it, ask a workspace admin.</p>
      <ButtonLink href="/catalog" className="mt-5" variant="secondary">
        Go to the catalog
      </ButtonLink>
    </div>
  );
}

export function NotFoundState({ message, backHref = "/catalog", backLabel = "Go to the catalog", className }: {
  message?: string; backHref?: string; backLabel?: string; className?: string;
}) {
  return (
    <div className={cn("mx-auto max-w-lg rounded-lg border border-slate-200 bg-white px-6 py-10 text-center", className)}>
      <div className="mx-auto mb-3 flex size-10 items-center justify-center rounded-full bg-slate-100 text-slate-500">
        <FileQuestion aria-hidden className="size-5" />
      </div>
      <h1 className="text-base font-semibold text-slate-900">{message ?? "Not found"}</h1>
      <p className="mt-1 text-sm text-slate-600">It may have been deleted, or the link is wrong.</p>
      <ButtonLink href={backHref} className="mt-5">
        {backLabel}
      </ButtonLink>
    </div>
  );
}

/** A form-level message from the server (or a network failure), announced when it appears. */
export function FormError({ error, className }: { error: unknown; className?: string }) {
  if (!error) return null;
  const message = typeof error === "string" ? error : errorInfo(error).message;
  return (
    <div role="alert" className={cn("flex items-start gap-2 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800", className)}>
      <CircleAlert aria-hidden className="mt-0.5 size-4 shrink-0 text-red-600" />
      <span className="min-w-0 break-words">{message}</span>
    </div>
  );
}

/** A whole page that says, in place of its content, that this area is not for the viewer and why. */
export function NotAllowedPage({ reason, area }: { reason: string; area: string }) {
  return (
    <Page>
      <NotAllowed area={area} reason={reason} className="mt-10" />
    </Page>
  );
}
