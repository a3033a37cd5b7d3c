import type { TenantTx } from "../../db/tenant-db.ts";
import type { ApprovalMode, ApprovalStepKind } from "../../db/generated/client.ts";

export interface PolicyStep {
  kind: ApprovalStepKind;
  mode: ApprovalMode;
  approverPersonId: string | null;
}

export interface ResolvedStep {
  kind: ApprovalStepKind;
  mode: ApprovalMode;
  approverPersonIds: string[];
  /** Set when the policy could not be followed as written, saying what was done instead. */
  fallback: string | null;
}

const stepLabel: Record<ApprovalStepKind, string> = {
  AUTO: "auto-approval", MANAGER: "the manager", APP_OWNER: "the app owner", SECURITY: "the security team", NAMED: "the named approver",
};

/**
 * Turns a role's policy into steps with named people, at request time. Nobody approves their own
 * request or a request for themselves: they are left out, and a step left with nobody falls back to
 * the app owners, then to the tenant's admins, and says so.
 */
export async function resolveApprovers(
  tx: TenantTx,
  input: { steps: PolicyStep[]; appId: string; requesterPersonId: string; beneficiaryPersonId: string },
): Promise<ResolvedStep[]> {
  const excluded = new Set([input.requesterPersonId, input.beneficiaryPersonId]);
  const eligible = (ids: (string | null | undefined)[]) => [...new Set(ids.filter((x): x is string => !!x && !excluded.has(x)))];

  const beneficiary = await tx.person.findUniqueOrThrow({ where: { id: input.beneficiaryPersonId }, select: { managerId: true } });
  const owners = (await tx.appOwner.findMany({ where: { appId: input.appId }, select: { personId: true } })).map((o) => o.personId);
  const members = await tx.tenantMember.findMany({ where: { personId: { not: null } }, select: { personId: true, roles: true } });
  const security = members.filter((m) => m.roles.includes("security")).map((m) => m.personId);
  const admins = members.filter((m) => m.roles.includes("admin")).map((m) => m.personId);

  const resolved: ResolvedStep[] = [];
  for (const step of input.steps) {
    if (step.kind === "AUTO") {
      resolved.push({ kind: "AUTO", mode: "ANY", approverPersonIds: [], fallback: null });
      continue;
    }
    const asWritten =
      step.kind === "MANAGER" ? [beneficiary.managerId]
      : step.kind === "APP_OWNER" ? owners
      : step.kind === "SECURITY" ? security
      : [step.approverPersonId];
    let approvers = eligible(asWritten);
    let fallback: string | null = null;
    if (!approvers.length) {
      const why = asWritten.some((x) => x && excluded.has(x))
        ? `${stepLabel[step.kind]} is the requester or the person receiving access`
        : `there is no ${stepLabel[step.kind].replace(/^the /, "")}`;
      approvers = step.kind === "APP_OWNER" ? [] : eligible(owners);
      if (approvers.length) fallback = `Sent to the app owner because ${why}`;
      else {
        approvers = eligible(admins);
        if (approvers.length) fallback = `Sent to the workspace admins because ${why}`;
      }
    }
    resolved.push({ kind: step.kind, mode: step.mode, approverPersonIds: approvers, fallback });
  }
  return resolved;
}
