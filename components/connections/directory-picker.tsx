"use client";

import { useId } from "react";
import { Users } from "lucide-react";
import { Button } from "../ui/button";
import { DIRECTORY_BLURB, DIRECTORY_KINDS, DIRECTORY_LABEL, type DirectoryKind } from "./directory-kinds";

/** "Add directory": which directory to connect. Any number of each, told apart by name. */
export function DirectoryPicker({ onPick, onCancel }: { onPick: (kind: DirectoryKind) => void; onCancel: () => void }) {
  const id = useId();
  return (
    <section aria-labelledby="add-directory" className="rounded-lg border border-indigo-200 bg-white shadow-sm">
      <div className="px-5 py-4">
        <h3 id="add-directory" className="text-sm font-semibold text-slate-900">Add a directory</h3>
        <p className="mt-0.5 text-xs text-slate-500">Where Gatehouse reads people and groups, and grants access by group membership.</p>
        <ul className="mt-3 grid gap-2 md:grid-cols-2">
          {DIRECTORY_KINDS.map((k) => (
            <li key={k}>
              <button
                type="button"
                onClick={() => onPick(k)}
                aria-label={DIRECTORY_LABEL[k]}
                aria-describedby={`${id}-${k}`}
                className="flex w-full items-start gap-2.5 rounded-md border border-slate-200 px-3 py-2 text-left hover:border-indigo-600 hover:bg-indigo-50/50 focus-visible:outline-2 focus-visible:outline-indigo-600"
              >
                <Users aria-hidden className="mt-0.5 size-4 shrink-0 text-slate-500" />
                <span>
                  <span className="block text-sm font-medium text-slate-900">{DIRECTORY_LABEL[k]}</span>
                  <span id={`${id}-${k}`} className="block text-xs text-slate-500">{DIRECTORY_BLURB[k]}</span>
                </span>
              </button>
            </li>
          ))}
        </ul>
      </div>
      <div className="rounded-b-lg border-t border-slate-200 bg-slate-50 px-5 py-3">
        <Button onClick={onCancel}>Cancel</Button>
      </div>
    </section>
  );
}
