import { cn } from "./cn";

/** A determinate progress bar; the value text says what the numbers mean. */
export function ProgressBar({ value, label, valueText, className }: { value: number; label: string; valueText?: string; className?: string }) {
  const pct = Math.max(0, Math.min(100, Math.round(value * 100)));
  return (
    <div
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={pct}
      aria-valuetext={valueText ?? `${pct}%`}
      className={cn("h-1.5 w-full overflow-hidden rounded-full bg-slate-200", className)}
    >
      <div className="h-full rounded-full bg-indigo-600 transition-[width] duration-500 ease-out" style={{ width: `${Math.max(pct, 2)}%` }} />
    </div>
  );
}
