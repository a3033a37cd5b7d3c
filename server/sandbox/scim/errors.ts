// SCIM error answers (RFC 7644 §3.12): `status` is a string, `scimType` says which kind of 400/409.

import { ERROR_SCHEMA } from "./schemas.ts";

export type ScimType =
  | "invalidFilter" | "tooMany" | "uniqueness" | "mutability" | "invalidSyntax"
  | "invalidPath" | "noTarget" | "invalidValue" | "invalidVers" | "sensitive";

export class ScimError extends Error {
  constructor(
    readonly status: number,
    readonly detail: string,
    readonly scimType?: ScimType,
    readonly headers: Record<string, string> = {},
  ) {
    super(detail);
  }

  body(): Record<string, unknown> {
    return { schemas: [ERROR_SCHEMA], status: String(this.status), ...(this.scimType ? { scimType: this.scimType } : {}), detail: this.detail };
  }
}

export const notFound = (type: string, id: string) => new ScimError(404, `${type} ${id} not found`);
export const badRequest = (scimType: ScimType, detail: string) => new ScimError(400, detail, scimType);
