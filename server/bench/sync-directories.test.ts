// The sync bench's minimum call counts: one page per `page` rows (at least one, even when empty), per directory.

import { describe, expect, it } from "vitest";
import { directoryBenches } from "./sync-directories.ts";
import type { DirectoryShape } from "./sync-sandbox-protocol.ts";

const shape: DirectoryShape = {
  users: 1_050, listedUsers: 1_000, groups: 401, memberships: 1_200, membershipsOfListedUsers: 1_150, rules: 201,
  // An empty group still costs one call; 1,000 members fill exactly one 1,000 page, two 500 pages, five 200 pages.
  groupSizes: [0, 1_000, 200, ...Array<number>(398).fill(0)],
};

describe("sync bench: minimum API calls per directory", () => {
  it("Okta: users by 200, group rules by 200, groups by 1,000, members by 1,000", () => {
    expect(directoryBenches.okta.minimum(shape)).toEqual({
      parts: [["users", 5], ["rules", 2], ["groups", 1], ["members", 401]], total: 409,
    });
  });

  it("Entra: one token request, users by 500, groups and members by 999", () => {
    expect(directoryBenches.entra.minimum(shape)).toEqual({
      parts: [["token", 1], ["users", 2], ["groups", 1], ["members", 1 + 2 + 1 + 398]], total: 406,
    });
  });

  it("Google: users by 500, groups and members by 200", () => {
    expect(directoryBenches.google.minimum(shape)).toEqual({
      parts: [["users", 2], ["groups", 3], ["members", 1 + 5 + 1 + 398]], total: 410,
    });
  });

  it("SCIM: users and groups by 200, members by 500", () => {
    expect(directoryBenches.scim.minimum(shape)).toEqual({
      parts: [["users", 5], ["groups", 3], ["members", 1 + 2 + 1 + 398]], total: 410,
    });
  });
});
