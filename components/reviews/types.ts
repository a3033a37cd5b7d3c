import type { RouterInputs, RouterOutputs } from "../types";

// The DTOs the review pages see: exactly what the reviews procedures return.
export type CampaignRow = RouterOutputs["reviews"]["list"][number];
export type Campaign = RouterOutputs["reviews"]["get"];
export type CampaignProgress = Campaign["progress"];
export type ItemsPage = RouterOutputs["reviews"]["items"];
export type ReviewItem = ItemsPage["items"][number];
export type ItemsFilter = Omit<RouterInputs["reviews"]["items"], "cursor" | "limit" | "campaignId" | "mine">;
export type AccessTask = RouterOutputs["reviews"]["myTasks"][number];
