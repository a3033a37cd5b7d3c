// `gatehouse revoke` through the CLI's main() in this process, against the demo tenant Acme seeded into a
// temporary data directory (or a PostgreSQL database of its own when DATABASE_URL is set).
import { describe, expect, it } from "vitest";
import { personaEmails } from "../demo/acme-directory.ts";
import { cliInProcess as cli, cliTestWorld, withCliDb as withDb } from "./cli-test-world.ts";

const world = cliTestWorld("revoke");

describe("gatehouse revoke", { timeout: 120_000 }, () => {
  let grantId = "";
  let issueKey = "";

  it("revokes an active grant named by its Jira issue; the audit log names the CLI; a second revoke changes nothing", async () => {
    const asked = await cli(["request", "--tenant", "acme", "--as", personaEmails.employee, "--role", "Datadog/Standard user", "--reason", "Look at the checkout dashboards", "--provision", "--json"]);
    expect(asked.code, asked.stderr).toBe(0);
    const provisioned = JSON.parse(asked.stdout).provisioning;
    expect(provisioned).toMatchObject({ outcome: "active", grant: { status: "ACTIVE" } });
    grantId = provisioned.grant.id;
    issueKey = provisioned.jira.issueKey;
    expect(issueKey).toMatch(/^ACCESS-\d+$/);

    const r = await cli(["revoke", "--tenant", "acme", "--issue", issueKey.toLowerCase(), "--reason", "Left the on-call rotation"]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`Revoked grant ${grantId}: Datadog · Standard user for Dana Lee.`);
    expect(r.stdout).toContain(`Jira: the revocation is commented on ${issueKey}.`);
    await withDb(async (db) => {
      const grant = await db.grant.findUniqueOrThrow({ where: { id: grantId } });
      expect(grant).toMatchObject({ status: "ENDING", endReason: "revoked: Left the on-call rotation", endedBy: expect.stringMatching(/^cli:\S+ \(via cli\)$/) });
      const audit = await db.auditEvent.findFirstOrThrow({ where: { subjectId: grantId, action: "grant.ending" } });
      expect(audit).toMatchObject({ actorType: "cli" });
      const comment = await db.ticketEvent.findFirst({ where: { requestId: grant.requestId!, kind: "comment" }, orderBy: { seq: "desc" } });
      expect(JSON.stringify(comment?.payload)).toContain("Left the on-call rotation");
    });

    const again = await cli(["revoke", "--tenant", "acme", "--grant", grantId, "--reason", "Again", "--json"]);
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ grantId, status: "ENDING", alreadyEnded: true });
    await withDb(async (db) => expect(await db.auditEvent.count({ where: { subjectId: grantId, action: "grant.ending" } })).toBe(1));
  });

  it("an unknown grant, request or issue exits 1 with the reason", async () => {
    const grant = await cli(["revoke", "--tenant", "acme", "--grant", "nope", "--reason", "Left the team"]);
    expect(grant).toMatchObject({ code: 1, stdout: "", stderr: "Error: Grant not found\n" });
    const request = await cli(["revoke", "--tenant", "acme", "--request", "nope", "--reason", "Left the team"]);
    expect(request).toMatchObject({ code: 1, stderr: "Error: Request nope not found in tenant acme\n" });
    const issue = await cli(["revoke", "--tenant", "acme", "--issue", "ACCESS-9999", "--reason", "Left the team"]);
    expect(issue).toMatchObject({ code: 1, stderr: "Error: Jira issue ACCESS-9999 not found in tenant acme\n" });
    const tenant = await cli(["revoke", "--tenant", "nobody", "--grant", grantId, "--reason", "Left the team"]);
    expect(tenant.code).toBe(1);
    expect(tenant.stderr).toContain("Tenant nobody not found");
  });

  it("a missing or empty reason, or no (or two) grant references, exits 2 before anything is read", async () => {
    const missing = await cli(["revoke", "--tenant", "acme", "--grant", grantId]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("required option '--reason <text>' not specified");
    const empty = await cli(["revoke", "--tenant", "acme", "--grant", grantId, "--reason", "  "]);
    expect(empty).toMatchObject({ code: 2, stderr: expect.stringContaining("--reason: Say why the access is revoked") });
    const none = await cli(["revoke", "--tenant", "acme", "--reason", "Left the team"]);
    expect(none).toMatchObject({ code: 2, stderr: expect.stringContaining("name the grant with --grant <id>, --request <id> or --issue <KEY>") });
    const two = await cli(["revoke", "--tenant", "acme", "--grant", grantId, "--issue", issueKey, "--reason", "Left the team"]);
    expect(two).toMatchObject({ code: 2, stderr: expect.stringContaining("choose one of --grant, --issue") });
  });
});
