import { describe, expect, it } from "vitest";
import {
  bearerToken,
  dutchDate,
  expiryAfterDate,
  formatToken,
  looksLikeToken,
  shouldRecordUse,
  tokenPrefix,
  tokenState,
} from "./rules.ts";

const secret = "Ab_-0123456789abcdefghijklmnopqrstuvwxyzABC"; // 43 characters, "_" and "-" included

describe("token format", () => {
  it("recognises koers_<prefix>_<secret>, whose secret may itself contain _", () => {
    const token = formatToken("abcd2345", secret);
    expect(token).toBe(`koers_abcd2345_${secret}`);
    expect(looksLikeToken(token)).toBe(true);
    expect(tokenPrefix(token)).toBe("abcd2345");
  });

  it.each([
    ["a short secret", `koers_abcd2345_${secret.slice(1)}`],
    ["a prefix with a confusable letter", `koers_abcd234l_${secret}`],
    ["another product's prefix", `ghp_abcd2345_${secret}`],
    ["trailing text", `koers_abcd2345_${secret} x`],
  ])("refuses %s", (_, token) => {
    expect(looksLikeToken(token)).toBe(false);
  });
});

describe("bearerToken", () => {
  it.each([
    ["Bearer abc", "abc"],
    ["bearer abc", "abc"],
    ["Bearer   abc  ", "abc"],
    ["Basic abc", undefined],
    ["Bearer", undefined],
    ["Bearer a b", undefined],
    [undefined, undefined],
  ])("reads %j as %j", (header, token) => {
    expect(bearerToken(header)).toBe(token);
  });
});

describe("tokenState", () => {
  const now = new Date("2026-06-01T12:00:00Z");
  const before = new Date("2026-06-01T11:00:00Z");
  const after = new Date("2026-06-01T13:00:00Z");

  it.each([
    [{ revokedAt: null, expiresAt: null }, "active"],
    [{ revokedAt: null, expiresAt: after }, "active"],
    [{ revokedAt: null, expiresAt: now }, "expired"],
    [{ revokedAt: before, expiresAt: null }, "revoked"],
    [{ revokedAt: before, expiresAt: before }, "revoked"],
  ] as const)("%j is %s", (token, state) => {
    expect(tokenState(token, now)).toBe(state);
  });
});

describe("shouldRecordUse", () => {
  const now = new Date("2026-06-01T12:00:00Z");
  it("writes the first use and then at most once a minute", () => {
    expect(shouldRecordUse(null, now)).toBe(true);
    expect(shouldRecordUse(new Date(now.getTime() - 59_000), now)).toBe(false);
    expect(shouldRecordUse(new Date(now.getTime() - 60_000), now)).toBe(true);
  });
});

describe("expiryAfterDate", () => {
  it.each([
    ["2026-01-15", "2026-01-15T23:00:00.000Z"], // winter time, UTC+1
    ["2026-07-15", "2026-07-15T22:00:00.000Z"], // summer time, UTC+2
    ["2026-03-28", "2026-03-28T23:00:00.000Z"], // the night summer time starts (at 02:00)
    ["2026-10-24", "2026-10-24T22:00:00.000Z"], // the night summer time ends (at 03:00)
    ["2026-12-31", "2026-12-31T23:00:00.000Z"], // into the next year
  ])("a token valid through %s expires at the next Dutch midnight, %s", (date, instant) => {
    expect(expiryAfterDate(date).toISOString()).toBe(instant);
  });

  it("agrees with dutchDate: the last moment still falls on the chosen date", () => {
    const expiry = expiryAfterDate("2026-07-15");
    expect(dutchDate(new Date(expiry.getTime() - 1))).toBe("2026-07-15");
    expect(dutchDate(expiry)).toBe("2026-07-16");
  });
});
