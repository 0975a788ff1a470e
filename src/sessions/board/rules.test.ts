import { describe, expect, it } from "vitest";
import type { Actor } from "../../platform/authz/actor.ts";
import { type BoardSessionRef, boardPolicy } from "./policy.ts";
import {
  type BoardPhase,
  checkVote,
  jaccard,
  minutesLeft,
  normaliseJoinCode,
  secondsLeft,
  suggestGroups,
  tallyVotes,
} from "./rules.ts";

describe("dot vote budget", () => {
  it.each([
    // phase, kind, budget, used → refusal
    ["stemmen", "vraagstuk", 3, 0, null],
    ["stemmen", "vraagstuk", 3, 2, null],
    ["stemmen", "vraagstuk", 3, 3, "over_budget"],
    ["stemmen", "vraagstuk", 3, 7, "over_budget"],
    ["stemmen", "vraagstuk", 0, 0, "over_budget"],
    ["stemmen", "vraagstuk", 1, 0, null],
    ["stemmen", "sleutelinzicht", 3, 0, "not_vraagstuk"],
    ["stemmen", "groep", 3, 0, "not_vraagstuk"],
    ["luisteren", "vraagstuk", 3, 0, "phase"],
    ["actie", "vraagstuk", 3, 0, "phase"],
  ] as const)("%s, %s, budget %i, used %i → %s", (phase, groupKind, budget, used, expected) => {
    expect(checkVote({ phase, groupKind, budget, used })).toBe(expected);
  });

  it("tallies dots per vraagstuk and per role, most first", () => {
    const tally = tallyVotes(
      ["a", "b"],
      [
        { groupId: "b", role: "nieuwkomer" },
        { groupId: "b", role: "beleidsmaker" },
        { groupId: "b", role: "nieuwkomer" },
        { groupId: "a", role: "professional" },
        { groupId: "x", role: "professional" },
      ],
    );
    expect(tally).toEqual([
      { groupId: "b", total: 3, byRole: { nieuwkomer: 2, beleidsmaker: 1 } },
      { groupId: "a", total: 1, byRole: { professional: 1 } },
    ]);
  });
});

describe("join code and timer", () => {
  it.each([
    ["k7m2qx", "K7M2QX"],
    [" K7M 2QX ", "K7M2QX"],
    ["k7m-2qx", "K7M2QX"],
  ])("%j → %s", (input, code) => expect(normaliseJoinCode(input)).toBe(code));

  it("counts whole seconds down to zero, minutes rounded up", () => {
    const now = new Date("2026-05-01T10:00:00Z");
    expect(secondsLeft(null, now)).toBeNull();
    expect(secondsLeft(new Date("2026-05-01T10:05:00Z"), now)).toBe(300);
    expect(secondsLeft(new Date("2026-05-01T09:59:00Z"), now)).toBe(0);
    expect(minutesLeft(61)).toBe(2);
    expect(minutesLeft(60)).toBe(1);
  });
});

describe("suggested groups", () => {
  it("computes Jaccard similarity", () => {
    expect(jaccard(new Set(["a", "b"]), new Set(["b", "c"]))).toBeCloseTo(1 / 3);
    expect(jaccard(new Set(), new Set(["a"]))).toBe(0);
    expect(jaccard(new Set(["a"]), new Set(["a"]))).toBe(1);
  });

  it("clusters notes that share lexemes and leaves loners out", () => {
    const groups = suggestGroups([
      { id: "1", lexemes: ["taal", "werk", "stag"] },
      { id: "2", lexemes: ["taal", "werk", "begeleid"] },
      { id: "3", lexemes: ["huisart", "wacht"] },
      { id: "4", lexemes: ["huisart", "wacht", "tolk"] },
      { id: "5", lexemes: ["fiets"] },
      { id: "6", lexemes: [] },
    ]);
    expect(groups).toEqual([
      { noteIds: ["1", "2"], commonLexemes: ["taal", "werk"] },
      { noteIds: ["3", "4"], commonLexemes: ["huisart", "wacht"] },
    ]);
  });
});

describe("board policy", () => {
  const session: BoardSessionRef = {
    id: "s1",
    organisationId: "org",
    phase: "luisteren",
    participantsMayGroup: false,
    voteBudget: 2,
  };
  const staff = (roles: Actor["roles"], organisationId = "org"): Actor => ({
    kind: "staff",
    roles,
    organisationId,
    mfa: true,
  });
  const facilitator = staff(["procesbegeleider"]);
  const anon: Actor = { kind: "anonymous", roles: [], mfa: false };
  const me = { id: "p1", sessionId: "s1" };
  const elsewhere = { id: "p9", sessionId: "s2" };
  const myNote = { sessionId: "s1", participantId: "p1" };
  const theirNote = { sessionId: "s1", participantId: "p2" };

  it.each([
    ["facilitator facilitates", facilitator, "board.facilitate", session, true],
    [
      "consultant of same organisation does not",
      staff(["consulent"]),
      "board.facilitate",
      session,
      false,
    ],
    [
      "procesbegeleider elsewhere does not",
      staff(["procesbegeleider"], "other"),
      "board.facilitate",
      session,
      false,
    ],
    ["participant posts while listening", anon, "note.post", { session, participant: me }, true],
    [
      "participant of another session cannot post",
      anon,
      "note.post",
      { session, participant: elsewhere },
      false,
    ],
    ["nobody without a cookie posts", anon, "note.post", { session, participant: null }, false],
    [
      "no notes before the session opens",
      anon,
      "note.post",
      { session: { ...session, phase: "voorbereiding" as BoardPhase }, participant: me },
      false,
    ],
    [
      "writer reveals own note",
      anon,
      "note.reveal",
      { session, participant: me, note: myNote },
      true,
    ],
    [
      "participant cannot reveal another's note",
      anon,
      "note.reveal",
      { session, participant: me, note: theirNote },
      false,
    ],
    [
      "facilitator reveals any note",
      facilitator,
      "note.reveal",
      { session, participant: null, note: theirNote },
      true,
    ],
    [
      "participant cannot hide (moderate)",
      anon,
      "note.hide",
      { session, participant: me, note: myNote },
      false,
    ],
    [
      "facilitator hides",
      facilitator,
      "note.hide",
      { session, participant: null, note: theirNote },
      true,
    ],
    [
      "participant groups only when allowed",
      anon,
      "group.arrange",
      { session, participant: me },
      false,
    ],
    [
      "participant groups when allowed",
      anon,
      "group.arrange",
      { session: { ...session, participantsMayGroup: true }, participant: me },
      true,
    ],
    [
      "vote within budget",
      anon,
      "vote.cast",
      {
        session: { ...session, phase: "stemmen" as BoardPhase },
        participant: me,
        groupKind: "vraagstuk" as const,
        used: 1,
      },
      true,
    ],
    [
      "vote over budget refused",
      anon,
      "vote.cast",
      {
        session: { ...session, phase: "stemmen" as BoardPhase },
        participant: me,
        groupKind: "vraagstuk" as const,
        used: 2,
      },
      false,
    ],
    [
      "participant writes actions in the action phase",
      anon,
      "action.create",
      { session: { ...session, phase: "actie" as BoardPhase }, participant: me },
      true,
    ],
    ["not while listening", anon, "action.create", { session, participant: me }, false],
  ] as const)("%s", (_name, actor, action, resource, allowed) => {
    expect(boardPolicy.can(actor, action as never, resource as never)).toBe(allowed);
  });
});
