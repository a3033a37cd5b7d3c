import { createHash, randomUUID } from "node:crypto";
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

/**
 * Takes the tenant's chain lock (until the transaction ends) and reads its last link. The per-tenant advisory
 * lock serialises writers so sequence numbers and the hash chain have no gaps or forks.
 */
async function lockChainHead(tx: AuditWriter, tenantId: string): Promise<{ seq: number; hash: string }> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${"audit:" + tenantId}))`;
  // Filtered by tenant explicitly: correct with a tenant-scoped client and with a plain one alike.
  const last = await tx.auditEvent.findFirst({ where: { tenantId }, orderBy: { seq: "desc" }, select: { seq: true, hash: true } });
  return { seq: last?.seq ?? 0, hash: last?.hash ?? GENESIS_HASH };
}

/** Appends several events in order under one lock and one insert (bulk work such as expiring many grants). */
export async function recordAudits(tx: AuditWriter, tenantId: string, actor: Actor, inputs: AuditInput[], at: Date) {
  if (inputs.length === 0) return [];
  const head = await lockChainHead(tx, tenantId);
  let seq = head.seq;
  let prevHash = head.hash;
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

/**
 * recordAudits for thousands of events (a scan opening many cases): the same chain, written in one statement
 * with no rows returned. Prisma's createMany binds every value as its own parameter (about 0.5 ms a row on PGlite). Only what varies per event
 * travels as JSON (the rest are parameters, and each prevHash is the hash before it), since on PGlite the
 * cost of a bulk insert follows the bytes sent.
 */
export async function appendAuditEvents(tx: AuditWriter, tenantId: string, actor: Actor, inputs: AuditInput[], at: Date) {
  if (!inputs.length) return;
  const head = await lockChainHead(tx, tenantId);
  const firstSeq = head.seq + 1;
  const firstPrev = head.hash;
  let prevHash = firstPrev;
  // Ids from one random prefix and the position: gen_random_uuid() per row costs more than the insert itself on PGlite.
  const idPrefix = `ae${randomUUID().replace(/-/g, "").slice(0, 20)}`;
  const rows = inputs.map((input, k) => {
    const data = JSON.parse(JSON.stringify(input.data ?? {}));
    prevHash = auditHash({
      tenantId, seq: firstSeq + k, at, actorType: actor.type, actorId: actor.id ?? null, actorLabel: actor.label,
      action: input.action, subjectType: input.subjectType, subjectId: input.subjectId, data, prevHash,
    });
    return { a: input.action, t: input.subjectType, s: input.subjectId, d: data, h: prevHash };
  });
  await tx.$executeRaw`
    INSERT INTO "AuditEvent" (id, "tenantId", seq, at, "actorType", "actorId", "actorLabel", action, "subjectType", "subjectId", data, "prevHash", hash)
    SELECT ${idPrefix} || x.k, ${tenantId}, ${firstSeq}::int + x.k - 1, ${at.toISOString()}::timestamp(3), ${actor.type}, ${actor.id ?? null}, ${actor.label},
           x.e->>'a', x.e->>'t', x.e->>'s', x.e->'d', COALESCE(lag(x.e->>'h') OVER (ORDER BY x.k), ${firstPrev}), x.e->>'h'
    FROM jsonb_array_elements(${JSON.stringify(rows)}::jsonb) WITH ORDINALITY AS x(e, k)`;
}
