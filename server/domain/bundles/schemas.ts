import { z } from "zod";
import { MATCH_MODES, RULE_FIELDS, RULE_OPS } from "./bundle-rules.ts";

const id = z.string().min(1).max(64);

export const bundleRuleInput = z.object({
  field: z.enum(RULE_FIELDS, { error: "Choose department, title, location or employment type" }),
  op: z.enum(RULE_OPS, { error: "Choose equals or starts with" }),
  value: z.string().trim().min(1, "Give each rule a value").max(200, "Keep rule values under 200 characters"),
});

/** A bundle as the form sends it: without id it is new, with id it replaces that bundle's definition. */
export const bundleDraftInput = z.object({
  id: id.optional(),
  name: z.string().trim().min(1, "Give the bundle a name").max(80, "Keep the name under 80 characters"),
  description: z.string().trim().max(1000, "Keep the description under 1,000 characters").default(""),
  matchMode: z.enum(MATCH_MODES, { error: "Choose whether all rules or any rule must match" }).default("ALL"),
  rules: z.array(bundleRuleInput).min(1, "Add at least one rule").max(20, "At most 20 rules"),
  roleIds: z.array(id).min(1, "Choose at least one role").max(50, "At most 50 roles"),
  enabled: z.boolean().default(true),
});
export type BundleDraftInput = z.input<typeof bundleDraftInput>;
export type BundleDraft = z.output<typeof bundleDraftInput>;

export const bundleIdInput = z.object({ bundleId: id });

export const deleteBundleInput = z.object({
  bundleId: id,
  // Deleting a bundle that still grants access must be an explicit choice to end those grants.
  endGrants: z.boolean().default(false),
});
export type DeleteBundleInput = z.input<typeof deleteBundleInput>;

/** What the form has so far: incomplete drafts (no roles yet, no name) can still be previewed. */
export const previewBundleInput = z.object({
  id: id.optional(),
  matchMode: z.enum(MATCH_MODES).default("ALL"),
  rules: z.array(bundleRuleInput).max(20, "At most 20 rules"),
  roleIds: z.array(id).max(50, "At most 50 roles"),
  enabled: z.boolean().default(true),
});
export type PreviewBundleInput = z.input<typeof previewBundleInput>;
