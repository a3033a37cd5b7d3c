"use client";

import { useId, useState } from "react";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { Lock, X } from "lucide-react";
import { useTRPC } from "../trpc";
import { SearchInput } from "../ui/search-input";
import { useDebounced } from "../ui/hooks";
import { errorInfo } from "../ui/errors";
import { groupTypeLabel } from "../catalog/format";

export interface PickedGroup { id: string; name: string; type?: string; externalId?: string; source?: string }

/**
 * The directory's groups as a searchable checklist (catalog.groups). Groups the directory will not let us
 * change are listed, but disabled, with the reason.
 */
export function GroupPicker({ selected, onChange, error, limit = 20 }: {
  selected: PickedGroup[]; onChange: (g: PickedGroup[]) => void; error?: string | null; limit?: number;
}) {
  const trpc = useTRPC();
  const id = useId();
  const [text, setText] = useState("");
  const search = useDebounced(text.trim(), 150);
  const q = useQuery({ ...trpc.catalog.groups.queryOptions({ ...(search ? { search } : {}), limit: 50 }), placeholderData: keepPreviousData });
  const isSelected = (gid: string) => selected.some((s) => s.id === gid);
  const toggle = (g: PickedGroup) => onChange(isSelected(g.id) ? selected.filter((s) => s.id !== g.id) : [...selected, g]);
  const groups = q.data ?? [];

  return (
    <fieldset aria-describedby={error ? `${id}-err` : undefined} className="space-y-2">
      <legend className="text-sm font-medium text-slate-800">Directory groups this role grants</legend>
      <p className="text-xs text-slate-500">Approved requests add the person to every group below, and remove them when access ends.</p>
      {selected.length > 0 ? (
        <ul aria-label="Selected groups" className="flex flex-wrap gap-1.5">
          {selected.map((g) => (
            <li key={g.id} className="inline-flex items-center gap-1 rounded-md bg-indigo-50 py-0.5 pl-2 pr-1 text-xs text-indigo-900 ring-1 ring-inset ring-indigo-200">
              <code className="font-mono">{g.source ?? "idp"}:{g.name}</code>
              <button type="button" aria-label={`Remove ${g.name}`} onClick={() => toggle(g)} className="rounded p-0.5 text-indigo-500 hover:bg-indigo-100 hover:text-indigo-900">
                <X aria-hidden className="size-3" />
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <p className="text-xs text-slate-500">No group picked yet.</p>
      )}
      <div className="rounded-md border border-slate-200">
        <div className="border-b border-slate-200 p-2">
          <SearchInput value={text} onChange={setText} label="Search groups" placeholder="Search groups…" />
        </div>
        <ul className="max-h-60 overflow-y-auto py-1" aria-busy={q.isFetching || undefined}>
          {q.isPending ? (
            <li className="px-3 py-2 text-sm text-slate-500">Loading groups…</li>
          ) : q.isError ? (
            <li className="px-3 py-2 text-sm text-red-700">{errorInfo(q.error).message}</li>
          ) : groups.length === 0 ? (
            <li className="px-3 py-2 text-sm text-slate-500">
              {search ? `No group matches “${search}”.` : "No groups yet — sync a directory in Settings → Connections first."}
            </li>
          ) : (
            groups.map((g) => {
              const checked = isSelected(g.id);
              const disabled = !g.managed && !checked;
              const inputId = `${id}-${g.id}`;
              return (
                <li key={g.id} className={`flex items-start gap-2.5 px-3 py-1.5 ${disabled ? "opacity-60" : "hover:bg-slate-50"}`}>
                  <input
                    id={inputId}
                    type="checkbox"
                    checked={checked}
                    disabled={disabled || (!checked && selected.length >= limit)}
                    aria-describedby={`${inputId}-d`}
                    onChange={() => toggle({ id: g.id, name: g.name, type: g.type, externalId: g.externalId, source: g.source })}
                    className="mt-0.5 size-4 accent-indigo-600"
                  />
                  <label htmlFor={inputId} className="min-w-0 flex-1 cursor-pointer">
                    <span className="flex items-center gap-1.5">
                      <code className="font-mono text-xs text-slate-900">{g.name}</code>
                      {!g.managed && <Lock aria-hidden className="size-3 text-amber-700" />}
                    </span>
                    <span id={`${inputId}-d`} className="block text-xs text-slate-500">
                      {groupTypeLabel(g.type)} · {g.memberCount} {g.memberCount === 1 ? "member" : "members"}
                      {!g.managed && <span className="text-amber-800"> · Unmanaged: {g.unmanagedReason ?? "The directory does not allow changes"}</span>}
                    </span>
                  </label>
                </li>
              );
            })
          )}
        </ul>
        {groups.length >= 50 && <p className="border-t border-slate-200 px-3 py-1.5 text-xs text-slate-500">Showing the first 50 — search to narrow.</p>}
      </div>
      {error && <p id={`${id}-err`} className="text-xs font-medium text-red-700">{error}</p>}
    </fieldset>
  );
}
