import { z } from "zod";
import { adminProcedure, router, tenantProcedure } from "../trpc.ts";
import { demoEnabled } from "../../env.ts";
import { advanceDemoClock, demoClockState } from "../../domain/demo/demo-clock.ts";

export const demoRouter = router({
  clock: tenantProcedure.query(({ ctx }) => demoClockState(ctx.services, demoEnabled() && ctx.membership.isDemo)),
  /** Moves the demo's time so a visitor can watch access expire; admins only, demo only. */
  advanceClock: adminProcedure.input(z.object({ minutes: z.number().int().min(1).max(7 * 24 * 60) })).mutation(({ ctx, input }) =>
    advanceDemoClock(ctx.services, { minutes: input.minutes, demo: demoEnabled() && ctx.membership.isDemo })),
});
