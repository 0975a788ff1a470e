import { describe, expect, it } from "vitest";
import type { Actor } from "./actor.ts";
import { anonymous } from "./actor.ts";
import { createAuthorizer, ForbiddenError, requireSignedIn, SignInRequiredError } from "./index.ts";
import {
  hasRole,
  hasScope,
  isOrganisationAdministrator,
  isPlatformAdministrator,
  isSameOrganisation,
} from "./predicates.ts";

const ORG = "00000000-0000-4000-8000-00000000000a";
const OTHER = "00000000-0000-4000-8000-00000000000b";
const staff = (roles: Actor["roles"], organisationKind = "gemeente"): Actor => ({
  kind: "staff",
  accountId: "00000000-0000-4000-8000-0000000000e1",
  organisationId: ORG,
  organisationKind,
  roles,
  mfa: true,
});

describe("createAuthorizer", () => {
  const policy = createAuthorizer({
    "thing.read": (a: Actor, thing: { organisationId: string }) =>
      isSameOrganisation(a, thing.organisationId),
    "thing.explode": (_a: Actor, _thing: null): boolean => {
      throw new Error("a bug in a rule");
    },
  });

  it("allows what a rule allows and refuses the rest", () => {
    expect(policy.can(staff(["consulent"]), "thing.read", { organisationId: ORG })).toBe(true);
    expect(policy.can(staff(["consulent"]), "thing.read", { organisationId: OTHER })).toBe(false);
  });

  it("denies when a rule throws", () => {
    expect(policy.can(staff(["beheerder"]), "thing.explode", null)).toBe(false);
  });

  it("denies an action without a rule (only reachable by casting past the types)", () => {
    const can = policy.can as (a: Actor, action: string, r: unknown) => boolean;
    expect(can(staff(["beheerder"]), "thing.delete", {})).toBe(false);
  });

  it("authorize throws a 403 ForbiddenError naming the action", () => {
    const act = () => policy.authorize(anonymous, "thing.read", { organisationId: ORG });
    expect(act).toThrow(ForbiddenError);
    expect(act).toThrow("thing.read");
    try {
      act();
    } catch (error) {
      expect((error as ForbiddenError).statusCode).toBe(403);
    }
  });
});

describe("predicates", () => {
  it.each([
    // who, actor → platform administrator?, administrator of ORG?, administrator of OTHER?
    ["beheerder of the Koers operator", staff(["beheerder"], "beheer"), true, true, true],
    ["beheerder of a gemeente", staff(["beheerder"]), false, true, false],
    ["consulent of a gemeente", staff(["consulent"]), false, false, false],
    ["nobody signed in", anonymous, false, false, false],
  ] as const)("%s", (_who, actor, platform, ownOrg, otherOrg) => {
    expect(isPlatformAdministrator(actor)).toBe(platform);
    expect(isOrganisationAdministrator(actor, ORG)).toBe(ownOrg);
    expect(isOrganisationAdministrator(actor, OTHER)).toBe(otherOrg);
  });

  it("never matches an unknown organisation", () => {
    expect(isSameOrganisation(staff(["consulent"]), undefined)).toBe(false);
    expect(isSameOrganisation({ ...anonymous }, undefined)).toBe(false);
  });

  it("ignores roles of an actor who is not signed in", () => {
    expect(hasRole({ ...anonymous, roles: ["beheerder"] }, "beheerder")).toBe(false);
  });

  it("knows scopes only for API tokens", () => {
    expect(hasScope({ ...staff([]), scopes: ["nieuwkomers:lezen"] }, "nieuwkomers:lezen")).toBe(
      false,
    );
    expect(
      hasScope(
        { kind: "api", roles: [], mfa: true, scopes: ["nieuwkomers:lezen"] },
        "nieuwkomers:lezen",
      ),
    ).toBe(true);
  });

  it("requireSignedIn lets staff and newcomers through, no one else", () => {
    expect(() => requireSignedIn(staff(["consulent"]))).not.toThrow();
    expect(() =>
      requireSignedIn({ kind: "newcomer", roles: ["nieuwkomer"], mfa: false }),
    ).not.toThrow();
    expect(() => requireSignedIn(anonymous)).toThrow(SignInRequiredError);
    expect(() => requireSignedIn({ kind: "api", roles: [], mfa: true })).toThrow(
      SignInRequiredError,
    );
  });
});
