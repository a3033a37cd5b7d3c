// The running demo's sandboxes (started in this process by serveGatehouse), or a 404 when this is
// not the demo workspace of a demo deployment.
import { notFound } from "next/navigation";
import type { DemoSandboxes } from "@/server/demo/sandboxes";
import { demoEnabled } from "@/server/env";
import { getMe } from "./session";

export async function demoSandboxesOr404(): Promise<DemoSandboxes> {
  const me = await getMe();
  const sandboxes = globalThis.__gatehouseSandboxes;
  if (!demoEnabled() || !me?.demo || !sandboxes) notFound();
  return sandboxes;
}
