import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import { X509Certificate } from "node:crypto";
import { sandboxCertificate, startGraphSandbox, type GraphSandbox, type SandboxCertificate } from "../sandbox/graph/index.ts";
import { buildAcmeEntraDirectory, graphStateFromJson, graphStateToJson } from "./acme-entra.ts";

/**
 * The demo's sandbox Entra ID (Microsoft Graph over HTTPS with a self-signed certificate). Not connected by the
 * seed: an admin connects it from Settings → Connections with the values the Sandbox Entra ID page shows,
 * pasting the certificate as the connection's trusted CA (TLS stays verified). When the demo persists its
 * sandboxes, the certificate and the tenant are kept beside the database, so a saved connection keeps working.
 */
export async function startDemoGraph(opts: { port: number; dir: string; persist: boolean; now?: () => Date }): Promise<GraphSandbox> {
  const stateFile = path.join(opts.dir, "graph.json");
  const certFile = path.join(opts.dir, "graph-cert.json");
  const certificate = opts.persist ? keptCertificate(certFile) ?? saveJson(certFile, await sandboxCertificate()) : undefined;
  const state = opts.persist && existsSync(stateFile) ? graphStateFromJson(readFileSync(stateFile, "utf8")) : buildAcmeEntraDirectory();
  if (opts.now) state.clock = opts.now;
  const save = () => writeAtomically(stateFile, graphStateToJson(state));
  const sandbox = await startGraphSandbox({ port: opts.port, host: "127.0.0.1", state, certificate, onChange: opts.persist ? save : undefined });
  if (opts.persist && !existsSync(stateFile)) save();
  return sandbox;
}

/** The kept certificate, unless it is missing, unreadable or ends within a day (then a new one is made). */
function keptCertificate(file: string): SandboxCertificate | undefined {
  if (!existsSync(file)) return undefined;
  try {
    const kept = JSON.parse(readFileSync(file, "utf8")) as SandboxCertificate;
    const validTo = new Date(new X509Certificate(kept.cert).validTo).getTime();
    return validTo - Date.now() > 86_400_000 ? kept : undefined;
  } catch {
    return undefined;
  }
}

function saveJson<T>(file: string, value: T): T {
  writeAtomically(file, JSON.stringify(value));
  return value;
}

function writeAtomically(file: string, text: string) {
  mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, text, { mode: 0o600 });
  renameSync(tmp, file);
}
