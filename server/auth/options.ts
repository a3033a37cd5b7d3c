import type { AuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import type { Services } from "../domain/services.ts";
import { demoEnabled } from "../env.ts";
import { unseal } from "../lib/secrets.ts";
import { tenantSignIn } from "./tenant-sign-in.ts";

export const TENANT_COOKIE = "gh_tenant";

/**
 * Built per request: demo personas exist only when the demo is enabled, and each tenant with
 * an OIDC issuer configured gets its own provider ("oidc-<slug>").
 */
export async function buildAuthOptions(services: Services): Promise<AuthOptions> {
  const { db } = services;
  const providers: AuthOptions["providers"] = [];
  if (demoEnabled()) {
    providers.push(
      CredentialsProvider({
        id: "demo",
        name: "Demo persona",
        credentials: { email: { label: "Email", type: "email" } },
        async authorize(credentials) {
          const email = String(credentials?.email ?? "").toLowerCase().slice(0, 200);
          const user = await db.user.findFirst({ where: { email, tenants: { some: { tenant: { isDemo: true } } } } });
          return user ? { id: user.id, email: user.email, name: user.name } : null;
        },
      }),
    );
  }
  const tenants = await db.tenant.findMany({ where: { oidcIssuer: { not: null } } });
  for (const t of tenants) {
    providers.push({
      id: `oidc-${t.slug}`,
      name: `${t.name} SSO`,
      type: "oauth",
      wellKnown: `${t.oidcIssuer!.replace(/\/$/, "")}/.well-known/openid-configuration`,
      clientId: t.oidcClientId!,
      clientSecret: t.oidcClientSecretCipher ? unseal({ cipher: t.oidcClientSecretCipher, keyId: t.oidcClientSecretKeyId! }) : "",
      idToken: true,
      checks: ["pkce", "state"],
      authorization: { params: { scope: "openid email profile" } },
      profile: (p: { sub: string; email: string; name?: string }) => ({ id: p.sub, email: p.email, name: p.name ?? p.email }),
    });
  }
  return {
    providers,
    session: { strategy: "jwt", maxAge: 12 * 60 * 60 },
    pages: { signIn: "/" },
    secret: process.env.NEXTAUTH_SECRET,
    callbacks: {
      async signIn({ user, account }) {
        if (!account || account.provider === "demo") return true;
        const slug = account.provider.replace(/^oidc-/, "");
        return tenantSignIn(services, slug, user.email ?? "", user.name ?? "");
      },
      async jwt({ token, user }) {
        if (user?.email) {
          const row = await db.user.findUnique({ where: { email: user.email.toLowerCase() } });
          if (row) token.uid = row.id;
        }
        return token;
      },
      async session({ session, token }) {
        if (session.user) (session.user as { id?: string }).id = token.uid as string | undefined;
        return session;
      },
    },
  };
}
