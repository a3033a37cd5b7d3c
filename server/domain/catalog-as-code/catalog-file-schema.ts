// The shape of the catalog file, checked one entity at a time so that every broken entity is reported
// together. Field limits (lengths, duration bounds, step rules) are the domain's own schemas, applied later.
import { z } from "zod";
import { MATCH_MODES, RULE_FIELDS, RULE_OPS } from "../bundles/bundle-rules.ts";
import { riskLevels, stepKinds } from "../catalog/schemas.ts";
import { DURATION_HINT } from "./durations.ts";

/** A catalog file larger than this is refused before it is parsed. */
export const MAX_CATALOG_FILE_BYTES = 2 * 1024 * 1024;
export const MAX_APPS = 1000;
export const MAX_ROLES_PER_APP = 100;
export const MAX_BUNDLES = 500;

/** Enum values may be written in any case ("critical", "app_owner"). */
const upperEnum = <T extends readonly [string, ...string[]]>(values: T, what: string) =>
  z.preprocess((v) => (typeof v === "string" ? v.trim().toUpperCase() : v), z.enum(values, { error: `${what}: one of ${values.map((v) => v.toLowerCase()).join(", ")}` }));

const text = z.string({ error: "write text here" }).trim();
const email = z.preprocess(
  (v) => (typeof v === "string" ? v.trim().toLowerCase() : v),
  z.email({ error: "write a person as their email address" }),
);
/** Durations stay as written here and are read by parseCatalogFile, so a bad one does not hide the rest of its role. */
const duration = z.union([z.string(), z.number()], { error: `a duration: ${DURATION_HINT}` });

export const fileTopSchema = z.strictObject({
  version: z.literal(1, { error: "this Gatehouse reads catalog files of version 1" }).optional(),
  tenant: text.optional(),
  prune: z.boolean({ error: "prune is true or false" }).default(false),
  apps: z.array(z.unknown(), { error: "apps is a list" }).max(MAX_APPS, `at most ${MAX_APPS} apps`).default([]),
  bundles: z.array(z.unknown(), { error: "bundles is a list" }).max(MAX_BUNDLES, `at most ${MAX_BUNDLES} bundles`).default([]),
});

export const fileAppSchema = z.strictObject({
  name: text,
  description: text.default(""),
  riskLevel: upperEnum(riskLevels, "risk level").default("LOW"),
  provisioningMode: upperEnum(["IDP_GROUPS", "MANUAL"] as const, "provisioning mode").default("IDP_GROUPS"),
  logoUrl: text.nullish(),
  externalAppId: z.union([text, z.number().transform(String)]).nullish(),
  owners: z.array(email, { error: "owners is a list of emails" }).default([]),
  roles: z.array(z.unknown(), { error: "roles is a list" }).max(MAX_ROLES_PER_APP, `at most ${MAX_ROLES_PER_APP} roles per app`).default([]),
  reclaim: z.unknown().optional(),
});

const stepObject = z.strictObject({
  kind: upperEnum(stepKinds, "approval step"),
  mode: upperEnum(["ANY", "ALL"] as const, "mode").default("ANY"),
  approver: email.optional(),
});
/** A step is its kind ("manager"), or a map when it has a mode or a named approver. */
export const fileStepSchema = z.preprocess((v) => (typeof v === "string" ? { kind: v } : v), stepObject);

export const fileRoleSchema = z.strictObject({
  name: text,
  description: text.default(""),
  privileged: z.boolean({ error: "privileged is true or false" }).default(false),
  duration: z
    .strictObject({
      required: z.boolean({ error: "required is true or false" }).default(false),
      allowed: z.array(duration, { error: "allowed is a list of durations" }).default([]),
      max: duration.nullish(),
    })
    .optional(),
  groups: z.array(z.union([text, z.number().transform(String)]), { error: "groups is a list of group names or ids" }).default([]),
  approval: z.array(fileStepSchema, { error: "approval is a list of steps" }),
});

export const fileReclaimSchema = z.strictObject({
  enabled: z.boolean({ error: "enabled is true or false" }).default(true),
  inactivityDays: z.number({ error: "inactivityDays is a number of days" }).optional(),
  graceDays: z.number({ error: "graceDays is a number of days" }).optional(),
  exemptRoles: z.array(text, { error: "exemptRoles is a list of this app's role names" }).default([]),
  exemptPeople: z.array(email, { error: "exemptPeople is a list of emails" }).default([]),
});

export const fileBundleSchema = z.strictObject({
  name: text,
  description: text.default(""),
  match: upperEnum(MATCH_MODES, "match").default("ALL"),
  enabled: z.boolean({ error: "enabled is true or false" }).default(true),
  rules: z.array(
    z.strictObject({
      field: z.enum(RULE_FIELDS, { error: `field: one of ${RULE_FIELDS.join(", ")}` }),
      op: z.enum(RULE_OPS, { error: `op: one of ${RULE_OPS.join(", ")}` }),
      value: z.union([text, z.number().transform(String)]),
    }),
    { error: "rules is a list" },
  ),
  roles: z.array(text, { error: 'roles is a list of "App / Role"' }),
});

export type FileTop = z.output<typeof fileTopSchema>;
export type FileApp = z.output<typeof fileAppSchema>;
export type FileRole = z.output<typeof fileRoleSchema>;
export type FileReclaim = z.output<typeof fileReclaimSchema>;
export type FileBundle = z.output<typeof fileBundleSchema>;
