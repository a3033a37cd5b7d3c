// Deterministic directory generator for the sandbox Okta org (tests, demo, benchmarks).
// Same options + seed → the same users, groups and memberships, byte for byte.

import { OktaState, oktaId, type OktaGroup, type OktaUser, type OktaUserStatus } from "./state.ts";

export interface GenerateDirectoryOptions {
  users: number;
  groups: number;
  /** Direct memberships in total (exact). Must be ≤ users × groups. */
  memberships: number;
  seed?: number;
  /** Reference "now" for created/lastLogin dates. Default 2026-11-01T00:00:00Z so output is stable; pass new Date() for a live demo. */
  now?: Date;
  /** Email domain; default example.com. */
  domain?: string;
  /** Share of groups that are APP_GROUP (imported from AD); default 0.1. */
  appGroupRatio?: number;
  /** Share of users that are DEPROVISIONED; default 0.03. */
  deprovisionedRatio?: number;
  /** Share of users that are SUSPENDED; default 0.02. */
  suspendedRatio?: number;
  /** Share of users that never signed in (lastLogin null); default 0.05. */
  neverLoggedInRatio?: number;
  /** Add to an existing state instead of a new one. */
  into?: OktaState;
}

const FIRST = ["Ada", "Alan", "Grace", "Linus", "Margaret", "Ken", "Barbara", "Dennis", "Frances", "Edsger", "Radia", "Tim", "Katherine", "Donald", "Hedy", "John", "Sophie", "Bjarne", "Anita", "Guido", "Leslie", "Niklaus", "Shafi", "Vint", "Adele", "Yukihiro", "Mary", "James", "Karen", "Robert", "Lin", "Priya", "Omar", "Chen", "Fatima", "Mateo", "Aisha", "Lars", "Ingrid", "Kofi"];
const LAST = ["Lovelace", "Turing", "Hopper", "Torvalds", "Hamilton", "Thompson", "Liskov", "Ritchie", "Allen", "Dijkstra", "Perlman", "Berners", "Johnson", "Knuth", "Lamarr", "McCarthy", "Wilson", "Stroustrup", "Borg", "Rossum", "Lamport", "Wirth", "Goldwasser", "Cerf", "Goldberg", "Matsumoto", "Keller", "Gosling", "Jones", "Martin", "Wei", "Patel", "Haddad", "Zhang", "Khan", "Garcia", "Bello", "Nilsen", "Berg", "Mensah"];
const DEPARTMENTS = ["Engineering", "Sales", "Marketing", "Finance", "People", "Legal", "Support", "Operations", "Product", "Security", "IT", "Data"];
const TITLES: Record<string, string[]> = {
  Engineering: ["Software Engineer", "Senior Software Engineer", "Staff Engineer", "Engineering Manager", "SRE"],
  Sales: ["Account Executive", "Sales Manager", "SDR", "Solutions Engineer"],
  Marketing: ["Marketing Manager", "Content Lead", "Growth Analyst"],
  Finance: ["Accountant", "Controller", "FP&A Analyst"],
  People: ["HR Business Partner", "Recruiter", "People Ops Lead"],
  Legal: ["Counsel", "Paralegal"],
  Support: ["Support Engineer", "Support Lead"],
  Operations: ["Operations Manager", "Business Analyst"],
  Product: ["Product Manager", "Product Designer", "UX Researcher"],
  Security: ["Security Engineer", "CISO", "GRC Analyst"],
  IT: ["IT Administrator", "Helpdesk Technician", "IT Manager"],
  Data: ["Data Engineer", "Data Scientist", "Analytics Lead"],
};
const CITIES = ["London", "New York", "San Francisco", "Berlin", "Paris", "Toronto", "Sydney", "Singapore", "Austin", "Dublin", "Lisbon", "Tokyo"];
const GROUP_STEMS = ["Engineering", "Sales", "Finance", "AWS Prod Admins", "AWS Read Only", "GitHub Org Owners", "GitHub Members", "Salesforce Users", "Jira Admins", "Confluence Editors", "VPN Users", "Payroll Approvers", "Zoom Users", "Slack Guests", "Snowflake Analysts", "Datadog Admins", "Okta Admins", "NetSuite Users", "Figma Editors", "Notion Members"];

/** mulberry32: small, fast, deterministic PRNG. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const DAY = 86_400_000;

const pad2 = (n: number) => (n < 10 ? "0" : "") + n;

/** Date.toISOString() for whole seconds (…T12:34:56.000Z), several times faster than building Dates. */
export function isoSeconds(ms: number): string {
  const secs = Math.floor(ms / 1000);
  const days = Math.floor(secs / 86400);
  let rem = secs - days * 86400;
  // civil_from_days (H. Hinnant)
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  const hh = Math.floor(rem / 3600);
  rem -= hh * 3600;
  const mm = Math.floor(rem / 60);
  const ss = rem - mm * 60;
  return `${y}-${pad2(m)}-${pad2(d)}T${pad2(hh)}:${pad2(mm)}:${pad2(ss)}.000Z`;
}

export function generateDirectory(opts: GenerateDirectoryOptions): OktaState {
  const { users: nUsers, groups: nGroups, memberships: nMemberships } = opts;
  if (nUsers < 0 || nGroups < 0 || nMemberships < 0) throw new Error("generateDirectory: counts must be ≥ 0");
  if (nMemberships > nUsers * nGroups) throw new Error("generateDirectory: more memberships than users × groups");
  const seed = opts.seed ?? 1;
  const rnd = mulberry32(seed);
  const pick = <T>(arr: readonly T[]): T => arr[Math.floor(rnd() * arr.length)];
  const now = (opts.now ?? new Date("2026-11-01T00:00:00.000Z")).getTime();
  const iso = isoSeconds;
  const domain = opts.domain ?? "example.com";
  const appRatio = opts.appGroupRatio ?? 0.1;
  const deprovRatio = opts.deprovisionedRatio ?? 0.03;
  const suspRatio = opts.suspendedRatio ?? 0.02;
  const neverRatio = opts.neverLoggedInRatio ?? 0.05;

  const state = opts.into ?? new OktaState();
  const salt = seed;
  let seq = 0;
  const newId = (prefix: string) => {
    let id = oktaId(prefix, ++seq, salt);
    while (state.users.has(id) || state.groups.has(id)) id = oktaId(prefix, ++seq, salt);
    return id;
  };

  const userIds: string[] = new Array(nUsers);
  const logins = new Set<string>();
  for (let i = 0; i < nUsers; i++) {
    const first = pick(FIRST);
    const last = pick(LAST);
    let login = `${first}.${last}`.toLowerCase() + `@${domain}`;
    if (logins.has(login) || state.getUser(login)) login = `${first}.${last}${i}`.toLowerCase() + `@${domain}`;
    logins.add(login);
    const dept = pick(DEPARTMENTS);
    const created = now - Math.floor(rnd() * 1500 * DAY) - 30 * DAY;
    const r = rnd();
    const status: OktaUserStatus =
      r < deprovRatio ? "DEPROVISIONED"
      : r < deprovRatio + suspRatio ? "SUSPENDED"
      : r < deprovRatio + suspRatio + 0.01 ? "STAGED"
      : r < deprovRatio + suspRatio + 0.02 ? "PROVISIONED"
      : "ACTIVE";
    const l = rnd();
    const lastLogin =
      status === "STAGED" || status === "PROVISIONED" || l < neverRatio ? null
      : l < neverRatio + 0.08 ? iso(now - (91 + Math.floor(rnd() * 300)) * DAY) // dormant > 90 days
      : iso(now - Math.floor(rnd() * 30 * DAY));
    const id = newId("00u");
    userIds[i] = id;
    // Managers: someone earlier in the list (the first few report to nobody).
    const managerIdx = i < 5 ? -1 : Math.floor(rnd() * Math.min(i, 50 + i / 10));
    const managerId = managerIdx >= 0 ? userIds[managerIdx] : null;
    const managerUser = managerId ? state.users.get(managerId) : undefined;
    const statusChanged = status === "ACTIVE" ? null : iso(now - Math.floor(rnd() * 60 * DAY));
    const contractor = rnd() < 0.08;
    const user: OktaUser = {
      id,
      status,
      transitioningToStatus: null,
      created: iso(created),
      activated: status === "STAGED" ? null : iso(created + DAY),
      statusChanged,
      lastLogin,
      lastUpdated: iso(Math.max(created + DAY, now - Math.floor(rnd() * 90 * DAY))),
      passwordChanged: status === "STAGED" ? null : iso(created + DAY),
      type: { id: "oty1sandboxdefault001" },
      profile: {
        login,
        email: login,
        firstName: first,
        lastName: last,
        title: pick(TITLES[dept]),
        department: dept,
        city: pick(CITIES),
        manager: managerUser ? `${managerUser.profile.firstName} ${managerUser.profile.lastName}` : null,
        managerId,
        employeeNumber: String(100000 + i),
        userType: contractor ? "Contractor" : "Employee",
        startDate: isoSeconds(created).slice(0, 10),
        terminationDate: status === "DEPROVISIONED" && statusChanged ? statusChanged.slice(0, 10) : null,
      },
      credentials: { provider: { type: "OKTA", name: "OKTA" } },
    };
    state.insertUser(user);
  }

  const groupIds: string[] = new Array(nGroups);
  for (let i = 0; i < nGroups; i++) {
    const stem = GROUP_STEMS[i % GROUP_STEMS.length];
    const isApp = rnd() < appRatio;
    const name = i < GROUP_STEMS.length ? stem : `${stem} ${Math.floor(i / GROUP_STEMS.length) + 1}`;
    const created = iso(now - Math.floor(rnd() * 1000 * DAY) - 60 * DAY);
    const id = newId("00g");
    groupIds[i] = id;
    const group: OktaGroup = {
      id,
      created,
      lastUpdated: created,
      lastMembershipUpdated: iso(now - Math.floor(rnd() * 30 * DAY)),
      objectClass: isApp ? ["okta:windows_security_principal"] : ["okta:user_group"],
      type: isApp ? "APP_GROUP" : "OKTA_GROUP",
      profile: isApp
        ? {
            name: `AD ${name}`,
            description: `Imported from Active Directory: ${name}`,
            samAccountName: `AD_${name.replace(/\W+/g, "_")}`,
            dn: `CN=${name},OU=Groups,DC=corp,DC=example,DC=com`,
            windowsDomainQualifiedName: `CORP\\AD_${name.replace(/\W+/g, "_")}`,
          }
        : { name, description: `${name} (generated)` },
    };
    if (isApp) group.source = { id: "0oa1activedirectory01" };
    state.insertGroup(group);
  }

  // Memberships: group sizes follow a skewed distribution (a few big groups, many small ones).
  if (nMemberships > 0) {
    const weights = new Float64Array(nGroups);
    let total = 0;
    for (let g = 0; g < nGroups; g++) {
      total += 1 / Math.pow(g + 1, 0.8);
      weights[g] = total;
    }
    const pickGroup = () => {
      const x = rnd() * total;
      let lo = 0;
      let hi = nGroups - 1;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (weights[mid] < x) lo = mid + 1;
        else hi = mid;
      }
      return lo;
    };
    const full = new Uint8Array(nGroups);
    let made = 0;
    let misses = 0;
    while (made < nMemberships) {
      let g = pickGroup();
      if (full[g]) {
        // Group saturated: walk to the next one with room.
        let k = 0;
        while (full[g] && k < nGroups) { g = (g + 1) % nGroups; k++; }
      }
      const gid = groupIds[g];
      const members = state.memberships.get(gid)!;
      if (members.size >= nUsers) { full[g] = 1; continue; }
      const uid = userIds[Math.floor(rnd() * nUsers)];
      if (state.insertMembership(gid, uid)) {
        made++;
        misses = 0;
      } else if (++misses > 50) {
        // Dense group: take the first user not yet in it.
        for (const u of userIds) if (state.insertMembership(gid, u)) { made++; break; }
        if (members.size >= nUsers) full[g] = 1;
        misses = 0;
      }
    }
  }
  state.setSeq(seq);
  return state;
}
