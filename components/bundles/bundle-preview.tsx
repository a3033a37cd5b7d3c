"use client";

import { Minus, Plus } from "lucide-react";
import { Skeleton } from "../ui/skeleton";
import { ErrorState } from "../ui/states";
import { cn } from "../ui/cn";
import { plural } from "./format";
import type { BundlePreview, PreviewPerson } from "./types";

/** What saving would do, before it is done: who gains the bundle's roles and who loses them. */
export function BundlePreviewPanel({ preview, pending, error, ready, onRetry }: {
  preview: BundlePreview | undefined; pending: boolean; error: unknown; ready: boolean; onRetry: () => void;
}) {
  return (
    <section aria-labelledby="bundle-preview" aria-busy={pending || undefined} className="rounded-lg border border-slate-200 bg-white">
      <div className="border-b border-slate-200 px-4 py-3">
        <h2 id="bundle-preview" className="text-sm font-semibold text-slate-900">Preview</h2>
        <p className="mt-0.5 text-xs text-slate-500">What saving does, right away. Updates as you edit.</p>
      </div>
      {!ready ? (
        <p className="px-4 py-6 text-sm text-slate-500">Add a rule with a value and pick a role to see who this bundle would add and remove.</p>
      ) : error ? (
        <ErrorState error={error} title="The preview could not load" onRetry={onRetry} className="m-3" />
      ) : !preview ? (
        <div role="status" className="space-y-2 p-4"><span className="sr-only">Loading the preview…</span><Skeleton className="h-5 w-2/3" /><Skeleton className="h-5 w-1/2" /></div>
      ) : (
        <div className={cn("divide-y divide-slate-100", pending && "opacity-60")} aria-live="polite">
          <p className="px-4 py-2.5 text-xs text-slate-600">
            The rules match <span className="font-medium text-slate-900">{plural(preview.matching, "active person", "active people")}</span>.
          </p>
          <PeopleList kind="add" count={preview.add.count} people={preview.add.people} />
          <PeopleList kind="remove" count={preview.remove.count} people={preview.remove.people} />
        </div>
      )}
    </section>
  );
}

function PeopleList({ kind, count, people }: { kind: "add" | "remove"; count: number; people: PreviewPerson[] }) {
  const add = kind === "add";
  const title = add ? `Would add ${plural(count, "person", "people")}` : `Would remove ${plural(count, "person", "people")}`;
  return (
    <div className="px-4 py-3">
      <h3 className={cn("flex items-center gap-1.5 text-sm font-medium", add ? "text-emerald-800" : "text-red-800")}>
        {add ? <Plus aria-hidden className="size-4" /> : <Minus aria-hidden className="size-4" />}
        {title}
      </h3>
      {count === 0 ? (
        <p className="mt-1 text-xs text-slate-500">{add ? "Nobody new: everyone matching already holds these roles." : "Nobody loses access."}</p>
      ) : (
        <ul aria-label={title} className="mt-2 max-h-[32rem] space-y-1.5 overflow-y-auto pr-1">
          {people.map((p) => (
            <li key={p.personId} className="text-sm">
              <span className="font-medium text-slate-900">{p.name}</span>
              <span className="text-xs text-slate-500"> · {[p.title, p.department].filter(Boolean).join(", ") || p.email}</span>
              <span className="block text-xs text-slate-600">{p.roles.join(", ")} — <span className="italic">{p.reason}</span></span>
            </li>
          ))}
          {count > people.length && <li className="text-xs text-slate-500">…and {plural(count - people.length, "more person", "more people")}</li>}
        </ul>
      )}
    </div>
  );
}
