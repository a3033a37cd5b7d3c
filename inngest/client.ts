import { Inngest } from "inngest";

// Production job driver. Under `next start` the SDK is in cloud mode (signed requests only);
// INNGEST_DEV=1 selects dev mode against a self-hosted `inngest start`.
export const inngest = new Inngest({ id: "gatehouse" });
