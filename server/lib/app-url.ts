/** Absolute links back into Gatehouse (Jira issues, Slack messages). */
export function appUrl(path: string): string {
  const base = process.env.NEXTAUTH_URL ?? `http://localhost:${process.env.PORT ?? 3000}`;
  return `${base.replace(/\/$/, "")}${path}`;
}
