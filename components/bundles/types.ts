import type { RouterOutputs } from "../types";

export type BundleRow = RouterOutputs["bundles"]["list"][number];
export type BundlePreview = RouterOutputs["bundles"]["preview"];
export type PreviewPerson = BundlePreview["add"]["people"][number];
