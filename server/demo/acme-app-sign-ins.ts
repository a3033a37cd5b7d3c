// Auto Reclaim in the demo: Acme's apps carry Okta app ids, and the sandbox Okta's System Log holds single
// sign-ons to them by the members of each app's groups, so a read of "last use" finds real data.
import type { OktaState } from "../sandbox/okta/index.ts";
import { acmeCatalog } from "./acme-catalog.ts";

/** Okta app instance ids (0oa…), by catalog app name. */
export const acmeAppIds: Record<string, string> = Object.fromEntries(
  acmeCatalog.map((app, i) => [app.name, `0oa${app.name.replace(/[^A-Za-z0-9]/g, "").toLowerCase().slice(0, 10).padEnd(10, "0")}${String(i + 1).padStart(7, "0")}`]),
);

const DAY = 86_400_000;

/**
 * For every app, each member of its groups signed in recently (within the last 9 days), except every sixth one,
 * whose last sign-in was 40 to 60 days ago: the unused seats Auto Reclaim should find.
 */
export function recordAcmeAppSignIns(state: OktaState, now = new Date()): OktaState {
  const groupIdByName = new Map([...state.groups.values()].map((g) => [g.profile.name, g.id]));
  for (const app of acmeCatalog) {
    const appId = acmeAppIds[app.name]!;
    const members = new Set<string>();
    for (const role of app.roles) for (const name of role.groups) for (const uid of state.memberships.get(groupIdByName.get(name) ?? "") ?? []) members.add(uid);
    [...members].sort().forEach((uid, i) => {
      const daysAgo = i % 6 === 5 ? 40 + ((i * 7) % 21) : i % 9;
      state.recordAppSignIn(appId, uid, new Date(now.getTime() - daysAgo * DAY - (i % 8) * 3_600_000), app.name);
    });
  }
  return state;
}
