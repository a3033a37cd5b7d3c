"use client";

import { useCallback, useMemo, useState } from "react";
import type { ZodType } from "zod";
import { errorInfo } from "../ui/errors";

/**
 * Form state validated on every change with the server's own zod schema. Errors show for fields
 * the person has touched (or all of them after a submit attempt); when the server disagrees, its
 * message is shown on the field it names, or above the submit button.
 */
export function useForm<S extends object>(opts: { initial: S; schema: ZodType; toInput: (s: S) => unknown; fields: string[] }) {
  const { schema, toInput, fields } = opts;
  const [state, setState] = useState<S>(opts.initial);
  const [touched, setTouched] = useState<Set<string>>(() => new Set());
  const [submitted, setSubmitted] = useState(false);
  const [server, setServer] = useState<{ fields: Record<string, string>; form: string | null }>({ fields: {}, form: null });

  const input = useMemo(() => toInput(state), [state, toInput]);
  const result = useMemo(() => schema.safeParse(input), [schema, input]);
  const clientErrors = useMemo(() => {
    const out: Record<string, string> = {};
    if (!result.success) for (const issue of result.error.issues) out[issue.path.join(".")] ??= issue.message;
    return out;
  }, [result]);

  const set = useCallback((patch: Partial<S>, touch: string[] = Object.keys(patch)) => {
    setState((s) => ({ ...s, ...patch }));
    setTouched((t) => (touch.every((k) => t.has(k)) ? t : new Set([...t, ...touch])));
    setServer((sv) => (Object.keys(sv.fields).length || sv.form ? { fields: {}, form: null } : sv));
  }, []);

  /** The error to show for a field path ("name", "steps", "steps.0.approverPersonId"). */
  const error = useCallback(
    (key: string, deep = false): string | null => {
      const root = key.split(".")[0]!;
      if (submitted || touched.has(root) || touched.has(key)) {
        if (clientErrors[key]) return clientErrors[key]!;
        if (deep) {
          const k = Object.keys(clientErrors).find((e) => e.startsWith(`${key}.`));
          if (k) return clientErrors[k]!;
        }
      }
      return server.fields[key] ?? null;
    },
    [clientErrors, server, submitted, touched],
  );

  const onServerError = useCallback(
    (err: unknown) => {
      const info = errorInfo(err);
      const f: Record<string, string> = {};
      for (const [k, msgs] of Object.entries(info.fieldErrors ?? {})) if (msgs?.[0] && fields.includes(k)) f[k] = msgs[0];
      if (info.field && fields.includes(info.field)) f[info.field] = info.message;
      setServer({ fields: f, form: Object.keys(f).length ? null : info.message });
    },
    [fields],
  );

  /** Returns the input to send, or null (and reveals every error) when it is not valid yet. */
  const prepareSubmit = useCallback(() => {
    setSubmitted(true);
    setServer({ fields: {}, form: null });
    return result.success ? input : null;
  }, [result, input]);

  const reset = useCallback((s: S) => {
    setState(s);
    setTouched(new Set());
    setSubmitted(false);
    setServer({ fields: {}, form: null });
  }, []);

  const invalidCount = submitted ? Object.keys(clientErrors).length : 0;

  return { state, set, setState, error, valid: result.success, clientErrors, serverError: server.form, onServerError, prepareSubmit, reset, submitted, invalidCount };
}
