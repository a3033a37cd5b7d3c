import { recordAudit } from "../audit.ts";
import { badRequest, conflict, forbidden, notFound } from "../errors.ts";
import type { TenantScope } from "../services.ts";
import { recordTicketEvents } from "../tickets/ticket-events.ts";
import { approveRequest } from "./approve-request.ts";
import { formatDuration } from "./format.ts";
import { requestAccessInput, type Channel, type RequestAccessInput } from "./request-schemas.ts";
import { resolveApprovers } from "./resolve-approvers.ts";
import { notifyRequestChanged } from "./notify-request-changed.ts";
import { MAX_DURATION_MINUTES } from "../catalog/schemas.ts";
import { appUrl } from "../../lib/app-url.ts";

export const OPEN_REQUEST = ["PENDING"] as const;

/**
 * An employee (or their manager, on their behalf) asks for a role. The policy is resolved to named
 * approvers now; auto-approved roles go straight to provisioning. One transaction: the request,
 * its steps, the audit event and the Jira outbox entry exist together or not at all.
 */
export async function requestAccess(scope: TenantScope, raw: RequestAccessInput & { requesterPersonId: string; source: Channel | "lifecycle" | "extension" }) {
  const input = requestAccessInput.parse(raw);
  const { tdb, tenantId, actor, clock, jobs } = scope;
  return tdb.$transaction(async (tx) => {
    const role = await tx.role.findUnique({ where: { id: input.roleId }, include: { app: true, steps: { orderBy: { position: "asc" } }, groups: { include: { group: true } } } });
    if (!role) throw notFound("Role");
    const requester = await tx.person.findUnique({ where: { id: raw.requesterPersonId } });
    if (!requester) throw forbidden("Your account is not linked to a person in the directory");
    const beneficiaryId = input.beneficiaryPersonId ?? requester.id;
    const beneficiary = await tx.person.findUnique({ where: { id: beneficiaryId } });
    if (!beneficiary) throw notFound("Person");
    if (beneficiary.id !== requester.id && beneficiary.managerId !== requester.id) {
      throw forbidden("You can request access for yourself or for your direct reports");
    }
    if (beneficiary.status !== "ACTIVE") throw badRequest(`${beneficiary.displayName} is ${beneficiary.status.toLowerCase()} in the directory and cannot receive access`);
    if (role.app.provisioningMode === "IDP_GROUPS" && role.groups.length === 0) throw badRequest("This role is not mapped to any group yet; ask an admin");

    const duration = input.durationMinutes ?? null;
    if (role.durationRequired && !duration) throw badRequest(`${role.name} is time-bound: choose how long you need it`, "durationMinutes");
    const max = role.maxDurationMinutes ?? MAX_DURATION_MINUTES;
    if (duration && duration > max) throw badRequest(`${role.name} can be granted for at most ${formatDuration(max)}`, "durationMinutes");

    const activeGrant = await tx.grant.findFirst({ where: { personId: beneficiary.id, roleId: role.id, status: { in: ["PENDING", "ACTIVE"] } } });
    if (input.extendsGrantId) {
      if (!activeGrant || activeGrant.id !== input.extendsGrantId || activeGrant.status !== "ACTIVE") throw conflict(`Only active access can be extended; request ${role.app.name} · ${role.name} again instead`);
      if (!activeGrant.expiresAt) throw badRequest("This access does not expire, so there is nothing to extend");
      if (!duration) throw badRequest("Choose how much longer you need it", "durationMinutes");
    } else if (activeGrant) {
      const until = activeGrant.expiresAt ? ` until ${activeGrant.expiresAt.toISOString().slice(0, 16).replace("T", " ")} UTC` : "";
      throw conflict(`${beneficiary.displayName} already has ${role.app.name} · ${role.name}${until}`);
    }
    const open = await tx.accessRequest.findFirst({ where: { beneficiaryPersonId: beneficiary.id, roleId: role.id, status: { in: [...OPEN_REQUEST] } } });
    if (open) throw conflict(`There is already an open ${open.extendsGrantId ? "extension request" : "request"} for ${role.app.name} · ${role.name} for ${beneficiary.displayName}`);

    const steps = await resolveApprovers(tx, {
      steps: role.steps.map((s) => ({ kind: s.kind, mode: s.mode, approverPersonId: s.approverPersonId })),
      appId: role.appId, requesterPersonId: requester.id, beneficiaryPersonId: beneficiary.id,
    });
    const blocked = steps.find((s) => s.kind !== "AUTO" && s.approverPersonIds.length === 0);
    if (blocked) throw badRequest("Nobody is eligible to approve this request (no manager, app owner or admin other than you); ask an admin to set the policy");

    const now = clock.now();
    const firstHuman = steps.findIndex((s) => s.kind !== "AUTO");
    const request = await tx.accessRequest.create({
      data: {
        requesterPersonId: requester.id, beneficiaryPersonId: beneficiary.id, appId: role.appId, roleId: role.id,
        reason: input.reason, durationMinutes: duration, source: raw.source, extendsGrantId: input.extendsGrantId ?? null,
        steps: {
          create: steps.map((s, position) => ({
            tenantId, position, kind: s.kind, mode: s.mode, approverPersonIds: s.approverPersonIds, fallback: s.fallback,
            status: s.kind === "AUTO" ? "APPROVED" : position === firstHuman ? "PENDING" : "WAITING",
            decidedAt: s.kind === "AUTO" ? now : null,
          })),
        },
      } as never,
    });
    const groups = role.groups.map((g) => g.group.name);
    await recordAudit(tx, tenantId, actor, {
      action: "request.created", subjectType: "request", subjectId: request.id,
      data: {
        requester: requester.email, beneficiary: beneficiary.email, app: role.app.name, role: role.name, groups,
        reason: input.reason, durationMinutes: duration, source: raw.source, extendsGrantId: input.extendsGrantId ?? null,
        steps: steps.map((s) => ({ kind: s.kind, mode: s.mode, approvers: s.approverPersonIds, fallback: s.fallback })),
      },
    }, now);
    await recordTicketEvents(tx, jobs, tenantId, request.id, [
      {
        kind: "create",
        summary: `${input.extendsGrantId ? "Extension" : "Access"}: ${role.app.name} · ${role.name} for ${beneficiary.displayName}`,
        text: input.reason,
        facts: [
          ["Requested by", `${requester.displayName} <${requester.email}>`],
          ["For", `${beneficiary.displayName} <${beneficiary.email}>${beneficiary.title ? `, ${beneficiary.title}` : ""}`],
          ["Application", `${role.app.name} (risk: ${role.app.riskLevel.toLowerCase()})`],
          ["Role", role.name],
          ["IdP groups", groups.join(", ") || "none (granted by hand)"],
          ["Duration", formatDuration(duration)],
          ["Source", raw.source],
        ],
        link: appUrl(`/requests/${request.id}`),
        labels: ["gatehouse", "access-request"],
      },
      { kind: "property", key: "gatehouse", value: { requestId: request.id, status: "PENDING", app: role.app.name, role: role.name, groups, durationMinutes: duration } },
    ]);
    if (firstHuman === -1) await approveRequest(tx, scope, request.id, now);
    await notifyRequestChanged(tx, scope, request.id, now);
    return tx.accessRequest.findUniqueOrThrow({ where: { id: request.id } });
  });
}
