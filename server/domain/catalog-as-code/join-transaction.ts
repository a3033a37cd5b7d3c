// Runs domain operations inside a transaction that is already open: each operation's own
// `tdb.$transaction(fn)` then joins it instead of starting another, so a whole catalog file commits or
// rolls back as one, while every change still goes through its operation (checks and audit event).
import type { TenantTx } from "../../db/tenant-db.ts";
import type { TenantScope } from "../services.ts";

export function joinTransaction(scope: TenantScope, tx: TenantTx): TenantScope {
  const joined: unknown = new Proxy(tx, {
    get(target, prop, receiver) {
      if (prop === "$transaction") return (fn: (t: unknown) => unknown) => fn(joined);
      return Reflect.get(target, prop, receiver);
    },
  });
  return { ...scope, tdb: joined as TenantScope["tdb"] };
}
