// The comparison operators of SCIM-style filters (Okta's search and SCIM 2.0 share them), on values the caller
// has already normalised: numbers as numbers, strings lowercased unless the attribute is case-exact.

export type FilterOp = "eq" | "ne" | "co" | "sw" | "ew" | "gt" | "ge" | "lt" | "le";

/** `a op e`; the substring operators (co, sw, ew) hold only between strings. */
export function compareValues(op: FilterOp, a: string | number, e: string | number): boolean {
  switch (op) {
    case "eq": return a === e;
    case "ne": return a !== e;
    case "gt": return a > e;
    case "ge": return a >= e;
    case "lt": return a < e;
    case "le": return a <= e;
    case "co": return typeof a === "string" && a.includes(String(e));
    case "sw": return typeof a === "string" && a.startsWith(String(e));
    case "ew": return typeof a === "string" && a.endsWith(String(e));
  }
}
