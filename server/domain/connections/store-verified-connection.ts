import type { Prisma } from "../../db/generated/client.ts";
import { recordAudit } from "../audit.ts";
import { conflict, isUniqueViolation } from "../errors.ts";
import type { TenantScope } from "../services.ts";
import { toConnectionDto } from "./queries.ts";

/**
 * Writes a connection whose credentials just verified: creates it, or replaces an existing one's
 * credentials, with the audit event in the same transaction. A name already taken is a clear conflict.
 */
export async function storeVerifiedConnection(
  scope: TenantScope,
  input: { connectionId?: string; data: Omit<Prisma.ConnectionUncheckedCreateInput, "tenantId">; config: unknown; detail: string; nameTaken: string },
) {
  const { tdb, tenantId, actor, clock } = scope;
  try {
    const saved = await tdb.$transaction(async (tx) => {
      const row = input.connectionId
        ? await tx.connection.update({ where: { id: input.connectionId }, data: input.data })
        : await tx.connection.create({ data: input.data as never });
      await recordAudit(tx, tenantId, actor, {
        action: input.connectionId ? "connection.credentials.rotated" : "connection.created",
        subjectType: "connection", subjectId: row.id, data: { kind: row.kind, name: row.name, config: input.config, verified: input.detail },
      }, clock.now());
      return row;
    });
    return { connection: toConnectionDto(saved, null), detail: input.detail };
  } catch (e) {
    if (isUniqueViolation(e)) throw conflict(input.nameTaken, "name");
    throw e;
  }
}
