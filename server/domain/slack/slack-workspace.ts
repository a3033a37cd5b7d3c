import { messagingFor } from "../../connectors/factory.ts";
import type { MessagingConnector } from "../../connectors/types.ts";
import type { TenantScope } from "../services.ts";

/** The tenant's enabled Slack connection and a connector for it, or null when Slack is not connected. */
export async function slackFor(scope: TenantScope): Promise<{ connectionId: string; slack: MessagingConnector } | null> {
  const connection = await scope.tdb.connection.findFirst({ where: { kind: "SLACK", enabled: true }, orderBy: { createdAt: "asc" } });
  if (!connection) return null;
  return { connectionId: connection.id, slack: messagingFor(scope.connectors, connection) };
}

/** The person's Slack user id: cached on Person, else looked up by email (and cached). Null when not in Slack. */
export async function slackUserOf(scope: TenantScope, slack: MessagingConnector, person: { id: string; email: string; slackUserId: string | null }) {
  if (person.slackUserId) return person.slackUserId;
  const found = await slack.findUserByEmail(person.email);
  if (found) await scope.tdb.person.update({ where: { id: person.id }, data: { slackUserId: found } });
  return found;
}

/** The directory person behind a Slack user: by the cached id, else by the email Slack has for them. */
export async function personOfSlackUser(scope: TenantScope, slack: MessagingConnector, slackUserId: string) {
  const cached = await scope.tdb.person.findFirst({ where: { slackUserId } });
  if (cached) return cached;
  const email = await slack.userEmail(slackUserId);
  if (!email) return null;
  const person = await scope.tdb.person.findFirst({ where: { email: { equals: email, mode: "insensitive" } }, orderBy: { createdAt: "asc" } });
  if (person) await scope.tdb.person.update({ where: { id: person.id }, data: { slackUserId } });
  return person ? { ...person, slackUserId } : null;
}
