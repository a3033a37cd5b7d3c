import { createHash } from "node:crypto";
import { recordAudit } from "../audit.ts";
import { badRequest, conflict, forbidden, notFound } from "../errors.ts";
import { notifyPeople } from "../notifications/notify-people.ts";
import type { TenantScope } from "../services.ts";
import { parseAccountList, type AccountRow } from "./parse-account-list.ts";
import { campaignScope, importAccountsInput, type ImportAccountsInput } from "./schemas.ts";

const IMPORT_TX = { maxWait: 30_000, timeout: 120_000 };
/** How many rows of each list the answer and the audit event carry; the counts are always complete. */
const LIST_LIMIT = 500;
/** The person of an orphan account: nobody in the directory has its email. */
export const NO_PERSON = "";
export const ORPHAN_STATUS = "NOT_IN_DIRECTORY";
export const IMPORT_ACTION = "review.accounts_imported";

type Person = {
  id: string; email: string; login: string; displayName: string; title: string | null; department: string | null; status: string;
  managerId: string | null; managerName: string | null; terminationDate: Date | null; lastLoginAt: Date | null;
};

const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");
/** One item per account of the app in the campaign, whatever the file it came from: a re-import finds it. */
export const accountItemId = (campaignId: string, appId: string, email: string) => `${campaignId}:acct:${sha256(`${appId}\n${email}`).slice(0, 24)}`;
const cap = <T>(list: T[]) => list.slice(0, LIST_LIMIT);
const days = (a: Date, b: Date) => Math.floor((a.getTime() - b.getTime()) / 86_400_000);

/**
 * An admin or the app's owner uploads the current account list of a manual app (one Gatehouse cannot
 * read) into a draft or running campaign, so reviewers review the accounts that really exist. Each
 * account is matched to a person by email (case-insensitive, then login): one a live grant explains is
 * confirmed present; one no grant explains, and one nobody in the directory has (an orphan account),
 * becomes a review item recommended for revocation. Grants with no account in the list are reported.
 * Items are keyed by campaign, app and email, so importing the same list again adds nothing; a dry run
 * answers the same summary and writes nothing.
 */
export async function importReviewAccounts(scope: TenantScope, raw: ImportAccountsInput & { byPersonId: string | null; asAdmin: boolean }) {
  const input = importAccountsInput.parse(raw);
  const { tdb, tenantId, actor, clock } = scope;
  // Parsed before the transaction: a bad file is refused, naming its lines, and nothing is written.
  const list = parseAccountList(input.csv);
  const fileSha256 = sha256(input.csv.replace(/^\uFEFF/, ""));

  return tdb.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT 1 FROM "ReviewCampaign" WHERE id = ${input.campaignId} AND "tenantId" = ${tenantId} FOR UPDATE`;
    const campaign = await tx.reviewCampaign.findUnique({ where: { id: input.campaignId } });
    if (!campaign) throw notFound("Campaign");
    const app = await tx.app.findUnique({ where: { id: input.appId }, include: { owners: true, roles: { select: { id: true, name: true } } } });
    if (!app) throw notFound("App");
    const ownerIds = app.owners.map((o) => o.personId).sort();
    if (!raw.asAdmin && !(raw.byPersonId && ownerIds.includes(raw.byPersonId))) {
      throw forbidden(`Only admins and the owners of ${app.name} can import its accounts`);
    }
    if (campaign.status === "CLOSED") throw conflict("This campaign is closed: its items are final. Import the account list into a new campaign.");
    if (app.provisioningMode !== "MANUAL") {
      throw badRequest(`${app.name} is provisioned through IdP groups: its accounts come from the directory sync, not from a file`, "appId");
    }
    const cs = campaignScope.parse(campaign.scope);
    const everything = !cs.appIds.length && !cs.roleIds.length && !cs.groupIds.length;
    if (!everything && !cs.appIds.includes(app.id) && !app.roles.some((r) => cs.roleIds.includes(r.id))) {
      throw badRequest(`${app.name} is not in this campaign's scope`, "appId");
    }
    const now = clock.now();

    // Match by email first, then by login (Okta logins are often an email that differs from the primary one).
    const emails = list.accounts.map((a) => a.email);
    const people = await tx.$queryRaw<Person[]>`
      SELECT p.id, lower(p.email) AS email, lower(p.login) AS login, p."displayName", p.title, p.department, p.status, p."managerId",
        m."displayName" AS "managerName", p."terminationDate", p."lastLoginAt"
      FROM "Person" p LEFT JOIN "Person" m ON m.id = p."managerId"
      WHERE p."tenantId" = ${tenantId} AND (lower(p.email) = ANY(${emails}::text[]) OR lower(p.login) = ANY(${emails}::text[]))
      ORDER BY (p.status = 'ACTIVE') DESC, p.id`;
    const byEmail = new Map<string, Person>();
    for (const p of people) if (!byEmail.has(p.email)) byEmail.set(p.email, p);
    for (const p of people) if (!byEmail.has(p.login)) byEmail.set(p.login, p);

    // Live grants: active, being granted by hand (the owner may have made the account already) or being removed.
    const grants = await tx.grant.findMany({
      where: { role: { appId: app.id }, status: { in: ["PENDING", "ACTIVE", "ENDING"] } },
      select: { id: true, personId: true, status: true, activatedAt: true, createdAt: true, role: { select: { name: true } }, person: { select: { displayName: true, email: true, login: true, department: true } } },
      orderBy: { createdAt: "asc" },
    });
    const grantsOf = new Map<string, typeof grants>();
    for (const g of grants) grantsOf.set(g.personId, [...(grantsOf.get(g.personId) ?? []), g]);
    const inDepartments = (department: string | null) => !cs.departments.length || (!!department && cs.departments.includes(department));

    const existing = new Set((await tx.reviewItem.findMany({ where: { campaignId: campaign.id, appId: app.id }, select: { id: true } })).map((i) => i.id));
    const confirmed: { line: number; email: string; personId: string; personName: string; grantedRoles: string[]; listedRole: string | null }[] = [];
    const toReview: { account: AccountRow; person: Person | null }[] = [];
    const alreadyImported: { line: number; email: string }[] = [];
    const outsideScope: { line: number; email: string; personName: string; department: string | null }[] = [];
    const listed = new Set<string>();
    for (const account of list.accounts) {
      const person = byEmail.get(account.email) ?? null;
      if (person) listed.add(person.id);
      if (person && !inDepartments(person.department)) {
        outsideScope.push({ line: account.line, email: account.email, personName: person.displayName, department: person.department });
        continue;
      }
      const held = person ? grantsOf.get(person.id) : undefined;
      if (held?.length) {
        confirmed.push({ line: account.line, email: account.email, personId: person!.id, personName: person!.displayName, grantedRoles: [...new Set(held.map((g) => g.role.name))], listedRole: account.role });
        continue;
      }
      if (existing.has(accountItemId(campaign.id, app.id, account.email))) alreadyImported.push({ line: account.line, email: account.email });
      else toReview.push({ account, person });
    }
    const grantedButMissing = grants
      .filter((g) => g.status === "ACTIVE" && !listed.has(g.personId) && inDepartments(g.person.department))
      .map((g) => ({ grantId: g.id, personId: g.personId, personName: g.person.displayName, email: g.person.email, role: g.role.name, since: g.activatedAt ?? g.createdAt }));

    // Who reviews: the campaign's rule as at launch, never the person; the fallback reviewer, then an admin.
    const admins = (await tx.tenantMember.findMany({ where: { roles: { has: "admin" }, personId: { not: null } }, select: { personId: true } }))
      .map((m) => m.personId!).sort();
    const who = { manager: "manager", app_owner: "app owner", named: "named reviewer" }[campaign.reviewerMode] ?? "reviewer";
    const reviewerOf = (person: Person | null, key: string): { id: string; note: string | null } => {
      const self = person?.id ?? NO_PERSON;
      const options = campaign.reviewerMode === "manager" ? [person?.managerId]
        : campaign.reviewerMode === "app_owner" ? [ownerIds[0], ownerIds[ownerIds.length - 1]]
        : (() => {
          const n = campaign.reviewerPersonIds.length;
          const h = Number.parseInt(sha256(key).slice(0, 8), 16);
          return n ? [campaign.reviewerPersonIds[h % n], campaign.reviewerPersonIds[(h + 1) % n]] : [];
        })();
      const pick = options.find((o): o is string => !!o && o !== self);
      if (pick) return { id: pick, note: null };
      if (campaign.fallbackReviewerId !== self) {
        return { id: campaign.fallbackReviewerId, note: person ? `Fallback reviewer: no ${who} other than the person` : `Fallback reviewer: an account with no person in the directory has no ${who}` };
      }
      const admin = admins.find((a) => a !== self);
      if (!admin) throw badRequest(`Nobody can review ${person?.displayName ?? "this"} account: choose a fallback reviewer other than them, or link an admin to a person`, "fallbackReviewerId");
      return { id: admin, note: "An admin: the fallback reviewer cannot review their own access" };
    };
    const roleByName = new Map(app.roles.map((r) => [r.name.toLowerCase(), r.id]));
    const reasonOf = (account: AccountRow, person: Person | null) => {
      if (!person) return "Orphan account: nobody in the directory has this email";
      if (["DEPROVISIONED", "SUSPENDED"].includes(person.status) || (person.terminationDate && person.terminationDate <= now)) {
        return `Left the company (${person.status.toLowerCase()}${person.terminationDate && person.terminationDate <= now ? `, terminated ${person.terminationDate.toISOString().slice(0, 10)}` : ""}) but still has an account`;
      }
      if (list.columns.lastActivity && !account.lastActivityAt) return "Inactive: the account list shows no activity in the app";
      if (account.lastActivityAt && days(now, account.lastActivityAt) > campaign.inactivityDays) {
        return `Inactive: last activity in the app ${days(now, account.lastActivityAt)} days ago (threshold ${campaign.inactivityDays} days)`;
      }
      return "Unexplained: the app has this account, but no request or bundle grants it";
    };
    const items = toReview.map(({ account, person }) => {
      const reviewer = reviewerOf(person, person?.id ?? account.email);
      return {
        id: accountItemId(campaign.id, app.id, account.email), campaignId: campaign.id, personId: person?.id ?? NO_PERSON,
        grantId: null, appId: app.id, roleId: account.role ? roleByName.get(account.role.toLowerCase()) ?? null : null, groupId: null,
        accessLabel: `${app.name} · ${account.role ?? "account"}`, groupNames: [],
        howGranted: person ? "account_list" : "orphan_account", requestId: null, grantedAt: now, expiresAt: null, departmentAtGrant: null,
        lastUsedAt: account.lastActivityAt,
        personName: person?.displayName ?? account.name ?? account.email, personEmail: person?.email ?? account.email,
        personTitle: person?.title ?? null, personDepartment: person?.department ?? null, personStatus: person?.status ?? ORPHAN_STATUS,
        managerName: person?.managerName ?? null, lastLoginAt: person?.lastLoginAt ?? null,
        recommendation: "REVOKE" as const, recommendationReason: reasonOf(account, person),
        reviewerPersonId: reviewer.id, reviewerNote: reviewer.note, createdAt: now,
        // Not stored: what the summary shows of the row.
        line: account.line,
      };
    });

    // The same file again, with nothing new to add, is not a new event.
    const last = await tx.auditEvent.findFirst({
      where: { action: IMPORT_ACTION, subjectType: "campaign", subjectId: campaign.id, data: { path: ["appId"], equals: app.id } },
      orderBy: { seq: "desc" }, select: { data: true },
    });
    const unchanged = !items.length && (last?.data as { fileSha256?: string } | null)?.fileSha256 === fileSha256;
    const reviewerIds = [...new Set(items.map((i) => i.reviewerPersonId))];
    const reviewers = new Map((await tx.person.findMany({ where: { id: { in: reviewerIds } }, select: { id: true, displayName: true } })).map((p) => [p.id, p.displayName]));
    const orphans = items.filter((i) => i.personId === NO_PERSON);
    const summary = {
      dryRun: input.dryRun, unchanged, campaignId: campaign.id, campaignStatus: campaign.status, app: { id: app.id, name: app.name },
      fileName: input.fileName ?? null, fileSha256, importedAt: now, importedBy: actor.label, columns: list.columns,
      counts: {
        rows: list.rows, accounts: list.accounts.length, duplicateRows: list.duplicateRows, confirmed: confirmed.length,
        newItems: items.length - orphans.length, orphans: orphans.length, alreadyImported: alreadyImported.length,
        outsideScope: outsideScope.length, grantedButMissing: grantedButMissing.length,
      },
      newItems: cap(items.filter((i) => i.personId !== NO_PERSON).map((i) => ({
        itemId: i.id, line: i.line, email: i.personEmail, personName: i.personName, role: i.accessLabel, lastActivityAt: i.lastUsedAt,
        reason: i.recommendationReason, reviewer: reviewers.get(i.reviewerPersonId) ?? "Unknown person",
      }))),
      orphans: cap(orphans.map((i) => ({
        itemId: i.id, line: i.line, email: i.personEmail, name: i.personName === i.personEmail ? null : i.personName, role: i.accessLabel,
        lastActivityAt: i.lastUsedAt, reviewer: reviewers.get(i.reviewerPersonId) ?? "Unknown person",
      }))),
      confirmed: cap(confirmed.map(({ personId: _, ...c }) => c)),
      alreadyImported: cap(alreadyImported),
      outsideScope: cap(outsideScope),
      grantedButMissing: cap(grantedButMissing.map(({ personId: _, ...g }) => g)),
    };
    if (input.dryRun || unchanged) return summary;

    if (items.length) await tx.reviewItem.createMany({ data: items.map(({ line: _, ...i }) => i) as never });
    await recordAudit(tx, tenantId, actor, {
      action: IMPORT_ACTION, subjectType: "campaign", subjectId: campaign.id,
      data: {
        appId: app.id, app: app.name, fileName: summary.fileName, fileSha256, columns: list.columns, counts: summary.counts,
        // The findings themselves, so the evidence holds what the list said even for accounts that are not items.
        itemIds: cap(items.map((i) => i.id)),
        orphans: cap(orphans.map((i) => ({ line: i.line, email: i.personEmail, name: i.personName, role: i.accessLabel }))),
        grantedButMissing: cap(grantedButMissing.map((g) => ({ grantId: g.grantId, personId: g.personId, email: g.email, role: g.role }))),
        outsideScope: cap(outsideScope.map((o) => ({ line: o.line, email: o.email }))),
      },
    }, now);
    if (campaign.status === "ACTIVE" && items.length) {
      // A draft's reviewers hear at launch; a running campaign's reviewers hear of the new items now.
      const perReviewer = new Map<string, number>();
      for (const i of items) perReviewer.set(i.reviewerPersonId, (perReviewer.get(i.reviewerPersonId) ?? 0) + 1);
      await notifyPeople(tx, scope.jobs, tenantId, [...perReviewer].map(([personId, n]) => ({
        personId, kind: "review.assigned" as const, link: `/reviews/${campaign.id}`,
        title: `Access review: ${campaign.name}`,
        body: `${n} more item${n === 1 ? "" : "s"} to review from the account list of ${app.name}, by ${campaign.dueAt.toISOString().slice(0, 10)}.`,
      })), now);
    }
    return summary;
  }, IMPORT_TX);
}
