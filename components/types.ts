import type { inferRouterInputs, inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/server/api/root";

// The DTOs components see: exactly what the tRPC procedures return.
export type RouterOutputs = inferRouterOutputs<AppRouter>;
export type RouterInputs = inferRouterInputs<AppRouter>;

export type Me = RouterOutputs["me"]["get"];
export type CatalogApp = RouterOutputs["catalog"]["list"][number];
export type CatalogRole = CatalogApp["roles"][number];
export type CatalogStep = CatalogRole["steps"][number];
export type PersonRef = CatalogApp["owners"][number];
export type PeoplePage = RouterOutputs["people"]["list"];
export type PersonRow = PeoplePage["people"][number];
export type PersonDetail = RouterOutputs["people"]["get"];
export type GroupOption = RouterOutputs["catalog"]["groups"][number];
export type Connection = RouterOutputs["connections"]["list"][number];
export type SyncRun = RouterOutputs["connections"]["syncRun"];
export type RequestDetail = RouterOutputs["requests"]["get"];
export type RequestSummary = RouterOutputs["requests"]["list"]["requests"][number];
export type InboxItem = RouterOutputs["requests"]["inbox"][number];
export type MyAccess = RouterOutputs["requests"]["myAccess"];
export type MyGrants = RouterOutputs["grants"]["mine"];
export type GrantView = MyGrants["current"][number];
export type Notifications = RouterOutputs["notifications"]["list"];
export type NotificationItem = Notifications["notifications"][number];
