import type { Services } from "../domain/services.ts";

export interface SessionUser {
  id: string;
  email: string;
  name: string;
}

/** Resolved once per request: the services, who is signed in, and which tenant they asked for. */
export interface ApiContext {
  services: Services;
  user: SessionUser | null;
  tenantSlug: string | null;
}

export function createApiContext(services: Services, user: SessionUser | null, tenantSlug: string | null): ApiContext {
  return { services, user, tenantSlug };
}
