import { describe, expect, it } from "vitest";
import {
  addDays,
  historyByDay,
  progressForGoals,
  reminderDue,
  type ScheduledReview,
  scheduleChanges,
  type Trend,
  trendOf,
} from "./rules.ts";

describe("scheduleChanges: a set plan version's schedule becomes review rows", () => {
  const open = (id: string, dueOn: string): ScheduledReview => ({ id, dueOn, held: false });
  const held = (id: string, dueOn: string): ScheduledReview => ({ id, dueOn, held: true });
  const dates = (...d: string[]) => d.map((dueOn) => ({ dueOn }));

  it.each([
    [
      "a first plan: every date gets a row",
      [],
      dates("2026-06-01", "2026-03-01"),
      { keep: [], add: ["2026-03-01", "2026-06-01"], remove: [] },
    ],
    [
      "the same schedule again changes nothing",
      [open("a", "2026-03-01"), open("b", "2026-06-01")],
      dates("2026-03-01", "2026-06-01"),
      { keep: ["a", "b"], add: [], remove: [] },
    ],
    [
      "a date moved: the old row goes, a new one comes",
      [open("a", "2026-03-01")],
      dates("2026-04-01"),
      { keep: [], add: ["2026-04-01"], remove: ["a"] },
    ],
    [
      "a held review stays history and its date is not added again",
      [held("h", "2026-03-01"), open("b", "2026-06-01")],
      dates("2026-03-01", "2026-06-01", "2026-09-01"),
      { keep: ["b"], add: ["2026-09-01"], remove: [] },
    ],
    [
      "a schedule without dates removes the open reviews only",
      [held("h", "2026-03-01"), open("b", "2026-06-01")],
      [],
      { keep: [], add: [], remove: ["b"] },
    ],
    [
      "a date named twice gets one row",
      [],
      dates("2026-03-01", "2026-03-01"),
      { keep: [], add: ["2026-03-01"], remove: [] },
    ],
    [
      "two open rows on one date: one stays",
      [open("a", "2026-03-01"), open("b", "2026-03-01")],
      dates("2026-03-01"),
      { keep: ["a"], add: [], remove: ["b"] },
    ],
  ] as const)("%s", (_, existing, schedule, expected) => {
    expect(scheduleChanges(existing, schedule)).toEqual(expected);
  });
});

describe("reminderDue: from N days before up to the day itself", () => {
  it.each([
    ["2026-03-10", "2026-03-03", 7, true],
    ["2026-03-11", "2026-03-03", 7, false],
    ["2026-03-03", "2026-03-03", 7, true],
    ["2026-03-02", "2026-03-03", 7, false],
    ["2026-03-05", "2026-03-03", 0, false],
    ["2026-03-03", "2026-03-03", 0, true],
    ["2026-04-02", "2026-03-03", 30, true],
  ] as const)("due %s, today %s, %i days → %s", (dueOn, today, days, expected) => {
    expect(reminderDue(dueOn, today, days)).toBe(expected);
  });

  it("counts days across month ends and leap days", () => {
    expect(addDays("2028-02-25", 7)).toBe("2028-03-03");
    expect(addDays("2026-12-28", 7)).toBe("2027-01-04");
  });
});

describe("trendOf: a score series in words", () => {
  it.each<[string, (number | null)[], Trend]>([
    ["no scores", [null, null], { kind: "none" }],
    ["one score", [null, 3], { kind: "single", value: 3 }],
    ["rising", [2, null, 3, 4], { kind: "up", first: 2, last: 4, count: 3 }],
    ["falling", [4, 2], { kind: "down", first: 4, last: 2, count: 2 }],
    ["back where it started", [3, 5, 3], { kind: "same", first: 3, last: 3, count: 3 }],
  ])("%s", (_, values, expected) => {
    expect(trendOf(values)).toEqual(expected);
  });
});

describe("historyByDay", () => {
  it("keeps the latest scoring of a day, oldest day first", () => {
    const p = (scoredOn: string, c: number) => ({
      scoredOn,
      consultantScore: c,
      newcomerScore: null,
      source: "review" as const,
    });
    expect(historyByDay([p("2026-05-01", 2), p("2026-01-01", 1), p("2026-05-01", 3)])).toEqual([
      p("2026-01-01", 1),
      p("2026-05-01", 3),
    ]);
  });
});

describe("progressForGoals", () => {
  it("follows the plan's goals in order and drops progress on goals it does not have", () => {
    const recorded = [
      { goalId: "b", progress: "achter" as const },
      { goalId: "x", progress: "behaald" as const },
      { goalId: "a", progress: "op_schema" as const, note: "Goed bezig" },
    ];
    expect(progressForGoals(["a", "b", "c"], recorded)).toEqual([
      { goalId: "a", progress: "op_schema", note: "Goed bezig" },
      { goalId: "b", progress: "achter" },
    ]);
  });
});
