import { Button } from "../ui/button";

/**
 * What a person can do to a sandbox Jira issue (server-rendered forms posting to a server action): each
 * workflow transition available now, and adding the revoke label. Jira then delivers its signed webhook.
 */
export function JiraIssueActions({ issueKey, actor, transitions, revokeLabel, hasRevokeLabel, act }: {
  issueKey: string;
  actor: string;
  transitions: { name: string; to: string }[];
  revokeLabel: string | null;
  hasRevokeLabel: boolean;
  act: (form: FormData) => Promise<void>;
}) {
  return (
    <section aria-labelledby="jira-actions" className="mb-5 rounded-lg border border-slate-200 bg-white px-5 py-4">
      <h2 id="jira-actions" className="text-xs font-medium text-slate-500">Act on this issue in Jira, as {actor}</h2>
      <div className="mt-2 flex flex-wrap gap-2">
        {transitions.map((t) => (
          <form key={t.name} action={act}>
            <input type="hidden" name="issueKey" value={issueKey} />
            <input type="hidden" name="transition" value={t.name} />
            <Button type="submit" size="sm" variant={/remove|revoke/i.test(t.name) ? "danger" : "secondary"} title={`Move to ${t.to}`}>{t.name}</Button>
          </form>
        ))}
        {revokeLabel && !hasRevokeLabel && (
          <form action={act}>
            <input type="hidden" name="issueKey" value={issueKey} />
            <input type="hidden" name="label" value={revokeLabel} />
            <Button type="submit" size="sm" variant="danger-ghost">Add label {revokeLabel}</Button>
          </form>
        )}
        {transitions.length === 0 && !revokeLabel && <p className="text-sm text-slate-500">No transitions from this status.</p>}
      </div>
      <p className="mt-2 text-xs text-slate-500">
        Jira sends Gatehouse a signed webhook for each change. Moving a provisioned request&apos;s ticket to the workspace&apos;s
        revoke status (&ldquo;Access removed&rdquo; in the demo) or adding the revoke label revokes the access: the person is
        removed from the groups and a comment appears here. Reload after a moment.
      </p>
    </section>
  );
}
