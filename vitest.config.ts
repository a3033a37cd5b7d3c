import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: { alias: { "@": path.resolve(import.meta.dirname) } },
  test: {
    include: ["server/**/*.test.ts", "components/**/*.test.ts", "inngest/**/*.test.ts"],
    environment: "node",
    globalSetup: ["server/testing/global-setup.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    maxWorkers: 2,
    env: { GATEHOUSE_DATA_DIR: ".data/test", OKTA_CLIENT_ORGURL: "", HTTPS_PROXY: "", https_proxy: "" },
  },
});
