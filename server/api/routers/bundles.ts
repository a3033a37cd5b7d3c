import { adminProcedure, auditReaderProcedure, router } from "../trpc.ts";
import { bundleDraftInput, bundleIdInput, deleteBundleInput, previewBundleInput } from "../../domain/bundles/schemas.ts";
import { getBundle, listBundles } from "../../domain/bundles/queries.ts";
import { previewBundle } from "../../domain/bundles/preview-bundle.ts";
import { saveBundle } from "../../domain/bundles/save-bundle.ts";
import { deleteBundle } from "../../domain/bundles/delete-bundle.ts";

/** Birthright bundles: admins define them; auditors read them. Another tenant's ids are not found. */
export const bundlesRouter = router({
  list: auditReaderProcedure.query(({ ctx }) => listBundles(ctx.scope.tdb)),
  get: auditReaderProcedure.input(bundleIdInput).query(({ ctx, input }) => getBundle(ctx.scope.tdb, input.bundleId)),
  preview: adminProcedure.input(previewBundleInput).query(({ ctx, input }) => previewBundle(ctx.scope, input)),
  save: adminProcedure.input(bundleDraftInput).mutation(({ ctx, input }) => saveBundle(ctx.scope, input)),
  delete: adminProcedure.input(deleteBundleInput).mutation(({ ctx, input }) => deleteBundle(ctx.scope, input)),
});
