// `catalog apply`: the whole file is checked first (every problem at its line, nothing written), then
// the diff is shown; unless it is a dry run, the diff is applied in one transaction through the catalog's
// operations, with their audit events and one event for the file as a whole. Applying the same file
// again finds nothing to change.
import { createHash } from "node:crypto";
import { recordAudit } from "../audit.ts";
import { badRequest, conflict } from "../errors.ts";
import type { TenantTx } from "../../db/tenant-db.ts";
import type { TenantScope } from "../services.ts";
import type { CatalogProblem } from "./catalog-problems.ts";
import type { CatalogDiff } from "./diff-catalog.ts";
import { executeCatalogChanges } from "./execute-catalog-changes.ts";
import { joinTransaction } from "./join-transaction.ts";
import { CatalogFileTooLarge } from "./parse-catalog-file.ts";
import { planCatalogApply, type CatalogPlan } from "./plan-catalog-apply.ts";

export type ApplyCatalogResult =
  | { status: "invalid"; problems: CatalogProblem[] }
  | { status: "unchanged" | "planned" | "applied"; diff: CatalogDiff; counts: { create: number; update: number; delete: number } };

const countOf = (diff: CatalogDiff) => ({
  create: diff.changes.filter((c) => c.op === "create").length,
  update: diff.changes.filter((c) => c.op === "update").length,
  delete: diff.changes.filter((c) => c.op === "delete").length,
});

async function plan(tdb: TenantTx, slug: string, text: string): Promise<CatalogPlan> {
  try {
    return await planCatalogApply(tdb, slug, text);
  } catch (e) {
    if (e instanceof CatalogFileTooLarge) throw badRequest(e.message);
    throw e;
  }
}

export async function applyCatalogFile(scope: TenantScope, input: { text: string; dryRun?: boolean }): Promise<ApplyCatalogResult> {
  const tenant = await scope.db.tenant.findUniqueOrThrow({ where: { id: scope.tenantId }, select: { slug: true } });
  const first = await plan(scope.tdb, tenant.slug, input.text);
  if (first.problems.length) return { status: "invalid", problems: first.problems };
  const counts = countOf(first.diff);
  if (!first.diff.changes.length) return { status: "unchanged", diff: first.diff, counts };
  if (input.dryRun) return { status: "planned", diff: first.diff, counts };

  await scope.tdb.$transaction(async (tx) => {
    // Planned again inside the transaction: what is applied is what was shown, or nothing.
    const again = await plan(tx, tenant.slug, input.text);
    if (again.problems.length || JSON.stringify(again.diff) !== JSON.stringify(first.diff)) {
      throw conflict("The catalog or the directory changed while the file was being applied; nothing was written. Run the command again.");
    }
    await executeCatalogChanges(joinTransaction(scope, tx), again);
    await recordAudit(tx, scope.tenantId, scope.actor, {
      action: "catalog.file.applied", subjectType: "tenant", subjectId: scope.tenantId,
      data: { sha256: createHash("sha256").update(input.text).digest("hex"), ...counts, changes: first.diff.changes.map((c) => `${c.op} ${c.label}`) },
    }, scope.clock.now());
  }, { timeout: 300_000, maxWait: 60_000 });
  return { status: "applied", diff: first.diff, counts };
}
