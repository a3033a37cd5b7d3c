"use client";

import type { ReactNode } from "react";
import { Check } from "lucide-react";
import { cn } from "../ui/cn";

export interface ToggleOption { value: string; label: ReactNode; count?: number; disabled?: boolean; title?: string; ariaLabel?: string }

/** Chips that toggle independently (a multi-select); each says whether it is pressed. */
export function ToggleChips({ label, options, values, onChange, className, describedBy }: {
  label: string; options: ToggleOption[]; values: readonly (string | number)[]; onChange: (v: string[]) => void; className?: string; describedBy?: string;
}) {
  const picked = values.map(String);
  return (
    <div role="group" aria-label={label} aria-describedby={describedBy} className={cn("flex flex-wrap items-center gap-1.5", className)}>
      {options.map((o) => {
        const pressed = picked.includes(o.value);
        return (
          <button
            key={o.value}
            type="button"
            aria-pressed={pressed}
            aria-label={o.ariaLabel}
            disabled={o.disabled}
            title={o.title}
            onClick={() => onChange(pressed ? picked.filter((v) => v !== o.value) : [...picked, o.value])}
            className={cn(
              "inline-flex h-7 items-center gap-1.5 rounded-full border px-2.5 text-xs font-medium transition-colors disabled:cursor-not-allowed",
              pressed
                ? "border-indigo-600 bg-indigo-50 text-indigo-900 disabled:border-indigo-200 disabled:text-indigo-400"
                : "border-slate-200 bg-white text-slate-700 hover:border-slate-300 hover:bg-slate-50 disabled:text-slate-400 disabled:hover:bg-white",
            )}
          >
            {pressed && <Check aria-hidden className="-ml-0.5 size-3 text-indigo-600" />}
            {o.label}
            {o.count != null && <span className={cn("tabular-nums", pressed ? "text-indigo-500" : "text-slate-400")}>{o.count}</span>}
          </button>
        );
      })}
    </div>
  );
}
