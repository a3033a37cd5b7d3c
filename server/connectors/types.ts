// Our own types for external systems. Vendor types stay inside server/connectors/<vendor>.

export interface DirectoryUser {
  externalId: string;
  login: string;
  email: string;
  firstName: string;
  lastName: string;
  title?: string | null;
  department?: string | null;
  location?: string | null;
  /** The manager as the IdP names them: an external id, or a login/email when only that is known. */
  managerRef?: string | null;
  status: string; // ACTIVE | SUSPENDED | DEPROVISIONED | STAGED | PROVISIONED | ...
  employmentType?: string | null;
  startDate?: Date | null;
  terminationDate?: Date | null;
  lastLoginAt?: Date | null;
}

export interface DirectoryGroup {
  externalId: string;
  name: string;
  description?: string | null;
  type: string;
  /** False when the IdP will not let us change membership (Okta APP_GROUP, BUILT_IN, rule or dynamic groups). */
  managed: boolean;
  unmanagedReason?: string | null;
}

/** One page of a listing; `next` is an opaque cursor to resume from (for Okta, the absolute Link URL). */
export interface Page<T> {
  items: T[];
  next: string | null;
}

export interface ReadBack {
  isMember: boolean;
  checkedAt: Date;
  /** What the IdP answered, summarised for evidence (no secrets). */
  detail: string;
}

/** Why a call failed, in our words; `retryable` tells the job layer whether to try again. */
export class ConnectorError extends Error {
  constructor(
    message: string,
    readonly code: "auth" | "not_found" | "forbidden" | "rate_limited" | "unavailable" | "invalid" | "timeout" | "unknown",
    readonly retryable: boolean,
    readonly retryAfterMs?: number,
    readonly status?: number,
  ) {
    super(message);
    this.name = "ConnectorError";
  }
}

export interface ValidationResult {
  ok: boolean;
  /** What we learned, e.g. the org name or the signed-in account, shown after "Test connection". */
  detail: string;
}

export interface DirectoryCapabilities {
  sync: true;
  provision: boolean;
  suspend: boolean;
  lastActivity: boolean;
}

export interface DirectoryConnector {
  readonly kind: "okta";
  readonly capabilities: DirectoryCapabilities;
  validate(): Promise<ValidationResult>;
  listUsers(cursor?: string | null, pageSize?: number): Promise<Page<DirectoryUser>>;
  listGroups(cursor?: string | null, pageSize?: number): Promise<Page<DirectoryGroup>>;
  /** External ids of the group's members. */
  listGroupMembers(groupExternalId: string, cursor?: string | null, pageSize?: number): Promise<Page<string>>;
  /** Idempotent: adding an existing member is success. */
  addMember(groupExternalId: string, userExternalId: string): Promise<void>;
  /** Idempotent: removing a non-member is success. */
  removeMember(groupExternalId: string, userExternalId: string): Promise<void>;
  isMember(groupExternalId: string, userExternalId: string): Promise<ReadBack>;
  suspendUser(userExternalId: string): Promise<void>;
  /** How many HTTP calls this instance has made (for sync stats and benchmarks). */
  apiCalls(): number;
}

export interface TicketRef {
  key: string;
  id: string;
  url: string;
}

/** Atlassian Document Format, the subset we write. */
export type AdfDoc = { type: "doc"; version: 1; content: unknown[] };

export interface TicketingConnector {
  readonly kind: "jira";
  validate(): Promise<ValidationResult>;
  createIssue(input: { summary: string; description: AdfDoc; labels?: string[]; properties?: Record<string, unknown> }): Promise<TicketRef>;
  addComment(issueKey: string, body: AdfDoc): Promise<{ id: string }>;
  /** Whether a comment containing this marker exists (so a retried delivery never posts twice). */
  hasComment(issueKey: string, marker: string): Promise<boolean>;
  setProperty(issueKey: string, key: string, value: unknown): Promise<void>;
  /** Moves the issue to the transition with this name (case-insensitive); false when no such transition. */
  transition(issueKey: string, transitionName: string): Promise<boolean>;
}
