// The catalog in one comparable shape, whether it comes from the file (desired) or the database (current):
// people as lowercase emails, groups as Gatehouse group ids, durations in minutes, roles of bundles by name.
import type { BundleRule } from "../bundles/bundle-rules.ts";

export interface CatalogStep {
  kind: "AUTO" | "MANAGER" | "APP_OWNER" | "SECURITY" | "NAMED";
  mode: "ANY" | "ALL";
  /** The named approver's email (NAMED steps only). */
  approver: string | null;
}

export interface CatalogRole {
  name: string;
  description: string;
  privileged: boolean;
  durationRequired: boolean;
  allowedDurations: number[];
  maxDurationMinutes: number | null;
  groupIds: string[];
  steps: CatalogStep[];
}

export interface CatalogReclaim {
  enabled: boolean;
  inactivityDays: number;
  graceDays: number;
  exemptRoles: string[];
  exemptPeople: string[];
}

export interface CatalogApp {
  name: string;
  description: string;
  riskLevel: "LOW" | "MEDIUM" | "HIGH" | "CRITICAL";
  provisioningMode: "IDP_GROUPS" | "MANUAL";
  logoUrl: string | null;
  externalAppId: string | null;
  owners: string[];
  roles: CatalogRole[];
  reclaim: CatalogReclaim | null;
}

export interface CatalogBundleRole {
  app: string;
  role: string;
}

export interface CatalogBundle {
  name: string;
  description: string;
  matchMode: "ALL" | "ANY";
  enabled: boolean;
  rules: BundleRule[];
  roles: CatalogBundleRole[];
}

export interface Catalog {
  apps: CatalogApp[];
  bundles: CatalogBundle[];
}

export const roleLabel = (app: string, role: string) => `${app} / ${role}`;
