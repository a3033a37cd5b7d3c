import { z } from "zod";
import { siteUrl } from "./schemas-url.ts";
import { entraConnectionInput, googleConnectionInput, scimConnectionInput } from "./directory-schemas.ts";

// Shared by the Connections form (validation as you type) and the server (the same rules, enforced).

export { siteUrl };

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

export { entraConnectionInput, googleConnectionInput, scimConnectionInput };

export const connectionInput = z.union([oktaConnectionInput, jiraConnectionInput, entraConnectionInput, googleConnectionInput, scimConnectionInput]);
export type ConnectionInput = z.infer<typeof connectionInput>;
/** What callers pass (before defaults and transforms): the form's values, or a parsed ConnectionInput again. */
export type ConnectionInputRaw = z.input<typeof connectionInput>;
