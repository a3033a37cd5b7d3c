import type { z } from "zod";
import { recordAudit } from "../audit.ts";
import type { TenantScope } from "../services.ts";
import { memberInput } from "./schemas.ts";

/** Adds someone who can sign in to this tenant (or changes their roles), linked to their directory person by email. */
export async function saveMember(scope: TenantScope, raw: z.input<typeof memberInput>) {
  const input = memberInput.parse(raw);
  const { tdb, tenantId, actor, clock } = scope;
  return tdb.$transaction(async (tx) => {
    const user = await tx.user.upsert({ where: { email: input.email }, update: {}, create: { email: input.email, name: input.name } });
    const person = await tx.person.findFirst({ where: { email: { equals: input.email, mode: "insensitive" } }, orderBy: { createdAt: "asc" } });
    const member = await tx.tenantMember.upsert({
      where: { tenantId_userId: { tenantId, userId: user.id } },
      update: { roles: input.roles, personId: person?.id ?? null },
      create: { userId: user.id, roles: input.roles, personId: person?.id ?? null } as never,
    });
    await recordAudit(tx, tenantId, actor, {
      action: "tenant.member.saved", subjectType: "member", subjectId: member.id, data: { email: input.email, roles: input.roles },
    }, clock.now());
    return member;
  });
}
