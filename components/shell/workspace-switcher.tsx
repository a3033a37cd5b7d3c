"use client";

import { useId } from "react";
import { ChevronsUpDown } from "lucide-react";
import { Badge } from "../ui/badge";

/** The current workspace; a switcher only for people in several. */
export function WorkspaceSwitcher({ current, currentName, workspaces, demo }: {
  current: string; currentName: string; workspaces: { slug: string; name: string }[]; demo: boolean;
}) {
  const id = useId();
  if (workspaces.length <= 1) {
    return (
      <div className="flex items-center justify-between rounded-md border border-slate-200 bg-slate-50 px-2.5 py-1.5">
        <div className="min-w-0">
          <div className="text-[11px] text-slate-500">Workspace</div>
          <div className="truncate text-sm font-medium text-slate-900">{currentName}</div>
        </div>
        {demo && <Badge tone="amber" dot={false}>Demo</Badge>}
      </div>
    );
  }
  return (
    <div className="relative">
      <label htmlFor={id} className="sr-only">Workspace</label>
      <select
        id={id}
        value={current}
        onChange={(e) => {
          document.cookie = `gh_tenant=${encodeURIComponent(e.target.value)}; path=/; max-age=31536000; samesite=lax`;
          window.location.assign("/catalog");
        }}
        className="w-full appearance-none rounded-md border border-slate-200 bg-slate-50 py-1.5 pl-2.5 pr-8 text-sm font-medium text-slate-900 hover:bg-slate-100"
      >
        {workspaces.map((w) => (
          <option key={w.slug} value={w.slug}>{w.name}</option>
        ))}
      </select>
      <ChevronsUpDown aria-hidden className="pointer-events-none absolute right-2 top-1/2 size-4 -translate-y-1/2 text-slate-400" />
    </div>
  );
}
