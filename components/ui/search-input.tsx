"use client";

import { forwardRef } from "react";
import { Search, X } from "lucide-react";
import { cn } from "./cn";
import { inputClass } from "./field";

export const SearchInput = forwardRef<HTMLInputElement, {
  value: string; onChange: (v: string) => void; label: string; placeholder?: string; className?: string;
}>(function SearchInput({ value, onChange, label, placeholder, className }, ref) {
  return (
    <div className={cn("relative", className)}>
      <Search aria-hidden className="pointer-events-none absolute left-2.5 top-1/2 size-4 -translate-y-1/2 text-slate-400" />
      <input
        ref={ref}
        type="search"
        aria-label={label}
        value={value}
        placeholder={placeholder ?? label}
        onChange={(e) => onChange(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === "Escape" && value) {
            e.preventDefault();
            onChange("");
          }
        }}
        className={cn(inputClass, "pl-8 pr-8 [&::-webkit-search-cancel-button]:hidden")}
      />
      {value && (
        <button
          type="button"
          onClick={() => onChange("")}
          aria-label="Clear search"
          className="absolute right-1.5 top-1/2 -translate-y-1/2 rounded p-1 text-slate-400 hover:bg-slate-100 hover:text-slate-700"
        >
          <X aria-hidden className="size-3.5" />
        </button>
      )}
    </div>
  );
});
