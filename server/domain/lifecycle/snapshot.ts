import { z } from "zod";
import { isActivePerson } from "../bundles/bundle-rules.ts";

/** What the lifecycle operation compares: the person's directory values it last acted on. */
export const lifecycleSnapshot = z.object({
  status: z.string(),
  department: z.string().nullable(),
  title: z.string().nullable(),
  location: z.string().nullable(),
  employmentType: z.string().nullable(),
  managerId: z.string().nullable(),
  startDate: z.string().nullable(),
  terminationDate: z.string().nullable(),
});
export type LifecycleSnapshot = z.infer<typeof lifecycleSnapshot>;

export type PersonValues = {
  status: string; department: string | null; title: string | null; location: string | null; employmentType: string | null;
  managerId: string | null; startDate: Date | null; terminationDate: Date | null;
};

export const LEFT_STATUSES = ["SUSPENDED", "DEPROVISIONED"];
/** Fields whose change makes a mover (a new manager alone is recorded, not acted on). */
export const MOVER_FIELDS = ["department", "title", "location", "employmentType"] as const;

export function snapshotOf(p: PersonValues): LifecycleSnapshot {
  return {
    status: p.status, department: p.department, title: p.title, location: p.location, employmentType: p.employmentType,
    managerId: p.managerId, startDate: p.startDate?.toISOString() ?? null, terminationDate: p.terminationDate?.toISOString() ?? null,
  };
}

/** The snapshot as stored, or null when it is missing or unreadable (treated as never acted on). */
export function readSnapshot(raw: unknown): LifecycleSnapshot | null {
  const parsed = lifecycleSnapshot.safeParse(raw);
  return parsed.success ? parsed.data : null;
}

/** Left: suspended or deprovisioned in the IdP, or past the termination date. */
export function hasLeft(s: LifecycleSnapshot, at: Date) {
  return LEFT_STATUSES.includes(s.status) || (s.terminationDate !== null && new Date(s.terminationDate) <= at);
}

/** Started: active and the start date (if any) has arrived. */
export function hasStarted(s: LifecycleSnapshot, at: Date) {
  return isActivePerson(s.status) && (s.startDate === null || new Date(s.startDate) <= at);
}

/** { field: [before, after] } for every field that differs. */
export function changesBetween(before: LifecycleSnapshot | null, after: LifecycleSnapshot) {
  const changes: Record<string, [unknown, unknown]> = {};
  for (const key of Object.keys(after) as (keyof LifecycleSnapshot)[]) {
    const was = before ? before[key] : null;
    if (was !== after[key]) changes[key] = [was, after[key]];
  }
  return changes;
}

/** SQL that builds the snapshot from a "Person" row aliased `p` (the same shape as snapshotOf). */
export const SNAPSHOT_SQL = `jsonb_build_object(
  'status', p.status, 'department', p.department, 'title', p.title, 'location', p.location,
  'employmentType', p."employmentType", 'managerId', p."managerId",
  'startDate', to_char(p."startDate", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
  'terminationDate', to_char(p."terminationDate", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))`;
