import { recordAudit } from "../audit.ts";
import { conflict, isUniqueViolation, notFound } from "../errors.ts";
import type { TenantScope } from "../services.ts";
import { appInput, type AppInput } from "./schemas.ts";
import { requirePeople } from "./validate-references.ts";

/** Creates an app, or updates it when `appId` is given; owners are replaced as a set. */
export async function saveApp(scope: TenantScope, raw: AppInput & { appId?: string }) {
  const input = appInput.parse(raw);
  const { tdb, tenantId, actor, clock } = scope;
  try {
    return await tdb.$transaction(async (tx) => {
      await requirePeople(tx, input.ownerPersonIds, "ownerPersonIds");
      const data = {
        name: input.name, description: input.description, riskLevel: input.riskLevel,
        provisioningMode: input.provisioningMode, logoUrl: input.logoUrl ?? null,
        // Left as it is when the form does not send it.
        ...(input.externalAppId !== undefined ? { externalAppId: input.externalAppId } : {}),
      };
      let appId = raw.appId;
      if (appId) {
        const existing = await tx.app.findUnique({ where: { id: appId } });
        if (!existing) throw notFound("App");
        await tx.app.update({ where: { id: appId }, data });
        await tx.appOwner.deleteMany({ where: { appId } });
      } else {
        appId = (await tx.app.create({ data: data as never })).id;
      }
      if (input.ownerPersonIds.length) {
        await tx.appOwner.createMany({ data: [...new Set(input.ownerPersonIds)].map((personId) => ({ appId: appId!, personId })) as never });
      }
      await recordAudit(tx, tenantId, actor, {
        action: raw.appId ? "catalog.app.updated" : "catalog.app.created", subjectType: "app", subjectId: appId,
        data: { ...data, ownerPersonIds: input.ownerPersonIds },
      }, clock.now());
      return tx.app.findUniqueOrThrow({ where: { id: appId } });
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw conflict(`An app named ${input.name} already exists`, "name");
    throw e;
  }
}
