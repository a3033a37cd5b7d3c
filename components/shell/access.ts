import type { Me } from "../types";

// What each role may use; the navigation and the page guards read the same rules.
export const isAdmin = (me: Me) => me.membership.roles.includes("admin");
export const readsDirectory = (me: Me) => me.membership.roles.some((r) => r === "admin" || r === "auditor" || r === "security");
export const readsAuditLog = (me: Me) => me.membership.roles.some((r) => r === "admin" || r === "auditor");
/** The Evidence section (trace, export, verify): auditors and admins, read-only. */
export const readsEvidence = readsAuditLog;
/** Every campaign: admins run them, auditors read them. */
export const seesAllReviews = readsAuditLog;
/** The Reviews section: admins and auditors (campaigns), and anyone with review items assigned in an active campaign. */
export const seesReviews = (me: Me) => seesAllReviews(me) || me.assignedReviews > 0;

const roleNames: Record<string, string> = { admin: "Admin", auditor: "Auditor", security: "Security" };

/** "Admin", "Auditor · Manager", "Employee · App owner"… */
export function roleLabel(me: Me): string {
  const assigned = me.membership.roles.map((r) => roleNames[r] ?? r);
  const derived = [me.membership.isManager ? "Manager" : null, me.membership.isAppOwner ? "App owner" : null].filter(Boolean) as string[];
  return [...(assigned.length ? assigned : ["Employee"]), ...derived].join(" · ");
}
