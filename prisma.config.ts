import { defineConfig } from "prisma/config";

// Migrations are applied by server/db/migrate.ts through the WebAssembly schema engine
// (no native engine download is possible here); this file only locates the schema.
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
});
