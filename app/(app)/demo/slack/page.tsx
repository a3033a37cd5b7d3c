import type { Metadata } from "next";
import Link from "next/link";
import { SlackDms, type SlackViewModel } from "@/components/sandbox/slack-views";
import { getMe } from "../../_lib/session";
import { demoSandboxesOr404 } from "../../_lib/sandboxes";
import { clickSlackButton, runSlashCommand, submitSlackView } from "./actions";

export const metadata: Metadata = { title: "Sandbox Slack" };
export const dynamic = "force-dynamic";

/** Each person's DMs from the Gatehouse bot in the sandbox Slack, with working buttons, modals and /access. */
export default async function SandboxSlackPage({ searchParams }: { searchParams: Promise<{ as?: string }> }) {
  const { slack } = await demoSandboxesOr404();
  const me = await getMe();
  const users = slack.state.data.users;
  const wanted = ((await searchParams).as ?? me?.user.email ?? "").toLowerCase().slice(0, 200);
  const user = users.find((u) => u.email === wanted || u.id === wanted) ?? users[0];
  const withDms = users.filter((u) => slack.state.dmMessages(u.id).length > 0);
  const view: SlackViewModel | null = user
    ? {
        user: { id: user.id, name: user.realName, email: user.email },
        messages: slack.state.dmMessages(user.id).toReversed().map((m) => ({ ts: m.ts, text: m.text, blocks: m.blocks, ephemeral: !!m.ephemeralFor, edited: !!m.edited })),
        modals: slack.state.openViews(user.id).map((v) => ({ id: v.id, view: v.view, errors: v.errors ?? {} })),
      }
    : null;
  return (
    <SlackDms
      url={slack.url}
      team={slack.state.data.team.name}
      view={view}
      people={[...new Map([...(user ? [user] : []), ...withDms].map((u) => [u.id, u])).values()].map((u) => ({
        name: u.realName, email: u.email, count: slack.state.dmMessages(u.id).length, current: u.id === user?.id,
        link: <Link href={`/demo/slack?as=${encodeURIComponent(u.email)}`} className="hover:underline">{u.realName}</Link>,
      }))}
      actions={{ click: clickSlackButton, submit: submitSlackView, command: runSlashCommand }}
    />
  );
}
