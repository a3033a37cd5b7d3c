// How the CLI turns a failure into a message on stderr and an exit code. Kept free of heavy imports so
// that `--help` and usage errors stay fast.
import { DomainError } from "../domain/errors.ts";
import { DataDirInUseError } from "../db/data-dir-lock.ts";

export const EXIT_OK = 0;
/** A domain error, a failed sync, an unreachable database, anything that went wrong while doing the work. */
export const EXIT_FAILURE = 1;
/** The command line itself is wrong: unknown command or option, missing or invalid arguments. */
export const EXIT_USAGE = 2;

/** A mistake in how the command was called (exit 2). */
export class UsageError extends Error {
  constructor(message: string, readonly details: string[] = []) {
    super(message);
    this.name = "UsageError";
  }
}

/** A failure the CLI explains itself (exit 1), e.g. "run gatehouse migrate first". */
export class CliError extends Error {
  constructor(message: string, readonly exitCode = EXIT_FAILURE) {
    super(message);
    this.name = "CliError";
  }
}

/** The command printed its result already and only sets the exit code (e.g. 1 for a broken audit chain). */
export class ResultExit extends Error {
  constructor(readonly exitCode: number) {
    super(`exit ${exitCode}`);
    this.name = "ResultExit";
  }
}

interface ZodIssueLike {
  code?: string;
  path: PropertyKey[];
  message: string;
  errors?: ZodIssueLike[][];
}

function isZodError(e: unknown): e is Error & { issues: ZodIssueLike[] } {
  return e instanceof Error && e.name === "ZodError" && Array.isArray((e as { issues?: unknown }).issues);
}

/** Domain input fields → the CLI flags that fill them. */
const flagOverrides: Record<string, string> = {
  privateKey: "--private-key-file",
  token: "--token",
  tenantId: "--entra-tenant-id",
  ca: "--ca-file",
  serviceAccountKey: "--key-file",
  kind: "<command>",
  durationMinutes: "--duration",
  beneficiaryPersonId: "--for",
  requesterPersonId: "--as",
  deciderPersonId: "--as",
  roleId: "--role",
  requestId: "--request",
  decision: "--approve or --deny",
};

export function flagFor(path: PropertyKey[]): string {
  if (!path.length) return "input";
  const key = String(path[path.length - 1]);
  return flagOverrides[key] ?? `--${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
}

/** Zod's union errors nest one issue list per branch; keep the branch the input was meant for. */
function flattenIssues(issues: ZodIssueLike[]): ZodIssueLike[] {
  return issues.flatMap((issue) => {
    if (issue.code !== "invalid_union" || !issue.errors?.length) return [issue];
    const branches = issue.errors.filter((b) => !b.some((i) => ["kind", "authMode"].includes(String(i.path[0]))));
    const best = (branches.length ? branches : issue.errors).reduce((a, b) => (b.length < a.length ? b : a));
    return flattenIssues(best.length ? best : [issue]);
  });
}

export function zodFieldMessages(e: { issues: ZodIssueLike[] }): string[] {
  const lines = flattenIssues(e.issues).map((i) => `${flagFor(i.path)}: ${i.message}`);
  return [...new Set(lines)];
}

export interface Reported {
  exitCode: number;
  lines: string[];
}

/** The message and exit code for any error the CLI may meet; never a stack trace unless asked. */
export function describeError(err: unknown, opts: { debug?: boolean } = {}): Reported {
  const withStack = (r: Reported): Reported =>
    opts.debug && err instanceof Error && err.stack ? { ...r, lines: [...r.lines, "", err.stack] } : r;

  if (err instanceof ResultExit) return { exitCode: err.exitCode, lines: [] };
  if (err instanceof UsageError) {
    return withStack({ exitCode: EXIT_USAGE, lines: [`Error: ${err.message}`, ...err.details.map((d) => `  ${d}`), "(add --help for usage)"] });
  }
  if (isZodError(err)) {
    return withStack({ exitCode: EXIT_USAGE, lines: ["Error: invalid input", ...zodFieldMessages(err).map((d) => `  ${d}`)] });
  }
  if (err instanceof DataDirInUseError) {
    return withStack({
      exitCode: EXIT_FAILURE,
      lines: [
        `Error: the embedded database at ${err.dataDir} is in use by another process (pid ${err.pid}), most likely the running Gatehouse app.`,
        "  PGlite cannot be opened by two processes at once, so the CLI did not open it.",
        "  Stop Gatehouse first (Ctrl-C in the terminal running `npm start`), or run Gatehouse on PostgreSQL (DATABASE_URL) to use the CLI alongside it.",
      ],
    });
  }
  if (err instanceof DomainError) {
    return withStack({ exitCode: EXIT_FAILURE, lines: [`Error: ${err.message}`] });
  }
  if (err instanceof CliError) {
    return withStack({ exitCode: err.exitCode, lines: err.message.split("\n").map((l, i) => (i === 0 ? `Error: ${l}` : `  ${l}`)) });
  }
  const message = err instanceof Error ? err.message : String(err);
  let lines = message.split("\n").map((l) => l.trim()).filter(Boolean);
  // Prisma prefixes the reason with the invocation and a code frame: keep the reason.
  if (lines[0]?.startsWith("Invalid `")) lines = lines.slice(-1);
  if (!lines.length) lines = [err instanceof Error ? err.name : "unknown error"];
  return withStack({
    exitCode: EXIT_FAILURE,
    lines: [`Error: ${lines[0]}`, ...lines.slice(1, 8).map((l) => `  ${l}`), ...(opts.debug ? [] : ["  (run again with --debug for details)"])],
  });
}
