// Fault injection for the sandbox Google directory: the controls shared by the sandbox Jira, Slack and Vanta
// (queued answers with Retry-After, an outage switch, latency, requests never answered).
// How an injected status is answered, in Google's shapes:
//   429 → rateLimitExceeded (Retry-After: 1 unless given); 403 → userRateLimitExceeded (Google's older quota
//   answer, which clients must also treat as a rate limit); 5xx → backendError; other 4xx → invalid.

import { VantaFaults } from "../vanta/faults.ts";

export type { FaultMatch, FaultSpec, DownMode, RequestInfo } from "../jira/faults.ts";

export class GoogleFaults extends VantaFaults {}
