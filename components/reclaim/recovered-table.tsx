import { cn } from "../ui/cn";
import type { RecoveredRow } from "./types";

const th = "border-b border-slate-200 bg-slate-50 px-3 py-2 text-left text-xs font-medium text-slate-500 first:rounded-tl-lg first:pl-4 last:rounded-tr-lg last:pr-4";
const td = "px-3 py-2.5 first:pl-4 last:pr-4";

export function RecoveredTable({ rows }: { rows: RecoveredRow[] }) {
  const month = rows.reduce((n, r) => n + r.thisMonth, 0);
  const all = rows.reduce((n, r) => n + r.allTime, 0);
  return (
    <div className="max-w-2xl rounded-lg border border-slate-200 bg-white">
      <table className="w-full border-separate border-spacing-0 text-sm">
        <caption className="sr-only">Reclaimed grants per app, this month and all time</caption>
        <thead>
          <tr>
            <th scope="col" className={th}>App</th>
            <th scope="col" className={cn(th, "text-right")}>This month</th>
            <th scope="col" className={cn(th, "text-right")}>All time</th>
          </tr>
        </thead>
        <tbody className="[&>tr>td]:border-b [&>tr>td]:border-slate-100">
          {rows.map((r) => (
            <tr key={r.appId}>
              <td className={cn(td, "font-medium text-slate-900")}>{r.appName}</td>
              <td className={cn(td, "text-right tabular-nums text-slate-700")}>{r.thisMonth.toLocaleString()}</td>
              <td className={cn(td, "text-right tabular-nums text-slate-700")}>{r.allTime.toLocaleString()}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row" className={cn(td, "text-left font-semibold text-slate-900")}>Total</th>
            <td className={cn(td, "text-right font-semibold tabular-nums text-slate-900")}>{month.toLocaleString()}</td>
            <td className={cn(td, "text-right font-semibold tabular-nums text-slate-900")}>{all.toLocaleString()}</td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
