import type { TenantScope } from "../domain/services.ts";
import { saveBundle } from "../domain/bundles/save-bundle.ts";

// Acme's birthright bundles. Saving queues their application as a background job, so the start-up does not wait
// for the grants; they are chosen so no persona's own requests in the demo (GitHub, Figma, HubSpot, Salesforce)
// collide with a birthright grant, and a Support → Finance move shows a mover's changes.
const bundles = [
  {
    name: "Support baseline", description: "Every support team member answers tickets from day one.",
    rules: [{ field: "department" as const, op: "equals" as const, value: "Support" }], roles: [["Zendesk", "Agent"]],
  },
  {
    name: "Finance baseline", description: "Finance staff enter and view transactions in the ERP.",
    rules: [{ field: "department" as const, op: "equals" as const, value: "Finance" }], roles: [["NetSuite", "Finance user"]],
  },
];

export async function seedDemoBundles(scope: TenantScope) {
  const roles = await scope.tdb.role.findMany({ select: { id: true, name: true, app: { select: { name: true } } } });
  for (const b of bundles) {
    const roleIds = b.roles.map(([app, role]) => {
      const found = roles.find((r) => r.app.name === app && r.name === role);
      if (!found) throw new Error(`Demo role ${app} · ${role} is missing from the catalog`);
      return found.id;
    });
    await saveBundle(scope, { name: b.name, description: b.description, matchMode: "ALL", rules: b.rules, roleIds });
  }
}
