import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import type { SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import { openSchemaEngine } from "./schema-engine.ts";

export const projectRoot = path.resolve(import.meta.dirname, "../..");
export const schemaPath = path.join(projectRoot, "prisma/schema.prisma");
export const migrationsDir = path.join(projectRoot, "prisma/migrations");
const noFilters = { externalTables: [], externalEnums: [] };

/** prisma/migrations in Prisma's standard layout, as the schema engine expects it. */
export async function readMigrationList() {
  const entries = (await readdir(migrationsDir, { withFileTypes: true }).catch(() => []))
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
  const lockPath = path.join(migrationsDir, "migration_lock.toml");
  const lockContent = await readFile(lockPath, "utf8").catch(() => null);
  return {
    baseDir: migrationsDir,
    lockfile: { path: "migration_lock.toml", content: lockContent },
    shadowDbInitScript: "",
    migrationDirectories: await Promise.all(
      entries.map(async (name) => {
        const content = await readFile(path.join(migrationsDir, name, "migration.sql"), "utf8")
          .then((value) => ({ tag: "ok" as const, value }))
          .catch((e: Error) => ({ tag: "error" as const, value: e.message }));
        return { path: name, migrationFile: { path: "migration.sql", content } };
      }),
    ),
  };
}

/** Applies pending migrations and records them in _prisma_migrations; a second run applies nothing. */
export async function applyMigrations(adapterFactory: SqlMigrationAwareDriverAdapterFactory): Promise<string[]> {
  const engine = await openSchemaEngine(schemaPath, adapterFactory);
  try {
    const out = await engine.applyMigrations({ migrationsList: await readMigrationList(), filters: noFilters });
    return out.appliedMigrationNames;
  } finally {
    engine.free();
  }
}

/** SQL that would take the migrations to schema.prisma; empty when they agree. Needs no database. */
export async function diffMigrationsToSchema(adapterFactory: SqlMigrationAwareDriverAdapterFactory): Promise<string> {
  const engine = await openSchemaEngine(schemaPath, adapterFactory);
  try {
    const datamodel = await readFile(schemaPath, "utf8");
    const list = await readMigrationList();
    const out = await engine.diff({
      from: list.migrationDirectories.length ? { tag: "migrations", ...list } : { tag: "empty" },
      to: { tag: "schemaDatamodel", files: [{ path: schemaPath, content: datamodel }] },
      script: true,
      exitCode: null,
      filters: noFilters,
    });
    return (out.stdout ?? "").replace(/^-- This is an empty migration\.\s*$/m, "").trim();
  } finally {
    engine.free();
  }
}
