// The Next.js bundle must never contain PGlite's worker thread (a bundled worker broke `next build`): only the
// launcher, the CLI and the benchmark, which run from source, import pglite-in-worker.ts. This follows the
// project's own imports (static, re-exports and dynamic; not `import type`) from what Next.js bundles.

import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "../..");
const WORKER_CLIENT = path.join(root, "server/db/pglite-in-worker.ts");

const IMPORTS = [
  /^\s*(?:import|export)\s+(?!type\s)[^;]*?\sfrom\s+["']([^"']+)["']/gm,
  /^\s*import\s+["']([^"']+)["']/gm,
  /\bimport\(\s*["']([^"']+)["']\s*\)/g,
];

function resolve(from: string, spec: string): string | null {
  const base = spec.startsWith("@/") ? path.join(root, spec.slice(2)) : spec.startsWith(".") ? path.resolve(path.dirname(from), spec) : null;
  if (!base) return null; // a package
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, path.join(base, "index.ts"), path.join(base, "index.tsx")]) {
    if (/\.(m?[jt]sx?)$/.test(candidate) && existsSync(candidate)) return candidate;
  }
  return null;
}

function reachable(entries: string[]): Set<string> {
  const seen = new Set<string>();
  const todo = [...entries];
  while (todo.length) {
    const file = todo.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const text = readFileSync(file, "utf8");
    for (const pattern of IMPORTS) {
      for (const m of text.matchAll(pattern)) {
        const target = resolve(file, m[1]!);
        if (target && !seen.has(target)) todo.push(target);
      }
    }
  }
  return seen;
}

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.tsx?$/.test(e.name) && !e.name.endsWith(".test.ts"))
    .map((e) => path.join(e.parentPath, e.name));
}

describe("PGlite's worker thread and the Next.js bundle", () => {
  it("is not imported by anything the app bundles, which still opens the database", () => {
    const bundled = reachable([...sources(path.join(root, "app")), path.join(root, "server/runtime.ts")]);
    expect(bundled).toContain(path.join(root, "server/db/client.ts"));
    expect(bundled).not.toContain(WORKER_CLIENT);
  });

  it("is imported by the launcher and the CLI", () => {
    expect(reachable([path.join(root, "server/bin/serve.ts")])).toContain(WORKER_CLIENT);
    expect(reachable([path.join(root, "server/cli/context.ts")])).toContain(WORKER_CLIENT);
  });
});
