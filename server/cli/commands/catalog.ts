// `gatehouse catalog export` and `gatehouse catalog apply <file> [--dry-run]`: catalog as code, through
// the domain's exportCatalog and applyCatalogFile (the file is checked whole, the diff shown, then
// applied in one transaction with audit events).
import { readFile, stat } from "node:fs/promises";
import { parse } from "yaml";
import { MAX_CATALOG_FILE_BYTES } from "../../domain/catalog-as-code/catalog-file-schema.ts";
import { CliError, ResultExit, UsageError } from "../errors.ts";
import { plural, type Output } from "../output.ts";
import type { CliContext } from "../context.ts";
import { formatCatalogResult } from "./catalog-output.ts";

export interface CatalogExportOptions {
  tenant?: string;
}

export interface CatalogApplyOptions {
  file: string;
  tenant?: string;
  dryRun?: boolean;
}

/** The tenant named with --tenant, else the one the file names, else the only tenant there is. */
async function pickTenant(ctx: CliContext, slug: string | undefined) {
  const [{ tenantBySlug }, { listTenants }] = await Promise.all([import("../lookups.ts"), import("../../domain/tenants/queries.ts")]);
  if (slug?.trim()) return tenantBySlug(ctx.services, slug.trim());
  const tenants = await listTenants(ctx.services);
  if (tenants.length === 1) return tenants[0]!;
  if (!tenants.length) throw new CliError("There are no tenants yet. Create one with `gatehouse tenant create`.");
  throw new UsageError("there are several tenants: choose one with --tenant <slug>", tenants.map((t) => t.slug));
}

export async function catalogExportCommand(out: Output, o: CatalogExportOptions) {
  const [{ withServices }, { forTenant }, { exportCatalog }] = await Promise.all([
    import("../context.ts"), import("../../domain/services.ts"), import("../../domain/catalog-as-code/export-catalog.ts"),
  ]);
  await withServices(out, { connectors: false }, async (ctx) => {
    const tenant = await pickTenant(ctx, o.tenant);
    const exported = await exportCatalog(forTenant(ctx.services, tenant.id, ctx.actor));
    out.result(exported.yaml.replace(/\n$/, ""), { tenant: tenant.slug, ...exported });
    out.note(
      `Exported the catalog of tenant ${tenant.slug}: ${plural(exported.apps, "app")}, ${plural(exported.roles, "role")}, ` +
        `${plural(exported.bundles, "bundle")}, ${plural(exported.reclaimRules, "reclaim rule")}.`,
    );
  });
}

async function readCatalogFile(file: string): Promise<{ text: string; name: string }> {
  if (file === "-") {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of process.stdin) {
      size += (chunk as Buffer).length;
      if (size > MAX_CATALOG_FILE_BYTES) throw new CliError(`The catalog file on stdin is larger than the limit of ${MAX_CATALOG_FILE_BYTES.toLocaleString("en-US")} bytes`);
      chunks.push(chunk as Buffer);
    }
    return { text: Buffer.concat(chunks).toString("utf8"), name: "<stdin>" };
  }
  try {
    const info = await stat(file);
    if (!info.isFile()) throw new CliError(`${file} is not a file`);
    if (info.size > MAX_CATALOG_FILE_BYTES) {
      throw new CliError(`${file} is ${info.size.toLocaleString("en-US")} bytes; the limit is ${MAX_CATALOG_FILE_BYTES.toLocaleString("en-US")} bytes`);
    }
    return { text: await readFile(file, "utf8"), name: file };
  } catch (e) {
    if (e instanceof CliError) throw e;
    throw new CliError(`Cannot read ${file}: ${(e as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : (e as Error).message}`);
  }
}

/** The `tenant:` the file names, if it parses that far (the full check comes later, with line numbers). */
function tenantOfFile(text: string): string | undefined {
  try {
    const top = parse(text) as { tenant?: unknown } | null;
    return typeof top?.tenant === "string" ? top.tenant : undefined;
  } catch {
    return undefined;
  }
}

export async function catalogApplyCommand(out: Output, o: CatalogApplyOptions) {
  const { text, name } = await readCatalogFile(o.file);
  const [{ withServices }, { forTenant }, { applyCatalogFile }] = await Promise.all([
    import("../context.ts"), import("../../domain/services.ts"), import("../../domain/catalog-as-code/apply-catalog-file.ts"),
  ]);
  const result = await withServices(out, { connectors: false }, async (ctx) => {
    const tenant = await pickTenant(ctx, o.tenant ?? tenantOfFile(text));
    const r = await applyCatalogFile(forTenant(ctx.services, tenant.id, ctx.actor), { text, dryRun: Boolean(o.dryRun) });
    return { tenant: tenant.slug, r };
  });
  const { human, failed } = formatCatalogResult(result.r, { file: name, tenant: result.tenant });
  if (failed && !out.json) throw new CliError(human.join("\n"));
  out.result(human, { tenant: result.tenant, file: name, ...result.r });
  if (failed) throw new ResultExit(1);
}
