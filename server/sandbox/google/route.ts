// A sandbox route: a path under /admin/directory/v1 (decoded captures in `params`) and a handler that returns
// a JSON answer or throws a GoogleApiError.

export interface RouteInput {
  url: URL;
  params: string[];
  /** The parsed JSON body (undefined when there is none). */
  body: unknown;
}

export interface RouteAnswer {
  status: number;
  /** Omitted for 204. */
  body?: unknown;
}

export interface Route {
  method: "GET" | "POST" | "PATCH" | "PUT" | "DELETE";
  pattern: RegExp;
  /** "METHOD /template" for call counts. */
  key: string;
  /** Changes state: a read-only token is refused (403 insufficientPermissions) before the handler runs. */
  write?: boolean;
  handle(input: RouteInput): RouteAnswer;
}
