import { describe, expect, it } from "vitest";
import type { Actor, Role } from "../platform/authz/index.ts";
import { type AccountScope, accountPolicy } from "./policy.ts";

const A = "00000000-0000-4000-8000-00000000000a";
const B = "00000000-0000-4000-8000-00000000000b";
const KOERS = "00000000-0000-4000-8000-00000000000c";

function staff(roles: Role[], organisationId: string, overrides: Partial<Actor> = {}): Actor {
  return {
    kind: "staff",
    accountId: "00000000-0000-4000-8000-0000000000ff",
    organisationId,
    organisationKind: organisationId === KOERS ? "beheer" : "gemeente",
    roles,
    mfa: true,
    ...overrides,
  };
}

const actors = {
  "platform administrator": staff(["beheerder"], KOERS),
  "beheerder of A": staff(["beheerder"], A),
  "beheerder of A without second factor": staff(["beheerder"], A, { mfa: false }),
  "consulent of A": staff(["consulent"], A),
  "teamleider of A": staff(["teamleider"], A),
  "consulent of Koers": staff(["consulent"], KOERS),
  "newcomer of A": { ...staff(["nieuwkomer"], A), kind: "newcomer" as const },
  anonymous: { kind: "anonymous" as const, roles: [], mfa: false },
} satisfies Record<string, Actor>;
type Who = keyof typeof actors;

const accountOf = (organisationId: string, also: string[] = []): AccountScope => ({
  id: "00000000-0000-4000-8000-000000000001",
  organisationId,
  memberOrganisationIds: [organisationId, ...also],
  platformAdministrator: false,
});

// who × organisation of the resource → allowed (list, invite, read, update, grant a role there)
const table: [Who, "A" | "B" | "all", boolean][] = [
  ["platform administrator", "A", true],
  ["platform administrator", "B", true],
  ["platform administrator", "all", true],
  ["beheerder of A", "A", true],
  ["beheerder of A", "B", false],
  ["beheerder of A", "all", false],
  ["beheerder of A without second factor", "A", false],
  ["consulent of A", "A", false],
  ["teamleider of A", "A", false],
  ["consulent of Koers", "A", false],
  ["consulent of Koers", "all", false],
  ["newcomer of A", "A", false],
  ["anonymous", "A", false],
];

describe("account policy: who manages which organisation's accounts", () => {
  it.each(table)("%s, accounts of %s → %s", (who, where, allowed) => {
    const actor = actors[who];
    const organisationId = where === "A" ? A : where === "B" ? B : undefined;
    expect(accountPolicy.can(actor, "account.list", { organisationId })).toBe(allowed);
    if (!organisationId) return;
    const account = accountOf(organisationId);
    expect(accountPolicy.can(actor, "account.invite", { organisationId })).toBe(allowed);
    expect(accountPolicy.can(actor, "account.read", account)).toBe(allowed);
    expect(accountPolicy.can(actor, "account.update", account)).toBe(allowed);
    expect(accountPolicy.can(actor, "account.grantRole", { account, organisationId })).toBe(
      allowed,
    );
    expect(
      accountPolicy.can(actor, "account.revokeRole", {
        account,
        organisationId,
        role: "consulent",
      }),
    ).toBe(allowed);
  });
});

describe("account policy: the edges", () => {
  const beheerderA = actors["beheerder of A"];

  it("lets a beheerder see, but not disable, an account of B that also works for A", () => {
    const shared = accountOf(B, [A]);
    expect(accountPolicy.can(beheerderA, "account.read", shared)).toBe(true);
    expect(accountPolicy.can(beheerderA, "account.update", shared)).toBe(false);
    expect(
      accountPolicy.can(beheerderA, "account.grantRole", { account: shared, organisationId: A }),
    ).toBe(true);
    expect(
      accountPolicy.can(beheerderA, "account.grantRole", { account: shared, organisationId: B }),
    ).toBe(false);
    expect(
      accountPolicy.can(beheerderA, "account.revokeRole", {
        account: shared,
        organisationId: B,
        role: "consulent",
      }),
    ).toBe(false);
  });

  it("keeps account-wide changes to a platform administrator's account with the platform", () => {
    const admin = { ...accountOf(A, [KOERS]), platformAdministrator: true };
    expect(accountPolicy.can(beheerderA, "account.read", admin)).toBe(true);
    expect(accountPolicy.can(beheerderA, "account.update", admin)).toBe(false);
    expect(accountPolicy.can(actors["platform administrator"], "account.update", admin)).toBe(true);
  });

  it("does not let a beheerder disable themselves or drop their own beheerder role", () => {
    const self = { ...accountOf(A), id: beheerderA.accountId ?? "" };
    expect(accountPolicy.can(beheerderA, "account.read", self)).toBe(true);
    expect(accountPolicy.can(beheerderA, "account.update", self)).toBe(false);
    expect(
      accountPolicy.can(beheerderA, "account.revokeRole", {
        account: self,
        organisationId: A,
        role: "beheerder",
      }),
    ).toBe(false);
    expect(
      accountPolicy.can(beheerderA, "account.revokeRole", {
        account: self,
        organisationId: A,
        role: "consulent",
      }),
    ).toBe(true);
  });

  it("lets a person act only for an organisation they belong to", () => {
    const consultant = actors["consulent of A"];
    const mine = { memberOrganisationIds: [A, B] };
    expect(accountPolicy.can(consultant, "account.actFor", { ...mine, organisationId: B })).toBe(
      true,
    );
    expect(
      accountPolicy.can(consultant, "account.actFor", { ...mine, organisationId: KOERS }),
    ).toBe(false);
    expect(
      accountPolicy.can(actors.anonymous, "account.actFor", { ...mine, organisationId: A }),
    ).toBe(false);
  });

  it("gives new recovery codes only to oneself, with the second factor given", () => {
    const consultant = actors["consulent of A"];
    const own = { accountId: consultant.accountId ?? "" };
    expect(accountPolicy.can(consultant, "account.renewRecoveryCodes", own)).toBe(true);
    expect(
      accountPolicy.can({ ...consultant, mfa: false }, "account.renewRecoveryCodes", own),
    ).toBe(false);
    expect(
      accountPolicy.can(consultant, "account.renewRecoveryCodes", { accountId: "other" }),
    ).toBe(false);
  });
});
