// The sandbox's TLS certificate: self-signed for 127.0.0.1 and localhost, made once per process by `selfsigned`.
// Graph's SDK only sends credentials over https (protocols.md §2), so the sandbox speaks https; clients trust
// this certificate explicitly (it is its own CA), never by turning verification off.

import { generate } from "selfsigned";

export interface SandboxCertificate {
  /** PEM certificate: give it to clients as their trusted CA. */
  cert: string;
  /** PEM private key. */
  key: string;
}

let made: Promise<SandboxCertificate> | null = null;

export function sandboxCertificate(): Promise<SandboxCertificate> {
  if (!made) {
    made = generate([{ name: "commonName", value: "127.0.0.1" }], {
      keyType: "ec",
      algorithm: "sha256",
      notBeforeDate: new Date(Date.now() - 60_000),
      notAfterDate: new Date(Date.now() + 30 * 86_400_000),
      extensions: [
        { name: "basicConstraints", cA: true },
        { name: "keyUsage", digitalSignature: true, keyCertSign: true },
        { name: "extKeyUsage", serverAuth: true },
        { name: "subjectAltName", altNames: [{ type: 7, ip: "127.0.0.1" }, { type: 2, value: "localhost" }] },
      ],
    }).then((p) => ({ cert: p.cert, key: p.private }));
    made.catch(() => (made = null));
  }
  return made;
}
