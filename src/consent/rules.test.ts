import { describe, expect, it } from "vitest";
import type { Actor } from "../platform/authz/actor.ts";
import {
  type ActiveConsent,
  consentedDataClasses,
  consentNames,
  endOfDay,
  isInForce,
  latestUntil,
  validUntilDate,
} from "./rules.ts";

const ME = "00000000-0000-4000-8000-0000000000e1";
const ORG = "00000000-0000-4000-8000-00000000000c";
const keyPerson: Actor = {
  kind: "staff",
  accountId: ME,
  organisationId: ORG,
  roles: ["sleutelpersoon"],
  mfa: true,
};
const at = new Date("2026-06-01T10:00:00Z");
const consent = (over: Partial<ActiveConsent> = {}): ActiveConsent => ({
  id: "c",
  purpose: "sleutelpersoon",
  granteeAccountId: ME,
  granteeOrganisationId: null,
  dataClasses: ["basic", "plan"],
  validFrom: new Date("2026-05-01T00:00:00Z"),
  validUntil: endOfDay("2026-06-01"),
  revokedAt: null,
  ...over,
});

describe("consent in force", () => {
  it.each([
    ["running", consent(), true],
    ["revoked", consent({ revokedAt: new Date("2026-05-20T00:00:00Z") }), false],
    ["not started", consent({ validFrom: new Date("2026-06-02T00:00:00Z") }), false],
    ["ended", consent({ validUntil: new Date("2026-06-01T09:59:59Z") }), false],
  ] as const)("%s → %s", (_what, c, inForce) => {
    expect(isInForce(c, at)).toBe(inForce);
  });

  it("holds on its last day and not after", () => {
    expect(isInForce(consent(), new Date("2026-06-01T21:59:00Z"))).toBe(true);
    expect(isInForce(consent(), new Date("2026-06-01T22:00:00Z"))).toBe(false);
  });
});

describe("whom a consent names", () => {
  it.each([
    ["the key person it names", keyPerson, consent(), true],
    ["another key person", { ...keyPerson, accountId: "x" }, consent(), false],
    ["the key person without second factor", { ...keyPerson, mfa: false }, consent(), false],
    [
      "a newcomer with the same account",
      { ...keyPerson, kind: "newcomer" as const },
      consent(),
      false,
    ],
    [
      "a partner worker of the organisation it names",
      { ...keyPerson, accountId: "y", roles: ["partnermedewerker" as const] },
      consent({ purpose: "werkgever", granteeAccountId: null, granteeOrganisationId: ORG }),
      true,
    ],
    [
      "a key person of that organisation (organisation consent is for partner workers)",
      keyPerson,
      consent({ purpose: "werkgever", granteeAccountId: null, granteeOrganisationId: ORG }),
      false,
    ],
  ] as const)("%s → %s", (_who, actor, c, named) => {
    expect(consentNames(c, actor)).toBe(named);
  });

  it("shares only shareable classes, health only by name", () => {
    expect(
      consentedDataClasses(
        [consent({ dataClasses: ["basic", "identity", "residence"] })],
        keyPerson,
        at,
      ),
    ).toEqual(["basic"]);
    expect(
      consentedDataClasses([consent(), consent({ dataClasses: ["health"] })], keyPerson, at),
    ).toEqual(["basic", "plan", "health"]);
  });
});

describe("until-dates", () => {
  it("allows at most a year ahead, and not today or before", () => {
    expect(latestUntil("2026-03-01")).toBe("2027-03-01");
    expect(validUntilDate("2027-03-01", "2026-03-01")).toBe(true);
    expect(validUntilDate("2027-03-02", "2026-03-01")).toBe(false);
    expect(validUntilDate("2026-03-01", "2026-03-01")).toBe(false);
    expect(validUntilDate("2026-03-02", "2026-03-01")).toBe(true);
  });
});
