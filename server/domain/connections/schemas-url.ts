import { z } from "zod";

const LOCAL_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);

/** An origin-only https URL (http only for a local sandbox), without credentials, path or query. */
export const siteUrl = (what: string) =>
  z
    .string()
    .trim()
    .min(1, `${what} URL is required`)
    .max(200, `${what} URL is too long`)
    .refine((v) => URL.canParse(v), `${what} URL must be a full URL like https://acme.okta.com`)
    .transform((v) => new URL(v))
    .refine((u) => u.protocol === "https:" || (u.protocol === "http:" && LOCAL_HOSTS.has(u.hostname)), `${what} URL must use https`)
    .refine((u) => !u.username && !u.password, `${what} URL must not contain credentials`)
    .refine((u) => (u.pathname === "/" || u.pathname === "") && !u.search && !u.hash, `${what} URL must be the site root, without a path or query`)
    .transform((u) => u.origin);
