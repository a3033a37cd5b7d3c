/** The job that refreshes one person after an Okta event (server/jobs/okta-hook-jobs.ts). */
export const OKTA_EVENT_JOB = "lifecycle.okta-event";
