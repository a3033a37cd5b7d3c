import { PGlite } from "@electric-sql/pglite";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { describe, expect, it } from "vitest";
import { diffMigrationsToSchema } from "./migrations.ts";

describe("migrations", () => {
  it("agree with schema.prisma (run `npm run migration:new -- <name>` after changing the schema)", async () => {
    const pg = new PGlite();
    const sql = await diffMigrationsToSchema(new PrismaPGlite(pg));
    await pg.close();
    expect(sql).toBe("");
  });
});
