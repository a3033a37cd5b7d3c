// Our ChatMessage / ChatForm → Block Kit. Every text we did not write ourselves is escaped, so a request's reason
// cannot mention @channel or forge a link.
import type { ChatAnswer, ChatForm, ChatMessage } from "../types.ts";

/** Slack's three control characters in mrkdwn and plain text. */
export function escapeSlack(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

const cut = (s: string, max: number) => (s.length > max ? `${s.slice(0, max - 1)}…` : s);
const mrkdwn = (text: string) => ({ type: "mrkdwn", text: cut(text, 3000) });
const plain = (text: string, max = 3000) => ({ type: "plain_text", text: cut(text, max), emoji: true });

export const ACTIONS_BLOCK_ID = "gatehouse_actions";

export function messageBlocks(m: ChatMessage): unknown[] {
  const blocks: unknown[] = [];
  const head = [m.title ? `*${escapeSlack(m.title)}*` : null, ...(m.lines ?? []).map(escapeSlack)].filter((x): x is string => !!x);
  if (head.length) blocks.push({ type: "section", text: mrkdwn(head.join("\n")) });
  const facts = m.facts ?? [];
  for (let i = 0; i < facts.length; i += 10) {
    blocks.push({ type: "section", fields: facts.slice(i, i + 10).map(([k, v]) => mrkdwn(`*${escapeSlack(k)}*\n${escapeSlack(v || "—")}`)) });
  }
  if (m.buttons?.length) {
    blocks.push({
      type: "actions",
      block_id: ACTIONS_BLOCK_ID,
      elements: m.buttons.map((b, i) => ({
        type: "button",
        text: plain(b.label, 75),
        action_id: b.actionId ?? `link_${i}`,
        ...(b.url ? { url: b.url } : {}),
        ...(b.value !== undefined ? { value: b.value } : {}),
        ...(b.style ? { style: b.style } : {}),
      })),
    });
  }
  if (m.footer) blocks.push({ type: "context", elements: [mrkdwn(escapeSlack(m.footer))] });
  return blocks;
}

export function formView(f: ChatForm): Record<string, unknown> {
  const blocks: unknown[] = [];
  if (f.intro) blocks.push({ type: "section", text: mrkdwn(escapeSlack(f.intro)) });
  for (const field of f.fields) {
    const element =
      field.kind === "select"
        ? {
            type: "static_select",
            action_id: "value",
            ...(field.placeholder ? { placeholder: plain(field.placeholder, 150) } : {}),
            ...(field.groups.length === 1
              ? { options: field.groups[0]!.options.slice(0, 100).map((o) => ({ text: plain(o.label, 75), value: o.value })) }
              : { option_groups: field.groups.slice(0, 100).map((g) => ({ label: plain(g.label, 75), options: g.options.slice(0, 100).map((o) => ({ text: plain(o.label, 75), value: o.value })) })) }),
          }
        : {
            type: "plain_text_input",
            action_id: "value",
            multiline: field.kind === "multiline",
            ...(field.minLength ? { min_length: field.minLength } : {}),
            ...(field.maxLength ? { max_length: field.maxLength } : {}),
            ...(field.placeholder ? { placeholder: plain(field.placeholder, 150) } : {}),
            ...(field.initial ? { initial_value: field.initial } : {}),
          };
    blocks.push({ type: "input", block_id: field.id, optional: !!field.optional, label: plain(field.label, 2000), element, ...(field.hint ? { hint: plain(field.hint, 2000) } : {}) });
  }
  return {
    type: "modal",
    callback_id: f.callbackId,
    title: plain(f.title, 24),
    submit: plain(f.submit, 24),
    close: plain("Cancel", 24),
    ...(f.privateMetadata ? { private_metadata: f.privateMetadata } : {}),
    blocks,
  };
}

/** The HTTP answer Slack expects for an interaction or a command. */
export function answerBody(a: ChatAnswer): Record<string, unknown> | null {
  switch (a.kind) {
    case "ack":
      return null;
    case "text":
      return { response_type: "ephemeral", text: a.text };
    case "formErrors":
      return { response_action: "errors", errors: a.errors };
    case "formDone":
      return {
        response_action: "update",
        view: { type: "modal", title: plain(a.title, 24), close: plain("Done", 24), blocks: [{ type: "section", text: mrkdwn(escapeSlack(a.text)) }] },
      };
  }
}
