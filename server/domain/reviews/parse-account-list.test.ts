import { describe, expect, it } from "vitest";
import type { DomainError } from "../errors.ts";
import { ACCOUNT_LIST_MAX_ROWS, parseAccountList, parseActivityDate } from "./parse-account-list.ts";

const refusal = (text: string) => {
  try {
    parseAccountList(text);
  } catch (e) {
    return e as DomainError;
  }
  throw new Error("expected a refusal");
};

describe("parseAccountList", () => {
  it("reads quoted fields, commas and line breaks in quotes, CRLF and a BOM", () => {
    const list = parseAccountList('\uFEFF"User Email","Full Name",Role,Last Login\r\nDana.Lee@Acme.example,"Lee, Dana","Admin, billing",2026-11-01\r\n\r\nsam@acme.example,"Sam ""the man"" Rivera",User,\r\n"kai@acme.example","Kai\r\nTanaka",,2026-10-01T10:00:00Z\r\n');
    expect(list.columns).toEqual({ email: "User Email", name: "Full Name", role: "Role", lastActivity: "Last Login" });
    expect(list.accounts).toEqual([
      { line: 2, email: "dana.lee@acme.example", name: "Lee, Dana", role: "Admin, billing", lastActivityAt: new Date("2026-11-01T00:00:00Z") },
      { line: 4, email: "sam@acme.example", name: 'Sam "the man" Rivera', role: "User", lastActivityAt: null },
      { line: 5, email: "kai@acme.example", name: "Kai\r\nTanaka", role: null, lastActivityAt: new Date("2026-10-01T10:00:00Z") },
    ]);
    expect([list.rows, list.duplicateRows]).toEqual([3, 0]);
  });

  it("accepts the common header names, semicolons, and first + last name", () => {
    expect(parseAccountList("E-mail;Entitlement\na@x.io;Viewer\n").columns).toMatchObject({ email: "E-mail", role: "Entitlement" });
    expect(parseAccountList("login\ta\nz@x.io\tq\n").accounts[0]!.email).toBe("z@x.io");
    const named = parseAccountList("First name,Last name,Email address,Last activity\nDana,Lee,d@x.io,never\n");
    expect(named.accounts[0]).toMatchObject({ name: "Dana Lee", email: "d@x.io", lastActivityAt: null });
    expect(named.columns.name).toBe("First name + Last name");
  });

  it("folds one account listed once per entitlement into one, keeping every role and the latest activity", () => {
    const list = parseAccountList("email,role,last login\na@x.io,User,2026-01-01\nA@X.io,Admin,2026-03-01\na@x.io,User,2026-02-01\n");
    expect(list.accounts).toEqual([{ line: 2, email: "a@x.io", name: null, role: "User; Admin", lastActivityAt: new Date("2026-03-01T00:00:00Z") }]);
    expect(list.duplicateRows).toBe(2);
  });

  it("refuses a file without an email column, naming the columns it found", () => {
    const e = refusal("name,role\nDana,Admin\n");
    expect([e.code, e.message]).toEqual(["BAD_REQUEST", "The header row has no email column (found: “name”, “role”). Name one column “email” (or “e-mail”, “user email”, “login”)."]);
  });

  it("refuses malformed quoting with the line", () => {
    expect(refusal('email,name\na@x.io,"Dana\nb@x.io,Sam\n').message).toBe("The file is not valid CSV at line 3: a quoted field is never closed. Nothing was imported.");
    expect(refusal('email,name\na@x.io,Da"na\n').message).toMatch(/^The file is not valid CSV at line 2: a quote in the middle of a field/);
  });

  it("refuses bad rows all at once, naming each line", () => {
    const e = refusal("email,last login\na@x.io,2026-01-01\nnot-an-email,\n,2026-01-01\nb@x.io,yesterday\nc@x.io,03/04/2026\n");
    expect(e.message).toBe([
      "4 rows could not be read; nothing was imported. Fix them and upload the file again.",
      "Line 3: “not-an-email” is not an email address",
      "Line 4: no email",
      "Line 5: “yesterday” in “last login” is not a date (use YYYY-MM-DD)",
      "Line 6: “03/04/2026” in “last login” could be day/month or month/day (use YYYY-MM-DD)",
    ].join("\n"));
    const many = refusal(`email\n${Array.from({ length: 15 }, (_, i) => `bad${i}`).join("\n")}\n`);
    expect(many.message.split("\n").slice(-2)).toEqual(["Line 11: “bad9” is not an email address", "…and 5 more"]);
  });

  it("refuses empty, header-only, oversized and too-long files", () => {
    expect(refusal("").message).toMatch(/^The file is empty/);
    expect(refusal("\uFEFF  \n").message).toMatch(/^The file is empty/);
    expect(refusal("email\n").message).toBe("The file has a header row but no accounts");
    expect(refusal(`email\n${"a".repeat(2 * 1024 * 1024)}@x.io\n`).message).toMatch(/^The file is larger than 2 MB/);
    const rows = Array.from({ length: ACCOUNT_LIST_MAX_ROWS + 1 }, (_, i) => `u${i}@x.io`).join("\n");
    expect(refusal(`email\n${rows}\n`).message).toBe("The file has 20,001 rows; at most 20,000 accounts can be imported at once");
    expect(parseAccountList(`email\n${rows.split("\n").slice(1).join("\n")}\n`).accounts.length).toBe(ACCOUNT_LIST_MAX_ROWS);
  });
});

describe("parseActivityDate", () => {
  it("reads ISO dates and unambiguous day/month orders; refuses guesses", () => {
    expect(parseActivityDate("2026-11-02")).toEqual(new Date("2026-11-02T00:00:00Z"));
    expect(parseActivityDate("2026-11-02 08:30:00")).toEqual(new Date("2026-11-02T08:30:00Z"));
    expect(parseActivityDate("2026-11-02T08:30:00+02:00")).toEqual(new Date("2026-11-02T06:30:00Z"));
    expect(parseActivityDate("25/12/2025")).toEqual(new Date("2025-12-25T00:00:00Z"));
    expect(parseActivityDate("12/25/2025")).toEqual(new Date("2025-12-25T00:00:00Z"));
    expect(parseActivityDate("05/05/2025")).toEqual(new Date("2025-05-05T00:00:00Z"));
    expect(parseActivityDate("03/04/2025")).toBe("ambiguous");
    expect(parseActivityDate("31/02/2025")).toBe("invalid");
    expect(parseActivityDate("Never")).toBeNull();
    expect(parseActivityDate("2026-13-45")).toBe("invalid");
  });
});
