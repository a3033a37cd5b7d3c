import { applyMigrations } from "../../db/migrations.ts";
import { describeTarget, openCliDatabase } from "../context.ts";
import type { Output } from "../output.ts";
import { plural } from "../output.ts";

/** `gatehouse migrate`: applies pending prisma/migrations; a second run applies nothing. */
export async function migrateCommand(out: Output) {
  const { database, target } = await openCliDatabase({ create: true });
  try {
    const applied = await applyMigrations(database.adapterFactory);
    const where = describeTarget(target);
    out.result(
      applied.length
        ? [`Applied ${plural(applied.length, "migration")} to ${where}:`, ...applied.map((n) => `  ${n}`)]
        : `${where} is up to date: no pending migrations.`,
      { database: target.kind, applied },
    );
  } finally {
    await database.close();
  }
}
