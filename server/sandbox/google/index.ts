// Sandbox Google Workspace directory (Admin SDK Directory API, protocols.md §3).
//
// Groups we may not change: Google has "dynamic groups" (Cloud Identity, membership from a query) that the
// Directory API will not let us edit, but the Directory API's group resource does not say which groups are
// dynamic. The sandbox uses the documented `adminCreated` field as the analogue: a group with
// `adminCreated: false` (created by a user, not an administrator) is listed normally, and inserting or
// deleting its members answers 403 "Not Authorized to access this resource/api" (reason "forbidden"), the
// answer Google gives for resources the caller may not manage. The connector lists such groups as
// managed:false, and also accepts a configured list of group keys (e.g. real dynamic groups).

export { startGoogleSandbox, DEFAULT_GOOGLE_TOKEN, API_PREFIX, type GoogleSandbox, type GoogleSandboxOptions, type GoogleRequestRecord } from "./server.ts";
export { GoogleState, NEVER_LOGGED_IN, SANDBOX_CUSTOMER_ID, googleGroupId, googleUserId, type AddUserInput, type GoogleGroup, type GoogleUser, type MemberRole } from "./state.ts";
export { generateGoogleDirectory, fromOktaDirectory, type GenerateGoogleDirectoryOptions } from "./generate.ts";
export { GoogleFaults } from "./faults.ts";
export { GoogleApiError } from "./errors.ts";
