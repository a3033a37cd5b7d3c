// Reads the catalog file: YAML (with line numbers), then its shape, one entity at a time, so that one
// broken role does not hide the problems of the next. Entities that do not parse are left out of the
// later checks; their problems are already on the list.
import { LineCounter, parseDocument, type Document } from "yaml";
import type { z } from "zod";
import {
  fileAppSchema, fileBundleSchema, fileReclaimSchema, fileRoleSchema, fileTopSchema, MAX_CATALOG_FILE_BYTES,
  type FileApp, type FileBundle, type FileReclaim, type FileRole, type FileTop,
} from "./catalog-file-schema.ts";
import { ProblemList, type CatalogPath } from "./catalog-problems.ts";
import { DURATION_HINT, parseDuration } from "./durations.ts";

export interface ParsedRole {
  path: CatalogPath;
  file: FileRole;
  /** The role's durations in minutes (a bad one is a problem and left out). */
  allowedMinutes: number[];
  maxMinutes: number | null;
}

export interface ParsedApp {
  path: CatalogPath;
  file: FileApp;
  roles: ParsedRole[];
  /** Null: the app has no reclaim rule in the file (or it did not parse: see `reclaimInvalid`). */
  reclaim: FileReclaim | null;
  /** Some of its roles or its reclaim rule did not parse: it is checked but not changed. */
  incomplete: boolean;
}

export interface ParsedBundle {
  path: CatalogPath;
  file: FileBundle;
}

export interface ParsedCatalogFile {
  top: FileTop;
  apps: ParsedApp[];
  bundles: ParsedBundle[];
  problems: ProblemList;
  doc: Document;
}

export class CatalogFileTooLarge extends Error {
  constructor(readonly bytes: number) {
    super(`The catalog file is ${bytes.toLocaleString("en-US")} bytes; the limit is ${MAX_CATALOG_FILE_BYTES.toLocaleString("en-US")} bytes`);
    this.name = "CatalogFileTooLarge";
  }
}

function check<S extends z.ZodType>(schema: S, value: unknown, path: CatalogPath, problems: ProblemList): z.output<S> | null {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  for (const issue of r.error.issues) {
    const at = [...path, ...(issue.path as (string | number)[])];
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) problems.add([...at, key], `unknown field "${key}"`, { atKey: true });
    } else if (issue.code === "invalid_type" && issue.input === undefined) {
      problems.add(at, `${String(at[at.length - 1])} is required`);
    } else {
      problems.add(at, issue.message);
    }
  }
  return null;
}

export function parseCatalogFile(text: string): ParsedCatalogFile {
  const bytes = Buffer.byteLength(text, "utf8");
  if (bytes > MAX_CATALOG_FILE_BYTES) throw new CatalogFileTooLarge(bytes);
  const lineCounter = new LineCounter();
  // Few aliases: a catalog has no use for thousands, and expanding them is how YAML bombs work.
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const empty: FileTop = { prune: false, apps: [], bundles: [] };
  if (doc.errors.length) {
    const problems = new ProblemList(doc, lineCounter, null);
    for (const e of doc.errors) problems.addAtOffset(e.pos[0], e.message.split("\n")[0]!);
    return { top: empty, apps: [], bundles: [], problems, doc };
  }
  let raw: unknown;
  const problems = () => new ProblemList(doc, lineCounter, raw);
  try {
    raw = doc.toJS({ maxAliasCount: 100 });
  } catch (e) {
    const list = problems();
    list.addAtOffset(0, e instanceof Error ? e.message : String(e));
    return { top: empty, apps: [], bundles: [], problems: list, doc };
  }
  const list = problems();
  if (raw == null || typeof raw !== "object" || Array.isArray(raw)) {
    list.add([], "a catalog file is a map with `apps:` and `bundles:` (see `gatehouse catalog export`)");
    return { top: empty, apps: [], bundles: [], problems: list, doc };
  }
  const top = check(fileTopSchema, raw, [], list);
  if (!top) return { top: empty, apps: [], bundles: [], problems: list, doc };

  const apps: ParsedApp[] = [];
  top.apps.forEach((value, i) => {
    const path = ["apps", i];
    const file = check(fileAppSchema, value, path, list);
    if (!file) return;
    let incomplete = false;
    const roles: ParsedRole[] = [];
    file.roles.forEach((r, j) => {
      const rolePath = [...path, "roles", j];
      const role = check(fileRoleSchema, r, rolePath, list);
      if (!role) {
        incomplete = true;
        return;
      }
      const minutes = (v: string | number, at: CatalogPath) => {
        const m = parseDuration(v);
        if (m === null) list.add(at, `bad duration ${JSON.stringify(v)}: ${DURATION_HINT}`);
        return m;
      };
      const allowedMinutes = (role.duration?.allowed ?? []).flatMap((v, k) => minutes(v, [...rolePath, "duration", "allowed", k]) ?? []);
      const max = role.duration?.max;
      const maxMinutes = max == null ? null : minutes(max, [...rolePath, "duration", "max"]);
      roles.push({ path: rolePath, file: role, allowedMinutes, maxMinutes });
    });
    let reclaim: FileReclaim | null = null;
    if (file.reclaim != null) {
      reclaim = check(fileReclaimSchema, file.reclaim, [...path, "reclaim"], list);
      if (!reclaim) incomplete = true;
    }
    apps.push({ path, file, roles, reclaim, incomplete });
  });
  const bundles: ParsedBundle[] = [];
  top.bundles.forEach((value, i) => {
    const file = check(fileBundleSchema, value, ["bundles", i], list);
    if (file) bundles.push({ path: ["bundles", i], file });
  });
  return { top, apps, bundles, problems: list, doc };
}
