import { describe, expect, it } from "vitest";
import type { Actor } from "../platform/authz/actor.ts";
import {
  afterPasskey,
  counterAcceptable,
  passkeyCountsAsTwoFactors,
  passkeyPolicy,
  relyingParty,
} from "./passkeys.ts";

describe("counterAcceptable", () => {
  it.each([
    [0, 0, true], // an authenticator that does not count
    [0, 1, true],
    [3, 4, true],
    [3, 3, false], // a replayed or cloned key
    [3, 2, false], // going backwards
    [5, 0, false], // a counting key that suddenly reports 0
  ])("stored %i, received %i → %s", (stored, received, expected) => {
    expect(counterAcceptable(stored, received)).toBe(expected);
  });
});

describe("passkeyCountsAsTwoFactors", () => {
  it("only when the authenticator verified the person", () => {
    expect(passkeyCountsAsTwoFactors(true)).toBe(true);
    expect(passkeyCountsAsTwoFactors(false)).toBe(false);
  });
});

describe("afterPasskey", () => {
  it.each([
    [["nieuwkomer"], false, false, "signed_in"],
    [["nieuwkomer"], true, false, "signed_in"],
    [["consulent"], true, true, "signed_in"],
    [["consulent"], false, true, "second_factor"],
    [["consulent"], false, false, "enrol"],
    [["nieuwkomer", "sleutelpersoon"], false, true, "second_factor"],
  ] as const)("roles %o, verified %s, TOTP %s → %s", (roles, userVerified, totpEnabled, next) => {
    expect(afterPasskey({ roles, userVerified, totpEnabled })).toBe(next);
  });
});

describe("relyingParty", () => {
  it("is the public address's host, without port, and its origin", () => {
    expect(relyingParty("https://koers.ede.nl/")).toEqual({
      id: "koers.ede.nl",
      name: "Koers",
      origin: "https://koers.ede.nl",
    });
    expect(relyingParty("http://localhost:3000").origin).toBe("http://localhost:3000");
    expect(relyingParty("http://localhost:3000").id).toBe("localhost");
  });
});

describe("passkeyPolicy", () => {
  const newcomer: Actor = { kind: "newcomer", accountId: "a1", roles: ["nieuwkomer"], mfa: false };
  const staff: Actor = { kind: "staff", accountId: "s1", roles: ["beheerder"], mfa: true };
  const anonymous: Actor = { kind: "anonymous", roles: [], mfa: false };
  it.each([
    [newcomer, "a1", true],
    [newcomer, "s1", false],
    [staff, "s1", true],
    [staff, "a1", false], // not even an administrator removes someone else's passkey
    [anonymous, "a1", false],
  ] as const)("remove: %o on a passkey of %s → %s", (actor, owner, expected) => {
    expect(passkeyPolicy.can(actor, "passkey.remove", { id: "k", accountId: owner })).toBe(
      expected,
    );
  });
  it("lets only a signed-in account manage its own passkeys", () => {
    expect(passkeyPolicy.can(newcomer, "passkey.manageOwn", null)).toBe(true);
    expect(passkeyPolicy.can(anonymous, "passkey.manageOwn", null)).toBe(false);
  });
});
