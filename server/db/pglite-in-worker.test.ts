// PGlite on a worker thread (how the app and the CLI open the embedded database): the same client semantics as
// an in-process PGlite, through PGlite's own API and through Prisma.

import { mkdtemp, readFile, rm } from "node:fs/promises";
import { existsSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { PGlite, messages } from "@electric-sql/pglite";
import { afterAll, describe, expect, inject, it } from "vitest";
import { openDatabase, type PGliteEngine } from "./client.ts";
import { lockPath } from "./data-dir-lock.ts";
import { PGliteInWorker, pgliteOnWorkerThread, pgliteWorkerAvailable } from "./pglite-in-worker.ts";

const scratch = await mkdtemp(path.join(tmpdir(), "gh-pglite-worker-"));
afterAll(() => rm(scratch, { recursive: true, force: true }));

describe("PGlite on a worker thread", () => {
  it("is available in this build", () => {
    expect(pgliteWorkerAvailable()).toBe(true);
  });

  it("answers queries, transactions and errors as an in-process PGlite does", async () => {
    // In memory, from the test run's migrated template (no initdb).
    const pg = await PGliteInWorker.create(undefined, { loadDataDir: new Blob([await readFile(inject("pgliteDump"))]) });
    try {
      const r = await pg.query<{ n: number; t: Date; j: unknown; a: number[]; p: string }>(
        `SELECT 1::int AS n, '2026-01-02T03:04:05Z'::timestamptz AS t, '{"x":[1]}'::jsonb AS j, ARRAY[1,2] AS a, $1::text AS p`, ["hi"]);
      expect(r.rows).toEqual([{ n: 1, t: new Date("2026-01-02T03:04:05Z"), j: { x: [1] }, a: [1, 2], p: "hi" }]);
      expect(await pg.exec(`CREATE TABLE t (id int PRIMARY KEY, v text); INSERT INTO t VALUES (1, 'a')`)).toHaveLength(2);

      // An error is PGlite's DatabaseError, and a failed transaction leaves nothing behind.
      const failed = await pg.transaction(async (tx) => {
        await tx.query(`INSERT INTO t VALUES (2, 'b')`);
        await tx.query(`INSERT INTO t VALUES (1, 'again')`);
      }).catch((e: unknown) => e);
      expect(failed).toBeInstanceOf(messages.DatabaseError);
      expect(failed).toMatchObject({ code: "23505" });
      await pg.transaction(async (tx) => {
        await tx.query(`INSERT INTO t VALUES (3, 'c')`);
        await tx.rollback();
      });
      expect((await pg.query(`SELECT id FROM t ORDER BY id`)).rows).toEqual([{ id: 1 }]);
      // The session is usable after an error outside a transaction too, wherever the error arises: parsing,
      // binding a parameter, executing, or a simple query.
      await expect(pg.query(`SELEC 1`)).rejects.toMatchObject({ code: "42601" });
      await expect(pg.query(`SELECT $1::int AS n`, ["not a number"])).rejects.toMatchObject({ code: "22P02" });
      await expect(pg.query(`SELECT * FROM no_such_table`)).rejects.toMatchObject({ code: "42P01" });
      await expect(pg.query(`SELECT 1 / $1::int AS n`, [0])).rejects.toMatchObject({ code: "22012" });
      await expect(pg.exec(`SELECT 1; SELECT * FROM no_such_table`)).rejects.toMatchObject({ code: "42P01" });
      expect((await pg.query(`SELECT $1::int AS n`, [7])).rows).toEqual([{ n: 7 }]);
      expect((await pg.exec(`SELECT 8 AS n`))[0]!.rows).toEqual([{ n: 8 }]);

      // A query issued while a transaction is open waits for it, as in PGlite.
      const order: string[] = [];
      const tx = pg.transaction(async (t) => {
        await new Promise((r) => setTimeout(r, 30));
        await t.query(`INSERT INTO t VALUES (4, 'd')`);
        order.push("committed");
      });
      const read = pg.query<{ n: number }>(`SELECT count(*)::int AS n FROM t`).then((x) => order.push(`read ${x.rows[0]!.n}`));
      await Promise.all([tx, read]);
      expect(order).toEqual(["committed", "read 2"]);
    } finally {
      await pg.close();
    }
    await expect(pg.query(`SELECT 1`)).rejects.toThrow(/closed/);
  });

  it("opens a data directory through openDatabase (Prisma on top), keeps it across a reopen and releases the lock", async () => {
    // A migrated data directory: the test run's template, unpacked by an in-process PGlite.
    const dir = path.join(scratch, "pglite");
    const template = await PGlite.create(dir, { loadDataDir: new Blob([await readFile(inject("pgliteDump"))]) });
    await template.close();

    // As the app's launcher and the CLI open it; the engine they get must really be on a worker thread.
    const engines: PGlite[] = [];
    const engine: PGliteEngine = async (d, o) => {
      engines.push(await pgliteOnWorkerThread(d, o));
      return engines.at(-1)!;
    };
    const first = await openDatabase({ kind: "pglite", dataDir: dir, engine });
    expect(engines[0]).toBeInstanceOf(PGliteInWorker);
    expect(existsSync(lockPath(dir))).toBe(true);
    const tenant = await first.prisma.tenant.create({ data: { slug: "worker", name: "Worker" } });
    await expect(first.prisma.tenant.create({ data: { slug: "worker", name: "Again" } })).rejects.toMatchObject({ code: "P2002" });
    await expect(first.prisma.$transaction(async (tx) => {
      await tx.tenant.update({ where: { id: tenant.id }, data: { name: "Renamed" } });
      throw new Error("changed my mind");
    })).rejects.toThrow("changed my mind");
    await first.prisma.$transaction(async (tx) => {
      await tx.tenant.update({ where: { id: tenant.id }, data: { name: "Kept" } });
    });
    await first.close();
    expect(existsSync(lockPath(dir))).toBe(false);

    const again = await openDatabase({ kind: "pglite", dataDir: dir, engine });
    try {
      expect(await again.prisma.tenant.findMany({ select: { slug: true, name: true } })).toEqual([{ slug: "worker", name: "Kept" }]);
    } finally {
      await again.close();
    }
  });
});
