import { CsvError, parse } from "csv-parse/sync";
import { badRequest } from "../errors.ts";

/** Limits of one uploaded account list: a large SaaS export fits; a wrong file is refused early. */
export const ACCOUNT_LIST_MAX_BYTES = 2 * 1024 * 1024;
export const ACCOUNT_LIST_MAX_ROWS = 20_000;
/** How many bad rows one error message names; the count says how many there were. */
const MAX_REPORTED = 10;

export interface AccountRow {
  /** The line the row ends on in the file (1 = the header), as a spreadsheet shows it. */
  line: number;
  email: string;
  name: string | null;
  role: string | null;
  lastActivityAt: Date | null;
}

export interface AccountList {
  /** One entry per account (email, case-insensitive); an account on several rows keeps its first line and all its roles. */
  accounts: AccountRow[];
  rows: number;
  duplicateRows: number;
  columns: { email: string; name: string | null; role: string | null; lastActivity: string | null };
}

// Header names as apps export them, compared without case, spaces or punctuation ("E-mail", "user_email").
const EMAIL_HEADERS = ["email", "emailaddress", "mail", "useremail", "primaryemail", "workemail", "loginemail", "login", "username", "userprincipalname", "upn"];
const NAME_HEADERS = ["name", "fullname", "displayname", "employeename", "user"];
const ROLE_HEADERS = ["role", "roles", "entitlement", "entitlements", "permission", "permissions", "permissionset", "profile", "accesslevel", "accounttype", "usertype", "license", "group", "groups"];
const ACTIVITY_HEADERS = ["lastlogin", "lastloginat", "lastlogindate", "lastloginutc", "lastsignin", "lastsigninat", "lastsignon", "lastactivity", "lastactive", "lastactiveat", "lastseen", "lastused", "lastaccess", "lastaccessed"];
const NEVER = new Set(["", "never", "-", "n/a", "na", "none", "null"]);

const norm = (h: string) => h.toLowerCase().replace(/[^a-z0-9]/g, "");
const EMAIL = /^[^\s@<>(),;:"]+@[^\s@<>(),;:"]+\.[^\s@<>(),;:"]+$/;

/** The first header (in the order of preference of `names`) that the file has, not already taken. */
function pick(headers: string[], names: string[], taken: number[]): number {
  for (const n of names) {
    const i = headers.findIndex((h, idx) => norm(h) === n && !taken.includes(idx));
    if (i >= 0) return i;
  }
  return -1;
}

/** Excel in much of Europe saves with semicolons, other tools with tabs: the header line says which. */
function delimiterOf(text: string): string {
  const first = text.slice(0, text.search(/\r?\n|$/));
  const count = (c: string) => first.split(c).length - 1;
  const candidates = [",", ";", "\t"].map((c) => [c, count(c)] as const).sort((a, b) => b[1] - a[1]);
  return candidates[0]![1] > 0 ? candidates[0]![0] : ",";
}

/**
 * A date as account exports write it: ISO 8601 (with or without a time), or day/month/year in either
 * order when the numbers say which it is. An ambiguous 03/04/2026 is refused rather than guessed.
 */
export function parseActivityDate(raw: string): Date | null | "invalid" | "ambiguous" {
  const v = raw.trim();
  if (NEVER.has(v.toLowerCase())) return null;
  if (/^\d{4}-\d{2}-\d{2}([ T]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/.test(v)) {
    const d = new Date(v.length === 10 ? `${v}T00:00:00Z` : /Z|[+-]\d{2}:?\d{2}$/.test(v) ? v.replace(" ", "T") : `${v.replace(" ", "T")}Z`);
    return Number.isNaN(d.getTime()) ? "invalid" : d;
  }
  const m = /^(\d{1,2})[/.](\d{1,2})[/.](\d{4})$/.exec(v);
  if (m) {
    const [a, b, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
    if (a > 12 && b > 12) return "invalid";
    if (a <= 12 && b <= 12 && a !== b) return "ambiguous";
    const [month, day] = a > 12 ? [b, a] : [a, b];
    const d = new Date(Date.UTC(y, month - 1, day));
    return d.getUTCMonth() === month - 1 ? d : "invalid";
  }
  return "invalid";
}

/**
 * The line each record starts on, from the byte offsets csv-parse reports (its own line count is where a
 * record ends, and counts a CRLF inside quotes twice). Blank lines before a record are skipped over.
 */
function lineCounter(text: string, headerEnd: number) {
  const buf = Buffer.from(text, "utf8");
  let pos = 0;
  let line = 1;
  const advance = (to: number) => { for (; pos < to && pos < buf.length; pos++) if (buf[pos] === 0x0a) line++; };
  advance(headerEnd);
  return (recordEnd: number) => {
    for (;;) {
      let j = pos;
      while (j < buf.length && (buf[j] === 0x20 || buf[j] === 0x09 || buf[j] === 0x0d)) j++;
      if (buf[j] !== 0x0a) break;
      advance(j + 1);
    }
    const start = line;
    advance(recordEnd);
    return start;
  };
}

/**
 * Reads an app's account list: a header row with an email column (and optionally name, role and last
 * activity), then one account per row. Quoted fields, commas and line breaks inside quotes, CRLF and a
 * UTF-8 BOM are handled by csv-parse. Any unreadable row refuses the whole file, naming the lines, so an
 * import is all or nothing.
 */
export function parseAccountList(text: string): AccountList {
  if (Buffer.byteLength(text, "utf8") > ACCOUNT_LIST_MAX_BYTES) {
    throw badRequest(`The file is larger than ${ACCOUNT_LIST_MAX_BYTES / 1024 / 1024} MB; split it or remove columns Gatehouse does not use`, "csv");
  }
  if (!text.replace(/^\uFEFF/, "").trim()) throw badRequest("The file is empty: it needs a header row and one row per account", "csv");
  let records: { record: string[]; info: { lines: number; bytes: number } }[];
  try {
    records = parse(text, {
      bom: true, delimiter: delimiterOf(text.replace(/^\uFEFF/, "")), relax_column_count: true, skip_empty_lines: true, trim: true, info: true,
      // Each record is parsed in full before the row limit is checked; this bounds one runaway quoted field.
      max_record_size: 64 * 1024,
    }) as unknown as typeof records;
  } catch (e) {
    if (e instanceof CsvError) {
      const line = (e as CsvError & { lines?: number }).lines;
      const why = e.code === "CSV_QUOTE_NOT_CLOSED" ? "a quoted field is never closed"
        : e.code === "INVALID_OPENING_QUOTE" || e.code === "CSV_INVALID_CLOSING_QUOTE" ? "a quote in the middle of a field (quote the whole field and double any quote inside it)"
        : e.code === "CSV_MAX_RECORD_SIZE" ? "a row is longer than 64 KB"
        : e.message;
      throw badRequest(`The file is not valid CSV${line ? ` at line ${line}` : ""}: ${why}. Nothing was imported.`, "csv");
    }
    throw e;
  }
  const [header, ...body] = records;
  const headers = header!.record;
  const email = pick(headers, EMAIL_HEADERS, []);
  if (email < 0) {
    throw badRequest(`The header row has no email column (found: ${headers.map((h) => `“${h}”`).join(", ") || "nothing"}). Name one column “email” (or “e-mail”, “user email”, “login”).`, "csv");
  }
  const name = pick(headers, NAME_HEADERS, [email]);
  const role = pick(headers, ROLE_HEADERS, [email, name]);
  const activity = pick(headers, ACTIVITY_HEADERS, [email, name, role]);
  // Without a name column, "First name" and "Last name" make one.
  const first = name < 0 ? pick(headers, ["firstname", "givenname"], [email]) : -1;
  const last = name < 0 ? pick(headers, ["lastname", "surname", "familyname"], [email]) : -1;
  if (!body.length) throw badRequest("The file has a header row but no accounts", "csv");
  if (body.length > ACCOUNT_LIST_MAX_ROWS) {
    throw badRequest(`The file has ${body.length.toLocaleString("en-US")} rows; at most ${ACCOUNT_LIST_MAX_ROWS.toLocaleString("en-US")} accounts can be imported at once`, "csv");
  }

  const problems: string[] = [];
  const byEmail = new Map<string, AccountRow>();
  let duplicateRows = 0;
  const startLine = lineCounter(text, header!.info.bytes);
  for (const { record, info } of body) {
    const line = startLine(info.bytes);
    const cell = (i: number) => (i >= 0 ? (record[i] ?? "").trim() : "");
    const address = cell(email).toLowerCase();
    if (!address) { problems.push(`Line ${line}: no email`); continue; }
    if (address.length > 254 || !EMAIL.test(address)) { problems.push(`Line ${line}: “${cell(email).slice(0, 80)}” is not an email address`); continue; }
    let lastActivityAt: Date | null = null;
    if (activity >= 0) {
      const d = parseActivityDate(cell(activity));
      if (d === "invalid") { problems.push(`Line ${line}: “${cell(activity).slice(0, 40)}” in “${headers[activity]}” is not a date (use YYYY-MM-DD)`); continue; }
      if (d === "ambiguous") { problems.push(`Line ${line}: “${cell(activity)}” in “${headers[activity]}” could be day/month or month/day (use YYYY-MM-DD)`); continue; }
      lastActivityAt = d;
    }
    const roleLabel = cell(role).slice(0, 200) || null;
    const seen = byEmail.get(address);
    if (seen) {
      // One account with several entitlements is often exported as one row per entitlement.
      duplicateRows++;
      if (roleLabel && !(seen.role ?? "").split("; ").includes(roleLabel)) seen.role = seen.role ? `${seen.role}; ${roleLabel}`.slice(0, 500) : roleLabel;
      if (lastActivityAt && (!seen.lastActivityAt || lastActivityAt > seen.lastActivityAt)) seen.lastActivityAt = lastActivityAt;
      continue;
    }
    const fullName = cell(name) || [cell(first), cell(last)].filter(Boolean).join(" ");
    byEmail.set(address, { line, email: address, name: fullName.slice(0, 200) || null, role: roleLabel, lastActivityAt });
  }
  if (problems.length) {
    const more = problems.length > MAX_REPORTED ? `\n…and ${problems.length - MAX_REPORTED} more` : "";
    throw badRequest(`${problems.length === 1 ? "1 row" : `${problems.length} rows`} could not be read; nothing was imported. Fix ${problems.length === 1 ? "it" : "them"} and upload the file again.\n${problems.slice(0, MAX_REPORTED).join("\n")}${more}`, "csv");
  }
  return {
    accounts: [...byEmail.values()], rows: body.length, duplicateRows,
    columns: { email: headers[email]!, name: name >= 0 ? headers[name]! : first >= 0 || last >= 0 ? [headers[first], headers[last]].filter(Boolean).join(" + ") : null, role: role >= 0 ? headers[role]! : null, lastActivity: activity >= 0 ? headers[activity]! : null },
  };
}
