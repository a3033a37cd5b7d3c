import { z } from "zod";
import { siteUrl } from "./schemas-url.ts";

// The Entra ID, Google Workspace and SCIM 2.0 directory forms' rules, shared by the browser (validation as
// you type) and the server (the same rules, enforced).

const LOCAL_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);
const name = z.string().trim().min(1, "Name is required").max(80, "Name is at most 80 characters");
const secretText = (label: string) => z.string().trim().min(1, `${label} is required`).max(20_000, `${label} is too long`);
const optionalText = (label: string, max: number) =>
  z.string().trim().max(max, `${label} is at most ${max} characters`).optional().transform((v) => v || undefined);
/** An optional origin: empty means the vendor's own service. */
const optionalOrigin = (what: string) =>
  z.string().optional().transform((v) => v?.trim() || undefined).pipe(siteUrl(what).optional());
/** Group ids or names: one a line or comma-separated as typed, or a list (parsing again gives the same). */
const groupList = z
  .union([z.string().max(5_000, "The list of groups is too long"), z.array(z.string().max(200)).max(500, "At most 500 groups")])
  .optional()
  .transform((v) => (typeof v === "string" ? v.split(/[\n,]/) : v ?? []).map((s) => s.trim()).filter(Boolean))
  .transform((list) => (list.length ? list : undefined));
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const entraConnectionInput = z.object({
  kind: z.literal("ENTRA"),
  name,
  tenantId: z.string().trim().min(1, "Tenant ID is required").max(100).refine((v) => GUID.test(v) || /^[a-z0-9.-]+\.[a-z]{2,}$/i.test(v), "Tenant ID is a GUID like 72f988bf-86f1-41af-91ab-2d7cd011db47 (or a domain like contoso.onmicrosoft.com)"),
  clientId: z.string().trim().regex(GUID, "Client (application) ID is a GUID like 00000000-0000-0000-0000-000000000000"),
  clientSecret: secretText("Client secret"),
  /** Empty for Microsoft's cloud; a national cloud or a sandbox otherwise. */
  graphUrl: optionalOrigin("Graph"),
  authorityUrl: optionalOrigin("Authority"),
  /** A PEM certificate to trust (a sandbox or a TLS-inspecting proxy). */
  ca: z.string().trim().max(20_000, "The CA certificate is too long").optional().transform((v) => v || undefined)
    .refine((v) => !v || v.includes("-----BEGIN CERTIFICATE-----"), "The CA certificate must be PEM (-----BEGIN CERTIFICATE-----)"),
});

/** A service account key file as Google gives it (JSON, type service_account, with its email and private key). */
const serviceAccountKey = secretText("Service account key").refine((v) => {
  try {
    const k = JSON.parse(v) as Record<string, unknown>;
    return k.type === "service_account" && typeof k.client_email === "string" && typeof k.private_key === "string";
  } catch {
    return false;
  }
}, "Paste the service account's JSON key file (type service_account, with client_email and private_key)");

const googleCommon = {
  kind: z.literal("GOOGLE"),
  name,
  adminEmail: z.string().trim().email("Enter the email of a Workspace admin the service account acts as").max(200),
  customer: optionalText("Customer ID", 100),
  unmanagedGroups: groupList,
  rootUrl: optionalOrigin("Admin API"),
};
export const googleConnectionInput = z.discriminatedUnion("authMode", [
  z.object({ ...googleCommon, authMode: z.literal("serviceAccount"), serviceAccountKey }),
  z.object({ ...googleCommon, authMode: z.literal("accessToken"), accessToken: secretText("Access token") })
    // A bare access token expires within the hour: only for a sandbox on this machine.
    .refine((v) => !!v.rootUrl && LOCAL_HOSTS.has(new URL(v.rootUrl).hostname), { message: "An access token is only accepted for a local sandbox (set the Admin API URL to it); use a service account key", path: ["accessToken"] }),
]);

/** The SCIM base URL: https (http only locally), may have a path (…/scim/v2), no credentials, query or fragment. */
const scimBaseUrl = z
  .string()
  .trim()
  .min(1, "SCIM base URL is required")
  .max(300, "SCIM base URL is too long")
  .refine((v) => URL.canParse(v), "SCIM base URL must be a full URL like https://api.example.com/scim/v2")
  .transform((v) => new URL(v))
  .refine((u) => u.protocol === "https:" || (u.protocol === "http:" && LOCAL_HOSTS.has(u.hostname)), "SCIM base URL must use https")
  .refine((u) => !u.username && !u.password, "SCIM base URL must not contain credentials")
  .refine((u) => !u.search && !u.hash, "SCIM base URL must not have a query or fragment")
  .transform((u) => `${u.origin}${u.pathname}`.replace(/\/+$/, ""));

export const scimConnectionInput = z.object({
  kind: z.literal("SCIM"),
  name,
  baseUrl: scimBaseUrl,
  token: secretText("Bearer token"),
  readOnlyGroups: groupList,
});
