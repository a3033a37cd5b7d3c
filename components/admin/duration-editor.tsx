"use client";

import { useId, useState } from "react";
import { X } from "lucide-react";
import { Button } from "../ui/button";
import { cn } from "../ui/cn";
import { inputClass } from "../ui/field";
import { formatMinutes } from "../catalog/format";

const PRESETS = [60, 6 * 60, 24 * 60, 7 * 24 * 60];
const UNITS = [
  { value: 1, label: "minutes" },
  { value: 60, label: "hours" },
  { value: 1440, label: "days" },
];

function split(minutes: number | null): { amount: string; unit: number } {
  if (!minutes) return { amount: "", unit: 60 };
  if (minutes % 1440 === 0) return { amount: String(minutes / 1440), unit: 1440 };
  if (minutes % 60 === 0) return { amount: String(minutes / 60), unit: 60 };
  return { amount: String(minutes), unit: 1 };
}

/** Preset chips (1 h, 6 h, 24 h, 7 d), any custom duration, and the maximum. */
export function DurationEditor({ allowed, onAllowed, max, onMax, allowedError, maxError }: {
  allowed: number[]; onAllowed: (v: number[]) => void; max: number | null; onMax: (v: number | null) => void;
  allowedError?: string | null; maxError?: string | null;
}) {
  const id = useId();
  const [custom, setCustom] = useState({ amount: "", unit: 60 });
  const [maxText, setMaxText] = useState(() => split(max));
  const customMinutes = Math.round(Number(custom.amount) * custom.unit);
  const customOk = custom.amount.trim() !== "" && Number.isFinite(customMinutes) && customMinutes >= 15;
  const toggle = (m: number) => onAllowed(allowed.includes(m) ? allowed.filter((x) => x !== m) : [...allowed, m].sort((a, b) => a - b));
  const customs = allowed.filter((m) => !PRESETS.includes(m));

  const setMax = (amount: string, unit: number) => {
    setMaxText({ amount, unit });
    const n = Number(amount);
    onMax(amount.trim() === "" || !Number.isFinite(n) ? null : Math.round(n * unit));
  };

  return (
    <div className="space-y-4">
      <fieldset aria-describedby={`${id}-allowed-d`}>
        <legend className="text-sm font-medium text-slate-800">Durations people can pick</legend>
        <p id={`${id}-allowed-d`} className={cn("mt-0.5 text-xs", allowedError ? "font-medium text-red-700" : "text-slate-500")}>
          {allowedError ?? "Leave all off to let people choose any duration up to the maximum."}
        </p>
        <div className="mt-2 flex flex-wrap items-center gap-1.5">
          {PRESETS.map((m) => {
            const on = allowed.includes(m);
            return (
              <button
                key={m}
                type="button"
                aria-pressed={on}
                onClick={() => toggle(m)}
                className={cn(
                  "h-7 rounded-full border px-3 text-xs font-medium",
                  on ? "border-indigo-600 bg-indigo-600 text-white" : "border-slate-200 bg-white text-slate-700 hover:bg-slate-50",
                )}
              >
                {formatMinutes(m)}
              </button>
            );
          })}
          {customs.map((m) => (
            <span key={m} className="inline-flex h-7 items-center gap-1 rounded-full border border-indigo-600 bg-indigo-600 pl-3 pr-1 text-xs font-medium text-white">
              {formatMinutes(m)}
              <button type="button" aria-label={`Remove ${formatMinutes(m)}`} onClick={() => toggle(m)} className="rounded-full p-0.5 hover:bg-indigo-500">
                <X aria-hidden className="size-3" />
              </button>
            </span>
          ))}
        </div>
        <div className="mt-2 flex items-center gap-1.5">
          <label htmlFor={`${id}-custom`} className="text-xs text-slate-600">Custom</label>
          <input
            id={`${id}-custom`}
            inputMode="decimal"
            value={custom.amount}
            onChange={(e) => setCustom({ ...custom, amount: e.target.value })}
            onKeyDown={(e) => {
              if (e.key === "Enter") {
                e.preventDefault();
                if (customOk && !allowed.includes(customMinutes)) toggle(customMinutes);
                setCustom({ ...custom, amount: "" });
              }
            }}
            className={cn(inputClass, "h-7 w-16 py-0 text-xs")}
            placeholder="2"
          />
          <select aria-label="Custom duration unit" value={custom.unit} onChange={(e) => setCustom({ ...custom, unit: Number(e.target.value) })} className={cn(inputClass, "h-7 w-24 py-0 text-xs")}>
            {UNITS.map((u) => <option key={u.value} value={u.value}>{u.label}</option>)}
          </select>
          <Button
            size="sm"
            disabled={!customOk || allowed.includes(customMinutes)}
            onClick={() => {
              toggle(customMinutes);
              setCustom({ ...custom, amount: "" });
            }}
          >
            Add duration
          </Button>
          {custom.amount && !customOk && <span className="text-xs text-red-700">At least 15 minutes</span>}
        </div>
      </fieldset>

      <div>
        <label htmlFor={`${id}-max`} className="block text-sm font-medium text-slate-800">Maximum duration <span className="font-normal text-slate-500">(optional)</span></label>
        <div className="mt-1 flex items-center gap-1.5">
          <input
            id={`${id}-max`}
            inputMode="decimal"
            value={maxText.amount}
            onChange={(e) => setMax(e.target.value, maxText.unit)}
            aria-invalid={maxError ? true : undefined}
            aria-describedby={`${id}-max-d`}
            className={cn(inputClass, "w-20")}
            placeholder="—"
          />
          <select aria-label="Maximum duration unit" value={maxText.unit} onChange={(e) => setMax(maxText.amount, Number(e.target.value))} className={cn(inputClass, "w-28")}>
            {UNITS.map((u) => <option key={u.value} value={u.value}>{u.label}</option>)}
          </select>
        </div>
        <p id={`${id}-max-d`} className={cn("mt-1 text-xs", maxError ? "font-medium text-red-700" : "text-slate-500")}>
          {maxError ?? (max ? `Nobody can hold this role for longer than ${formatMinutes(max)} per request.` : "No maximum: time-bound requests can be as long as people ask.")}
        </p>
      </div>
    </div>
  );
}
