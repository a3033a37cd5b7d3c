// users.list, users.get, users.patch/update (protocols.md §3).

import { badRequest, invalidInput, notAuthorized, notFound } from "./errors.ts";
import { maxResults, pageAfter } from "./paging.ts";
import type { Route } from "./route.ts";
import { SANDBOX_CUSTOMER_ID, type GoogleState, type GoogleUser } from "./state.ts";
import { compileUserQuery } from "./user-query.ts";

const PROJECTIONS = new Set(["basic", "full", "custom"]);
/** Fields a PATCH/PUT may change in the sandbox; the rest are read-only here. */
const WRITABLE = ["suspended", "archived", "orgUnitPath", "organizations", "relations", "name"] as const;

/** Which directory a list call addresses: customer=my_customer (or the id) or domain= (protocols.md §3). */
export function checkCustomer(state: GoogleState, url: URL): void {
  const customer = url.searchParams.get("customer");
  const domain = url.searchParams.get("domain");
  if (!customer && !domain) throw badRequest();
  if (customer && customer !== "my_customer" && customer !== SANDBOX_CUSTOMER_ID) throw notAuthorized();
  if (domain && domain.toLowerCase() !== state.domain.toLowerCase()) throw notAuthorized();
}

export function userRoutes(state: GoogleState): Route[] {
  const mustUser = (key: string): GoogleUser => {
    const u = state.findUser(key);
    if (!u) throw notFound("userKey");
    return u;
  };
  const projection = (url: URL) => {
    const p = url.searchParams.get("projection") ?? "basic";
    if (!PROJECTIONS.has(p)) throw invalidInput("projection");
    if (p === "custom" && !url.searchParams.get("customFieldMask")) throw invalidInput("customFieldMask");
  };
  const update = (user: GoogleUser, body: Record<string, unknown>) => {
    for (const field of WRITABLE) if (field in body) (user as unknown as Record<string, unknown>)[field] = body[field];
    if (body.suspended === false) delete user.suspensionReason;
    else if (body.suspended === true) user.suspensionReason ??= "ADMIN";
    return user;
  };
  return [
    {
      method: "GET",
      pattern: /^\/users$/,
      key: "GET /users",
      handle: ({ url }) => {
        checkCustomer(state, url);
        projection(url);
        const limit = maxResults(url.searchParams.get("maxResults"), 100, 500);
        const query = url.searchParams.get("query");
        const matches = compileUserQuery(query);
        const all = state.sortedUsers();
        const list = query ? all.filter(matches) : all;
        const page = pageAfter(list, (u) => u.primaryEmail.toLowerCase(), limit, url.searchParams.get("pageToken"), `users|${query ?? ""}`);
        return { status: 200, body: { kind: "admin#directory#users", etag: etag(page.items.length), users: page.items, ...(page.nextPageToken ? { nextPageToken: page.nextPageToken } : {}) } };
      },
    },
    {
      method: "GET",
      pattern: /^\/users\/([^/]+)$/,
      key: "GET /users/{userKey}",
      handle: ({ url, params }) => {
        projection(url);
        return { status: 200, body: mustUser(params[0]!) };
      },
    },
    ...(["PATCH", "PUT"] as const).map(
      (method): Route => ({
        method,
        pattern: /^\/users\/([^/]+)$/,
        key: `${method} /users/{userKey}`,
        write: true,
        handle: ({ params, body }) => {
          const user = mustUser(params[0]!);
          if (typeof body !== "object" || body === null || Array.isArray(body)) throw badRequest();
          return { status: 200, body: update(user, body as Record<string, unknown>) };
        },
      }),
    ),
  ];
}

export function etag(n: number): string {
  return `"sandbox-${n.toString(36)}"`;
}
