"use client";

import { useId, useRef, useState } from "react";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useTRPC } from "../trpc";
import { Avatar } from "../ui/avatar";
import { cn } from "../ui/cn";
import { inputClass } from "../ui/field";
import { useDebounced } from "../ui/hooks";
import { errorInfo } from "../ui/errors";

export interface PickedPerson { id: string; displayName: string; email: string; title?: string | null }

/** A combobox over the directory (people.list): type a name, arrow to a person, Enter to pick. */
export function PersonPicker({ label, onPick, excludeIds = [], placeholder = "Search people…", invalid, describedBy, id: idProp }: {
  label: string; onPick: (p: PickedPerson) => void; excludeIds?: string[]; placeholder?: string; invalid?: boolean; describedBy?: string; id?: string;
}) {
  const trpc = useTRPC();
  const autoId = useId();
  const id = idProp ?? autoId;
  const listId = `${id}-list`;
  const [text, setText] = useState("");
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const inputRef = useRef<HTMLInputElement>(null);
  const search = useDebounced(text.trim(), 150);
  const q = useQuery({
    ...trpc.people.list.queryOptions({ ...(search ? { search } : {}), status: "ACTIVE", limit: 8 }),
    enabled: open,
    placeholderData: keepPreviousData,
  });
  const options = (q.data?.people ?? []).filter((p) => !excludeIds.includes(p.id));
  const pick = (p: PickedPerson) => {
    onPick({ id: p.id, displayName: p.displayName, email: p.email, title: p.title });
    setText("");
    setActive(0);
    setOpen(false);
    inputRef.current?.focus();
  };

  return (
    <div className="relative">
      <input
        ref={inputRef}
        id={id}
        role="combobox"
        aria-label={idProp ? undefined : label}
        aria-expanded={open}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={open && options[active] ? `${listId}-${options[active]!.id}` : undefined}
        aria-invalid={invalid || undefined}
        aria-describedby={describedBy}
        autoComplete="off"
        value={text}
        placeholder={placeholder}
        className={inputClass}
        onChange={(e) => {
          setText(e.target.value);
          setOpen(true);
          setActive(0);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setOpen(false)}
        onKeyDown={(e) => {
          if (e.key === "ArrowDown") {
            e.preventDefault();
            setOpen(true);
            setActive((a) => Math.min(a + 1, Math.max(options.length - 1, 0)));
          } else if (e.key === "ArrowUp") {
            e.preventDefault();
            setActive((a) => Math.max(a - 1, 0));
          } else if (e.key === "Enter") {
            if (open && options[active]) {
              e.preventDefault();
              pick(options[active]!);
            }
          } else if (e.key === "Escape" && open) {
            e.preventDefault();
            setOpen(false);
          }
        }}
      />
      {open && (
        <ul
          id={listId}
          role="listbox"
          aria-label={label}
          className="absolute z-30 mt-1 max-h-72 w-full overflow-auto rounded-md border border-slate-200 bg-white py-1 text-sm shadow-lg"
        >
          {q.isError ? (
            <li className="px-3 py-2 text-red-700">{errorInfo(q.error).message}</li>
          ) : q.isPending ? (
            <li className="px-3 py-2 text-slate-500">Searching…</li>
          ) : options.length === 0 ? (
            <li className="px-3 py-2 text-slate-500">{search ? `Nobody active matches “${search}”` : "No people to pick"}</li>
          ) : (
            options.map((p, i) => (
              <li
                key={p.id}
                id={`${listId}-${p.id}`}
                role="option"
                aria-selected={i === active}
                onMouseDown={(e) => e.preventDefault()}
                onMouseEnter={() => setActive(i)}
                onClick={() => pick(p)}
                className={cn("flex cursor-pointer items-center gap-2.5 px-3 py-1.5", i === active && "bg-indigo-50")}
              >
                <Avatar name={p.displayName} className="size-6 text-[10px]" />
                <span className="min-w-0 flex-1">
                  <span className="block truncate text-slate-900">{p.displayName}</span>
                  <span className="block truncate text-xs text-slate-500">{[p.title, p.email].filter(Boolean).join(" · ")}</span>
                </span>
              </li>
            ))
          )}
        </ul>
      )}
    </div>
  );
}
