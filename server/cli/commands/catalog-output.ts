// How `catalog apply` reads to a person: the problems with their lines, or the diff (+ create, ~ update,
// - delete, each with the fields that change), what is kept, and what happened.
import type { ApplyCatalogResult } from "../../domain/catalog-as-code/apply-catalog-file.ts";
import { formatProblem } from "../../domain/catalog-as-code/catalog-problems.ts";
import { plural } from "../output.ts";

const SIGN = { create: "+", update: "~", delete: "-" } as const;

export function formatCatalogResult(r: ApplyCatalogResult, ctx: { file: string; tenant: string }): { human: string[]; failed: boolean } {
  if (r.status === "invalid") {
    return {
      failed: true,
      human: [`${ctx.file} has ${plural(r.problems.length, "problem")}; nothing was written:`, ...r.problems.map((p) => formatProblem(p, ctx.file))],
    };
  }
  const lines: string[] = [];
  for (const c of r.diff.changes) {
    lines.push(`  ${SIGN[c.op]} ${c.op} ${c.label}`);
    for (const d of c.details) lines.push(`      ${d}`);
  }
  if (r.diff.kept.length) {
    lines.push("Not in the file, kept (the file does not say `prune: true`):", ...r.diff.kept.map((k) => `  = ${k.label}`));
  }
  const { create, update, delete: del } = r.counts;
  const summary = `${create} to create, ${update} to update, ${del} to delete`;
  if (r.status === "unchanged") {
    return { failed: false, human: [`No changes: the catalog of tenant ${ctx.tenant} already matches ${ctx.file}.`, ...lines] };
  }
  if (r.status === "planned") {
    return { failed: false, human: [`Changes ${ctx.file} would make to the catalog of tenant ${ctx.tenant}:`, ...lines, `Dry run: ${summary}. Nothing was written.`] };
  }
  return {
    failed: false,
    human: [`Applied ${ctx.file} to the catalog of tenant ${ctx.tenant}:`, ...lines, `Done in one transaction: ${create} created, ${update} updated, ${del} deleted (each recorded in the audit log).`],
  };
}
