import { z } from "zod";
import type { RevokeTriggers } from "../connections/jira-revoke-settings.ts";

// The parts of a Jira `jira:issue_updated` delivery Gatehouse reads (protocols.md §5); everything else passes.
const changelogItem = z.object({
  field: z.string(),
  fromString: z.string().nullable().optional(),
  toString: z.string().nullable().optional(),
}).loose();

export const jiraWebhookPayload = z.object({
  timestamp: z.number().int().positive(),
  webhookEvent: z.string().min(1).max(100),
  issue_event_type_name: z.string().max(100).optional(),
  user: z.object({ accountId: z.string().max(128), displayName: z.string().max(255).optional() }).loose().optional(),
  issue: z.object({ id: z.string().max(32), key: z.string().regex(/^[A-Z][A-Z0-9_]{0,20}-\d{1,12}$/i).max(40) }).loose().optional(),
  changelog: z.object({ items: z.array(changelogItem).max(500) }).loose().optional(),
}).loose();
export type JiraWebhookPayload = z.infer<typeof jiraWebhookPayload>;

/** Why this delivery asks for a revoke, in words for the audit log and the ticket; null when it does not. */
export function revokeTrigger(payload: JiraWebhookPayload, triggers: RevokeTriggers): { kind: "status" | "label"; detail: string } | null {
  if (payload.webhookEvent !== "jira:issue_updated" || !payload.issue) return null;
  for (const item of payload.changelog?.items ?? []) {
    if (item.field === "status" && triggers.status && item.toString?.trim().toLowerCase() === triggers.status.toLowerCase()) {
      return { kind: "status", detail: `moved it to "${item.toString!.trim()}"` };
    }
    if (item.field === "labels" && triggers.label) {
      const before = new Set((item.fromString ?? "").split(/\s+/).filter(Boolean));
      const after = (item.toString ?? "").split(/\s+/).filter(Boolean);
      if (after.includes(triggers.label) && !before.has(triggers.label)) return { kind: "label", detail: `added the label "${triggers.label}"` };
    }
  }
  return null;
}
