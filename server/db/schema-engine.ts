import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { bindMigrationAwareSqlAdapterFactory, type SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";

// Prisma's schema engine as WebAssembly: the native binary cannot be downloaded on our machines.
// Node 20 cannot import .wasm as a module, so we instantiate it with the package's own glue.
type Engine = {
  applyMigrations(input: unknown): Promise<{ appliedMigrationNames: string[] }>;
  diff(input: unknown): Promise<{ exitCode: number; stdout: string | null }>;
  free(): void;
};

let glue: Promise<{ SchemaEngine: { new: (o: unknown, log: (m: string) => void, a: object) => Promise<Engine> } }> | undefined;

async function loadGlue() {
  const require = createRequire(import.meta.url);
  const dir = path.dirname(require.resolve("@prisma/schema-engine-wasm/schema_engine_bg"));
  const bg = await import(path.join(dir, "schema_engine_bg.js"));
  const bytes = await readFile(path.join(dir, "schema_engine_bg.wasm"));
  const { instance } = await WebAssembly.instantiate(bytes, { "./schema_engine_bg.js": bg });
  bg.__wbg_set_wasm(instance.exports);
  (instance.exports as { __wbindgen_start?: () => void }).__wbindgen_start?.();
  return bg;
}

export async function openSchemaEngine(schemaPath: string, adapterFactory: SqlMigrationAwareDriverAdapterFactory): Promise<Engine> {
  glue ??= loadGlue();
  const { SchemaEngine } = await glue;
  const datamodel = await readFile(schemaPath, "utf8");
  return SchemaEngine.new({ datamodels: [[schemaPath, datamodel]] }, () => {}, bindMigrationAwareSqlAdapterFactory(adapterFactory));
}
