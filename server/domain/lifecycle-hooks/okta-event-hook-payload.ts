import { z } from "zod";

/** What Gatehouse subscribes to: people joining, changing, leaving, and group membership changes. */
export const OKTA_HOOK_EVENT_TYPES = [
  "user.lifecycle.create",
  "user.lifecycle.activate",
  "user.lifecycle.deactivate",
  "user.lifecycle.suspend",
  "user.lifecycle.unsuspend",
  "user.account.update_profile",
  "group.user_membership.add",
  "group.user_membership.remove",
] as const;

export const MEMBERSHIP_EVENT_TYPES = new Set(["group.user_membership.add", "group.user_membership.remove"]);

const id = z.string().min(1).max(200);
const target = z.object({ id, type: z.string().max(100) }).passthrough();

/** One System Log event inside a delivery: only what Gatehouse reads is checked; the rest passes through. */
const logEvent = z.object({
  uuid: id,
  eventType: z.string().min(1).max(200),
  published: z.string().max(100).optional(),
  target: z.array(target).max(50).nullish(),
}).passthrough();

/** Okta's event hook delivery (protocols.md §1 "Delivery"). */
export const oktaEventHookDelivery = z.object({
  eventType: z.literal("com.okta.event_hook"),
  eventId: z.string().max(200).optional(),
  eventTime: z.string().max(100).optional(),
  data: z.object({ events: z.array(logEvent).max(1000) }),
}).passthrough();

export type OktaEventHookDelivery = z.infer<typeof oktaEventHookDelivery>;

/** The work one event asks for: refresh this user (and, for a membership event, this group's membership). */
export interface PersonEventWork {
  eventUuid: string;
  eventType: string;
  userExternalId: string;
  groupExternalId?: string;
}

/** The event's work, or null when it is not about a person Gatehouse follows. */
export function personEventWork(event: OktaEventHookDelivery["data"]["events"][number]): PersonEventWork | null {
  if (!(OKTA_HOOK_EVENT_TYPES as readonly string[]).includes(event.eventType)) return null;
  const user = event.target?.find((t) => t.type === "User");
  if (!user) return null;
  const group = MEMBERSHIP_EVENT_TYPES.has(event.eventType) ? event.target?.find((t) => t.type === "UserGroup") : undefined;
  if (MEMBERSHIP_EVENT_TYPES.has(event.eventType) && !group) return null;
  return { eventUuid: event.uuid, eventType: event.eventType, userExternalId: user.id, ...(group ? { groupExternalId: group.id } : {}) };
}
