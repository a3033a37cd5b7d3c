import { readFileSync, rmSync, writeFileSync } from "node:fs";

export interface DataDirLock {
  release(): void;
}

export class DataDirInUseError extends Error {
  constructor(readonly dataDir: string, readonly pid: number) {
    super(
      `The embedded database at ${dataDir} is open in another process (pid ${pid}). ` +
        `Stop Gatehouse first, or run the command against the running app; opening it twice would corrupt it.`,
    );
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

export function lockPath(dataDir: string) {
  return `${dataDir}.lock`;
}

/** Which live process holds the data directory, if any (stale locks of dead processes are ignored). */
export function dataDirHolder(dataDir: string): number | null {
  try {
    const pid = Number(readFileSync(lockPath(dataDir), "utf8").trim());
    return Number.isInteger(pid) && pid > 0 && pid !== process.pid && isAlive(pid) ? pid : null;
  } catch {
    return null;
  }
}

export function acquireDataDirLock(dataDir: string): DataDirLock {
  const holder = dataDirHolder(dataDir);
  if (holder) throw new DataDirInUseError(dataDir, holder);
  const file = lockPath(dataDir);
  try {
    writeFileSync(file, String(process.pid), { flag: "wx" });
  } catch {
    // A stale lock from a process that died: take it over.
    writeFileSync(file, String(process.pid));
  }
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    process.off("exit", release); // each open adds one: a process that opens many databases must not pile them up
    try {
      if (readFileSync(file, "utf8").trim() === String(process.pid)) rmSync(file);
    } catch {
      /* already gone */
    }
  };
  process.once("exit", release);
  return { release };
}
