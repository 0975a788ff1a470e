import { describe, expect, it } from "vitest";
import {
  acrValuesToRequest,
  checkLevel,
  countsAsTwoFactors,
  type DigidLevel,
  defaultAcrMapping,
  digidScope,
  identityLinkKey,
  isScopeToken,
  levelOfAcr,
  linkedSubject,
  meetsLevel,
  requirableLevels,
  splitValues,
} from "./digid.ts";

const saml = (c: string) => `urn:oasis:names:tc:SAML:2.0:ac:classes:${c}`;

describe("DigiD levels", () => {
  it.each([
    // level           two factors
    ["basis", false],
    ["midden", true],
    ["substantieel", true],
    ["hoog", true],
  ] as [DigidLevel, boolean][])("%s counts as two factors: %s", (level, two) => {
    expect(countsAsTwoFactors(level)).toBe(two);
  });

  it("lets a municipality require Midden or higher only", () => {
    expect(requirableLevels).toEqual(["midden", "substantieel", "hoog"]);
  });

  it.each([
    ["midden", "midden", true],
    ["substantieel", "midden", true],
    ["midden", "substantieel", false],
    ["hoog", "substantieel", true],
    ["basis", "midden", false],
  ] as [DigidLevel, DigidLevel, boolean][])("%s meets minimum %s: %s", (level, min, ok) => {
    expect(meetsLevel(level, min)).toBe(ok);
  });
});

describe("levelOfAcr with the common DigiD values", () => {
  it.each([
    [saml("PasswordProtectedTransport"), "basis"],
    [saml("MobileTwoFactorContract"), "midden"],
    [saml("Smartcard"), "substantieel"],
    [saml("SmartcardPKI"), "hoog"],
    ["urn:something:else", undefined],
    ["", undefined],
    [undefined, undefined],
    [42, undefined],
  ])("%s → %s", (acr, level) => {
    expect(levelOfAcr(acr, defaultAcrMapping)).toBe(level);
  });

  it("uses a municipality's own mapping, and the lower level when a value is listed twice", () => {
    const mapping = {
      basis: ["low", "both"],
      midden: ["http://eidas.europa.eu/LoA/low"],
      substantieel: ["http://eidas.europa.eu/LoA/substantial", "both"],
      hoog: [],
    };
    expect(levelOfAcr("http://eidas.europa.eu/LoA/substantial", mapping)).toBe("substantieel");
    expect(levelOfAcr("both", mapping)).toBe("basis");
    expect(levelOfAcr(saml("SmartcardPKI"), mapping)).toBeUndefined();
  });
});

describe("checkLevel", () => {
  it.each([
    // acr                                   minimum         outcome
    [saml("MobileTwoFactorContract"), "midden", "midden"],
    [saml("SmartcardPKI"), "midden", "hoog"],
    [saml("PasswordProtectedTransport"), "midden", "level_too_low"],
    [saml("MobileTwoFactorContract"), "substantieel", "level_too_low"],
    [saml("Smartcard"), "substantieel", "substantieel"],
    ["unknown", "midden", "level_unknown"],
    [undefined, "midden", "level_unknown"],
    // A minimum of basis (never stored: the database and the form refuse it) still refuses basis.
    [saml("PasswordProtectedTransport"), "basis", "level_too_low"],
  ] as [unknown, DigidLevel, string][])("%s at minimum %s → %s", (acr, minimum, expected) => {
    const result = checkLevel(acr, defaultAcrMapping, minimum);
    expect(result.ok ? result.level : result.reason).toBe(expected);
  });
});

describe("acrValuesToRequest", () => {
  const all = Object.values(defaultAcrMapping).flat();

  it("asks for the accepted levels, highest first, when the broker supports them", () => {
    expect(acrValuesToRequest(defaultAcrMapping, "midden", all)).toEqual([
      saml("SmartcardPKI"),
      saml("Smartcard"),
      saml("MobileTwoFactorContract"),
    ]);
    expect(acrValuesToRequest(defaultAcrMapping, "substantieel", all)).toEqual([
      saml("SmartcardPKI"),
      saml("Smartcard"),
    ]);
  });

  it("asks for nothing the broker does not list, and nothing when it lists none", () => {
    expect(acrValuesToRequest(defaultAcrMapping, "midden", [saml("Smartcard")])).toEqual([
      saml("Smartcard"),
    ]);
    expect(acrValuesToRequest(defaultAcrMapping, "midden", undefined)).toEqual([]);
    expect(acrValuesToRequest(defaultAcrMapping, "midden", [])).toEqual([]);
  });
});

describe("scopes", () => {
  it("splits typed values on any white space, once each", () => {
    expect(splitValues(" a b\n\nc  a ")).toEqual(["a", "b", "c"]);
    expect(splitValues(undefined)).toEqual([]);
  });

  it.each([
    ["openid", true],
    ["service:DigiD_Midden", true],
    ["urn:nl-eid-gdi:1.0:id:BSN", true],
    ['with"quote', false],
    ["back\\slash", false],
    ["tëst", false],
  ])("%s is a scope token: %s", (value, ok) => {
    expect(isScopeToken(value)).toBe(ok);
  });

  it("always asks for openid, once, before the configured scopes", () => {
    expect(digidScope(null)).toBe("openid");
    expect(digidScope("nl:bsn openid  idp:digid")).toBe("openid nl:bsn idp:digid");
  });
});

describe("linkedSubject", () => {
  const key = identityLinkKey("a session secret of at least thirty-two characters");
  const link = { issuer: "https://broker.example", organisationId: "org-a", subject: "123456782" };

  it("never contains the subject (which may be the BSN) and is stable", () => {
    const stored = linkedSubject(key, link);
    expect(stored).toMatch(/^hmac-sha256:[\w-]{43}$/);
    expect(stored).not.toContain("123456782");
    expect(linkedSubject(key, link)).toBe(stored);
  });

  it("differs per municipality, per issuer and per key", () => {
    const stored = linkedSubject(key, link);
    expect(linkedSubject(key, { ...link, organisationId: "org-b" })).not.toBe(stored);
    expect(linkedSubject(key, { ...link, issuer: "https://other.example" })).not.toBe(stored);
    const otherKey = identityLinkKey("another session secret, also thirty-two characters");
    expect(linkedSubject(otherKey, link)).not.toBe(stored);
  });
});
