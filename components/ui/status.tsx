import { Badge, type Tone } from "./badge";

// One vocabulary, one colour per status, everywhere in the app (UI.md: never colour alone).
const vocabulary: Record<string, { label: string; tone: Tone }> = {
  // connection health
  healthy: { label: "Healthy", tone: "green" },
  error: { label: "Error", tone: "red" },
  unverified: { label: "Unverified", tone: "slate" },
  // people (directory status)
  active: { label: "Active", tone: "green" },
  suspended: { label: "Suspended", tone: "amber" },
  deprovisioned: { label: "Deprovisioned", tone: "slate" },
  staged: { label: "Staged", tone: "blue" },
  provisioned: { label: "Provisioned", tone: "blue" },
  recovery: { label: "Recovery", tone: "amber" },
  locked_out: { label: "Locked out", tone: "amber" },
  password_expired: { label: "Password expired", tone: "amber" },
  // requests and grants (later issues)
  pending: { label: "Pending", tone: "amber" },
  approved: { label: "Approved", tone: "blue" },
  ending: { label: "Ending", tone: "orange" },
  ended: { label: "Ended", tone: "slate" },
  denied: { label: "Denied", tone: "red" },
  failed: { label: "Failed", tone: "red" },
  cancelled: { label: "Cancelled", tone: "slate" },
  waiting: { label: "Waiting", tone: "slate" },
  // manual tasks
  overdue: { label: "Overdue", tone: "red" },
  done: { label: "Done", tone: "green" },
  skipped: { label: "Skipped", tone: "slate" },
  delivered: { label: "Delivered", tone: "green" },
  // long work (sync runs)
  queued: { label: "Queued", tone: "slate" },
  running: { label: "Running", tone: "blue" },
  succeeded: { label: "Succeeded", tone: "green" },
};

export function statusLabel(status: string): string {
  const key = status.toLowerCase();
  return vocabulary[key]?.label ?? key.replace(/_/g, " ").replace(/^\w/, (c) => c.toUpperCase());
}

export function StatusBadge({ status, className, title }: { status: string; className?: string; title?: string }) {
  const v = vocabulary[status.toLowerCase()];
  return (
    <Badge tone={v?.tone ?? "slate"} className={className} title={title}>
      {v?.label ?? statusLabel(status)}
    </Badge>
  );
}

const risks: Record<string, { label: string; tone: Tone }> = {
  LOW: { label: "Low risk", tone: "slate" },
  MEDIUM: { label: "Medium risk", tone: "amber" },
  HIGH: { label: "High risk", tone: "orange" },
  CRITICAL: { label: "Critical risk", tone: "red" },
};

export function RiskBadge({ risk, className }: { risk: string; className?: string }) {
  const r = risks[risk] ?? { label: `${risk.toLowerCase()} risk`, tone: "slate" as const };
  return (
    <Badge tone={r.tone} className={className}>
      {r.label}
    </Badge>
  );
}
