/** Job ids of grant work, kept apart from the operations so that naming a job loads no connector. */
export const PROVISION_JOB = "grant.provision";
