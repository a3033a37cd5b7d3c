import type { Services } from "../services.ts";
import { authenticateHookRequest, type HookRefusal } from "./hook-connection.ts";

export type VerificationAnswer = { ok: true; verification: string } | HookRefusal | { ok: false; status: 400; error: string };

/**
 * Okta's one-time verification GET: echo X-Okta-Verification-Challenge as {"verification": …}. Okta sends the
 * configured Authorization header here too, so only a hook set up with this connection's secret is verified.
 * Nothing is written.
 */
export async function answerOktaVerification(
  services: Services, input: { connectionId: string; authorization: string | null; challenge: string | null },
): Promise<VerificationAnswer> {
  const auth = await authenticateHookRequest(services, input.connectionId, input.authorization);
  if (!auth.ok) return auth;
  const challenge = input.challenge?.trim() ?? "";
  if (!challenge || challenge.length > 1000) return { ok: false, status: 400, error: "missing X-Okta-Verification-Challenge" };
  return { ok: true, verification: challenge };
}
