import { getServerSession } from "next-auth";
import type { SessionUser } from "../api/context.ts";
import type { Services } from "../domain/services.ts";
import { buildAuthOptions } from "./options.ts";

export async function getSessionUser(services: Services): Promise<SessionUser | null> {
  const session = await getServerSession(await buildAuthOptions(services));
  const u = session?.user as { id?: string; email?: string | null; name?: string | null } | undefined;
  if (!u?.id || !u.email) return null;
  return { id: u.id, email: u.email, name: u.name ?? u.email };
}
