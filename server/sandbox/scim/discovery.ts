// The discovery documents (RFC 7644 §4): /ServiceProviderConfig, /ResourceTypes and /Schemas, describing what
// this sandbox actually supports (PATCH, filter, ETags; no bulk, sort or password change).

import {
  ENTERPRISE_USER, GROUP_SCHEMA, READ_ONLY_GROUP_EXTENSION, RESOURCE_TYPE, SCHEMA_SCHEMA, SERVICE_PROVIDER_CONFIG, USER_SCHEMA,
} from "./schemas.ts";

type Json = Record<string, unknown>;

export function serviceProviderConfig(base: string, maxResults: number): Json {
  return {
    schemas: [SERVICE_PROVIDER_CONFIG],
    documentationUri: "https://datatracker.ietf.org/doc/html/rfc7644",
    patch: { supported: true },
    bulk: { supported: false, maxOperations: 0, maxPayloadSize: 0 },
    filter: { supported: true, maxResults },
    changePassword: { supported: false },
    sort: { supported: false },
    etag: { supported: true },
    authenticationSchemes: [{ type: "oauthbearertoken", name: "OAuth Bearer Token", description: "Authentication with a bearer token", primary: true }],
    meta: { resourceType: "ServiceProviderConfig", location: `${base}/ServiceProviderConfig` },
  };
}

export function resourceTypes(base: string): Json[] {
  return [
    {
      schemas: [RESOURCE_TYPE], id: "User", name: "User", endpoint: "/Users", description: "User Account", schema: USER_SCHEMA,
      schemaExtensions: [{ schema: ENTERPRISE_USER, required: false }],
      meta: { resourceType: "ResourceType", location: `${base}/ResourceTypes/User` },
    },
    {
      schemas: [RESOURCE_TYPE], id: "Group", name: "Group", endpoint: "/Groups", description: "Group", schema: GROUP_SCHEMA,
      schemaExtensions: [{ schema: READ_ONLY_GROUP_EXTENSION, required: false }],
      meta: { resourceType: "ResourceType", location: `${base}/ResourceTypes/Group` },
    },
  ];
}

const attr = (name: string, type: string, extra: Json = {}): Json => ({
  name, type, multiValued: false, required: false, caseExact: false, mutability: "readWrite", returned: "default", uniqueness: "none", ...extra,
});

export function schemas(base: string): Json[] {
  const doc = (id: string, name: string, attributes: Json[]): Json => ({
    schemas: [SCHEMA_SCHEMA], id, name, attributes, meta: { resourceType: "Schema", location: `${base}/Schemas/${id}` },
  });
  return [
    doc(USER_SCHEMA, "User", [
      attr("userName", "string", { required: true, uniqueness: "server" }),
      attr("name", "complex", { subAttributes: [attr("givenName", "string"), attr("familyName", "string"), attr("formatted", "string")] }),
      attr("displayName", "string"),
      attr("title", "string"),
      attr("userType", "string"),
      attr("active", "boolean"),
      attr("emails", "complex", { multiValued: true, subAttributes: [attr("value", "string"), attr("type", "string"), attr("primary", "boolean")] }),
      attr("addresses", "complex", { multiValued: true, subAttributes: [attr("locality", "string"), attr("type", "string")] }),
      attr("groups", "complex", { multiValued: true, mutability: "readOnly", subAttributes: [attr("value", "string", { mutability: "readOnly" }), attr("display", "string", { mutability: "readOnly" })] }),
    ]),
    doc(ENTERPRISE_USER, "EnterpriseUser", [
      attr("employeeNumber", "string"),
      attr("department", "string"),
      attr("manager", "complex", { subAttributes: [attr("value", "string"), attr("displayName", "string", { mutability: "readOnly" })] }),
    ]),
    doc(GROUP_SCHEMA, "Group", [
      attr("displayName", "string", { required: true, uniqueness: "server" }),
      attr("members", "complex", { multiValued: true, subAttributes: [attr("value", "string", { mutability: "immutable" }), attr("display", "string", { mutability: "readOnly" })] }),
    ]),
    doc(READ_ONLY_GROUP_EXTENSION, "SandboxReadOnlyGroup", [
      attr("readOnly", "boolean", { mutability: "readOnly" }),
      attr("source", "string", { mutability: "readOnly" }),
      attr("reason", "string", { mutability: "readOnly" }),
    ]),
  ];
}
