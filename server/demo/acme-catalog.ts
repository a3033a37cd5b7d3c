import type { RoleInput } from "../domain/catalog/schemas.ts";

// Acme's catalog: nine apps whose roles map to the sandbox groups by name, and Carta, which has no SSO
// groups: its owner sets access up and removes it by hand (a manual app).
type Role = Omit<RoleInput, "appId" | "groupIds"> & { groups: string[] };
export interface DemoApp {
  name: string;
  description: string;
  riskLevel: "LOW" | "MEDIUM" | "HIGH" | "CRITICAL";
  owners: string[]; // logins
  roles: Role[];
  provisioningMode?: "IDP_GROUPS" | "MANUAL";
}

const H = 60;
const manager = [{ kind: "MANAGER" as const }];
const managerThenOwner = [{ kind: "MANAGER" as const }, { kind: "APP_OWNER" as const }];

export const acmeCatalog: DemoApp[] = [
  {
    name: "GitHub", description: "Source code, pull requests and CI for the acme organisation.", riskLevel: "MEDIUM", owners: ["isla.fraser"],
    roles: [
      { name: "Engineer", description: "Member of the acme organisation: read and write to team repositories.", groups: ["github-engineers"], steps: manager },
      { name: "Organisation owner", description: "Full administrative control of the organisation.", groups: ["github-admins"], privileged: true, durationRequired: true, allowedDurations: [H, 6 * H, 24 * H], maxDurationMinutes: 7 * 24 * H, steps: [{ kind: "MANAGER" }, { kind: "SECURITY" }] },
    ],
  },
  {
    name: "AWS Production", description: "The production AWS account (us-east-1, eu-west-1).", riskLevel: "CRITICAL", owners: ["liam.okafor"],
    roles: [
      { name: "Read-only", description: "ReadOnlyAccess in the production account.", groups: ["aws-prod-readonly"], steps: managerThenOwner },
      { name: "Administrator", description: "AdministratorAccess in production. Time-bound only.", groups: ["aws-prod-admin"], privileged: true, durationRequired: true, allowedDurations: [H, 6 * H, 24 * H], maxDurationMinutes: 24 * H, steps: managerThenOwner },
    ],
  },
  {
    name: "Salesforce", description: "CRM for the sales team: accounts, opportunities, forecasts.", riskLevel: "HIGH", owners: ["priya.shah"],
    roles: [
      { name: "Sales user", description: "Standard Sales Cloud licence.", groups: ["salesforce-users"], steps: managerThenOwner },
      { name: "System administrator", description: "Configure objects, users and integrations.", groups: ["salesforce-admins"], privileged: true, durationRequired: true, allowedDurations: [6 * H, 24 * H, 7 * 24 * H], maxDurationMinutes: 30 * 24 * H, steps: managerThenOwner },
    ],
  },
  {
    name: "Datadog", description: "Monitoring, logs and APM.", riskLevel: "LOW", owners: ["liam.okafor"],
    roles: [{ name: "Standard user", description: "Dashboards, monitors and logs.", groups: ["datadog-users"], steps: [{ kind: "AUTO" }] }],
  },
  {
    name: "Zendesk", description: "Customer support tickets and help centre.", riskLevel: "MEDIUM", owners: ["nadia.haddad"],
    roles: [
      { name: "Agent", description: "Answer tickets.", groups: ["zendesk-agents"], steps: manager },
      { name: "Administrator", description: "Manage triggers, macros and agents.", groups: ["zendesk-admins"], privileged: true, durationRequired: true, allowedDurations: [24 * H, 7 * 24 * H], maxDurationMinutes: 30 * 24 * H, steps: managerThenOwner },
    ],
  },
  {
    name: "NetSuite", description: "ERP: general ledger, payables, payroll journals.", riskLevel: "HIGH", owners: ["laura.jensen"],
    roles: [
      { name: "Finance user", description: "Enter and view transactions.", groups: ["netsuite-users"], steps: managerThenOwner },
      { name: "Bill approver", description: "Approve vendor bills.", groups: ["netsuite-approvers"], privileged: true, durationRequired: true, allowedDurations: [7 * 24 * H], maxDurationMinutes: 90 * 24 * H, steps: [{ kind: "MANAGER" }, { kind: "APP_OWNER" }, { kind: "SECURITY" }] },
    ],
  },
  {
    name: "HubSpot", description: "Marketing automation and email campaigns.", riskLevel: "LOW", owners: ["olivia.park"],
    roles: [{ name: "Marketing user", description: "Campaigns, lists and reports.", groups: ["hubspot-users"], steps: manager }],
  },
  {
    name: "Figma", description: "Design files and prototypes.", riskLevel: "LOW", owners: ["olivia.park"],
    roles: [{ name: "Editor", description: "Create and edit design files (paid seat).", groups: ["figma-editors"], steps: manager }],
  },
  {
    name: "1Password", description: "Shared vaults for IT and on-call credentials.", riskLevel: "HIGH", owners: ["quinn.harper"],
    roles: [{ name: "IT vaults", description: "Access to the IT team's shared vaults.", groups: ["1password-team"], steps: [{ kind: "MANAGER" }, { kind: "SECURITY" }] }],
  },
  {
    name: "Carta", description: "Cap table and equity administration. Not behind SSO: its owner adds and removes people by hand.", riskLevel: "HIGH", owners: ["priya.shah"],
    provisioningMode: "MANUAL",
    roles: [
      { name: "Viewer", description: "See the cap table and option grants.", groups: [], steps: managerThenOwner },
      { name: "Administrator", description: "Issue and edit equity. Time-bound only.", groups: [], privileged: true, durationRequired: true, allowedDurations: [24 * H, 7 * 24 * H], maxDurationMinutes: 7 * 24 * H, steps: managerThenOwner },
    ],
  },
];
