import { z } from "zod";

export const tenantRoles = ["admin", "auditor", "security"] as const;
export type TenantRole = (typeof tenantRoles)[number];

export const createTenantInput = z.object({
  slug: z.string().trim().toLowerCase().regex(/^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?$/, "Slug: lowercase letters, digits and dashes, up to 40"),
  name: z.string().trim().min(1, "Name is required").max(80),
  adminEmail: z.string().trim().toLowerCase().email("A valid admin email is required").max(200),
  adminName: z.string().trim().min(1).max(120).optional(),
});

export const memberInput = z.object({
  email: z.string().trim().toLowerCase().email().max(200),
  name: z.string().trim().min(1).max(120),
  roles: z.array(z.enum(tenantRoles)).max(3).default([]),
});
