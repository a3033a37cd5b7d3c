import { TRPCClientError } from "@trpc/client";

export interface ErrorInfo {
  message: string;
  code?: string;
  /** The field the server blamed (DomainError.field). */
  field?: string;
  /** Field errors from the server's zod validation. */
  fieldErrors?: Record<string, string[] | undefined>;
}

/** What the server said, in words a person can act on; never a stack trace. */
export function errorInfo(err: unknown): ErrorInfo {
  if (err instanceof TRPCClientError) {
    const data = (err.data ?? {}) as { code?: string; field?: string; fieldErrors?: Record<string, string[]> };
    const network = !err.data && /fetch|network|Failed to/i.test(err.message);
    return {
      message: network ? "Could not reach Gatehouse. Check your connection and try again." : err.message,
      code: data.code,
      field: data.field ?? undefined,
      fieldErrors: data.fieldErrors ?? undefined,
    };
  }
  if (err instanceof Error) return { message: err.message };
  return { message: "Something went wrong. Try again." };
}

export const isForbidden = (err: unknown) => errorInfo(err).code === "FORBIDDEN";
export const isNotFound = (err: unknown) => errorInfo(err).code === "NOT_FOUND";
