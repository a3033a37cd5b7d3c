/** The connection kinds that are a directory (people, groups, memberships): sync, provisioning, suspension. */
export const DIRECTORY_KINDS = ["OKTA", "ENTRA", "GOOGLE", "SCIM"] as const;
export type DirectoryKind = (typeof DIRECTORY_KINDS)[number];
export const isDirectoryKind = (kind: string): kind is DirectoryKind => (DIRECTORY_KINDS as readonly string[]).includes(kind);

/** Each directory kind as people call it (the Connections page uses the same names). */
export const DIRECTORY_NAMES: Record<DirectoryKind, string> = { OKTA: "Okta", ENTRA: "Entra ID", GOOGLE: "Google Workspace", SCIM: "SCIM 2.0" };

/** The short prefix a group is shown with, e.g. okta:figma-editors, entra:figma-editors. */
export const directoryPrefix = (kind: string) => (isDirectoryKind(kind) ? kind.toLowerCase() : "idp");

/** The directory a prefix stands for ("okta" → "Okta"); "the directory" for an unknown one. */
export const directoryNameOfPrefix = (prefix: string) => {
  const kind = prefix.toUpperCase();
  return isDirectoryKind(kind) ? DIRECTORY_NAMES[kind] : "the directory";
};
