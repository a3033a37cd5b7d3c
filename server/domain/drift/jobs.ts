/** Job ids of drift work, kept apart from the operations so that naming a job loads no connector. */
/** Compares a connection's managed groups with the grants that explain them, after each successful sync. */
export const DRIFT_DETECT_JOB = "drift.detect";

/** How far back the IdP's log is searched for who added an unexplained member (Okta keeps about 90 days). */
export const ADDED_BY_LOOKBACK_DAYS = 90;
