import { z } from "zod";

// Shared by the Connections form (validation as you type) and the server (the same rules, enforced).

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

const name = z.string().trim().min(1, "Name is required").max(80, "Name is at most 80 characters");
const secretText = (label: string) => z.string().trim().min(1, `${label} is required`).max(20_000, `${label} is too long`);

export const oktaConnectionInput = z.discriminatedUnion("authMode", [
  z.object({ kind: z.literal("OKTA"), name, orgUrl: siteUrl("Okta org"), authMode: z.literal("token"), token: secretText("API token") }),
  z.object({
    kind: z.literal("OKTA"),
    name,
    orgUrl: siteUrl("Okta org"),
    authMode: z.literal("privateKey"),
    clientId: z.string().trim().min(1, "Client ID is required").max(200),
    keyId: z.string().trim().max(200).optional(),
    privateKey: secretText("Private key"),
  }),
]);

export const jiraConnectionInput = z.discriminatedUnion("authMode", [
  z.object({
    kind: z.literal("JIRA"),
    name,
    siteUrl: siteUrl("Jira site"),
    projectKey: z.string().trim().toUpperCase().regex(/^[A-Z][A-Z0-9_]{1,9}$/, "Project key looks like ACCESS or IT (2–10 letters/digits)"),
    authMode: z.literal("basic"),
    email: z.string().trim().email("Enter the Atlassian account email").max(200),
    apiToken: secretText("API token"),
  }),
  z.object({
    kind: z.literal("JIRA"),
    name,
    siteUrl: siteUrl("Jira site"),
    projectKey: z.string().trim().toUpperCase().regex(/^[A-Z][A-Z0-9_]{1,9}$/, "Project key looks like ACCESS or IT (2–10 letters/digits)"),
    authMode: z.literal("bearer"),
    token: secretText("Token"),
  }),
]);

export const connectionInput = z.union([oktaConnectionInput, jiraConnectionInput]);
export type ConnectionInput = z.infer<typeof connectionInput>;
