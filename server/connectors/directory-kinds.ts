/** The connection kinds that are a directory (people, groups, memberships): sync, provisioning, suspension. */
export const DIRECTORY_KINDS = ["OKTA", "ENTRA", "GOOGLE", "SCIM"] as const;
export type DirectoryKind = (typeof DIRECTORY_KINDS)[number];
export const isDirectoryKind = (kind: string): kind is DirectoryKind => (DIRECTORY_KINDS as readonly string[]).includes(kind);
