import type { ReactNode } from "react";
import { cn } from "../ui/cn";
import { RelativeTime } from "../ui/relative-time";

const toneClass = {
  done: "bg-emerald-100 text-emerald-700",
  bad: "bg-red-100 text-red-700",
  now: "bg-amber-100 text-amber-800",
  ending: "bg-orange-100 text-orange-700",
  later: "bg-slate-100 text-slate-400",
} as const;
export type TrailTone = keyof typeof toneClass;

/** One step of a request's trail: an icon on the line, what happened, when, and the proof below. */
export function TrailEvent({ icon, title, badge, at, meta, tone = "done", children, last }: {
  icon: ReactNode; title: ReactNode; badge?: ReactNode; at?: Date | string | null; meta?: ReactNode; tone?: TrailTone; children?: ReactNode; last?: boolean;
}) {
  return (
    <li className="relative flex gap-3 pb-5">
      {!last && <span aria-hidden className="absolute top-7 bottom-0 left-3 w-px bg-slate-200" />}
      <span aria-hidden className={cn("z-10 flex size-6 shrink-0 items-center justify-center rounded-full", toneClass[tone])}>{icon}</span>
      <div className="min-w-0 flex-1 pt-0.5">
        <div className="flex flex-wrap items-center gap-x-2 gap-y-1">
          <h3 className="text-sm font-medium text-slate-900">{title}</h3>
          {badge}
          {at && <span className="text-xs text-slate-500"><RelativeTime date={at} /></span>}
          {meta && <span className="text-xs text-slate-500">{meta}</span>}
        </div>
        {children && <div className="mt-1">{children}</div>}
      </div>
    </li>
  );
}
