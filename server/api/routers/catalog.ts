import { z } from "zod";
import { adminProcedure, router, tenantProcedure } from "../trpc.ts";
import { appInput, roleInput } from "../../domain/catalog/schemas.ts";
import { catalogSearch, getApp, groupSearch, listCatalog, searchGroups } from "../../domain/catalog/queries.ts";
import { saveApp } from "../../domain/catalog/save-app.ts";
import { deleteApp } from "../../domain/catalog/delete-app.ts";
import { saveRole } from "../../domain/catalog/save-role.ts";
import { deleteRole } from "../../domain/catalog/delete-role.ts";

const id = z.string().min(1).max(64);

export const catalogRouter = router({
  list: tenantProcedure.input(catalogSearch).query(({ ctx, input }) => listCatalog(ctx.scope, input)),
  app: tenantProcedure.input(z.object({ appId: id })).query(({ ctx, input }) => getApp(ctx.scope, input.appId)),
  saveApp: adminProcedure
    .input(z.intersection(appInput, z.object({ appId: id.optional() })))
    .mutation(({ ctx, input }) => saveApp(ctx.scope, input)),
  deleteApp: adminProcedure.input(z.object({ appId: id })).mutation(({ ctx, input }) => deleteApp(ctx.scope, input)),
  saveRole: adminProcedure
    .input(z.intersection(roleInput, z.object({ roleId: id.optional() })))
    .mutation(({ ctx, input }) => saveRole(ctx.scope, input)),
  deleteRole: adminProcedure.input(z.object({ roleId: id })).mutation(({ ctx, input }) => deleteRole(ctx.scope, input)),
  groups: adminProcedure.input(groupSearch).query(({ ctx, input }) => searchGroups(ctx.scope, input)),
});
