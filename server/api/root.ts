import { router, createCallerFactory } from "./trpc.ts";
import { catalogRouter } from "./routers/catalog.ts";
import { connectionsRouter } from "./routers/connections.ts";
import { meRouter } from "./routers/me.ts";
import { peopleRouter } from "./routers/people.ts";
import { settingsRouter } from "./routers/settings.ts";
import { requestsRouter } from "./routers/requests.ts";
import { grantsRouter } from "./routers/grants.ts";
import { notificationsRouter } from "./routers/notifications.ts";
import { demoRouter } from "./routers/demo.ts";
import { apiTokensRouter } from "./routers/api-tokens.ts";
import { auditRouter } from "./routers/audit.ts";
import { evidenceRouter } from "./routers/evidence.ts";
import { reviewsRouter } from "./routers/reviews.ts";
import { reclaimRouter } from "./routers/reclaim.ts";
import { driftRouter } from "./routers/drift.ts";
import { bundlesRouter } from "./routers/bundles.ts";
import { lifecycleRouter } from "./routers/lifecycle.ts";

export const appRouter = router({
  me: meRouter,
  connections: connectionsRouter,
  catalog: catalogRouter,
  people: peopleRouter,
  settings: settingsRouter,
  requests: requestsRouter,
  grants: grantsRouter,
  notifications: notificationsRouter,
  demo: demoRouter,
  apiTokens: apiTokensRouter,
  audit: auditRouter,
  evidence: evidenceRouter,
  reviews: reviewsRouter,
  reclaim: reclaimRouter,
  drift: driftRouter,
  bundles: bundlesRouter,
  lifecycle: lifecycleRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
