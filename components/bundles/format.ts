import { RULE_FIELDS, RULE_OPS } from "@/server/domain/bundles/bundle-rules";

export const fieldWords: Record<(typeof RULE_FIELDS)[number], string> = {
  department: "Department",
  title: "Title",
  location: "Location",
  employmentType: "Employment type",
};
export const opWords: Record<(typeof RULE_OPS)[number], string> = { equals: "equals", startsWith: "starts with" };

export const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString("en-US")} ${n === 1 ? one : many}`;
