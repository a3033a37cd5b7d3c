import { CircleCheckBig, CircleMinus } from "lucide-react";
import type { DirectoryCapabilitiesSeen } from "@/server/domain/connections/connection-config";
import type { DirectoryKind } from "./directory-kinds";

/** What each kind can do when a connection has not been checked since capabilities were recorded. */
const DEFAULTS: Record<DirectoryKind, DirectoryCapabilitiesSeen> = {
  OKTA: { sync: true, provision: true, suspend: true, lastActivity: true },
  ENTRA: { sync: true, provision: true, suspend: true, lastActivity: true },
  GOOGLE: { sync: true, provision: true, suspend: true, lastActivity: true },
  SCIM: { sync: true, provision: true, suspend: true, lastActivity: false, lastActivityNote: "SCIM 2.0 has no standard last sign-in attribute" },
};

const LABELS: [keyof Omit<DirectoryCapabilitiesSeen, "lastActivityNote">, string][] = [
  ["sync", "Sync"], ["provision", "Provision"], ["suspend", "Suspend"], ["lastActivity", "Last activity"],
];

/** The directory's capabilities as last checked, with why last activity is missing when it is (Entra's licence). */
export function DirectoryCapabilities({ kind, seen }: { kind: DirectoryKind; seen?: DirectoryCapabilitiesSeen }) {
  const caps = seen ?? DEFAULTS[kind];
  const note = caps.lastActivity ? null : caps.lastActivityNote ?? DEFAULTS[kind].lastActivityNote ?? "This directory does not report last sign-in";
  return (
    <div>
      <ul aria-label="Capabilities" className="flex flex-wrap gap-1.5">
        {LABELS.map(([key, label]) => (
          <li
            key={key}
            className={`inline-flex items-center gap-1 rounded-full border px-2 py-0.5 text-xs ${caps[key] ? "border-emerald-200 bg-emerald-50 text-emerald-900" : "border-slate-200 bg-slate-50 text-slate-500"}`}
          >
            {caps[key] ? <CircleCheckBig aria-hidden className="size-3" /> : <CircleMinus aria-hidden className="size-3" />}
            {label}<span className="sr-only">{caps[key] ? ": available" : ": unavailable"}</span>
          </li>
        ))}
      </ul>
      {note && <p className="mt-1 text-xs text-slate-500">Last activity unavailable: {note}.</p>}
    </div>
  );
}
