"use client";

import { cn } from "./cn";

/** Filter chips: a labelled group of toggle buttons; exactly one is pressed. */
export function FilterChips({ label, options, value, onChange, className }: {
  label: string;
  options: { value: string; label: string; count?: number }[];
  value: string;
  onChange: (v: string) => void;
  className?: string;
}) {
  return (
    <div role="group" aria-label={label} className={cn("flex flex-wrap items-center gap-1.5", className)}>
      {options.map((o) => {
        const pressed = o.value === value;
        return (
          <button
            key={o.value || "__all"}
            type="button"
            aria-pressed={pressed}
            onClick={() => onChange(pressed && o.value ? "" : o.value)}
            className={cn(
              "inline-flex h-7 items-center gap-1.5 rounded-full border px-2.5 text-xs font-medium transition-colors",
              pressed ? "border-indigo-600 bg-indigo-600 text-white" : "border-slate-200 bg-white text-slate-700 hover:border-slate-300 hover:bg-slate-50",
            )}
          >
            {o.label}
            {o.count != null && <span className={cn("tabular-nums", pressed ? "text-indigo-100" : "text-slate-400")}>{o.count}</span>}
          </button>
        );
      })}
    </div>
  );
}
