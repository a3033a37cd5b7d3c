import { OktaState } from "../sandbox/okta/state.ts";

// The demo company "Acme": about 60 people in six departments with managers, titles and
// locations, and the groups its apps map to. Deterministic, so every fresh start looks the same.

export const DEMO_DOMAIN = "acme.example";
export const personaEmails = {
  employee: `dana.lee@${DEMO_DOMAIN}`,
  manager: `sam.rivera@${DEMO_DOMAIN}`,
  appOwner: `priya.shah@${DEMO_DOMAIN}`,
  admin: `alex.kim@${DEMO_DOMAIN}`,
  auditor: `morgan.blake@${DEMO_DOMAIN}`,
} as const;

type P = [first: string, last: string, title: string, dept: string, city: string, manager: string | null, groups?: string[]];

const people: P[] = [
  ["Jordan", "Ellis", "Chief Executive Officer", "Executive", "San Francisco", null],
  ["Riley", "Chen", "VP Engineering", "Engineering", "San Francisco", "jordan.ellis"],
  ["Sam", "Rivera", "Engineering Manager", "Engineering", "San Francisco", "riley.chen", ["github-engineers", "datadog-users", "aws-prod-readonly"]],
  ["Dana", "Lee", "Software Engineer", "Engineering", "San Francisco", "sam.rivera", ["github-engineers", "datadog-users"]],
  ["Noah", "Patel", "Senior Software Engineer", "Engineering", "New York", "sam.rivera", ["github-engineers", "datadog-users", "aws-prod-readonly"]],
  ["Ava", "Nguyen", "Software Engineer", "Engineering", "Remote", "sam.rivera", ["github-engineers"]],
  ["Liam", "Okafor", "Site Reliability Engineer", "Engineering", "London", "sam.rivera", ["github-engineers", "datadog-users", "aws-prod-readonly", "aws-prod-admin"]],
  ["Mia", "Schmidt", "Engineering Manager", "Engineering", "London", "riley.chen", ["github-engineers", "github-admins"]],
  ["Ethan", "Brooks", "Software Engineer", "Engineering", "London", "mia.schmidt", ["github-engineers"]],
  ["Zoe", "Martin", "Frontend Engineer", "Engineering", "Remote", "mia.schmidt", ["github-engineers", "figma-editors"]],
  ["Lucas", "Silva", "Data Engineer", "Engineering", "New York", "mia.schmidt", ["github-engineers", "aws-prod-readonly"]],
  ["Chloe", "Dubois", "QA Engineer", "Engineering", "Remote", "mia.schmidt", ["github-engineers"]],
  ["Owen", "Walsh", "Security Engineer", "Engineering", "San Francisco", "riley.chen", ["github-engineers", "security-team", "aws-prod-readonly"]],
  ["Isla", "Fraser", "Staff Engineer", "Engineering", "San Francisco", "riley.chen", ["github-engineers", "github-admins", "datadog-users"]],
  ["Mateo", "Garcia", "Software Engineer", "Engineering", "New York", "sam.rivera", ["github-engineers"]],
  ["Hana", "Sato", "Mobile Engineer", "Engineering", "Remote", "mia.schmidt", ["github-engineers"]],
  ["Victoria", "Hughes", "VP Sales", "Sales", "New York", "jordan.ellis", ["salesforce-users", "hubspot-users"]],
  ["Priya", "Shah", "Sales Operations Manager", "Sales", "New York", "victoria.hughes", ["salesforce-users", "salesforce-admins", "hubspot-users"]],
  ["Marcus", "Reed", "Account Executive", "Sales", "New York", "victoria.hughes", ["salesforce-users"]],
  ["Elena", "Popescu", "Account Executive", "Sales", "London", "victoria.hughes", ["salesforce-users"]],
  ["Tom", "Baker", "Sales Development Rep", "Sales", "Remote", "priya.shah", ["salesforce-users", "hubspot-users"]],
  ["Grace", "Kim", "Sales Development Rep", "Sales", "New York", "priya.shah", ["salesforce-users"]],
  ["Diego", "Morales", "Account Executive", "Sales", "San Francisco", "victoria.hughes", ["salesforce-users"]],
  ["Ruby", "Clarke", "Solutions Engineer", "Sales", "London", "victoria.hughes", ["salesforce-users", "github-engineers"]],
  ["Felix", "Wagner", "Account Manager", "Sales", "Remote", "victoria.hughes", ["salesforce-users"]],
  ["Aria", "Cohen", "Sales Analyst", "Sales", "New York", "priya.shah", ["salesforce-users"]],
  ["Nadia", "Haddad", "Head of Support", "Support", "London", "jordan.ellis", ["zendesk-agents", "zendesk-admins"]],
  ["Ben", "Foster", "Support Engineer", "Support", "London", "nadia.haddad", ["zendesk-agents"]],
  ["Sofia", "Rossi", "Support Engineer", "Support", "Remote", "nadia.haddad", ["zendesk-agents"]],
  ["Kai", "Tanaka", "Support Specialist", "Support", "San Francisco", "nadia.haddad", ["zendesk-agents"]],
  ["Leah", "Goldberg", "Support Specialist", "Support", "New York", "nadia.haddad", ["zendesk-agents"]],
  ["Omar", "Aziz", "Support Team Lead", "Support", "London", "nadia.haddad", ["zendesk-agents", "zendesk-admins"]],
  ["Ivy", "Turner", "Support Specialist", "Support", "Remote", "omar.aziz", ["zendesk-agents"]],
  ["Jack", "Murphy", "Support Specialist", "Support", "Remote", "omar.aziz", ["zendesk-agents"]],
  ["Emma", "Larsen", "Technical Account Manager", "Support", "New York", "nadia.haddad", ["zendesk-agents", "salesforce-users"]],
  ["Paul", "Meyer", "Chief Financial Officer", "Finance", "New York", "jordan.ellis", ["netsuite-users", "netsuite-approvers"]],
  ["Morgan", "Blake", "Internal Auditor", "Finance", "New York", "paul.meyer"],
  ["Laura", "Jensen", "Controller", "Finance", "New York", "paul.meyer", ["netsuite-users", "netsuite-approvers"]],
  ["Samir", "Khan", "Accountant", "Finance", "London", "laura.jensen", ["netsuite-users"]],
  ["Julia", "Novak", "Accounts Payable Specialist", "Finance", "Remote", "laura.jensen", ["netsuite-users"]],
  ["Henry", "Adams", "FP&A Analyst", "Finance", "San Francisco", "paul.meyer", ["netsuite-users"]],
  ["Maya", "Lopez", "Payroll Specialist", "Finance", "New York", "laura.jensen", ["netsuite-users"]],
  ["Olivia", "Park", "VP Marketing", "Marketing", "San Francisco", "jordan.ellis", ["hubspot-users", "figma-editors"]],
  ["Leo", "Bianchi", "Product Marketing Manager", "Marketing", "San Francisco", "olivia.park", ["hubspot-users"]],
  ["Nora", "Svensson", "Designer", "Marketing", "Remote", "olivia.park", ["figma-editors"]],
  ["Caleb", "Wright", "Content Marketer", "Marketing", "New York", "olivia.park", ["hubspot-users"]],
  ["Amara", "Obi", "Demand Generation Manager", "Marketing", "London", "olivia.park", ["hubspot-users", "salesforce-users"]],
  ["Finn", "OBrien", "Designer", "Marketing", "London", "olivia.park", ["figma-editors"]],
  ["Lily", "Chen", "Marketing Operations", "Marketing", "San Francisco", "olivia.park", ["hubspot-users", "salesforce-users"]],
  ["Hugo", "Petit", "Brand Manager", "Marketing", "Remote", "olivia.park", ["figma-editors", "hubspot-users"]],
  ["Alex", "Kim", "IT Administrator", "IT", "San Francisco", "riley.chen", ["jira-admins", "1password-team"]],
  ["Jamie", "Cruz", "IT Support Specialist", "IT", "New York", "alex.kim", ["1password-team"]],
  ["Quinn", "Harper", "Security & Compliance Lead", "IT", "San Francisco", "riley.chen", ["security-team", "1password-team"]],
  ["Theo", "Berg", "IT Support Specialist", "IT", "London", "alex.kim", ["1password-team"]],
  ["Rosa", "Mendes", "Recruiter", "People", "San Francisco", "jordan.ellis"],
  ["Ian", "Doyle", "People Partner", "People", "London", "rosa.mendes"],
  ["Ella", "Fischer", "Office Manager", "People", "New York", "rosa.mendes"],
  ["Max", "Kowalski", "Contractor – Data", "Engineering", "Remote", "mia.schmidt", ["github-engineers"]],
  ["Sara", "Lind", "Software Engineer", "Engineering", "Remote", "sam.rivera", ["github-engineers"]],
  ["Adam", "Fox", "Account Executive", "Sales", "Remote", "victoria.hughes", ["salesforce-users"]],
];

const groups: { name: string; description: string; type?: "OKTA_GROUP" | "APP_GROUP" | "BUILT_IN" }[] = [
  { name: "github-engineers", description: "GitHub: members of the acme organisation" },
  { name: "github-admins", description: "GitHub: organisation owners" },
  { name: "aws-prod-readonly", description: "AWS production account: ReadOnlyAccess" },
  { name: "aws-prod-admin", description: "AWS production account: AdministratorAccess" },
  { name: "datadog-users", description: "Datadog: standard users" },
  { name: "salesforce-users", description: "Salesforce: Sales Cloud users" },
  { name: "salesforce-admins", description: "Salesforce: system administrators" },
  { name: "hubspot-users", description: "HubSpot Marketing Hub users" },
  { name: "zendesk-agents", description: "Zendesk: agents" },
  { name: "zendesk-admins", description: "Zendesk: administrators" },
  { name: "netsuite-users", description: "NetSuite: finance users" },
  { name: "netsuite-approvers", description: "NetSuite: bill approvers" },
  { name: "figma-editors", description: "Figma: editors" },
  { name: "1password-team", description: "1Password: IT team vaults" },
  { name: "jira-admins", description: "Jira: site administrators" },
  { name: "security-team", description: "Security team (approves privileged access)" },
  { name: "AD: Domain Users", description: "Imported from Active Directory", type: "APP_GROUP" },
  { name: "Everyone", description: "All users in the organisation", type: "BUILT_IN" },
];

export function loginOf(first: string, last: string) {
  return `${first}.${last}`.toLowerCase().replace(/[^a-z.]/g, "") + `@${DEMO_DOMAIN}`;
}

/** Fills a sandbox Okta with Acme's people, groups and memberships. */
export function buildAcmeDirectory(state = new OktaState()): OktaState {
  const byName = new Map<string, string>();
  for (const g of groups) byName.set(g.name, state.addGroup({ name: g.name, description: g.description, type: g.type ?? "OKTA_GROUP" }, { log: false }).id);
  const ids = new Map<string, string>();
  const lastLogin = (i: number) => new Date(Date.UTC(2026, 10, 25 - (i % 20), 9 + (i % 8))).toISOString();
  people.forEach(([first, last, title, department, city], i) => {
    const login = loginOf(first, last);
    const user = state.addUser({
      login, email: login, firstName: first, lastName: last, title, department, city,
      employeeNumber: String(1000 + i), userType: title.startsWith("Contractor") ? "Contractor" : "Employee",
      lastLogin: lastLogin(i),
    }, { log: false });
    ids.set(login.split("@")[0]!, user.id);
  });
  people.forEach(([first, last, , , , manager, extra], i) => {
    const id = ids.get(loginOf(first, last).split("@")[0]!)!;
    if (manager) {
      const managerLogin = `${manager}@${DEMO_DOMAIN}`;
      state.updateUserProfile(id, { manager: managerLogin, managerId: ids.get(manager) }, { log: false });
    }
    for (const g of extra ?? []) state.addMembership(byName.get(g)!, id, { log: false });
    state.addMembership(byName.get("Everyone")!, id, { log: false });
    if (i % 3 === 0) state.addMembership(byName.get("AD: Domain Users")!, id, { log: false });
  });
  return state;
}
