// PATCH (RFC 7644 §3.5.2) for the sandbox: users as generic JSON, groups as member sets. Accepts what real
// clients send, including Entra ID's quirks: capitalised ops ("Add", "Replace", "Remove"), member removal as
// {op:"Remove", path:"members", value:[{value}]}, booleans as the strings "True"/"False", value-filter paths such
// as emails[type eq "work"].value with "Add", and path-less ops whose value object has attribute paths as keys.
// A request is applied in full or not at all.

import { badRequest, ScimError } from "./errors.ts";
import { equalities, evaluate, keyOf, parsePatchPath, type PatchPath } from "./filter.ts";
import { ENTERPRISE_USER, PATCH_OP } from "./schemas.ts";
import type { Json, ScimGroup, ScimState } from "./state.ts";

export type PatchOpName = "add" | "remove" | "replace";
export interface PatchOperation {
  op: PatchOpName;
  path?: string;
  value?: unknown;
}

/** Checks the PatchOp envelope and lower-cases the ops. */
export function readPatchBody(body: Json): PatchOperation[] {
  const schemas = body.schemas;
  if (!Array.isArray(schemas) || !schemas.includes(PATCH_OP)) throw badRequest("invalidSyntax", `A PATCH body must carry schemas ["${PATCH_OP}"]`);
  const ops = body.Operations ?? body.operations;
  if (!Array.isArray(ops) || !ops.length) throw badRequest("invalidSyntax", "A PATCH body needs a non-empty Operations list");
  return ops.map((raw, i) => {
    const o = (raw ?? {}) as Json;
    const op = typeof o.op === "string" ? o.op.toLowerCase() : "";
    if (op !== "add" && op !== "remove" && op !== "replace") throw badRequest("invalidSyntax", `Operations[${i}].op must be add, remove or replace`);
    if (o.path !== undefined && typeof o.path !== "string") throw badRequest("invalidPath", `Operations[${i}].path must be a string`);
    return { op, path: o.path as string | undefined, value: o.value };
  });
}

const isObject = (v: unknown): v is Json => !!v && typeof v === "object" && !Array.isArray(v);

/** Entra sends booleans as "True"/"False", and the enterprise manager as a bare id. */
function coerce(name: string, value: unknown): unknown {
  if (name.toLowerCase() === "active" && typeof value === "string" && /^(true|false)$/i.test(value)) return value.toLowerCase() === "true";
  if (name.toLowerCase() === "manager" && typeof value === "string") return { value };
  return value;
}

const READ_ONLY_ATTRS = new Set(["id", "meta", "groups"]);

/** The object a user path writes into (the resource or its enterprise extension), created when needed. */
function containerFor(data: Json, path: PatchPath, create: boolean): Json | undefined {
  const schema = path.attr.schema;
  if (schema && schema.toLowerCase() !== "urn:ietf:params:scim:schemas:core:2.0:user") {
    const key = keyOf(data, schema) ?? (create ? schema : undefined);
    if (!key) return undefined;
    if (!isObject(data[key])) {
      if (!create) return undefined;
      data[key] = {};
    }
    return data[key] as Json;
  }
  const first = path.attr.names[0]!;
  // Lenient: "department"/"manager"/"employeeNumber" without the extension URN.
  if (!keyOf(data, first) && ["department", "manager", "employeenumber", "costcenter", "organization", "division"].includes(first.toLowerCase())) {
    if (!isObject(data[ENTERPRISE_USER])) data[ENTERPRISE_USER] = {};
    return data[ENTERPRISE_USER] as Json;
  }
  return data;
}

const sameValue = (a: unknown, b: unknown) =>
  isObject(a) && isObject(b) && "value" in a && "value" in b ? a.value === b.value : JSON.stringify(a) === JSON.stringify(b);

function applyUserOp(data: Json, op: PatchOperation): void {
  if (!op.path) {
    if (op.op === "remove") throw badRequest("noTarget", "remove needs a path");
    if (!isObject(op.value)) throw badRequest("invalidValue", `${op.op} without a path needs an object value`);
    for (const [key, value] of Object.entries(op.value)) {
      if (/^urn:/i.test(key) && isObject(value) && key.toLowerCase() === ENTERPRISE_USER.toLowerCase()) {
        for (const [k, v] of Object.entries(value)) applyUserOp(data, { op: op.op, path: `${ENTERPRISE_USER}:${k}`, value: v });
      } else if (key.toLowerCase() !== "schemas") {
        applyUserOp(data, { op: op.op, path: key, value });
      }
    }
    return;
  }
  const path = parsePatchPath(op.path);
  const names = path.attr.names;
  if (!path.attr.schema && READ_ONLY_ATTRS.has(names[0]!.toLowerCase())) throw badRequest("mutability", `${names[0]} is read-only`);
  const container = containerFor(data, path, op.op !== "remove");
  if (!container) {
    if (op.op === "remove") return;
    throw badRequest("invalidPath", `Unknown path ${op.path}`);
  }
  // Walk to the parent of the last name (name.givenName → the name object).
  let parent = container;
  for (const name of names.slice(0, -1)) {
    const k = keyOf(parent, name) ?? name;
    if (!isObject(parent[k])) {
      if (op.op === "remove") return;
      parent[k] = {};
    }
    parent = parent[k] as Json;
  }
  const last = names.at(-1)!;
  const key = keyOf(parent, last) ?? last;
  const value = coerce(last, op.value);

  if (path.filter) {
    const list = Array.isArray(parent[key]) ? (parent[key] as unknown[]) : [];
    const hits = list.filter((el) => isObject(el) && evaluate(path.filter!, el));
    if (!hits.length) {
      if (op.op === "remove" || (op.op === "replace" && !path.sub)) throw badRequest("noTarget", `No value of ${last} matches ${op.path}`);
      // add/replace of a sub-attribute: create the element the filter describes (Entra: emails[type eq "work"].value).
      const el: Json = {};
      for (const eq of equalities(path.filter)) el[eq.path] = eq.value;
      el[path.sub!] = value;
      parent[key] = [...list, el];
      return;
    }
    if (op.op === "remove") {
      parent[key] = path.sub ? list.map((el) => { if (hits.includes(el)) delete (el as Json)[path.sub!]; return el; }) : list.filter((el) => !hits.includes(el));
      return;
    }
    parent[key] = list.map((el) => (!hits.includes(el) ? el : path.sub ? { ...(el as Json), [path.sub]: value } : isObject(value) ? { ...(el as Json), ...value } : value));
    return;
  }

  const current = parent[key];
  if (op.op === "remove") {
    if (Array.isArray(current) && Array.isArray(op.value)) parent[key] = current.filter((el) => !(op.value as unknown[]).some((v) => sameValue(el, v)));
    else delete parent[key];
    return;
  }
  if (op.op === "add" && Array.isArray(current)) {
    const add = Array.isArray(value) ? value : [value];
    parent[key] = [...current, ...add.filter((v) => !current.some((el) => sameValue(el, v)))];
    return;
  }
  parent[key] = isObject(current) && isObject(value) ? { ...current, ...value } : value;
}

function validateUser(data: Json): void {
  if (typeof data.userName !== "string" || !data.userName.trim()) throw badRequest("invalidValue", "userName is required");
  if (data.active !== undefined && typeof data.active !== "boolean") throw badRequest("invalidValue", "active must be a boolean");
}

/** Applies the operations to a copy of a user's attributes and returns the copy. */
export function patchUserData(data: Json, ops: PatchOperation[]): Json {
  const copy = structuredClone(data);
  for (const op of ops) applyUserOp(copy, op);
  validateUser(copy);
  return copy;
}

export { validateUser };

export interface GroupPatchOptions {
  /** Answer an add of an existing member with 409 (some servers do) instead of ignoring it (RFC). */
  duplicateMemberConflict?: boolean;
}

function memberIds(state: ScimState, value: unknown, op: string): string[] {
  const list = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return list.map((m, i) => {
    const id = isObject(m) ? m.value : m;
    if (typeof id !== "string" || !id) throw badRequest("invalidValue", `${op} members: value[${i}].value must be a user id`);
    if (!state.users.has(id)) throw badRequest("invalidValue", `${op} members: ${id} does not reference an existing User`);
    return id;
  });
}

/** Applies the operations to a group; refuses a read-only group; writes nothing when any operation fails. */
export function patchGroup(state: ScimState, group: ScimGroup, ops: PatchOperation[], opts: GroupPatchOptions = {}): void {
  if (group.readOnly) throw new ScimError(400, `Group ${group.displayName} is read-only here (${group.readOnly.reason})`, "mutability");
  const members = new Set(group.members);
  let displayName = group.displayName;
  let externalId = group.externalId;

  const apply = (op: PatchOperation, path: PatchPath | null) => {
    const attr = path?.attr.names.join(".").toLowerCase() ?? "";
    if (attr === "members") {
      if (path!.filter) {
        if (op.op !== "remove") throw badRequest("invalidPath", `${op.op} with a filter on members is not supported`);
        const hits = [...members].filter((uid) => evaluate(path!.filter!, { value: uid, type: "User" }));
        if (!hits.length) throw badRequest("noTarget", `No member matches ${op.path}`);
        for (const uid of hits) members.delete(uid);
        return;
      }
      const ids = memberIds(state, op.value, op.op);
      if (op.op === "replace") members.clear();
      if (op.op === "remove") {
        if (op.value === undefined) members.clear();
        for (const uid of ids) members.delete(uid);
        return;
      }
      for (const uid of ids) {
        if (members.has(uid) && op.op === "add" && opts.duplicateMemberConflict) throw new ScimError(409, `${uid} is already a member`, "uniqueness");
        members.add(uid);
      }
      return;
    }
    if (attr === "displayname") {
      if (op.op === "remove" || typeof op.value !== "string" || !op.value.trim()) throw badRequest("invalidValue", "displayName is required");
      displayName = op.value;
      return;
    }
    if (attr === "externalid") {
      externalId = op.op === "remove" ? null : typeof op.value === "string" ? op.value : null;
      return;
    }
    if (attr === "id" || attr === "meta") throw badRequest("mutability", `${attr} is read-only`);
    throw badRequest("invalidPath", `Unsupported path ${op.path ?? ""} on a Group`);
  };

  for (const op of ops) {
    if (op.path) {
      apply(op, parsePatchPath(op.path));
      continue;
    }
    if (op.op === "remove") throw badRequest("noTarget", "remove needs a path");
    if (!isObject(op.value)) throw badRequest("invalidValue", `${op.op} without a path needs an object value`);
    for (const [k, v] of Object.entries(op.value)) {
      if (k === "schemas" || (k === "id" && v === group.id)) continue;
      apply({ op: op.op, path: k, value: v }, parsePatchPath(k));
    }
  }

  if (displayName !== group.displayName) state.renameGroup(group.id, displayName);
  if (externalId !== group.externalId) state.setGroupExternalId(group.id, externalId);
  for (const uid of [...group.members]) if (!members.has(uid)) state.removeMember(group.id, uid);
  for (const uid of members) if (!group.members.has(uid)) state.addMember(group.id, uid);
}
