/** Job ids of lifecycle work, kept apart from the operations so that naming a job loads no connector. */
export const LIFECYCLE_AFTER_SYNC_JOB = "lifecycle.after-sync";
export const LIFECYCLE_DATES_JOB = "lifecycle.start-dates";
export const LIFECYCLE_CONFIRMATIONS_JOB = "lifecycle.confirmations";
export const LIFECYCLE_TICKET_JOB = "lifecycle.ticket";
export const LIFECYCLE_SUSPEND_JOB = "lifecycle.suspend";
export const LIFECYCLE_PROCESS_JOB = "lifecycle.process";
