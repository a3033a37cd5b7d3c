import type { Db } from "./client.ts";
import { Prisma } from "./generated/client.ts";

// Every model that carries tenantId. Queries through a tenant-scoped client get it injected,
// so a domain operation cannot read or write another tenant's rows by mistake.
const tenantOwned = new Set<string>([
  "TenantMember",
  "Connection",
  "SyncRun",
  "Person",
  "Group",
  "Membership",
  "App",
  "AppOwner",
  "Role",
  "RoleGroup",
  "RoleApprovalStep",
  "AuditEvent",
  "ReviewCampaign",
  "ReviewItem",
  "AccessTask",
  "AccessRequest",
  "ApprovalStep",
  "ApprovalDecision",
  "Grant",
  "IdentityAction",
  "TicketEvent",
  "WebhookDelivery",
  "Notification",
  "SlackMessage",
  "ApiToken",
  "Bundle",
  "DriftFinding",
  "AppUsage",
  "ReclaimRule",
  "ReclaimCase",
  "LifecycleEvent",
  "AccessConfirmation",
]);

const whereOps = new Set([
  "findUnique", "findUniqueOrThrow", "findFirst", "findFirstOrThrow", "findMany",
  "count", "aggregate", "groupBy", "update", "updateMany", "updateManyAndReturn", "delete", "deleteMany",
]);

type Args = Record<string, unknown> & { where?: object; data?: unknown; create?: object };

function withTenant(tenantId: string, model: string | undefined, operation: string, args: Args): Args {
  if (!model || !tenantOwned.has(model)) return args;
  const next: Args = { ...args };
  if (whereOps.has(operation) || operation === "upsert") next.where = { ...(args.where ?? {}), tenantId };
  if (operation === "create") next.data = { ...(args.data as object), tenantId };
  if (operation === "createMany" || operation === "createManyAndReturn") {
    const rows = Array.isArray(args.data) ? args.data : [args.data];
    next.data = rows.map((r) => ({ ...(r as object), tenantId }));
  }
  if (operation === "upsert") next.create = { ...(args.create ?? {}), tenantId };
  if (operation === "update" || operation === "updateMany") {
    const data = args.data as Record<string, unknown>;
    if (data && "tenantId" in data && data.tenantId !== tenantId) throw new Error("tenantId cannot change");
  }
  return next;
}

export function scopeToTenant(db: Db, tenantId: string) {
  if (!tenantId) throw new Error("tenantId is required");
  return db.$extends({
    name: "tenant-scope",
    query: {
      $allModels: {
        async $allOperations({ model, operation, args, query }) {
          return query(withTenant(tenantId, model, operation, args as Args) as typeof args);
        },
      },
    },
  });
}

export type TenantDb = ReturnType<typeof scopeToTenant>;
/** The client handed to a callback of TenantDb.$transaction. */
export type TenantTx = Parameters<Parameters<TenantDb["$transaction"]>[0]>[0];

export { Prisma };
