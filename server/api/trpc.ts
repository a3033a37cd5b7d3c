import { initTRPC, TRPCError } from "@trpc/server";
import superjson from "superjson";
import { ZodError } from "zod";
import { DomainError } from "../domain/errors.ts";
import { forTenant, type TenantScope } from "../domain/services.ts";
import type { ApiContext } from "./context.ts";
import { resolveMembership, type Membership } from "./membership.ts";
import { logger } from "../lib/logger.ts";

const t = initTRPC.context<ApiContext>().create({
  transformer: superjson,
  errorFormatter({ shape, error }) {
    const cause = error.cause;
    return {
      ...shape,
      message: error.code === "INTERNAL_SERVER_ERROR" ? "Something went wrong on our side. Try again; if it persists, contact support." : shape.message,
      data: {
        ...shape.data,
        stack: undefined,
        field: cause instanceof DomainError ? cause.field : undefined,
        fieldErrors: cause instanceof ZodError ? cause.flatten().fieldErrors : undefined,
      },
    };
  },
});

const codes: Record<DomainError["code"], TRPCError["code"]> = {
  NOT_FOUND: "NOT_FOUND", FORBIDDEN: "FORBIDDEN", BAD_REQUEST: "BAD_REQUEST", CONFLICT: "CONFLICT", PRECONDITION_FAILED: "PRECONDITION_FAILED",
};

/** Domain errors become 4xx with their message; zod errors become 400 with field errors; anything else is logged. */
const errors = t.middleware(async ({ next, path }) => {
  const result = await next();
  if (!result.ok) {
    const cause = result.error.cause;
    if (cause instanceof DomainError) throw new TRPCError({ code: codes[cause.code], message: cause.message, cause });
    if (cause instanceof ZodError) {
      throw new TRPCError({ code: "BAD_REQUEST", message: cause.issues.map((i) => i.message).join("; "), cause });
    }
    if (result.error.code === "INTERNAL_SERVER_ERROR") logger.error({ path, err: cause ?? result.error }, "procedure failed");
  }
  return result;
});

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;
export const publicProcedure = t.procedure.use(errors);

export const protectedProcedure = publicProcedure.use(({ ctx, next }) => {
  if (!ctx.user) throw new TRPCError({ code: "UNAUTHORIZED", message: "Sign in to continue" });
  return next({ ctx: { ...ctx, user: ctx.user } });
});

export interface TenantContext extends ApiContext {
  user: NonNullable<ApiContext["user"]>;
  membership: Membership;
  scope: TenantScope;
}

/** Resolves the tenant and the caller's roles once; every procedure below sees only this tenant. */
export const tenantProcedure = protectedProcedure.use(async ({ ctx, next }) => {
  const membership = await resolveMembership(ctx.services.db, ctx.user.id, ctx.tenantSlug);
  if (!membership) throw new TRPCError({ code: "FORBIDDEN", message: "You are not a member of this workspace" });
  const scope = forTenant(ctx.services, membership.tenantId, { type: "user", id: ctx.user.id, label: ctx.user.email });
  return next({ ctx: { ...ctx, membership, scope } });
});

export const adminProcedure = tenantProcedure.use(({ ctx, next }) => {
  if (!ctx.membership.roles.includes("admin")) throw new TRPCError({ code: "FORBIDDEN", message: "Only workspace admins can do this" });
  return next();
});

/** Read access to the whole directory: admins, auditors and security. */
export const directoryReaderProcedure = tenantProcedure.use(({ ctx, next }) => {
  const r = ctx.membership.roles;
  if (!r.includes("admin") && !r.includes("auditor") && !r.includes("security")) {
    throw new TRPCError({ code: "FORBIDDEN", message: "Only admins, auditors and security can see the whole directory" });
  }
  return next();
});

/** The audit log: admins and auditors (auditors read; verifying only appends its own audit event). */
export const auditReaderProcedure = tenantProcedure.use(({ ctx, next }) => {
  const r = ctx.membership.roles;
  if (!r.includes("admin") && !r.includes("auditor")) {
    throw new TRPCError({ code: "FORBIDDEN", message: "Only admins and auditors can see the audit log" });
  }
  return next();
});
