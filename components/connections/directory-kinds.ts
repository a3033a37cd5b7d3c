// The directories Gatehouse can read people and groups from, as the Connections page names them.
import type { DirectoryKind } from "@/server/connectors/directory-kinds";

export { DIRECTORY_KINDS, isDirectoryKind, type DirectoryKind } from "@/server/connectors/directory-kinds";

export const DIRECTORY_LABEL: Record<DirectoryKind, string> = {
  OKTA: "Okta", ENTRA: "Entra ID", GOOGLE: "Google Workspace", SCIM: "SCIM 2.0",
};

/** One line under each choice of the "Add directory" picker. */
export const DIRECTORY_BLURB: Record<DirectoryKind, string> = {
  OKTA: "Okta org: API token or OAuth service app.",
  ENTRA: "Microsoft Entra ID (Azure AD) through Microsoft Graph: an app registration with a client secret.",
  GOOGLE: "Google Workspace Admin SDK: a service account with domain-wide delegation.",
  SCIM: "Any SCIM 2.0 server (JumpCloud, OneLogin, an HR system…): base URL and bearer token.",
};
