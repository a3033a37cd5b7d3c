import type { ReactNode } from "react";

/** One section of a long form: a title and a line about it on the left, its fields on the right (stacked on narrow screens). */
export function FormRow({ title, about, children }: { title: string; about: string; children: ReactNode }) {
  return (
    <section className="grid gap-x-8 gap-y-3 border-b border-slate-200 px-5 py-5 last-of-type:border-b-0 lg:grid-cols-[14rem_minmax(0,1fr)]">
      <div>
        <h2 className="text-sm font-semibold text-slate-900">{title}</h2>
        <p className="mt-1 text-xs leading-relaxed text-slate-500">{about}</p>
      </div>
      <div className="min-w-0">{children}</div>
    </section>
  );
}
