import { createHash } from "node:crypto";
import type { TenantTx } from "../db/tenant-db.ts";
import type { Prisma } from "../db/generated/client.ts";

/** A transaction client, tenant-scoped or not. */
export type AuditWriter = TenantTx | Prisma.TransactionClient;
import type { Actor } from "./actor.ts";

export interface AuditInput {
  action: string;
  subjectType: string;
  subjectId: string;
  data?: Record<string, unknown>;
}

export const GENESIS_HASH = "0".repeat(64);

/** The hash of one event: stable JSON of its content plus the hash of the event before it. */
export function auditHash(e: {
  tenantId: string; seq: number; at: Date; actorType: string; actorId: string | null; actorLabel: string;
  action: string; subjectType: string; subjectId: string; data: unknown; prevHash: string;
}): string {
  const body = JSON.stringify([
    e.tenantId, e.seq, e.at.toISOString(), e.actorType, e.actorId, e.actorLabel,
    e.action, e.subjectType, e.subjectId, stableJson(e.data), e.prevHash,
  ]);
  return createHash("sha256").update(body).digest("hex");
}

function stableJson(v: unknown): string {
  if (v === null || typeof v !== "object") return JSON.stringify(v ?? null);
  if (Array.isArray(v)) return `[${v.map(stableJson).join(",")}]`;
  const o = v as Record<string, unknown>;
  return `{${Object.keys(o).sort().map((k) => `${JSON.stringify(k)}:${stableJson(o[k])}`).join(",")}}`;
}

/**
 * Appends an audit event inside the caller's transaction. The per-tenant advisory lock
 * serialises writers so sequence numbers and the hash chain have no gaps or forks.
 */
export async function recordAudit(tx: AuditWriter, tenantId: string, actor: Actor, input: AuditInput, at: Date) {
  const [row] = await recordAudits(tx, tenantId, actor, [input], at);
  return row!;
}

/** Appends several events in order under one lock and one insert (bulk work such as expiring many grants). */
export async function recordAudits(tx: AuditWriter, tenantId: string, actor: Actor, inputs: AuditInput[], at: Date) {
  if (inputs.length === 0) return [];
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${"audit:" + tenantId}))`;
  // Filtered by tenant explicitly: correct with a tenant-scoped client and with a plain one alike.
  const last = await tx.auditEvent.findFirst({ where: { tenantId }, orderBy: { seq: "desc" }, select: { seq: true, hash: true } });
  let seq = last?.seq ?? 0;
  let prevHash = last?.hash ?? GENESIS_HASH;
  const rows = inputs.map((input) => {
    const row = {
      tenantId, seq: ++seq, at, actorType: actor.type, actorId: actor.id ?? null, actorLabel: actor.label,
      action: input.action, subjectType: input.subjectType, subjectId: input.subjectId, data: JSON.parse(JSON.stringify(input.data ?? {})), prevHash,
    };
    prevHash = auditHash(row);
    return { ...row, hash: prevHash };
  });
  return (tx as Prisma.TransactionClient).auditEvent.createManyAndReturn({ data: rows });
}
