export {
  startOktaSandbox,
  DEFAULT_OKTA_TOKEN,
  DEFAULT_RATE_LIMITS,
  type OktaSandbox,
  type OktaSandboxOptions,
  type RateLimitBucket,
} from "./server.ts";
export { OktaFaults, OktaStats, type OktaFaultMatch, type OktaFaultSpec, type OktaHangSpec, type OktaRequestRecord } from "./faults.ts";
export {
  OktaState,
  SANDBOX_ADMIN,
  USER_STATUSES,
  oktaId,
  type AddGroupInput,
  type AddUserInput,
  type MutationOptions,
  type OktaGroup,
  type OktaGroupRule,
  type OktaGroupType,
  type OktaLogActor,
  type OktaLogEvent,
  type OktaLogTarget,
  type OktaOAuthClient,
  type OktaStateJSON,
  type OktaUser,
  type OktaUserProfile,
  type OktaUserStatus,
} from "./state.ts";
export { generateDirectory, mulberry32, type GenerateDirectoryOptions } from "./generate.ts";
export { compileQuery, parseQuery, QuerySyntaxError } from "./query.ts";
export {
  OktaEventHooks,
  EventHookApiError,
  MAX_EVENT_HOOKS,
  type EventHookDelivery,
  type EventHookOptions,
  type OktaEventHook,
} from "./event-hooks.ts";
