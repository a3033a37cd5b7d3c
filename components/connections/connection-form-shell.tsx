import type { ReactNode } from "react";
import { Button } from "../ui/button";
import { FormError } from "../ui/states";

/**
 * The frame every "connect / replace credentials" form shares: its heading and what the connection is for,
 * the fields, and a footer whose button says what saving does (credentials are verified before anything is stored).
 */
export function ConnectionFormShell(props: {
  /** e.g. "Connect Slack"; replaced by "Replace the credentials of <name>" when `replacing` names a connection. */
  title: string;
  replacing?: string;
  about: ReactNode;
  busy: boolean;
  serverError: string | null | undefined;
  /** Fields are marked invalid: say so beside the button (the fields say what). */
  invalid?: boolean;
  onSubmit(): void;
  onCancel(): void;
  children: ReactNode;
}) {
  const { title, replacing, about, busy, serverError, invalid, onSubmit, onCancel, children } = props;
  return (
    <form
      noValidate
      aria-label={replacing ? `Replace credentials of ${replacing}` : title}
      className="rounded-lg border border-indigo-200 bg-white shadow-sm"
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit();
      }}
    >
      <div className="space-y-4 px-5 py-4">
        <div>
          <h3 className="text-sm font-semibold text-slate-900">{replacing ? `Replace the credentials of ${replacing}` : title}</h3>
          <p className="mt-0.5 text-xs text-slate-500">{about}</p>
        </div>
        {children}
      </div>
      <div className="flex flex-wrap items-center gap-3 rounded-b-lg border-t border-slate-200 bg-slate-50 px-5 py-3">
        <Button type="submit" variant="primary" busy={busy}>{busy ? "Connecting…" : replacing ? "Verify and replace" : "Connect and save"}</Button>
        <Button onClick={onCancel} disabled={busy}>Cancel</Button>
        {invalid && !serverError && <p role="alert" className="text-xs font-medium text-red-700">Fix the highlighted fields to connect.</p>}
        <FormError error={serverError} className="w-full" />
      </div>
    </form>
  );
}
