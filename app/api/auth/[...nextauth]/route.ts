import NextAuth from "next-auth";
import { buildAuthOptions } from "@/server/auth/options";
import { getServices } from "@/server/runtime";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

async function handler(req: Request, ctx: { params: Promise<{ nextauth: string[] }> }) {
  const options = await buildAuthOptions(await getServices());
  return NextAuth(req as never, { params: await ctx.params } as never, options);
}

export { handler as GET, handler as POST };
