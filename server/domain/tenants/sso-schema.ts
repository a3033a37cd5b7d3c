import { z } from "zod";

const LOCAL_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);

/** An OIDC issuer: https (http only on this machine), no credentials, query or fragment; a path is allowed. */
export const siteUrlWithPath = z
  .string().trim().min(1, "Issuer URL is required").max(300, "Issuer URL is too long")
  .refine((v) => URL.canParse(v), "Issuer must be a full URL like https://acme.okta.com")
  .transform((v) => new URL(v))
  .refine((u) => u.protocol === "https:" || (u.protocol === "http:" && LOCAL_HOSTS.has(u.hostname)), "Issuer URL must use https")
  .refine((u) => !u.username && !u.password && !u.search && !u.hash, "Issuer URL must not contain credentials, a query or a fragment")
  .transform((u) => `${u.origin}${u.pathname.replace(/\/$/, "")}`);
