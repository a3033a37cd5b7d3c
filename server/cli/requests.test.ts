// The access-request commands (request, decide, requests) against the demo tenant Acme (cli-test-world.ts).
// The two commands that change state run as an admin runs them, in a child process (1–3 s each); the
// checks of what the command line gets wrong, and the read-only listing, call the CLI's main() in this process.
import { describe, expect, it } from "vitest";
import { personaEmails } from "../demo/acme-directory.ts";
import { cliInProcess as inProcess, cliTestWorld, withCliDb as withDb } from "./cli-test-world.ts";
import { runCliChild, SPAWN_TIMEOUT_MS } from "./cli-child.ts";

const dana = personaEmails.employee;
const sam = personaEmails.manager;

const world = cliTestWorld("requests");

/** The CLI in a child process, as an admin runs it. */
const cli = (args: string[]) => runCliChild(args, { env: { GATEHOUSE_DATA_DIR: world.dataDir, DATABASE_URL: world.databaseUrl } });

describe("gatehouse request / decide / requests", { timeout: 2 * SPAWN_TIMEOUT_MS }, () => {
  let requestId = "";

  it("request: Dana asks for Figma/Editor for 6h; the request waits for her manager, Sam Rivera", async () => {
    const r = await cli(["request", "--tenant", "acme", "--as", dana, "--role", "figma / editor", "--duration", "6h", "--reason", "Design review of the Q4 launch pages"]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const id = /^Request (\S+) is pending: Figma · Editor for Dana Lee, for 6 hours\.$/m.exec(r.stdout)?.[1];
    expect(id).toBeTruthy();
    requestId = id!;
    expect(r.stdout).toContain("    1. manager (pending): Sam Rivera <sam.rivera@acme.example>");
    expect(r.stdout).toContain(`gatehouse decide --tenant acme --as <approver email> --request ${requestId}`);
  });

  it("request: a bad duration or an unknown role is refused with the reason (exit 2 / exit 1)", async () => {
    const base = ["request", "--tenant", "acme", "--as", dana, "--role", "Figma/Editor", "--reason", "Design review of the Q4 launch pages"];
    for (const bad of ["6 hours", "6", "1h30m", "6H", "0h"]) {
      const r = await inProcess([...base, "--duration", bad]);
      expect(r.code, bad).toBe(2);
      expect(r.stderr).toContain(`Error: --duration: "${bad}" is not a duration; write a whole number of minutes, hours or days, e.g. 90m, 6h or 7d`);
    }
    const short = await inProcess([...base, "--duration", "10m"]);
    expect(short.code).toBe(2);
    expect(short.stderr).toContain("--duration: Durations are at least 15 minutes");

    const unknown = await inProcess(["request", "--tenant", "acme", "--as", dana, "--role", "Figma/Owner", "--reason", "Design review of the Q4 launch pages"]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('Error: Role "Figma/Owner" not found in tenant acme.');
    expect(unknown.stderr).toContain("Figma has these roles:\n    Figma/Editor");
    expect(unknown.stdout).toBe("");
  });

  it("requests --status pending lists the request as an admin sees it", async () => {
    const r = await inProcess(["requests", "--tenant", "acme", "--status", "pending", "--json"]);
    expect(r.code).toBe(0);
    const { total, requests } = JSON.parse(r.stdout);
    expect(total).toBe(1);
    expect(requests[0]).toMatchObject({ id: requestId, status: "PENDING", source: "cli", roleName: "Editor", beneficiaryName: "Dana Lee", durationMinutes: 360, currentStep: { kind: "MANAGER" } });
  });

  it("decide: denying without a comment is refused before anything is read", async () => {
    const r = await inProcess(["decide", "--tenant", "acme", "--as", sam, "--request", requestId, "--deny"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("--comment: Say why you deny it (a comment is required)");
  });

  it("decide --approve --provision: Sam approves; Dana is in figma-editors in Okta, read back, and Jira has the ticket", async () => {
    const r = await cli(["decide", "--tenant", "acme", "--as", sam, "--request", requestId, "--approve", "--comment", "ok for the launch", "--provision", "--json"]);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({ decision: "APPROVE", status: "APPROVED", request: { id: requestId, status: "APPROVED" } });
    expect(out.provisioning).toMatchObject({ ranHere: true, outcome: "active", grant: { status: "ACTIVE" }, jira: { outcome: "delivered", pending: 0 } });
    expect(out.provisioning.actions).toEqual([
      expect.objectContaining({ group: "figma-editors", status: "SUCCEEDED", readBack: expect.objectContaining({ isMember: true }) }),
    ]);
    expect(Date.parse(out.provisioning.grant.expiresAt) - Date.parse(out.provisioning.grant.activatedAt)).toBe(6 * 3600_000);

    const user = world.okta.state.getUser(dana)!;
    const group = [...world.okta.state.groups.values()].find((g) => g.profile.name === "figma-editors")!;
    expect(world.okta.state.isMember(group.id, user.id)).toBe(true);
    const key = out.provisioning.jira.issueKey as string;
    expect(world.jira.getIssue(key)?.summary).toBe("Access: Figma · Editor for Dana Lee");
    expect(world.jira.property(key, "gatehouse")).toMatchObject({ requestId, status: "ACTIVE" });

    // Nothing left for the app's job driver to redo, and the audit log names the admin and who they acted as.
    await withDb(async (db) => {
      const open = await db.job.findMany({ where: { status: { in: ["QUEUED", "RUNNING"] }, name: { in: ["grant.provision", "tickets.deliver"] } } });
      expect(open).toEqual([]);
      const audit = await db.auditEvent.findMany({ where: { subjectId: requestId }, orderBy: { seq: "asc" }, select: { action: true, actorType: true, actorLabel: true } });
      expect(audit.find((a) => a.action === "request.created")).toMatchObject({ actorType: "cli", actorLabel: expect.stringMatching(/^cli:\S+ as dana\.lee@acme\.example$/) });
      expect(audit.find((a) => a.action === "request.step.approved")).toMatchObject({ actorType: "cli", actorLabel: expect.stringMatching(/^cli:\S+ as sam\.rivera@acme\.example$/) });
      const decision = await db.approvalDecision.findFirstOrThrow({ where: { requestId } });
      expect(decision).toMatchObject({ decision: "APPROVE", channel: "cli", comment: "ok for the launch" });
    });
  });
});
