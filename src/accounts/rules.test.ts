import { describe, expect, it } from "vitest";
import {
  LOCKOUT,
  lockAfterFailure,
  passwordProblem,
  requiresSecondFactor,
  sessionExpired,
  throttle,
} from "./rules.ts";

const minute = 60_000;
const hour = 60 * minute;
const now = Date.UTC(2025, 0, 15, 12, 0, 0);
const limits = { idleMinutes: 30, absoluteHours: 12 };

describe("sessionExpired", () => {
  it.each([
    // signed in,        last request,       → expired?
    [now - 1 * hour, now - 1 * minute, false],
    [now - 1 * hour, now - 30 * minute, false],
    [now - 1 * hour, now - 30 * minute - 1, "idle"],
    [now - 1 * hour, now - 2 * hour, "idle"],
    [now - 12 * hour, now, false],
    [now - 12 * hour - 1, now, "absolute"],
    // Both limits passed: the absolute one is named (signing in again is the only way on).
    [now - 13 * hour, now - 1 * hour, "absolute"],
    // A session without timestamps (not signed in yet) does not time out here.
    [undefined, undefined, false],
    [undefined, now - 31 * minute, "idle"],
    [now - 13 * hour, undefined, "absolute"],
  ] as const)("created %s, last seen %s → %s", (createdAt, lastSeenAt, expected) => {
    expect(sessionExpired({ createdAt, lastSeenAt }, now, limits)).toBe(expected);
  });

  it("follows the configured limits", () => {
    const session = { createdAt: now - 2 * hour, lastSeenAt: now - 2 * minute };
    expect(sessionExpired(session, now, { idleMinutes: 1, absoluteHours: 12 })).toBe("idle");
    expect(sessionExpired(session, now, { idleMinutes: 30, absoluteHours: 1 })).toBe("absolute");
    expect(sessionExpired(session, now, { idleMinutes: 30, absoluteHours: 12 })).toBe(false);
  });
});

describe("throttle", () => {
  const at = new Date(now);
  it.each([
    // account failures, address failures, locked until, → refused, delay
    [0, 0, null, false, 0],
    [1, 1, null, false, LOCKOUT.delayStepMs],
    [4, 4, null, false, 4 * LOCKOUT.delayStepMs],
    [0, 8, null, false, 2 * LOCKOUT.delayStepMs],
    [20, 20, null, true, LOCKOUT.delayCapMs],
    [0, LOCKOUT.addressFailures - 1, null, false, 4 * LOCKOUT.delayStepMs],
    [0, LOCKOUT.addressFailures, null, true, 5 * LOCKOUT.delayStepMs],
    [0, 0, new Date(now + minute), true, 0],
    [0, 0, new Date(now - minute), false, 0],
  ] as const)(
    "%i/%i failures, locked until %s → refused %s, wait %i ms",
    (accountFailures, addressFailures, lockedUntil, refused, delayMs) => {
      const d = throttle({ accountFailures, addressFailures }, lockedUntil, at);
      expect(d.refused).toBe(refused);
      expect(d.delayMs).toBe(delayMs);
    },
  );

  it("says why it refuses", () => {
    expect(
      throttle({ accountFailures: 0, addressFailures: 0 }, new Date(now + 1), at),
    ).toMatchObject({
      accountLocked: true,
      addressBlocked: false,
    });
    expect(throttle({ accountFailures: 0, addressFailures: 25 }, null, at)).toMatchObject({
      accountLocked: false,
      addressBlocked: true,
    });
  });
});

describe("lockAfterFailure", () => {
  it("locks at the fifth failure in the window, for the lock period", () => {
    const at = new Date(now);
    expect(lockAfterFailure(LOCKOUT.accountFailures - 1, at)).toBeNull();
    expect(lockAfterFailure(LOCKOUT.accountFailures, at)).toEqual(
      new Date(now + LOCKOUT.lockMinutes * minute),
    );
    expect(lockAfterFailure(LOCKOUT.accountFailures + 3, at)).not.toBeNull();
  });
});

describe("passwordProblem", () => {
  it.each([
    ["kort", "a@b.nl", "validation:passwordTooShort"],
    ["elf tekens!", "a@b.nl", "validation:passwordTooShort"],
    ["twaalf teken", "a@b.nl", null],
    ["x".repeat(201), "a@b.nl", "validation:tooLong"],
    ["Lange.Naam@Voorbeeld.nl", "lange.naam@voorbeeld.nl", "validation:passwordIsEmail"],
    ["correct horse battery staple", "a@b.nl", null],
  ])("%j for %s → %s", (password, email, problem) => {
    expect(passwordProblem(password, email)).toBe(problem);
  });
});

describe("requiresSecondFactor", () => {
  it.each([
    [["consulent"], true],
    [["beheerder"], true],
    [["sleutelpersoon"], true],
    [["nieuwkomer"], false],
    [["nieuwkomer", "sleutelpersoon"], true],
    [[], false],
  ] as const)("%j → %s", (roles, expected) => {
    expect(requiresSecondFactor(roles)).toBe(expected);
  });
});
