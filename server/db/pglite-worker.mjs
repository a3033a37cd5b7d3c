// The worker-thread half of PGliteInWorker (pglite-in-worker.ts): owns one PGlite (its WebAssembly engine and
// its data directory) and executes raw PostgreSQL wire-protocol messages for the main thread, one at a time, in
// the order they arrive. Everything else (serialising parameters, parsing results, errors, transactions and
// their locks) stays on the main thread, in PGlite's own BasePGlite code.
// Plain JavaScript so that it runs as-is wherever the main thread runs (tsx, vitest, node).
import { parentPort, workerData } from "node:worker_threads";
import { PGlite } from "@electric-sql/pglite";

/** @type {PGlite | undefined} */
let pg;
const { dataDir, options } = workerData;
const ready = PGlite.create(dataDir, options ?? {}).then((p) => {
  pg = p;
});

const describe = (e) => ({ name: e?.name ?? "Error", message: e?.message ?? String(e), stack: e?.stack, code: e?.code });

// Messages are handled strictly in order: each waits for the one before (PGlite itself is single-session).
let queue = ready;
parentPort.on("message", (m) => {
  queue = queue.then(() => handle(m), () => handle(m));
});

async function handle(m) {
  try {
    await ready;
    switch (m.op) {
      case "ready":
        return reply(m.id, null);
      case "raw": {
        // The backend's answer as it is written, unparsed (the main thread parses it, and throws its errors).
        // Not execProtocolRaw, which also parses every message into a list it never clears.
        const chunks = [];
        await pg.execProtocolRawStream(m.message, { syncToFs: m.syncToFs, onRawData: (bytes) => chunks.push(bytes.slice()) });
        const data = concat(chunks);
        return reply(m.id, data, [data.buffer]);
      }
      case "close":
        await pg.close();
        return reply(m.id, null);
      default:
        throw new Error(`Unknown operation ${m.op}`);
    }
  } catch (e) {
    parentPort.postMessage({ id: m.id, error: describe(e) });
  }
}

function concat(chunks) {
  if (chunks.length === 1) return chunks[0];
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

function reply(id, result, transfer) {
  parentPort.postMessage({ id, result }, transfer ?? []);
}
