/** Job ids of grant work, kept apart from the operations so that naming a job loads no connector. */
export const PROVISION_JOB = "grant.provision";
/** Removes an ending grant from its IdP groups. */
export const DEPROVISION_JOB = "grant.deprovision";
/** The per-grant expiry timer: fires at expiresAt and ends every grant of the tenant that is due. */
export const EXPIRE_JOB = "grant.expire";

export const expiryTimerKey = (grantId: string, expiresAt: Date) => `expire:${grantId}:${expiresAt.getTime()}`;
