/** Job ids of Auto Reclaim, kept apart from the operations so that naming a job loads no connector. */
export const RECLAIM_RUN_JOB = "reclaim.run";
/** Opens the Jira issue that documents one reclaimed grant. */
export const RECLAIM_TICKET_JOB = "reclaim.ticket";
