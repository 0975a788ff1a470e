import { describe, expect, it } from "vitest";
import { defaultAcrMapping, identityLinkKey, linkedSubject } from "../accounts/digid.ts";
import type { IdentityProviderRow, VerifiedClaims } from "../accounts/oidc.ts";
import {
  bsnFromClaim,
  digidAuthorizationRequest,
  readDigidAnswer,
  requiredLevel,
  sameBsn,
  wantedClaims,
} from "./digid.ts";

const saml = (c: string) => `urn:oasis:names:tc:SAML:2.0:ac:classes:${c}`;
const BSN_CLAIM = "urn:nl-eid-gdi:1.0:id:BSN";

describe("bsnFromClaim", () => {
  it.each([
    ["123456782", "123456782"],
    [" 1234.56.782 ", "123456782"],
    ["1234-56-782", "123456782"],
    ["s00000000:123456782", "123456782"],
    ["S00000000:123456782", "123456782"],
    [123456782, "123456782"],
    // Eight digits: a BSN with a leading zero, as the newcomer record stores it.
    ["12345672", "012345672"],
    [12345672, "012345672"],
    ["123456789", undefined],
    ["000000000", undefined],
    ["s00000001:123456782", undefined],
    ["abc", undefined],
    ["", undefined],
    [null, undefined],
    [undefined, undefined],
    [1.5, undefined],
    [["123456782"], undefined],
  ])("%j → %s", (value, bsn) => {
    expect(bsnFromClaim(value)).toBe(bsn);
  });
});

describe("sameBsn", () => {
  it.each([
    ["123456782", "123456782", true],
    ["123456782", "1234 56 782", true],
    ["012345672", "12345672", true],
    ["123456782", "111222333", false],
    ["123456782", null, false],
    ["123456782", "", false],
  ])("%s vs record %s → %s", (fromDigid, inRecord, same) => {
    expect(sameBsn(fromDigid, inRecord)).toBe(same);
  });
});

const provider = (overrides: Partial<IdentityProviderRow> = {}): IdentityProviderRow => ({
  id: "provider-1",
  organisationId: "ede",
  name: "DigiD",
  issuer: "https://broker.example",
  clientId: "koers",
  clientSecret: "secret",
  emailDomain: null,
  enabled: true,
  createdAt: new Date(0),
  purpose: "digid",
  bsnClaim: BSN_CLAIM,
  minimumLevel: "midden",
  acrMapping: defaultAcrMapping,
  extraScopes: null,
  ...overrides,
});

describe("requiredLevel", () => {
  it("is the configured level, but never below Midden", () => {
    expect(requiredLevel({ minimumLevel: "substantieel" })).toBe("substantieel");
    expect(requiredLevel({ minimumLevel: "basis" })).toBe("midden");
    expect(requiredLevel({ minimumLevel: null })).toBe("midden");
  });
});

describe("what Koers asks the broker for", () => {
  it("asks openid plus the extra scopes, and the accepted levels it supports", () => {
    const request = digidAuthorizationRequest(
      provider({ extraScopes: "idp:digid", minimumLevel: "substantieel" }),
    );
    expect(request.scope).toBe("openid idp:digid");
    expect(request.acrValues?.(Object.values(defaultAcrMapping).flat())).toEqual([
      saml("SmartcardPKI"),
      saml("Smartcard"),
    ]);
  });

  it("looks up the BSN claim at UserInfo when the ID token lacks it", () => {
    expect(wantedClaims(provider())).toEqual([BSN_CLAIM]);
    expect(wantedClaims(provider({ bsnClaim: null }))).toEqual(["sub"]);
  });
});

describe("readDigidAnswer", () => {
  const key = identityLinkKey("a session secret of at least thirty-two characters");
  const verified = (claims: Record<string, unknown>): VerifiedClaims => ({
    issuer: "https://broker.example",
    subject: "pairwise-subject-1",
    claims: { sub: "pairwise-subject-1", ...claims },
  });

  it("takes the level from acr, the BSN from the configured claim, and hides the subject", () => {
    const read = readDigidAnswer(
      provider(),
      verified({ acr: saml("MobileTwoFactorContract"), [BSN_CLAIM]: "123456782" }),
      key,
    );
    expect(read).toEqual({
      ok: true,
      answer: {
        providerId: "provider-1",
        organisationId: "ede",
        issuer: "https://broker.example",
        linkedSubject: linkedSubject(key, {
          issuer: "https://broker.example",
          organisationId: "ede",
          subject: "pairwise-subject-1",
        }),
        bsn: "123456782",
        level: "midden",
      },
    });
  });

  it("reads the BSN from sub by default", () => {
    const read = readDigidAnswer(
      provider({ bsnClaim: null }),
      {
        issuer: "https://broker.example",
        subject: "123456782",
        claims: { sub: "123456782", acr: saml("Smartcard") },
      },
      key,
    );
    expect(read.ok && read.answer.bsn).toBe("123456782");
    expect(read.ok && read.answer.linkedSubject).not.toContain("123456782");
  });

  it("gives no BSN when the claim is missing or not a valid BSN", () => {
    const read = readDigidAnswer(
      provider(),
      verified({ acr: saml("MobileTwoFactorContract"), [BSN_CLAIM]: "123456789" }),
      key,
    );
    expect(read.ok && read.answer.bsn).toBeUndefined();
  });

  it.each([
    [saml("PasswordProtectedTransport"), "level_too_low"],
    [undefined, "level_unknown"],
    ["urn:unknown", "level_unknown"],
  ])("refuses acr %s (%s)", (acr, reason) => {
    expect(readDigidAnswer(provider(), verified({ acr, [BSN_CLAIM]: "123456782" }), key)).toEqual({
      ok: false,
      reason,
    });
  });
});
