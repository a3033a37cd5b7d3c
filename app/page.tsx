import { redirect } from "next/navigation";
import { Landing } from "@/components/landing/landing";
import { personas } from "@/server/demo/seed-demo";
import { demoEnabled } from "@/server/env";
import { getSessionUser } from "@/server/auth/session";
import { getServices } from "@/server/runtime";

export const dynamic = "force-dynamic";

const SIGN_IN_ERRORS: Record<string, string> = {
  CredentialsSignin: "That demo persona could not sign in. Reload the page and try again.",
  AccessDenied: "Your company account is not part of this workspace. Ask your IT team to add you.",
  OAuthSignin: "We could not reach your company's sign-in. Check the workspace name and try again.",
  OAuthCallback: "Your company's sign-in did not complete. Try again.",
  SessionRequired: "Sign in to continue.",
};

export default async function Home({ searchParams }: { searchParams: Promise<{ error?: string; callbackUrl?: string }> }) {
  const user = await getSessionUser(await getServices());
  if (user) redirect("/catalog");
  const { error, callbackUrl } = await searchParams;
  const safeCallback = callbackUrl?.startsWith("/") && !callbackUrl.startsWith("//") ? callbackUrl : "/catalog";
  const demo = demoEnabled();
  return (
    <Landing
      demo={demo}
      personas={demo ? personas.map((p) => ({ key: p.key, email: p.email, name: p.name, line: p.line })) : []}
      callbackUrl={safeCallback}
      error={error ? (SIGN_IN_ERRORS[error] ?? "Sign-in did not complete. Try again.") : null}
    />
  );
}
