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

/** One successful sign-in to an app through the IdP (single sign-on), for last-use tracking. */
export interface AppSignIn {
  personExternalId: string;
  at: Date;
}

/** A bounded window: `until` is required so a read of the IdP's log always ends. */
export interface AppSignInQuery {
  appExternalId: string;
  since: Date;
  until: Date;
}

/** The directories Gatehouse reads and provisions. */
export type DirectoryKind = "okta" | "entra" | "google" | "scim";

export interface DirectoryConnector {
  readonly kind: DirectoryKind;
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
  /** Optional (per-app last use): sign-ins to one app in [since, until), a page at a time. */
  listAppSignIns?(query: AppSignInQuery, cursor?: string | null): Promise<Page<AppSignIn>>;
  /** The account's status as the IdP reports it now (read-back after suspending). */
  readUserStatus(userExternalId: string): Promise<{ status: string; checkedAt: Date; detail: string }>;
  /** How many HTTP calls this instance has made (for sync stats and benchmarks). */
  apiCalls(): number;
  /** Optional: one user as the IdP has it now (any status), or null when the IdP does not know the id. */
  getUser?(userExternalId: string): Promise<DirectoryUser | null>;
  /**
   * Optional: registers an event hook (the IdP pushes directory changes to `uri`, authenticated by `secret`),
   * proves the endpoint answers (verification) and turns it on. A hook that cannot be verified is removed.
   */
  registerEventHook?(input: { name: string; uri: string; secret: string; events: string[] }): Promise<EventHookRegistration>;
  /** Optional: the hook as the IdP has it now, or null when it is gone. */
  getEventHook?(hookId: string): Promise<EventHookRegistration | null>;
  /** Optional: turns a hook off and deletes it; a hook that is already gone is success. */
  removeEventHook?(hookId: string): Promise<void>;
  /**
   * Optional: who added members to one group, and when, in [since, until), from the IdP's audit log (Okta's
   * System Log). A bounded query: a connector without such a log leaves it out.
   */
  findMembershipAdds?(query: { groupExternalId: string; since: Date; until: Date }): Promise<MembershipAdd[]>;
}

/** One "member added to group" record from the IdP's audit log. */
export interface MembershipAdd {
  personExternalId: string;
  /** Who made the change, as the log names them (a person, or an app/rule acting for the IdP). */
  actor: { id: string; displayName: string | null; login: string | null };
  at: Date;
}

/** An event hook registered with a directory, in our words. */
export interface EventHookRegistration {
  id: string;
  uri: string;
  events: string[];
  status: "ACTIVE" | "INACTIVE";
  verified: boolean;
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

/** A chat message in our words; the Slack connector renders it (escaping every text) as Block Kit. */
export interface ChatMessage {
  /** The notification and fallback text. */
  text: string;
  title?: string;
  lines?: string[];
  facts?: [label: string, value: string][];
  buttons?: ChatButton[];
  /** Small print at the end, e.g. who decided and when. */
  footer?: string;
}

export interface ChatButton {
  label: string;
  /** A button Gatehouse answers (actionId) or a link that opens a page (url). */
  actionId?: string;
  url?: string;
  value?: string;
  style?: "primary" | "danger";
}

export interface ChatMessageRef {
  channel: string;
  ts: string;
}

export type ChatFormField =
  | { id: string; label: string; kind: "text" | "multiline"; optional?: boolean; placeholder?: string; hint?: string; minLength?: number; maxLength?: number; initial?: string }
  | { id: string; label: string; kind: "select"; optional?: boolean; placeholder?: string; hint?: string; groups: { label: string; options: { label: string; value: string }[] }[]; initial?: string };

/** A form shown in front of one person (a Slack modal). */
export interface ChatForm {
  callbackId: string;
  title: string;
  submit: string;
  intro?: string;
  /** Carried through to the submission (at most 3,000 characters). */
  privateMetadata?: string;
  fields: ChatFormField[];
}

export interface ChatWorkspace {
  teamId: string;
  teamName: string;
  botUserId: string;
}

/** What a chat system sent us, after its signature was checked. */
export type ChatInbound =
  | { type: "button"; teamId: string; userId: string; actionId: string; value: string; triggerId: string; responseUrl: string; channel: string; messageTs: string }
  | { type: "form"; teamId: string; userId: string; callbackId: string; viewId: string; privateMetadata: string; values: Record<string, string | null>; triggerId: string }
  | { type: "command"; teamId: string; userId: string; command: string; text: string; triggerId: string; responseUrl: string; channel: string };

/** How we answer an inbound request in the same HTTP response. */
export type ChatAnswer =
  | { kind: "ack" }
  | { kind: "text"; text: string }
  | { kind: "formErrors"; errors: Record<string, string> }
  | { kind: "formDone"; title: string; text: string };

export interface MessagingConnector {
  readonly kind: "slack";
  validate(): Promise<ValidationResult & { workspace?: ChatWorkspace }>;
  /** The chat user id of this email, or null when nobody in the workspace has it. */
  findUserByEmail(email: string): Promise<string | null>;
  /** The email of a chat user, or null when it is hidden or unknown. */
  userEmail(userId: string): Promise<string | null>;
  sendDirect(userId: string, message: ChatMessage): Promise<ChatMessageRef>;
  update(ref: ChatMessageRef, message: ChatMessage): Promise<void>;
  /** A message only this person sees: through the interaction's response URL, or in a channel. */
  tellPrivately(to: { responseUrl: string } | { channel: string; userId: string }, text: string): Promise<void>;
  openForm(triggerId: string, form: ChatForm): Promise<{ viewId: string }>;
}

/** One account in an app, as an evidence system (Vanta) keeps it for access reviews. */
export interface EvidenceUserAccount {
  /** Stable across pushes: the same account carries the same id every time (an account left out is deactivated). */
  id: string;
  /** Shown in lists, e.g. "Dana Lee (Figma · Editor)". */
  displayName: string;
  fullName: string;
  /** The login or username in the app. */
  accountName: string;
  email: string;
  permission: "admin" | "editor" | "base";
  status: "active" | "suspended" | "deactivated";
  /** When the account (the access) began. */
  createdAt: Date;
  /** Where the account can be seen (e.g. the grant in Gatehouse). */
  url?: string | null;
  mfaEnabled?: boolean;
  authMethod?: "sso" | "password" | "token" | "unknown";
}

/** What the evidence system holds for an account: what was pushed, and whether a later push left it out. */
export interface EvidenceUserAccountRecord extends EvidenceUserAccount {
  /** Set once a later push left the account out (it shows as deactivated). */
  deletedAt: Date | null;
}

export interface EvidenceFile {
  filename: string;
  contentType: string;
  content: string | Buffer;
}

export interface EvidenceConnector {
  readonly kind: "vanta";
  /** Gets a token, finds the configured document (and the user account resource when configured). */
  validate(): Promise<ValidationResult>;
  /** State of the world: accounts of `resourceId` left out of this push are marked deleted by the evidence system. */
  syncUserAccounts(resourceId: string, accounts: EvidenceUserAccount[]): Promise<void>;
  /** Every account the evidence system holds for `resourceId` (all pages), deleted ones included: the read-back. */
  listUserAccounts(resourceId: string): Promise<EvidenceUserAccountRecord[]>;
  /** Attaches a file to a document; returns the evidence system's id of the upload. */
  uploadDocument(documentId: string, file: EvidenceFile): Promise<string>;
  /** Submits the document's uploads for review. */
  submitDocument(documentId: string): Promise<void>;
}
