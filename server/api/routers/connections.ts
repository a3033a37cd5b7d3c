import { z } from "zod";
import { adminProcedure, router } from "../trpc.ts";
import { entraConnectionInput, googleConnectionInput, jiraConnectionInput, oktaConnectionInput, scimConnectionInput } from "../../domain/connections/schemas.ts";
import { saveConnection } from "../../domain/connections/save-connection.ts";
import { testConnection } from "../../domain/connections/test-connection.ts";
import { getSyncRun, listConnections, listSyncRuns } from "../../domain/connections/queries.ts";
import { startSync } from "../../domain/sync/start-sync.ts";
import { slackConnectionInput } from "../../domain/slack/slack-config.ts";
import { saveSlackConnection } from "../../domain/slack/save-slack-connection.ts";
import { vantaConnectionInput } from "../../domain/connections/vanta-config.ts";
import { saveVantaConnection } from "../../domain/connections/save-vanta-connection.ts";
import { revokeSettingsInput, saveJiraRevokeSettings } from "../../domain/connections/jira-revoke-settings.ts";
import { setUpJiraWebhook } from "../../domain/connections/set-up-jira-webhook.ts";
import { setUpOktaEventHook } from "../../domain/lifecycle-hooks/set-up-okta-event-hook.ts";

const id = z.string().min(1).max(64);
/** Chosen by kind, so a refused field is reported in the words of that kind's form (not as "Invalid input"). */
const anyConnectionInput = z.discriminatedUnion("kind", [
  oktaConnectionInput, entraConnectionInput, googleConnectionInput, scimConnectionInput, jiraConnectionInput, slackConnectionInput, vantaConnectionInput,
]);

export const connectionsRouter = router({
  list: adminProcedure.query(({ ctx }) => listConnections(ctx.scope)),
  save: adminProcedure
    .input(z.intersection(anyConnectionInput, z.object({ connectionId: id.optional() })))
    .mutation(({ ctx, input }) =>
      input.kind === "SLACK" ? saveSlackConnection(ctx.scope, input)
      : input.kind === "VANTA" ? saveVantaConnection(ctx.scope, input)
      : saveConnection(ctx.scope, input)),
  test: adminProcedure.input(z.object({ connectionId: id })).mutation(({ ctx, input }) => testConnection(ctx.scope, input)),
  startSync: adminProcedure
    .input(z.object({ connectionId: id }))
    .mutation(({ ctx, input }) => startSync(ctx.scope, { connectionId: input.connectionId, trigger: "manual" })),
  syncRun: adminProcedure.input(z.object({ syncRunId: id })).query(({ ctx, input }) => getSyncRun(ctx.scope, input.syncRunId)),
  syncRuns: adminProcedure.input(z.object({ connectionId: id })).query(({ ctx, input }) => listSyncRuns(ctx.scope, input.connectionId)),
  /** Jira: which status or label on a ticket revokes its grant. */
  saveRevokeSettings: adminProcedure.input(revokeSettingsInput).mutation(({ ctx, input }) => saveJiraRevokeSettings(ctx.scope, input)),
  /** Jira: a new webhook secret, returned this once with the URL to paste into Jira (again = rotate). */
  setUpWebhook: adminProcedure.input(z.object({ connectionId: id })).mutation(({ ctx, input }) => setUpJiraWebhook(ctx.scope, input)),
  /** Okta: registers (or replaces) the event hook that pushes directory changes to Gatehouse. */
  setUpEventHook: adminProcedure.input(z.object({ connectionId: id })).mutation(({ ctx, input }) => setUpOktaEventHook(ctx.scope, input)),
});
