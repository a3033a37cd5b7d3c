import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { directoryReaderProcedure, router, tenantProcedure } from "../trpc.ts";
import { getPerson, listPeople, peopleSearch } from "../../domain/people/queries.ts";

const id = z.string().min(1).max(64);
const readsWholeDirectory = (roles: string[]) => roles.some((r) => r === "admin" || r === "auditor" || r === "security");

export const peopleRouter = router({
  list: directoryReaderProcedure.input(peopleSearch).query(({ ctx, input }) => listPeople(ctx.scope, input)),
  /** Admins, auditors and security see anyone; others see themselves and their direct reports. */
  get: tenantProcedure.input(z.object({ personId: id })).query(async ({ ctx, input }) => {
    const person = await getPerson(ctx.scope, input.personId);
    const self = ctx.membership.personId;
    if (!readsWholeDirectory(ctx.membership.roles) && person.id !== self && person.managerId !== self) {
      throw new TRPCError({ code: "NOT_FOUND", message: "Person not found" });
    }
    return person;
  }),
});
