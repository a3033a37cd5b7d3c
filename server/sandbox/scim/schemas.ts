// SCIM 2.0 schema URNs (RFC 7643) and the sandbox's own read-only group extension.

export const USER_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:User";
export const GROUP_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:Group";
export const ENTERPRISE_USER = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
export const LIST_RESPONSE = "urn:ietf:params:scim:api:messages:2.0:ListResponse";
export const PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
export const ERROR_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:Error";
export const SERVICE_PROVIDER_CONFIG = "urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig";
export const RESOURCE_TYPE = "urn:ietf:params:scim:schemas:core:2.0:ResourceType";
export const SCHEMA_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:Schema";

/**
 * The sandbox's "unmanaged group" marker. Real SCIM targets have groups the client may not change (groups
 * synced from another directory, built-in groups); SCIM has no standard flag for that, so the sandbox marks such
 * a group with this extension, `{readOnly: true, source, reason}`, lists it in /Schemas, and answers any change to
 * it with 400 scimType "mutability". The Gatehouse SCIM connector reads the same marker.
 */
export const READ_ONLY_GROUP_EXTENSION = "urn:gatehouse:scim:schemas:extension:sandbox:2.0:Group";

export const SCIM_CONTENT_TYPE = "application/scim+json";
