/** Applies one bundle's definition to everyone it affects (matching people and holders of its grants). */
export const BUNDLE_APPLY_JOB = "bundles.apply";
