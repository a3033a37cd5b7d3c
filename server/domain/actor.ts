/** Who did something: every operation takes one explicitly, and the audit log records it. */
export interface Actor {
  type: "user" | "system" | "job" | "webhook" | "cli" | "api";
  id?: string;
  label: string;
}

export const systemActor: Actor = { type: "system", label: "Gatehouse" };
