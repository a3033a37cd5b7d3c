import type { RouterOutputs } from "../types";

// The DTOs the Drift page sees: exactly what the drift procedures return.
export type DriftGroups = RouterOutputs["drift"]["groups"];
export type DriftGroup = DriftGroups["managed"][number];
export type DriftFindingsPage = RouterOutputs["drift"]["findings"];
export type DriftFinding = DriftFindingsPage["findings"][number];
export type DriftStatus = "OPEN" | "REMOVED" | "EXPLAINED";
