/** Failures a caller can act on; tRPC, HTTP routes and the CLI map the code to 4xx / exit codes. */
export class DomainError extends Error {
  constructor(
    readonly code: "NOT_FOUND" | "FORBIDDEN" | "BAD_REQUEST" | "CONFLICT" | "PRECONDITION_FAILED",
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = "DomainError";
  }
}

export const notFound = (what: string) => new DomainError("NOT_FOUND", `${what} not found`);
export const forbidden = (why: string) => new DomainError("FORBIDDEN", why);
export const badRequest = (why: string, field?: string) => new DomainError("BAD_REQUEST", why, field);
export const conflict = (why: string, field?: string) => new DomainError("CONFLICT", why, field);

/** Prisma's unique-constraint violation, turned into a message about the field. */
export function isUniqueViolation(e: unknown): boolean {
  return typeof e === "object" && e !== null && (e as { code?: string }).code === "P2002";
}
