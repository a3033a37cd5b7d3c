// The subset of users.list `query` the sandbox understands: space-separated clauses combined with AND.
//   isSuspended=true|false   isArchived=true|false   isAdmin=true|false
//   orgUnitPath='/Eng'  (the unit and everything under it)   email:ada*  (prefix)   email=ada@x.com
// Anything else is refused as Google does with an unknown field (400 Invalid Input).

import { invalidInput } from "./errors.ts";
import type { GoogleUser } from "./state.ts";

type Test = (u: GoogleUser) => boolean;

export function compileUserQuery(query: string | null): Test {
  if (!query || !query.trim()) return () => true;
  const tests: Test[] = [];
  for (const clause of query.trim().match(/(?:[^\s']+|'[^']*')+/g) ?? []) tests.push(compileClause(clause));
  return (u) => tests.every((t) => t(u));
}

function compileClause(clause: string): Test {
  const m = /^([A-Za-z]+)([=:])(.+)$/.exec(clause);
  if (!m) throw invalidInput("query");
  const [, field, op, rawValue] = m as unknown as [string, string, string, string];
  const value = rawValue.replace(/^'(.*)'$/, "$1");
  const bool = () => {
    if (value !== "true" && value !== "false") throw invalidInput("query");
    return value === "true";
  };
  switch (field) {
    case "isSuspended": {
      const b = bool();
      return (u) => u.suspended === b;
    }
    case "isArchived": {
      const b = bool();
      return (u) => u.archived === b;
    }
    case "isAdmin": {
      const b = bool();
      return (u) => u.isAdmin === b;
    }
    case "orgUnitPath": {
      const path = value.replace(/\/+$/, "") || "/";
      return (u) => path === "/" || u.orgUnitPath === path || u.orgUnitPath.startsWith(`${path}/`);
    }
    case "email": {
      const v = value.toLowerCase();
      if (op === ":" && v.endsWith("*")) return (u) => u.primaryEmail.toLowerCase().startsWith(v.slice(0, -1));
      return (u) => u.primaryEmail.toLowerCase() === v;
    }
    default:
      throw invalidInput("query");
  }
}
