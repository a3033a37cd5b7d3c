// `npm run bench -- <name> [options]`: runs one benchmark and exits with its status (non-zero on FAIL).

export {};

const benches: Record<string, { about: string; run: (argv: string[]) => Promise<number> }> = {
  sync: {
    about: "directory sync vs the floor of downloading every page, Okta or the same directory in Entra, Google or SCIM (--directory okta|entra|google|scim --users --groups --memberships --seed --db pglite|pglite-memory|postgres --pglite-thread worker|main --rounds --only --profile)",
    run: async (argv) => (await import("./sync.ts")).syncBench(argv),
  },
  approve: {
    about: "final approval → confirmed membership latency, local driver (--requests --db pglite|postgres|both --interval-ms)",
    run: async (argv) => (await import("./approve.ts")).approveBench(argv),
  },
  expiry: {
    about: "2,000 grants expiring within one minute → lag from expiresAt to confirmed removal, local driver (--grants --db pglite|postgres --latency-ms --window-ms)",
    run: async (argv) => (await import("./expiry.ts")).expiryBench(argv),
  },
  "audit-export": {
    about: "1M audit events exported as CSV through the streaming writer: rows/s and peak memory at growing sizes, flat or not (--sizes --db pglite|postgres --page-size --max-ratio --warmup)",
    run: async (argv) => (await import("./audit-export.ts")).auditExportBench(argv),
  },
};

benches.reviews = {
  about: "review launch over 100,000 grants vs one INSERT … SELECT, then 1,000,000 audit events streamed to CSV (--people --roles --unexplained --db pglite|postgres --part launch|export|all --sizes)",
  run: async (argv) => (await import("./reviews.ts")).reviewsBench(argv),
};

benches.reclaim = {
  about: "Auto Reclaim scan over 100,000 grants vs its own candidate SELECT alone, then the next day's rescan (--people --apps --inactive-pct --db pglite|postgres)",
  run: async (argv) => (await import("./reclaim.ts")).reclaimBench(argv),
};

benches.lifecycle = {
  about: "1,000 mixed joiner/mover/leaver changes through processPersonChange on a 10,000-person tenant: events/s and IdP calls vs the minimum, with the same calls made directly as the floor (--people --changes --departments --db pglite|postgres --latency-ms)",
  run: async (argv) => (await import("./lifecycle.ts")).lifecycleBench(argv),
};

const [name, ...rest] = process.argv.slice(2);
const bench = name ? benches[name] : undefined;
if (!bench) {
  console.error(`Usage: npm run bench -- <name> [options]\n${Object.entries(benches).map(([n, b]) => `  ${n}: ${b.about}`).join("\n")}`);
  process.exit(name ? 2 : 0);
}
let code = 1;
try {
  code = await bench.run(rest);
} catch (e) {
  console.error(e);
}
// Open handles (database pools) must not keep a finished benchmark alive.
process.exit(code);
