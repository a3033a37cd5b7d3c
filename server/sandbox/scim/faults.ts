// Fault injection for the sandbox SCIM server: the controls the sandbox Jira, Slack, Vanta and Google share (queued
// 4xx/5xx/429 answers with Retry-After, an outage switch, latency, requests accepted and never answered).
export { VantaFaults as ScimFaults } from "../vanta/faults.ts";
export type { FaultMatch, FaultSpec, DownMode, RequestInfo } from "../jira/faults.ts";
