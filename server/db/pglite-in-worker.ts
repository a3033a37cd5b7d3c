// PGlite on a worker thread, for the embedded database of the app and the CLI.
//
// PGlite runs PostgreSQL as WebAssembly on the thread that calls it: in-process, every query's database work
// (planning, executing, writing the data directory) blocks the event loop, so a directory sync's writes and its
// HTTP downloads take turns on one core, and every page served waits behind a running statement. Here the engine
// lives on a worker thread (pglite-worker.mjs) and this object on the calling thread is a complete PGlite client:
// it is PGlite's own BasePGlite (query, exec, transaction, parameter serialisers, result parsers, errors), with
// the wire-protocol messages it produces executed by the worker. The database work overlaps the caller's own
// work the way a PostgreSQL server's does.
//
// Same semantics as an in-process PGlite: one session; query/exec wait for an open transaction, transactions
// take turns (the same two locks as PGlite's); errors are PGlite's DatabaseError. Not supported: COPY to or
// from a blob, dumpDataDir/clone (tests and templates use an in-process PGlite for those).

import { Worker } from "node:worker_threads";
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Mutex, PGlite, messages, protocol, type PGliteOptions, type Transaction } from "@electric-sql/pglite";
import { PGliteWorker } from "@electric-sql/pglite/worker";
import type { PGliteEngine } from "./client.ts";

type BackendMessage = Parameters<Parameters<InstanceType<typeof protocol.Parser>["parse"]>[1]>[0];
type ExecProtocolOptions = { syncToFs?: boolean; throwOnError?: boolean; onNotice?: (notice: messages.NoticeMessage) => void };

/** PGlite's client half (query, exec, transaction, …) without an engine: the class PGlite and PGliteWorker extend. */
const BasePGlite = Object.getPrototypeOf(PGliteWorker) as abstract new () => Pick<PGlite, "query" | "exec" | "transaction" | "sql" | "describeQuery" | "refreshArrayTypes" | "runExclusive" | "parsers" | "serializers"> & {
  _initArrayTypes(opts?: { force?: boolean }): Promise<void>;
};

// Found next to this file: it runs from source (tsx, vitest), loaded only by the launcher, the CLI and the
// benchmark, never by the Next.js bundle (client.ts does not import this module).
const WORKER_FILE = path.join(path.dirname(fileURLToPath(import.meta.url)), "pglite-worker.mjs");

/** Whether PGlite can run on a worker thread here (the worker's file is there, PGlite's shape is as expected). */
export function pgliteWorkerAvailable(): boolean {
  return typeof BasePGlite === "function" && typeof BasePGlite.prototype.transaction === "function" && existsSync(WORKER_FILE);
}

/**
 * openDatabase's engine for the app's launcher, the CLI and the benchmark: on a worker thread, or in-process where
 * that is not possible (a PGlite whose internals changed shape), as slower but correct.
 */
export const pgliteOnWorkerThread: PGliteEngine = async (dataDir, options) =>
  pgliteWorkerAvailable() ? (await PGliteInWorker.create(dataDir, options)) as unknown as PGlite : PGlite.create(dataDir, options);

type Pending = { resolve(v: unknown): void; reject(e: unknown): void };

// Frontend message types (the first byte of each wire-protocol message).
const [PARSE, BIND, DESCRIBE, EXECUTE, QUERY, PORTAL] = ["P", "B", "D", "E", "Q", "P"].map((c) => c.charCodeAt(0));
const SYNC = protocol.serialize.sync();

/** The parts, copied into one new buffer (never a view of a caller's). */
function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
/** PGlite.create's options that can travel to a worker (no functions but the parsers and serializers, kept here). */
type WorkerOptions = Pick<PGliteOptions, "pgliteWasmModule" | "loadDataDir" | "relaxedDurability" | "parsers" | "serializers">;

export class PGliteInWorker extends BasePGlite {
  readonly debug = 0 as const;
  readonly dataDir: string | undefined;
  #worker: Worker;
  #pending = new Map<number, Pending>();
  #nextId = 1;
  #failed: Error | null = null;
  #started: Promise<void>;
  #closed = false;
  #closing: Promise<void> | null = null;
  #queryMutex = new Mutex();
  #transactionMutex = new Mutex();
  #parser = new protocol.Parser();
  /** Messages held back to travel with the next one (see execProtocolStream). */
  #deferred: Uint8Array[] = [];
  /** The answer to a Sync already sent with the last Execute or Query, until that Sync is asked for. */
  #syncAnswer: BackendMessage[] | null = null;
  #listeners = new Map<string, Set<(payload: string) => void>>();

  /** Starts the engine on a worker thread; `options` as for PGlite.create (a pgliteWasmModule is shared, not copied). */
  static async create(dataDir: string | undefined, options: WorkerOptions = {}): Promise<PGliteInWorker> {
    const pg = new PGliteInWorker(dataDir, options);
    try {
      await pg.#started;
      await pg._initArrayTypes();
    } catch (e) {
      await pg.#worker.terminate();
      throw e;
    }
    return pg;
  }

  private constructor(dataDir: string | undefined, options: WorkerOptions) {
    super();
    this.dataDir = dataDir;
    const { parsers, serializers, ...engineOptions } = options;
    if (parsers) this.parsers = { ...this.parsers, ...parsers };
    if (serializers) this.serializers = { ...this.serializers, ...serializers };
    this.#worker = new Worker(WORKER_FILE, { workerData: { dataDir, options: engineOptions } });
    this.#worker.unref(); // referenced only while a call is waiting (see #call): an idle database never keeps the process alive
    this.#worker.on("message", (m: { id: number; result?: unknown; error?: { name: string; message: string; stack?: string; code?: string } }) => {
      const p = this.#pending.get(m.id);
      if (!p) return;
      this.#pending.delete(m.id);
      if (!this.#pending.size) this.#worker.unref();
      if (m.error) p.reject(Object.assign(new Error(m.error.message), m.error));
      else p.resolve(m.result);
    });
    const fail = (e: Error) => {
      this.#failed ??= e;
      for (const p of this.#pending.values()) p.reject(this.#failed);
      this.#pending.clear();
    };
    this.#worker.on("error", fail);
    this.#worker.on("exit", (code) => fail(new Error(`PGlite worker stopped (exit code ${code})`)));
    this.#started = this.#call("ready") as Promise<void>;
  }

  #call(op: string, fields: Record<string, unknown> = {}, transfer: ArrayBuffer[] = []): Promise<unknown> {
    if (this.#failed) return Promise.reject(this.#failed);
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      if (!this.#pending.size) this.#worker.ref();
      this.#pending.set(id, { resolve, reject });
      this.#worker.postMessage({ id, op, ...fields }, transfer);
    });
  }

  /** Sends the held-back messages and `parts` as one message, in a buffer of its own handed over to the worker. */
  #send(parts: Uint8Array[], syncToFs: boolean): Promise<Uint8Array> {
    this.#syncAnswer = null;
    const message = concat(this.#deferred.length ? [...this.#deferred, ...parts] : parts);
    this.#deferred = [];
    return this.#call("raw", { message, syncToFs }, [message.buffer as ArrayBuffer]) as Promise<Uint8Array>;
  }

  get closed() {
    return this.#closed;
  }

  async _checkReady() {
    if (this.#closed) throw new Error("PGlite is closed");
    await this.#started;
  }

  _runExclusiveQuery<T>(fn: () => Promise<T>): Promise<T> {
    return this.#queryMutex.runExclusive(fn);
  }

  _runExclusiveTransaction<T>(fn: () => Promise<T>): Promise<T> {
    return this.#transactionMutex.runExclusive(fn);
  }

  async execProtocolRaw(message: Uint8Array, { syncToFs = true }: ExecProtocolOptions = {}): Promise<Uint8Array> {
    return this.#send([message], syncToFs);
  }

  async execProtocolRawStream(message: Uint8Array, { syncToFs = true, onRawData }: { syncToFs?: boolean; onRawData: (data: Uint8Array) => void }) {
    onRawData(await this.execProtocolRaw(message, { syncToFs }));
  }

  /**
   * As PGlite's: the backend's messages, throwing the first error. This is what BasePGlite's query() and exec()
   * call, one message at a time (Parse, Describe, Bind, Describe, Execute, Sync), each awaited; here they travel
   * in two round trips to the worker instead of six. A Parse, Bind or portal Describe is held back and sent with
   * the next message (their answers are acknowledgements that query() only passes through, or, for the portal's
   * row description, an answer that precedes the Execute's in the same list either way); an Execute or simple
   * Query is sent with the Sync that query() and exec() always send right after it, whose answer is kept and
   * handed out when that Sync is asked for. An error in a held-back message stops the backend until the Sync, as
   * it would have, and is thrown by the call that carried it.
   */
  async execProtocolStream(message: Uint8Array, opts: ExecProtocolOptions = {}): Promise<BackendMessage[]> {
    const kind = message[0];
    if (kind === SYNC[0] && this.#syncAnswer && !this.#deferred.length) {
      const answer = this.#syncAnswer;
      this.#syncAnswer = null;
      return answer;
    }
    if (kind === PARSE || kind === BIND || (kind === DESCRIBE && message[5] === PORTAL)) {
      this.#syncAnswer = null;
      this.#deferred.push(message);
      return [];
    }
    const syncToFs = opts.syncToFs ?? true;
    if (kind !== EXECUTE && kind !== QUERY) return this.#parse(await this.#send([message], syncToFs), opts);
    const all: BackendMessage[] = [];
    this.#parser.parse(await this.#send([message, SYNC], syncToFs), (msg) => all.push(msg));
    const answer = all.pop(); // the Sync's ReadyForQuery
    const result = this.#check(all, opts);
    this.#syncAnswer = answer ? [answer] : [];
    return result;
  }

  async execProtocol(message: Uint8Array, opts: ExecProtocolOptions = {}): Promise<{ messages: BackendMessage[]; data: Uint8Array }> {
    const data = await this.execProtocolRaw(message, opts);
    return { messages: this.#parse(data, opts), data };
  }

  #parse(data: Uint8Array, opts: ExecProtocolOptions): BackendMessage[] {
    const all: BackendMessage[] = [];
    this.#parser.parse(data, (msg) => all.push(msg));
    return this.#check(all, opts);
  }

  /** PGlite's handling of a response: notices and notifications delivered, the first error thrown. */
  #check(all: BackendMessage[], { throwOnError = true, onNotice }: ExecProtocolOptions): BackendMessage[] {
    const results: BackendMessage[] = [];
    let error: messages.DatabaseError | undefined;
    for (const msg of all) {
      if (error) break; // as PGlite: nothing after the first error is kept
      if (msg instanceof messages.DatabaseError) {
        if (throwOnError) error = msg;
      } else if (msg instanceof messages.NoticeMessage) {
        onNotice?.(msg);
      } else if (msg instanceof messages.NotificationResponseMessage) {
        for (const cb of this.#listeners.get(msg.channel) ?? []) queueMicrotask(() => cb(msg.payload));
      }
      results.push(msg);
    }
    if (error) {
      this.#parser = new protocol.Parser(); // as PGlite
      throw error;
    }
    return results;
  }

  /**
   * Nothing to do here: in Node, PGlite's filesystems (a directory, or memory) write through, and their
   * syncToFs is a no-op (it matters for the browser's IndexedDB/OPFS ones). Saves a round trip per query.
   */
  async syncToFs() {}

  async _handleBlob(blob?: Blob) {
    if (blob) throw new Error("COPY with a blob is not supported by PGlite on a worker thread");
  }

  async _getWrittenBlob(): Promise<Blob | undefined> {
    return undefined;
  }

  async _cleanupBlob() {}

  async listen(channel: string, callback: (payload: string) => void, tx?: Transaction) {
    const name = channel.startsWith('"') && channel.endsWith('"') ? channel.slice(1, -1) : channel.toLowerCase();
    if (!this.#listeners.has(name)) this.#listeners.set(name, new Set());
    this.#listeners.get(name)!.add(callback);
    await (tx ?? this).exec(`LISTEN ${channel}`);
    return async (tx2?: Transaction) => {
      const set = this.#listeners.get(name);
      set?.delete(callback);
      if (!set?.size) {
        this.#listeners.delete(name);
        await (tx2 ?? this).exec(`UNLISTEN ${channel}`);
      }
    };
  }

  /** Waits for running queries and transactions, shuts the engine down cleanly (checkpoint), stops the thread. */
  close(): Promise<void> {
    this.#closing ??= (async () => {
      try {
        await this.#started;
        await this.#transactionMutex.runExclusive(() => this.#queryMutex.runExclusive(async () => {
          this.#closed = true;
          await this.#call("close").catch((e: unknown) => {
            if (!this.#failed) throw e; // a worker that already stopped has nothing left to close
          });
        }));
      } finally {
        this.#closed = true;
        await this.#worker.terminate();
      }
    })();
    return this.#closing;
  }

  async [Symbol.asyncDispose]() {
    await this.close();
  }
}
