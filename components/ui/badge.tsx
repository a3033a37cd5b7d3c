import type { ReactNode } from "react";
import { cn } from "./cn";

export type Tone = "green" | "red" | "amber" | "blue" | "orange" | "slate" | "violet";

const tones: Record<Tone, { pill: string; dot: string }> = {
  green: { pill: "bg-emerald-50 text-emerald-800 ring-emerald-600/20", dot: "bg-emerald-500" },
  red: { pill: "bg-red-50 text-red-800 ring-red-600/20", dot: "bg-red-500" },
  amber: { pill: "bg-amber-50 text-amber-900 ring-amber-600/25", dot: "bg-amber-500" },
  blue: { pill: "bg-sky-50 text-sky-800 ring-sky-600/20", dot: "bg-sky-500" },
  orange: { pill: "bg-orange-50 text-orange-800 ring-orange-600/20", dot: "bg-orange-500" },
  slate: { pill: "bg-slate-100 text-slate-700 ring-slate-500/20", dot: "bg-slate-400" },
  violet: { pill: "bg-violet-50 text-violet-800 ring-violet-600/20", dot: "bg-violet-500" },
};

/** A small label with a tone; the text always carries the meaning, the colour only repeats it. */
export function Badge({ tone = "slate", dot = true, children, className, title }: {
  tone?: Tone; dot?: boolean; children: ReactNode; className?: string; title?: string;
}) {
  return (
    <span
      title={title}
      className={cn(
        "inline-flex items-center gap-1.5 whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset",
        tones[tone].pill,
        className,
      )}
    >
      {dot && <span aria-hidden className={cn("size-1.5 rounded-full", tones[tone].dot)} />}
      {children}
    </span>
  );
}

/** A neutral tag for facts that are not a status (group type, "Privileged", "Managed"). */
export function Tag({ children, className, title, icon }: { children: ReactNode; className?: string; title?: string; icon?: ReactNode }) {
  return (
    <span
      title={title}
      className={cn("inline-flex items-center gap-1 whitespace-nowrap rounded border border-slate-200 bg-white px-1.5 py-px text-xs text-slate-600", className)}
    >
      {icon}
      {children}
    </span>
  );
}
