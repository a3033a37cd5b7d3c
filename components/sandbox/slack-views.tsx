import type { ReactNode } from "react";
import { FlaskConical } from "lucide-react";
import { Badge } from "../ui/badge";
import { Page, PageHeader, Section } from "../ui/page";

// A server-rendered Slack client for the demo's sandbox: one person's DMs with the Gatehouse bot, drawn from the
// Block Kit Gatehouse posted; buttons and modals are forms that make the sandbox send Gatehouse signed payloads.

export interface SlackViewModel {
  user: { id: string; name: string; email: string };
  messages: { ts: string; text: string; blocks: unknown[]; ephemeral: boolean; edited: boolean }[];
  modals: { id: string; view: Record<string, unknown>; errors: Record<string, string> }[];
}

type Action = (form: FormData) => Promise<void>;
type Block = { type: string; block_id?: string; text?: { text: string }; fields?: { text: string }[]; elements?: Record<string, unknown>[]; label?: { text: string }; element?: Record<string, unknown>; optional?: boolean; hint?: { text: string } };

/** mrkdwn as plain text: Slack's escapes undone (React escapes again), *bold* markers dropped. */
const plain = (t: string | undefined) => (t ?? "").replace(/\*([^*\n]+)\*/g, "$1").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
const btn = "inline-flex h-7 items-center rounded-md px-2.5 text-xs font-medium shadow-sm ring-1 ring-inset";
const styleOf = (s: unknown) => (s === "primary" ? "bg-emerald-600 text-white ring-emerald-700 hover:bg-emerald-700" : s === "danger" ? "bg-white text-red-700 ring-red-300 hover:bg-red-50" : "bg-white text-slate-800 ring-slate-300 hover:bg-slate-50");

function MessageBlocks({ blocks, userId, ts, click }: { blocks: Block[]; userId: string; ts: string; click: Action }) {
  return (
    <div className="space-y-2">
      {blocks.map((b, i) => {
        if (b.type === "section") {
          return (
            <div key={i}>
              {b.text && <p className="whitespace-pre-line text-sm text-slate-900">{plain(b.text.text)}</p>}
              {b.fields && (
                <dl className="mt-1 grid gap-x-4 gap-y-1 text-xs sm:grid-cols-2">
                  {b.fields.map((f, j) => {
                    const [k, ...v] = plain(f.text).split("\n");
                    return <div key={j}><dt className="font-medium text-slate-500">{k}</dt><dd className="text-slate-900">{v.join("\n")}</dd></div>;
                  })}
                </dl>
              )}
            </div>
          );
        }
        if (b.type === "context") return <p key={i} className="text-xs text-slate-500">{(b.elements ?? []).map((e) => plain((e as { text?: string }).text)).join(" ")}</p>;
        if (b.type === "actions") {
          return (
            <div key={i} className="flex flex-wrap gap-2">
              {(b.elements ?? []).map((e, j) => {
                const label = (e.text as { text: string }).text;
                if (typeof e.url === "string") return <a key={j} href={e.url} className={`${btn} ${styleOf(e.style)}`}>{label}</a>;
                return (
                  <form key={j} action={click}>
                    <input type="hidden" name="userId" value={userId} />
                    <input type="hidden" name="ts" value={ts} />
                    <input type="hidden" name="actionId" value={String(e.action_id)} />
                    <button type="submit" className={`${btn} ${styleOf(e.style)}`}>{label}</button>
                  </form>
                );
              })}
            </div>
          );
        }
        return null;
      })}
    </div>
  );
}

function Modal({ modal, submit }: { modal: SlackViewModel["modals"][number]; submit: Action }) {
  const v = modal.view as { title?: { text: string }; submit?: { text: string }; blocks?: Block[] };
  const inputCls = "mt-1 block w-full rounded-md border-0 px-2.5 py-1.5 text-sm shadow-sm ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-indigo-600";
  return (
    <form action={submit} aria-label={v.title?.text} className="rounded-lg border border-indigo-200 bg-white p-4 shadow-sm">
      <input type="hidden" name="viewId" value={modal.id} />
      <h3 className="text-sm font-semibold text-slate-900">{v.title?.text}</h3>
      {modal.errors._ && <p role="alert" className="mt-1 text-xs text-red-700">{modal.errors._}</p>}
      <div className="mt-3 space-y-3">
        {(v.blocks ?? []).map((b, i) => {
          if (b.type !== "input" || !b.block_id || !b.element) return b.text ? <p key={i} className="whitespace-pre-line text-sm text-slate-700">{plain(b.text.text)}</p> : null;
          const el = b.element as { type: string; multiline?: boolean; options?: { text: { text: string }; value: string }[]; option_groups?: { label: { text: string }; options: { text: { text: string }; value: string }[] }[]; placeholder?: { text: string } };
          const name = `v:${b.block_id}`;
          return (
            <label key={i} className="block text-sm font-medium text-slate-800">
              {b.label?.text}{b.optional && <span className="font-normal text-slate-500"> (optional)</span>}
              {el.type === "static_select" ? (
                <select name={name} className={inputCls} defaultValue="">
                  <option value="" disabled>{el.placeholder?.text ?? "Choose"}</option>
                  {el.options?.map((o) => <option key={o.value} value={o.value}>{o.text.text}</option>)}
                  {el.option_groups?.map((g) => <optgroup key={g.label.text} label={g.label.text}>{g.options.map((o) => <option key={o.value} value={o.value}>{o.text.text}</option>)}</optgroup>)}
                </select>
              ) : el.multiline ? (
                <textarea name={name} rows={3} className={inputCls} placeholder={el.placeholder?.text} />
              ) : (
                <input name={name} className={inputCls} placeholder={el.placeholder?.text} />
              )}
              {b.hint && <span className="mt-0.5 block text-xs font-normal text-slate-500">{b.hint.text}</span>}
              {modal.errors[b.block_id] && <span role="alert" className="mt-0.5 block text-xs font-normal text-red-700">{modal.errors[b.block_id]}</span>}
            </label>
          );
        })}
      </div>
      <div className="mt-4 flex gap-2">
        {v.submit && <button type="submit" className={`${btn} ${styleOf("primary")}`}>{v.submit.text}</button>}
        <button type="submit" name="cancel" value="1" className={`${btn} ${styleOf(undefined)}`}>{v.submit ? "Cancel" : "Close"}</button>
      </div>
    </form>
  );
}

export function SlackDms({ url, team, view, people, actions }: {
  url: string; team: string; view: SlackViewModel | null;
  people: { name: string; email: string; count: number; current: boolean; link: ReactNode }[];
  actions: { click: Action; submit: Action; command: Action };
}) {
  return (
    <Page wide>
      <PageHeader
        eyebrow={<Badge tone="amber" dot={false} className="gap-1"><FlaskConical aria-hidden className="size-3" /> Sandbox at {url}</Badge>}
        title="Sandbox Slack"
        description={`The “${team}” workspace this demo is connected to. Approvers get a DM for each request waiting on them; a click here is sent to Gatehouse signed, exactly as Slack sends it.`}
      />
      <div className="grid gap-6 xl:grid-cols-[16rem_minmax(0,1fr)]">
        <Section title="People">
          <ul className="space-y-1 text-sm">
            {people.map((p) => (
              <li key={p.email} className={p.current ? "font-semibold text-indigo-700" : "text-slate-800"}>
                {p.link} <span className="text-xs font-normal text-slate-500">· {p.count} message{p.count === 1 ? "" : "s"}</span>
              </li>
            ))}
          </ul>
        </Section>
        {view ? (
          <div className="space-y-4">
            <Section title={`${view.user.name}'s DMs with Gatehouse`} description={view.user.email}>
              <form action={actions.command} className="flex max-w-lg gap-2">
                <input type="hidden" name="userId" value={view.user.id} />
                <label className="sr-only" htmlFor="slash-text">Text after /access</label>
                <span className="self-center font-mono text-sm text-slate-700">/access</span>
                <input id="slash-text" name="text" placeholder="app name (optional)" className="block w-full rounded-md border-0 px-2.5 py-1.5 text-sm shadow-sm ring-1 ring-inset ring-slate-300" />
                <button type="submit" className={`${btn} ${styleOf(undefined)}`}>Send</button>
              </form>
            </Section>
            {view.modals.map((m) => <Modal key={m.id} modal={m} submit={actions.submit} />)}
            {view.messages.length === 0 && <p className="text-sm text-slate-600">No messages yet.</p>}
            {view.messages.map((m) => (
              <article key={m.ts} className={`rounded-lg border bg-white p-4 ${m.ephemeral ? "border-dashed border-slate-300" : "border-slate-200"}`}>
                <p className="mb-2 text-xs text-slate-500">Gatehouse{m.ephemeral ? " · only visible to you" : ""}{m.edited ? " · edited" : ""}</p>
                {m.blocks.length ? <MessageBlocks blocks={m.blocks as Block[]} userId={view.user.id} ts={m.ts} click={actions.click} /> : <p className="text-sm text-slate-900">{m.text}</p>}
              </article>
            ))}
          </div>
        ) : (
          <p className="text-sm text-slate-600">The sandbox workspace has no members.</p>
        )}
      </div>
    </Page>
  );
}
