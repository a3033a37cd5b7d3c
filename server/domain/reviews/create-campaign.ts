import { recordAudit } from "../audit.ts";
import { badRequest, conflict, isUniqueViolation } from "../errors.ts";
import type { TenantScope } from "../services.ts";
import { createCampaignInput, type CreateCampaignInput } from "./schemas.ts";

/**
 * A draft campaign: what is reviewed, by whom, by when. Every id must be this tenant's; nothing is
 * snapshotted until launch, so a draft can be created ahead of time.
 */
export async function createCampaign(scope: TenantScope, raw: CreateCampaignInput) {
  const input = createCampaignInput.parse(raw);
  const { tdb, tenantId, actor, clock } = scope;
  const now = clock.now();
  if (input.dueAt.getTime() <= now.getTime()) throw badRequest("The due date must be in the future", "dueAt");
  return tdb.$transaction(async (tx) => {
    const people = [...new Set([input.fallbackReviewerId, ...input.reviewerPersonIds])];
    const found = await tx.person.count({ where: { id: { in: people } } });
    if (found !== people.length) throw badRequest("A reviewer was not found in this workspace", "reviewerPersonIds");
    const { appIds, roleIds, groupIds } = input.scope;
    const [apps, roles, groups] = await Promise.all([
      tx.app.count({ where: { id: { in: appIds } } }),
      tx.role.count({ where: { id: { in: roleIds } } }),
      tx.group.count({ where: { id: { in: groupIds }, managed: true, roles: { some: {} } } }),
    ]);
    if (apps !== new Set(appIds).size) throw badRequest("An app in the scope was not found", "scope");
    if (roles !== new Set(roleIds).size) throw badRequest("A role in the scope was not found", "scope");
    if (groups !== new Set(groupIds).size) throw badRequest("A group in the scope was not found, is unmanaged, or is not mapped to any role", "scope");
    try {
      const campaign = await tx.reviewCampaign.create({
        data: {
          name: input.name, description: input.description, scope: input.scope, reviewerMode: input.reviewerMode,
          reviewerPersonIds: input.reviewerPersonIds, fallbackReviewerId: input.fallbackReviewerId, dueAt: input.dueAt,
          reminderHours: [...new Set(input.reminderHours)].sort((a, b) => b - a), remindersSent: [],
          inactivityDays: input.inactivityDays, createdBy: actor.label, createdAt: now,
        } as never,
      });
      await recordAudit(tx, tenantId, actor, {
        action: "review.campaign_created", subjectType: "campaign", subjectId: campaign.id,
        data: { name: input.name, scope: input.scope, reviewerMode: input.reviewerMode, dueAt: input.dueAt.toISOString() },
      }, now);
      return campaign;
    } catch (e) {
      if (isUniqueViolation(e)) throw conflict(`A campaign named “${input.name}” already exists`, "name");
      throw e;
    }
  });
}
