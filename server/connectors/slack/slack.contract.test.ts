import { afterAll, afterEach, describe, expect, it } from "vitest";
import { startSlackSandbox, slackSignature } from "../../sandbox/slack/index.ts";
import { ConnectorError } from "../types.ts";
import { createSlackConnector } from "./connector.ts";
import { parseInteraction, parseSlashCommand, signatureValid, timestampFresh } from "./inbound.ts";

// The Slack connector through the real @slack/web-api against the sandbox over HTTP (protocols.md §6).
const sandbox = await startSlackSandbox({ users: [{ email: "dana.lee@acme.example", realName: "Dana Lee" }, { email: "sam.rivera@acme.example", realName: "Sam Rivera" }] });
afterAll(() => sandbox.stop());
afterEach(() => sandbox.faults.clear());
const slack = createSlackConnector({ botToken: sandbox.botToken, apiUrl: sandbox.apiUrl, timeoutMs: 2000 });
const dana = sandbox.state.userByEmail("dana.lee@acme.example")!;
const sam = sandbox.state.userByEmail("sam.rivera@acme.example")!;

const failure = (p: Promise<unknown>) => p.then(() => { throw new Error("expected a failure"); }, (e: ConnectorError) => e);

describe("Slack connector", () => {
  it("validates with auth.test and learns the workspace", async () => {
    const r = await slack.validate();
    expect(r).toMatchObject({ ok: true, workspace: { teamId: "T0ACME001", teamName: "Acme", botUserId: "U0GATEBOT" } });
    const bad = await createSlackConnector({ botToken: "xoxb-wrong", apiUrl: sandbox.apiUrl }).validate();
    expect(bad.ok).toBe(false);
    expect(bad.detail).toMatch(/invalid_auth/);
  });

  it("finds people by email and back, and says null for strangers", async () => {
    expect(await slack.findUserByEmail("DANA.LEE@acme.example")).toBe(dana.id);
    expect(await slack.findUserByEmail("nobody@acme.example")).toBeNull();
    expect(await slack.userEmail(sam.id)).toBe("sam.rivera@acme.example");
    expect(await slack.userEmail("U0NOBODY")).toBeNull();
  });

  it("DMs a message as Block Kit, escaping what people wrote, and updates it", async () => {
    const ref = await slack.sendDirect(dana.id, {
      text: "Approve?", title: "Approve Figma · Editor?", lines: ["Reason: <!channel> & <https://evil|click>"], facts: [["Risk", "high"]],
      buttons: [{ label: "Approve", actionId: "gatehouse.approve", value: "r1", style: "primary" }, { label: "Open", url: "http://localhost:3000/requests/r1" }],
    });
    const stored = sandbox.state.message(ref.channel, ref.ts)!;
    expect(stored.channel).toBe(sandbox.state.data.dms[dana.id]);
    const blocks = JSON.stringify(stored.blocks);
    expect(blocks).toContain("&lt;!channel&gt; &amp; &lt;https://evil|click&gt;");
    expect(blocks).toContain("gatehouse.approve");
    await slack.update(ref, { text: "Approved", title: "Approved by Sam", footer: "Approved by Sam Rivera via web" });
    expect(JSON.stringify(sandbox.state.message(ref.channel, ref.ts)!.blocks)).not.toContain("gatehouse.approve");
    expect((await failure(slack.update({ channel: ref.channel, ts: "1.000000" }, { text: "x" }))).code).toBe("not_found");
  });

  it("answers privately through response_url and chat.postEphemeral", async () => {
    const channel = sandbox.state.openDm(sam.id);
    const handle = sandbox.state.issueResponseUrl({ channel, userId: sam.id });
    await slack.tellPrivately({ responseUrl: `${sandbox.url}/hooks/${handle.id}` }, "You are not an approver");
    await slack.tellPrivately({ channel, userId: sam.id }, "Second note");
    const mine = sandbox.state.dmMessages(sam.id).filter((m) => m.ephemeralFor === sam.id).map((m) => m.text);
    expect(mine).toEqual(["You are not an approver", "Second note"]);
    expect((await failure(slack.tellPrivately({ responseUrl: `${sandbox.url}/hooks/T0/none/x` }, "x"))).retryable).toBe(false);
  });

  it("opens a modal with a fresh trigger and refuses a stale or unknown one", async () => {
    const trigger = sandbox.state.issueTrigger(dana.id);
    const { viewId } = await slack.openForm(trigger, { callbackId: "c", title: "Deny access", submit: "Deny", fields: [{ id: "comment", label: "Why?", kind: "multiline" }] });
    expect(sandbox.state.openViews(dana.id).map((v) => v.id)).toEqual([viewId]);
    const again = await failure(slack.openForm(trigger, { callbackId: "c", title: "T", submit: "S", fields: [] }));
    expect(again.message).toMatch(/invalid_trigger_id/);
  });

  it("maps 429 (with Retry-After), 5xx and an outage to retryable errors, and a bad token to a final one", async () => {
    sandbox.faults.inject({ status: 429, retryAfterSeconds: 7, match: "chat.postMessage" });
    const limited = await failure(slack.sendDirect(dana.id, { text: "hi" }));
    expect(limited).toMatchObject({ code: "rate_limited", retryable: true, retryAfterMs: 7000 });
    sandbox.faults.inject({ status: 500, match: "conversations.open" });
    expect(await failure(slack.sendDirect(dana.id, { text: "hi" }))).toMatchObject({ code: "unavailable", retryable: true, status: 500 });
    sandbox.faults.down(true, "reset");
    expect(await failure(slack.sendDirect(dana.id, { text: "hi" }))).toMatchObject({ code: "unavailable", retryable: true });
    sandbox.faults.clear();
    const denied = await failure(createSlackConnector({ botToken: "xoxb-revoked", apiUrl: sandbox.apiUrl }).sendDirect(dana.id, { text: "hi" }));
    expect(denied).toMatchObject({ code: "auth", retryable: false });
  });

  it("refuses blocks Slack would refuse", async () => {
    const tooLong = await failure(slack.sendDirect(dana.id, { text: "x", buttons: [{ label: "x", actionId: "a", value: "v".repeat(2001) }] }));
    expect(tooLong).toMatchObject({ code: "invalid", retryable: false });
  });
});

describe("Slack request signing and payloads", () => {
  const body = "payload=%7B%7D";
  it("accepts only the v0 HMAC of the exact bytes with the right secret, in a 5-minute window", () => {
    const sig = slackSignature("secret-123", 1700000000, body);
    expect(signatureValid("secret-123", "1700000000", body, sig)).toBe(true);
    expect(signatureValid("secret-124", "1700000000", body, sig)).toBe(false);
    expect(signatureValid("secret-123", "1700000001", body, sig)).toBe(false);
    expect(signatureValid("secret-123", "1700000000", `${body} `, sig)).toBe(false);
    expect(signatureValid("secret-123", "1700000000", body, "v0=abc")).toBe(false);
    const now = new Date(1700000000 * 1000);
    expect(timestampFresh(1700000000 - 300, now)).toBe(true);
    expect(timestampFresh(1700000000 - 301, now)).toBe(false);
    expect(timestampFresh(1700000000 + 301, now)).toBe(false);
  });

  it("parses the sandbox's block_actions, view_submission and slash command, and nothing malformed", async () => {
    const ref = await slack.sendDirect(sam.id, { text: "x", buttons: [{ label: "Approve", actionId: "gatehouse.approve", value: "req-1" }] });
    const click = parseInteraction(sandbox.send.interactionBody(sandbox.send.buttonPayload({ userId: sam.id, messageTs: ref.ts, actionId: "gatehouse.approve" })));
    expect(click).toMatchObject({ type: "button", teamId: "T0ACME001", userId: sam.id, actionId: "gatehouse.approve", value: "req-1", messageTs: ref.ts });
    const command = parseSlashCommand(sandbox.send.slashCommandBody({ userId: dana.id, command: "/access", text: "figma" }));
    expect(command).toMatchObject({ type: "command", userId: dana.id, command: "/access", text: "figma" });
    for (const bad of ["", "payload=", "payload=%7Bnot-json", `payload=${encodeURIComponent(JSON.stringify({ type: "block_actions" }))}`, "x=1"]) {
      expect(parseInteraction(bad)).toBeNull();
    }
    expect(parseSlashCommand("command=/access")).toBeNull();
  });
});
