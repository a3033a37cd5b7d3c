import { z } from "zod";

// The Vanta connection: where evidence goes (the UserAccount resource and the document), and the OAuth client
// (sealed). Shared by the Connections form (validation as you type) and the server.

/** Stored in clear and shown on the Connections page. */
export type VantaConfig = {
  apiUrl: string;
  /** The UserAccount resource (Developer Console → the application → Resources) user accounts are pushed to. */
  userAccountResourceId: string;
  /** The document review evidence is uploaded to (its id is in the document's address in Vanta). */
  documentId: string;
  /** OAuth scopes to ask for, when not the default ones. */
  scope?: string;
};
/** Sealed; never returned to the browser. */
export type VantaSecret = { clientId: string; clientSecret: string };

export const DEFAULT_VANTA_API_URL = "https://api.vanta.com";
export const DEFAULT_VANTA_DOCUMENT = "access-reviews";
const LOCAL_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);

/** The API's origin: https (http only for a sandbox on this machine), no credentials, path or query. */
const apiUrl = z
  .string()
  .trim()
  .max(200, "Vanta API URL is too long")
  .refine((v) => URL.canParse(v), "Vanta API URL must be a full URL like https://api.vanta.com")
  .transform((v) => new URL(v))
  .refine((u) => u.protocol === "https:" || (u.protocol === "http:" && LOCAL_HOSTS.has(u.hostname)), "Vanta API URL must use https")
  .refine((u) => !u.username && !u.password, "Vanta API URL must not contain credentials")
  .refine((u) => (u.pathname === "/" || u.pathname === "") && !u.search && !u.hash, "Vanta API URL must be the API's root, like https://api.vanta.com")
  .transform((u) => u.origin);

const vantaId = (label: string, example: string) =>
  z.string().trim().min(1, `${label} is required`).max(100, `${label} is at most 100 characters`).regex(/^[A-Za-z0-9][A-Za-z0-9_-]*$/, `${label} looks like ${example} (letters, digits, - and _)`);

export const vantaConnectionInput = z.object({
  kind: z.literal("VANTA"),
  name: z.string().trim().min(1, "Name is required").max(80, "Name is at most 80 characters"),
  /** Empty for Vanta itself; https://api.vanta-gov.com for Vanta Gov, or a sandbox. */
  apiUrl: z.string().optional().transform((v) => v?.trim() || DEFAULT_VANTA_API_URL).pipe(apiUrl),
  userAccountResourceId: vantaId("Resource ID", "66a0c0de5ea7c0ffee000001"),
  documentId: z.string().optional().transform((v) => v?.trim() || DEFAULT_VANTA_DOCUMENT).pipe(vantaId("Document ID", "access-reviews")),
  clientId: z.string().trim().min(1, "Client ID is required").max(200, "Client ID is too long"),
  clientSecret: z.string().trim().min(1, "Client secret is required").max(500, "Client secret is too long"),
  scope: z
    .string()
    .trim()
    .max(500, "Scopes are at most 500 characters")
    .regex(/^[A-Za-z0-9_.:\- ]*$/, "Scopes are names like vanta-api.all:read, separated by spaces")
    .optional()
    .transform((v) => (v ? v.replace(/\s+/g, " ") : undefined)),
});
export type VantaConnectionInput = z.input<typeof vantaConnectionInput>;

export function splitVantaInput(input: z.output<typeof vantaConnectionInput>): { config: VantaConfig; secret: VantaSecret } {
  return {
    config: { apiUrl: input.apiUrl, userAccountResourceId: input.userAccountResourceId, documentId: input.documentId, ...(input.scope ? { scope: input.scope } : {}) },
    secret: { clientId: input.clientId, clientSecret: input.clientSecret },
  };
}
