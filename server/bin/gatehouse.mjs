#!/usr/bin/env node
// `npx gatehouse …` / `npm run gatehouse -- …`: the admin CLI. The generated Prisma client and the
// server code are TypeScript, so register tsx's ESM loader first (with the project's tsconfig, so the
// CLI works from any working directory), then load the CLI.
import { fileURLToPath } from "node:url";
import { register } from "tsx/esm/api";

register({ tsconfig: fileURLToPath(new URL("../../tsconfig.json", import.meta.url)) });
await import(new URL("../cli/index.ts", import.meta.url).href);
