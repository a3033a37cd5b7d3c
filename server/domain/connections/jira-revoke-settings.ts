import { z } from "zod";
import { recordAudit } from "../audit.ts";
import { badRequest, notFound } from "../errors.ts";
import type { TenantScope } from "../services.ts";
import type { JiraConfig } from "./connection-config.ts";

/** Without a setting of its own, adding this label to a Gatehouse ticket revokes its grant. No status does until one is chosen. */
export const DEFAULT_REVOKE_LABEL = "gatehouse-revoke";

export interface RevokeTriggers {
  /** Moving the issue to this status (case-insensitive) revokes; null: no status does. */
  status: string | null;
  /** Adding this label revokes; null: no label does. */
  label: string | null;
}

/** The tenant's revoke triggers from the Jira connection's config (an unset label means the default). */
export function revokeTriggers(config: JiraConfig): RevokeTriggers {
  return {
    status: config.revokeStatus?.trim() || null,
    label: config.revokeLabel === undefined ? DEFAULT_REVOKE_LABEL : config.revokeLabel?.trim() || null,
  };
}

const blankToNull = (v: unknown) => (typeof v === "string" && v.trim() === "" ? null : v);

export const revokeSettingsInput = z.object({
  connectionId: z.string().min(1).max(64),
  revokeStatus: z.preprocess(blankToNull, z.string().trim().max(60, "A status name is at most 60 characters").nullable()),
  revokeLabel: z.preprocess(
    blankToNull,
    z.string().trim().max(255, "A label is at most 255 characters").regex(/^\S+$/, "A Jira label has no spaces").nullable(),
  ),
});
export type RevokeSettingsInput = z.input<typeof revokeSettingsInput>;

/** Settings an admin keeps when the connection's credentials are replaced. */
export function keptJiraSettings(config: unknown): Pick<JiraConfig, "revokeStatus" | "revokeLabel"> {
  const c = (config ?? {}) as JiraConfig;
  return {
    ...(c.revokeStatus !== undefined ? { revokeStatus: c.revokeStatus } : {}),
    ...(c.revokeLabel !== undefined ? { revokeLabel: c.revokeLabel } : {}),
  };
}

/** Chooses which Jira status and/or label revokes a ticket's grant (null turns that trigger off). */
export async function saveJiraRevokeSettings(scope: TenantScope, raw: RevokeSettingsInput) {
  const input = revokeSettingsInput.parse(raw);
  const { tdb, tenantId, actor, clock } = scope;
  return tdb.$transaction(async (tx) => {
    const connection = await tx.connection.findUnique({ where: { id: input.connectionId } });
    if (!connection) throw notFound("Connection");
    if (connection.kind !== "JIRA") throw badRequest("Only a Jira connection has revoke settings");
    const config: JiraConfig = { ...(connection.config as JiraConfig), revokeStatus: input.revokeStatus, revokeLabel: input.revokeLabel };
    await tx.connection.update({ where: { id: connection.id }, data: { config } });
    await recordAudit(tx, tenantId, actor, {
      action: "connection.jira.revoke-settings.saved", subjectType: "connection", subjectId: connection.id,
      data: { revokeStatus: input.revokeStatus, revokeLabel: input.revokeLabel },
    }, clock.now());
    return revokeTriggers(config);
  });
}
