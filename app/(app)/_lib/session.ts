// Server-only glue for the signed-in pages: who is signed in and in which workspace, read once per
// request through the same tRPC procedure the browser uses (me.get), so roles come from one place.
import { cache } from "react";
import { cookies } from "next/headers";
import { TRPCError } from "@trpc/server";
import { createCaller } from "@/server/api/root";
import { createApiContext } from "@/server/api/context";
import { TENANT_COOKIE } from "@/server/auth/options";
import { getSessionUser } from "@/server/auth/session";
import { getServices } from "@/server/runtime";
import type { Me } from "@/components/types";

export type MeResult =
  | { kind: "signed-out" }
  | { kind: "no-workspace"; email: string }
  | { kind: "ok"; me: Me; staleTenant: boolean };

export const loadMe = cache(async (): Promise<MeResult> => {
  const services = await getServices();
  const user = await getSessionUser(services);
  if (!user) return { kind: "signed-out" };
  const slug = (await cookies()).get(TENANT_COOKIE)?.value ?? null;
  const get = (s: string | null) => createCaller(createApiContext(services, user, s)).me.get();
  try {
    return { kind: "ok", me: await get(slug), staleTenant: false };
  } catch (e) {
    if (!(e instanceof TRPCError) || e.code !== "FORBIDDEN") throw e;
    if (slug) {
      try {
        return { kind: "ok", me: await get(null), staleTenant: true };
      } catch (e2) {
        if (!(e2 instanceof TRPCError) || e2.code !== "FORBIDDEN") throw e2;
      }
    }
    return { kind: "no-workspace", email: user.email };
  }
});

/** The signed-in person in the current workspace, or null (the layout then shows sign-in or "no workspace"). */
export async function getMe(): Promise<Me | null> {
  const r = await loadMe();
  return r.kind === "ok" ? r.me : null;
}
