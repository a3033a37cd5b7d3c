import { z } from "zod";

// The inputs of task operations, free of server imports so the pages validate with the same schema.
export const completeAccessTaskInput = z.object({
  taskId: z.string().min(1).max(64),
  note: z.string().trim().min(3, "Say what you did (at least 3 characters)").max(2000, "Keep the note under 2,000 characters"),
});
