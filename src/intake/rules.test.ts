import { describe, expect, it } from "vitest";
import {
  ageOn,
  type BasisFlags,
  type BasisItem,
  basisOpOrde,
  dutiesStatus,
  type EnforcementStep,
  fineFor,
  type HouseholdMember,
  highestEducationLevel,
  type IntakePart,
  type IntakeProgress,
  type LatestScores,
  missingForCompletion,
  nextEnforcementStep,
  todayInNetherlands,
  withoutPartnerDutyApplies,
  youngChildren,
} from "./rules.ts";

const view = (consultantScore: number | null, newcomerScore: number | null) => ({
  consultantScore,
  newcomerScore,
});

describe("basisOpOrde", () => {
  it.each<[string, LatestScores, BasisFlags, BasisItem[]]>([
    ["nothing scored, nothing flagged", {}, {}, []],
    [
      "all basis domains fine",
      { huisvesting: view(4, 5), inkomen: view(3, 3), zorgverzekering: view(5, 5) },
      {},
      [],
    ],
    ["housing 2 by the consultant", { huisvesting: view(2, 4) }, {}, ["huisvesting"]],
    ["income 1 in the newcomer's own view only", { inkomen: view(4, 1) }, {}, ["inkomen"]],
    [
      "health insurance exactly at the limit",
      { zorgverzekering: view(null, 2) },
      {},
      ["zorgverzekering"],
    ],
    ["3 is above the limit", { zorgverzekering: view(3, 3) }, {}, []],
    [
      "a low score in another domain is not basis",
      { taal: view(1, 1), financien: view(1, 1) },
      {},
      [],
    ],
    ["acute debts", {}, { acuteDebts: true }, ["financien"]],
    ["acute health need", {}, { acuteHealthNeeds: true }, ["gezondheid"]],
    [
      "everything, in plan order",
      { zorgverzekering: view(1, 1), huisvesting: view(2, 2), inkomen: view(null, 1) },
      { acuteHealthNeeds: true, acuteDebts: true },
      ["huisvesting", "inkomen", "zorgverzekering", "financien", "gezondheid"],
    ],
    ["unscored views do not flag", { huisvesting: view(null, null) }, { acuteDebts: false }, []],
  ])("%s", (_case, scores, flags, expected) => {
    expect(basisOpOrde(scores, flags)).toEqual(expected);
  });
});

describe("ageOn", () => {
  it.each([
    ["2020-05-10", "2024-05-09", 3],
    ["2020-05-10", "2024-05-10", 4],
    ["2020-02-29", "2024-02-28", 3],
    ["2020-12-31", "2021-01-01", 0],
  ])("born %s, on %s → %i", (birth, day, age) => {
    expect(ageOn(birth, day)).toBe(age);
  });
});

describe("youngChildren (vve duty)", () => {
  const today = "2025-06-01";
  const kind = (birthDate: string | null): HouseholdMember => ({ relation: "kind", birthDate });
  const partner: HouseholdMember = { relation: "partner", birthDate: "1990-01-01" };
  it.each<[string, HouseholdMember[], boolean | null, boolean | "onbekend"]>([
    ["a child of 3", [partner, kind("2022-01-01")], null, true],
    ["a child turning 4 tomorrow is still young", [kind("2021-06-02")], null, true],
    ["a child of exactly 4 is not", [kind("2021-06-01")], null, false],
    ["a child under 4 wins over the consultant's no", [kind("2023-01-01")], false, true],
    ["only older children", [kind("2010-01-01"), kind("2015-03-03")], null, false],
    ["a partner only", [partner], null, false],
    ["a child without birth date: ask", [kind(null)], null, "onbekend"],
    ["a child without birth date, consultant says yes", [kind(null)], true, true],
    ["household not recorded: ask", [], null, "onbekend"],
    ["household not recorded, consultant says no", [], false, false],
  ])("%s", (_case, household, answer, expected) => {
    expect(youngChildren(household, today, answer)).toBe(expected);
  });
});

describe("withoutPartnerDutyApplies", () => {
  it.each<[string, HouseholdMember[], boolean, boolean]>([
    ["a partner in the household", [{ relation: "partner", birthDate: null }], false, true],
    ["the partner came to a conversation", [{ relation: "kind", birthDate: null }], true, true],
    ["household not recorded: offer to be safe", [], false, true],
    ["a recorded household without partner", [{ relation: "kind", birthDate: null }], false, false],
  ])("%s", (_case, household, attended, expected) => {
    expect(withoutPartnerDutyApplies(household, attended)).toBe(expected);
  });
});

describe("dutiesStatus", () => {
  it.each([
    [true, null, true, null, { vve: "open", withoutPartner: "open" }],
    [true, "2025-01-01", true, "2025-01-02", { vve: "gedaan", withoutPartner: "gedaan" }],
    ["onbekend", null, false, null, { vve: "navragen", withoutPartner: "nvt" }],
    [false, null, false, null, { vve: "nvt", withoutPartner: "nvt" }],
    [false, "2025-01-01", false, "2025-01-01", { vve: "gedaan", withoutPartner: "gedaan" }],
  ] as const)("children %s, told %s, partner %s, offered %s", (yc, told, applies, offered, out) => {
    expect(
      dutiesStatus({
        youngChildren: yc,
        vveInformedOn: told,
        withoutPartnerApplies: applies,
        withoutPartnerOfferedOn: offered,
      }),
    ).toEqual(out);
  });
});

describe("the non-cooperation ladder", () => {
  it.each<[EnforcementStep[], EnforcementStep | null]>([
    [[], "uitnodiging"],
    [["uitnodiging"], "tweede_uitnodiging_waarschuwing"],
    [["uitnodiging", "tweede_uitnodiging_waarschuwing"], "eerste_boete_derde_uitnodiging"],
    [
      ["uitnodiging", "tweede_uitnodiging_waarschuwing", "eerste_boete_derde_uitnodiging"],
      "tweede_boete",
    ],
    [
      [
        "uitnodiging",
        "tweede_uitnodiging_waarschuwing",
        "eerste_boete_derde_uitnodiging",
        "tweede_boete",
      ],
      null,
    ],
    // Steps recorded out of order (e.g. the first invitation went by post before Koers): the furthest counts.
    [["tweede_uitnodiging_waarschuwing"], "eerste_boete_derde_uitnodiging"],
    [["eerste_boete_derde_uitnodiging", "uitnodiging"], "tweede_boete"],
  ])("after %j comes %s", (taken, next) => {
    expect(nextEnforcementStep(taken)).toBe(next);
  });

  it.each<[EnforcementStep, number | null]>([
    ["uitnodiging", null],
    ["tweede_uitnodiging_waarschuwing", null],
    ["eerste_boete_derde_uitnodiging", 25000],
    ["tweede_boete", 25000],
  ])("%s carries a fine of %s cents", (step, amount) => {
    expect(fineFor(step, 25000)).toBe(amount);
  });

  it("uses the configured amount", () => {
    expect(fineFor("tweede_boete", 30000)).toBe(30000);
  });
});

describe("highestEducationLevel", () => {
  it.each([
    [[], null],
    [["geen"], "geen"],
    [["beroeps", "basis", "voortgezet"], "beroeps"],
    [["universitair", "hoger_beroeps"], "universitair"],
  ] as const)("%j → %s", (levels, expected) => {
    expect(highestEducationLevel(levels)).toBe(expected);
  });
});

describe("missingForCompletion", () => {
  const complete: IntakeProgress = {
    conversations: 2,
    learnability: "afgenomen",
    educationAndWorkEntries: 1,
    circumstancesRecorded: true,
    scoredDomains: ["huisvesting", "inkomen", "zorgverzekering"],
  };
  it.each<[string, Partial<IntakeProgress>, IntakePart[]]>([
    ["complete", {}, []],
    ["not taken, with a reason, is complete too", { learnability: "niet_afgenomen" }, []],
    ["a planned test is not enough", { learnability: "gepland" }, ["leerbaarheidstoets"]],
    ["no conversation", { conversations: 0 }, ["gesprek"]],
    ["no education or work entry", { educationAndWorkEntries: 0 }, ["opleiding_werk"]],
    [
      "a basis domain unscored",
      { scoredDomains: ["huisvesting", "inkomen", "taal"] },
      ["basisdomeinen"],
    ],
    [
      "nothing yet",
      {
        conversations: 0,
        learnability: null,
        educationAndWorkEntries: 0,
        circumstancesRecorded: false,
        scoredDomains: [],
      },
      ["gesprek", "leerbaarheidstoets", "opleiding_werk", "omstandigheden", "basisdomeinen"],
    ],
  ])("%s", (_case, change, expected) => {
    expect(missingForCompletion({ ...complete, ...change })).toEqual(expected);
  });
});

describe("todayInNetherlands", () => {
  it("counts in Dutch time: 23:30 UTC on 31 December is already New Year in Amsterdam", () => {
    expect(todayInNetherlands(new Date("2024-12-31T23:30:00Z"))).toBe("2025-01-01");
  });
});
