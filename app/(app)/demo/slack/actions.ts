"use server";

import { revalidatePath } from "next/cache";
import { appUrl } from "@/server/lib/app-url";
import { demoSandboxesOr404 } from "../../_lib/sandboxes";

// A demo visitor acts "in Slack": the sandbox sends Gatehouse the same signed payloads Slack would.

const id = (v: FormDataEntryValue | null) => String(v ?? "").slice(0, 64);
/** The jobs that redraw messages run right after the ack; give them a moment before the page reloads. */
const settle = () => new Promise((r) => setTimeout(r, 700));

export async function clickSlackButton(form: FormData) {
  const { slack } = await demoSandboxesOr404();
  const userId = id(form.get("userId"));
  if (!slack.state.user(userId)) return;
  await slack.send.clickButton(appUrl("/api/slack/interactivity"), { userId, messageTs: id(form.get("ts")), actionId: id(form.get("actionId")) }).catch(() => undefined);
  await settle();
  revalidatePath("/demo/slack");
}

export async function submitSlackView(form: FormData) {
  const { slack } = await demoSandboxesOr404();
  const viewId = id(form.get("viewId"));
  if (!slack.state.view(viewId)?.open) return;
  if (form.get("cancel")) slack.send.closeView(viewId);
  else {
    const values: Record<string, string> = {};
    for (const [k, v] of form.entries()) if (k.startsWith("v:")) values[k.slice(2, 100)] = String(v).slice(0, 5000);
    await slack.send.submitView(appUrl("/api/slack/interactivity"), { viewId, values }).catch(() => undefined);
    await settle();
  }
  revalidatePath("/demo/slack");
}

export async function runSlashCommand(form: FormData) {
  const { slack } = await demoSandboxesOr404();
  const userId = id(form.get("userId"));
  if (!slack.state.user(userId)) return;
  await slack.send.slashCommand(appUrl("/api/slack/commands"), { userId, command: "/access", text: String(form.get("text") ?? "").slice(0, 200) }).catch(() => undefined);
  revalidatePath("/demo/slack");
}
