// The sandbox Vanta's data: OAuth clients, user account resources (what each sync pushed, and what a later sync
// left out), evidence documents and the files uploaded to them. Plain data, so it can be saved to a JSON file
// and shown on the demo page. Tokens live in memory only (a restarted sandbox has forgotten them, as a rotated
// Vanta would).

import { randomBytes } from "node:crypto";

export const VANTA_SCOPES = {
  writeResource: "connectors.self:write-resource",
  readResource: "connectors.self:read-resource",
  read: "vanta-api.all:read",
  write: "vanta-api.all:write",
  upload: "vanta-api.documents:upload",
} as const;

export interface VantaClient {
  clientId: string;
  clientSecret: string;
  name: string;
  /** The scopes this application may ask for. */
  scopes: string[];
}

/** One UserAccount as Vanta keeps it: the fields of the last sync that included it, and when one left it out. */
export interface VantaAccountRecord {
  uniqueId: string;
  fields: Record<string, unknown>;
  deletedAt: string | null;
  firstSyncedAt: string;
  lastSyncedAt: string;
}

export interface VantaResource {
  id: string;
  name: string;
  type: "user_account";
  syncs: number;
  lastSyncAt: string | null;
  accounts: VantaAccountRecord[];
}

export interface VantaUpload {
  id: string;
  fileName: string;
  mimeType: string;
  size: number;
  description: string | null;
  /** The file's bytes, base64 (kept so tests and the demo can show what arrived). */
  contentBase64: string;
  createdAt: string;
}

export type VantaDocumentStatus = "Needs document" | "Needs update" | "OK" | "Not relevant";

export interface VantaDocument {
  id: string;
  title: string;
  description: string;
  category: string;
  overallStatus: VantaDocumentStatus;
  uploads: VantaUpload[];
  submissions: { at: string; uploadIds: string[] }[];
}

export interface VantaData {
  version: 1;
  clients: VantaClient[];
  resources: VantaResource[];
  documents: VantaDocument[];
  seq: number;
}

export const DEFAULT_VANTA_CLIENT: VantaClient = {
  clientId: "vci_sandbox_gatehouse",
  clientSecret: "vcs_sandbox_gatehouse_secret_0001",
  name: "Gatehouse (sandbox)",
  scopes: Object.values(VANTA_SCOPES),
};
/** The UserAccount resource Gatehouse pushes to (a Developer Console "Resource ID" looks like this). */
export const DEFAULT_VANTA_RESOURCE_ID = "66a0c0de5ea7c0ffee000001";

const DEFAULT_DOCUMENTS: [id: string, title: string, category: string][] = [
  ["access-reviews", "Proof of completed access review", "Access control"],
  ["access-requests", "Access request ticket and history", "Account setup"],
  ["offboarding-records", "Offboarding records", "Account setup"],
  ["onboarding-records", "Onboarding records", "Account setup"],
  ["access-control-policy", "Access control policy", "Policies"],
  ["information-security-policy", "Information security policy", "Policies"],
  ["incident-response-plan", "Incident response plan", "Policies"],
  ["vendor-list", "List of vendors", "Vendor management"],
  ["penetration-test", "Penetration test report", "Engineering"],
  ["backup-restoration-test", "Backup restoration test", "Engineering"],
  ["board-meeting-minutes", "Board meeting minutes", "Governance"],
  ["security-awareness-training", "Security awareness training records", "People"],
  ["background-checks", "Background check records", "People"],
  ["change-management-tickets", "Change management tickets", "Engineering"],
];

export function emptyVantaData(opts: { clients?: VantaClient[]; resources?: { id: string; name: string }[]; documents?: { id: string; title: string; category?: string }[] } = {}): VantaData {
  return {
    version: 1,
    clients: opts.clients ?? [DEFAULT_VANTA_CLIENT],
    resources: (opts.resources ?? [{ id: DEFAULT_VANTA_RESOURCE_ID, name: "Gatehouse user accounts" }]).map((r) => ({
      id: r.id, name: r.name, type: "user_account" as const, syncs: 0, lastSyncAt: null, accounts: [],
    })),
    documents: (opts.documents ?? DEFAULT_DOCUMENTS.map(([id, title, category]) => ({ id, title, category }))).map((d) => ({
      id: d.id, title: d.title, description: `Evidence request: ${d.title.toLowerCase()}`, category: d.category ?? "Other",
      overallStatus: "Needs document" as const, uploads: [], submissions: [],
    })),
    seq: 0,
  };
}

interface TokenRecord {
  clientId: string;
  scopes: Set<string>;
  expiresAt: number;
}

/** What the sandbox holds, without file contents: for assertions and the demo page. */
export interface VantaStateView {
  resources: {
    id: string; name: string; syncs: number; lastSyncAt: string | null; active: number; deleted: number;
    accounts: { uniqueId: string; displayName: string; email: string; permissionLevel: string; status: string; deletedAt: string | null }[];
  }[];
  documents: {
    id: string; title: string; category: string; overallStatus: VantaDocumentStatus; submittedAt: string | null;
    uploads: { id: string; fileName: string; mimeType: string; size: number; createdAt: string }[];
  }[];
}

export class VantaState {
  onChange?: () => void;
  private readonly tokens = new Map<string, TokenRecord>();
  /** Token requests per client id (times in ms), for the 5-per-minute limit. */
  private readonly tokenRequests = new Map<string, number[]>();

  constructor(readonly data: VantaData, private readonly now: () => Date) {}

  touch(): void {
    this.onChange?.();
  }

  /** A Mongo-style id, as Vanta's are. */
  private nextId(): string {
    this.data.seq += 1;
    return `${this.data.seq.toString(16).padStart(8, "0")}${randomBytes(8).toString("hex")}`;
  }

  // --- OAuth -------------------------------------------------------------------------------------------------

  client(clientId: string): VantaClient | undefined {
    return this.data.clients.find((c) => c.clientId === clientId);
  }

  addClient(client: VantaClient): void {
    this.data.clients = [...this.data.clients.filter((c) => c.clientId !== client.clientId), client];
    this.touch();
  }

  /** Counts a token request; returns the seconds to wait when the client already made `limit` in the last minute. */
  tokenRateLimited(clientId: string, limit: number): number | null {
    const at = this.now().getTime();
    const recent = (this.tokenRequests.get(clientId) ?? []).filter((t) => t > at - 60_000);
    if (recent.length >= limit) {
      this.tokenRequests.set(clientId, recent);
      return Math.max(1, Math.ceil((recent[0]! + 60_000 - at) / 1000));
    }
    recent.push(at);
    this.tokenRequests.set(clientId, recent);
    return null;
  }

  /** Mints a token; with `onePerClient`, the client's earlier tokens stop working (as reported of Vanta). */
  mintToken(clientId: string, scopes: string[], ttlSeconds: number, onePerClient: boolean): string {
    if (onePerClient) for (const [t, r] of this.tokens) if (r.clientId === clientId) this.tokens.delete(t);
    const token = `vat_${randomBytes(24).toString("base64url")}`;
    this.tokens.set(token, { clientId, scopes: new Set(scopes), expiresAt: this.now().getTime() + ttlSeconds * 1000 });
    return token;
  }

  /** The token's record while it is valid on the sandbox's clock. */
  token(token: string): TokenRecord | undefined {
    const r = this.tokens.get(token);
    if (!r) return undefined;
    if (r.expiresAt <= this.now().getTime()) {
      this.tokens.delete(token);
      return undefined;
    }
    return r;
  }

  /** Forgets every token (as if Vanta rotated them): the next call with an old one gets 401. */
  revokeTokens(): void {
    this.tokens.clear();
  }

  get activeTokens(): number {
    const at = this.now().getTime();
    return [...this.tokens.values()].filter((r) => r.expiresAt > at).length;
  }

  // --- Resources ---------------------------------------------------------------------------------------------

  resource(id: string): VantaResource | undefined {
    return this.data.resources.find((r) => r.id === id);
  }

  addResource(id: string, name: string): VantaResource {
    const existing = this.resource(id);
    if (existing) return existing;
    const r: VantaResource = { id, name, type: "user_account", syncs: 0, lastSyncAt: null, accounts: [] };
    this.data.resources.push(r);
    this.touch();
    return r;
  }

  /** State-of-the-world sync: upserts what was sent; an account left out gets `deletedAt` (once). */
  syncAccounts(resourceId: string, accounts: Record<string, unknown>[]): { created: number; updated: number; deleted: number } {
    const resource = this.resource(resourceId);
    if (!resource) throw new Error(`unknown resource ${resourceId}`);
    const at = this.now().toISOString();
    const byId = new Map(resource.accounts.map((a) => [a.uniqueId, a]));
    const sent = new Set<string>();
    let created = 0;
    let updated = 0;
    let deleted = 0;
    for (const fields of accounts) {
      const uniqueId = String(fields.uniqueId);
      sent.add(uniqueId);
      const existing = byId.get(uniqueId);
      if (existing) {
        existing.fields = fields;
        existing.deletedAt = null;
        existing.lastSyncedAt = at;
        updated += 1;
      } else {
        const record: VantaAccountRecord = { uniqueId, fields, deletedAt: null, firstSyncedAt: at, lastSyncedAt: at };
        resource.accounts.push(record);
        byId.set(uniqueId, record);
        created += 1;
      }
    }
    for (const a of resource.accounts) {
      if (!sent.has(a.uniqueId) && a.deletedAt === null) {
        a.deletedAt = at;
        deleted += 1;
      }
    }
    resource.syncs += 1;
    resource.lastSyncAt = at;
    this.touch();
    return { created, updated, deleted };
  }

  // --- Documents ---------------------------------------------------------------------------------------------

  document(id: string): VantaDocument | undefined {
    return this.data.documents.find((d) => d.id === id);
  }

  addUpload(documentId: string, file: { fileName: string; mimeType: string; content: Buffer; description: string | null }): VantaUpload {
    const doc = this.document(documentId);
    if (!doc) throw new Error(`unknown document ${documentId}`);
    const upload: VantaUpload = {
      id: this.nextId(), fileName: file.fileName, mimeType: file.mimeType, size: file.content.length, description: file.description,
      contentBase64: file.content.toString("base64"), createdAt: this.now().toISOString(),
    };
    doc.uploads.push(upload);
    if (doc.overallStatus === "OK") doc.overallStatus = "Needs update";
    this.touch();
    return upload;
  }

  /** The bytes of an upload (what the sender put in the file part). */
  uploadContent(documentId: string, uploadId: string): Buffer | undefined {
    const u = this.document(documentId)?.uploads.find((x) => x.id === uploadId);
    return u ? Buffer.from(u.contentBase64, "base64") : undefined;
  }

  /** Marks the document OK with its uploads not yet submitted; false when there is nothing to submit. */
  submit(documentId: string): boolean {
    const doc = this.document(documentId);
    if (!doc) throw new Error(`unknown document ${documentId}`);
    const submitted = new Set(doc.submissions.flatMap((s) => s.uploadIds));
    const fresh = doc.uploads.filter((u) => !submitted.has(u.id)).map((u) => u.id);
    if (fresh.length === 0 && doc.uploads.length === 0) return false;
    doc.submissions.push({ at: this.now().toISOString(), uploadIds: fresh });
    doc.overallStatus = "OK";
    this.touch();
    return true;
  }

  view(): VantaStateView {
    return {
      resources: this.data.resources.map((r) => ({
        id: r.id, name: r.name, syncs: r.syncs, lastSyncAt: r.lastSyncAt,
        active: r.accounts.filter((a) => a.deletedAt === null).length,
        deleted: r.accounts.filter((a) => a.deletedAt !== null).length,
        accounts: r.accounts.map((a) => ({
          uniqueId: a.uniqueId, displayName: String(a.fields.displayName ?? ""), email: String(a.fields.email ?? ""),
          permissionLevel: String(a.fields.permissionLevel ?? ""), status: String(a.fields.status ?? ""), deletedAt: a.deletedAt,
        })),
      })),
      documents: this.data.documents.map((d) => ({
        id: d.id, title: d.title, category: d.category, overallStatus: d.overallStatus, submittedAt: d.submissions.at(-1)?.at ?? null,
        uploads: d.uploads.map((u) => ({ id: u.id, fileName: u.fileName, mimeType: u.mimeType, size: u.size, createdAt: u.createdAt })),
      })),
    };
  }
}
