import { describe, expect, it } from "vitest";
import { type TargetGroup, targetGroups } from "../newcomers/index.ts";
import {
  type AdviceInput,
  adviseRoute,
  ageOn,
  checkRouteChange,
  componentsFor,
  decodeReason,
  encodeReason,
  learnabilityLevel,
  mayTake,
  periodEnd,
  type RouteComponents,
  routeChangeAllowed,
  routeChangeDeadline,
  termEnd,
  termStart,
} from "./rules.ts";
import type { Leerroute } from "./schema.ts";

describe("learnabilityLevel", () => {
  it.each([
    [{ score: 100 }, "hoog"],
    [{ score: 60 }, "hoog"],
    [{ score: 59 }, "midden"],
    [{ score: 30 }, "midden"],
    [{ score: 29 }, "laag"],
    [{ score: 0 }, "laag"],
    [{ indication: "Hoog" }, "hoog"],
    [{ indication: " laag " }, "laag"],
    [{ indication: "gemiddeld" }, "midden"],
    [{ indication: "iets anders" }, "onbekend"],
    [{}, "onbekend"],
    [{ score: 80, indication: "laag" }, "hoog"],
    [{ notTaken: true, score: 80 }, "niet_afgenomen"],
  ] as const)("%o → %s", (lbt, level) => {
    expect(learnabilityLevel(lbt)).toBe(level);
  });

  it("uses the thresholds it is given", () => {
    expect(
      learnabilityLevel({ score: 55 }, { onderwijsMaxAge: 28, goodScore: 50, lowScore: 20 }),
    ).toBe("hoog");
  });
});

describe("adviseRoute", () => {
  const base: AdviceInput = {
    age: 24,
    learnability: { score: 75 },
    education: "voortgezet",
    literacy: "geletterd",
    latinScript: true,
  };
  const keys = (input: AdviceInput) =>
    adviseRoute(input).reasons.map((r) => r.key.replace("plans:advice.reason.", ""));

  it.each<[string, Partial<AdviceInput>, Leerroute]>([
    ["young, good result, secondary education", {}, "onderwijs"],
    ["young, good result, university", { education: "universitair" }, "onderwijs"],
    ["27 is still young", { age: 27 }, "onderwijs"],
    ["28 is not", { age: 28 }, "b1"],
    ["older", { age: 45 }, "b1"],
    ["age unknown", { age: undefined }, "b1"],
    ["young, average result", { learnability: { score: 45 } }, "b1"],
    ["young, good result, primary education only", { education: "basis" }, "b1"],
    ["young, good result, education unknown", { education: undefined }, "b1"],
    ["young, indication high", { learnability: { indication: "hoog" } }, "onderwijs"],
    ["low result", { learnability: { score: 12 } }, "zelfredzaamheid"],
    [
      "low result, even with a degree",
      { learnability: { score: 20 }, education: "universitair" },
      "zelfredzaamheid",
    ],
    ["low indication", { learnability: { indication: "laag" } }, "zelfredzaamheid"],
    [
      "not literate, no education",
      { literacy: "niet_geletterd", education: "geen", learnability: {} },
      "zelfredzaamheid",
    ],
    [
      "not literate, primary education",
      { literacy: "niet_geletterd", education: "basis", learnability: { score: 40 } },
      "zelfredzaamheid",
    ],
    [
      "not literate, but secondary education",
      { literacy: "niet_geletterd", learnability: { score: 40 } },
      "b1",
    ],
    [
      "not literate, education unknown",
      { literacy: "niet_geletterd", education: undefined, learnability: {} },
      "b1",
    ],
    [
      "not tested (sensory impairment), little education",
      { learnability: { notTaken: true }, education: "geen" },
      "zelfredzaamheid",
    ],
    ["not tested, secondary education", { learnability: { notTaken: true } }, "b1"],
    [
      "limited literacy, primary education, average result",
      { literacy: "beperkt_geletterd", education: "basis", learnability: { score: 40 } },
      "b1",
    ],
    ["no test result yet", { learnability: {} }, "b1"],
    ["not in the Latin script: still onderwijsroute", { latinScript: false }, "onderwijs"],
  ])("%s → %s", (_, change, route) => {
    expect(adviseRoute({ ...base, ...change }).route).toBe(route);
  });

  it("explains an onderwijsroute advice with the test, the education and the age limit", () => {
    const advice = adviseRoute(base);
    expect(advice.reasons).toEqual([
      {
        key: "plans:advice.reason.lbtScore.hoog",
        values: { score: 75, goodScore: 60, lowScore: 30 },
      },
      { key: "plans:advice.reason.educationSecondary", values: { level: "voortgezet" } },
      { key: "plans:advice.reason.young", values: { age: 24, maxAge: 28 } },
    ]);
  });

  it.each<[string, Partial<AdviceInput>, string[]]>([
    ["low score", { learnability: { score: 10 } }, ["lbtScore.laag"]],
    [
      "not literate",
      { literacy: "niet_geletterd", education: "geen", learnability: {} },
      ["lbtUnknown", "notLiterate", "educationLittle"],
    ],
    [
      "not tested",
      { learnability: { notTaken: true }, education: "basis" },
      ["lbtNotTaken", "educationLittle"],
    ],
    ["older", { age: 40 }, ["lbtScore.hoog", "educationSecondary", "ageAbove"]],
    [
      "age unknown",
      { age: undefined, learnability: { indication: "midden" } },
      ["lbtIndication.midden", "educationSecondary", "ageUnknown"],
    ],
    [
      "young, average",
      { learnability: { score: 50 } },
      ["lbtScore.midden", "educationSecondary", "youngButNotOnderwijs"],
    ],
    [
      "education unknown",
      { education: undefined },
      ["lbtScore.hoog", "educationUnknown", "youngButNotOnderwijs"],
    ],
    [
      "not literate with secondary education",
      { literacy: "niet_geletterd", learnability: { score: 40 }, age: 35 },
      ["lbtScore.midden", "educationSecondary", "ageAbove", "notLiterateB1"],
    ],
    [
      "Latin script to learn",
      { latinScript: false, age: 50 },
      ["lbtScore.hoog", "educationSecondary", "ageAbove", "latinScriptFirst"],
    ],
  ])("gives its reasons in plain words: %s", (_, change, expected) => {
    expect(keys({ ...base, ...change })).toEqual(expected);
  });

  it("takes other thresholds when a municipality sets them", () => {
    const th = { onderwijsMaxAge: 30, goodScore: 70, lowScore: 40 };
    expect(adviseRoute({ ...base, age: 29 }, th).route).toBe("onderwijs");
    expect(adviseRoute({ ...base, learnability: { score: 35 } }, th).route).toBe("zelfredzaamheid");
    expect(adviseRoute({ ...base, learnability: { score: 65 } }, th).route).toBe("b1");
  });

  it("stores reasons as strings and reads them back", () => {
    for (const r of adviseRoute(base).reasons) expect(decodeReason(encodeReason(r))).toEqual(r);
    expect(decodeReason("plans:advice.reason.lbtUnknown")).toEqual({
      key: "plans:advice.reason.lbtUnknown",
    });
    expect(decodeReason("plans:x {broken")).toEqual({ key: "plans:x" });
  });
});

describe("ageOn", () => {
  it.each([
    ["2000-06-15", "2024-06-14", 23],
    ["2000-06-15", "2024-06-15", 24],
    ["2000-02-29", "2024-02-28", 23],
    ["2000-02-29", "2024-02-29", 24],
    ["1996-12-31", "2024-01-01", 27],
  ])("born %s, on %s: %i", (birth, today, age) => {
    expect(ageOn(birth, today)).toBe(age);
  });
});

describe("componentsFor", () => {
  // Every route × target group × social assistance. Written out, not derived: the table is the spec.
  const asylum = (g: TargetGroup) => g === "asielstatushouder";
  const expected = (
    route: Leerroute,
    group: TargetGroup,
    assistance: boolean | null,
  ): RouteComponents => {
    const ontzorgen = asylum(group) && assistance === true;
    return {
      knm: true,
      pvt: { applies: true, minimumHours: 12 },
      map: { applies: route !== "onderwijs", minimumHours: 40 },
      ...(route === "zelfredzaamheid"
        ? { zRouteHours: { course: 800, participation: asylum(group) ? 800 : 0 } }
        : {}),
      ontzorgen: ontzorgen
        ? { applies: true, months: 6, costs: ["huur", "energie", "water", "zorgverzekering"] }
        : { applies: false, months: 0, costs: [] },
      paidBy: asylum(group) ? "gemeente" : "inburgeraar_duo_lening",
      a2Option:
        route === "b1"
          ? { available: true, perExamPart: true, minimumEffortHours: 600 }
          : { available: false, perExamPart: false, minimumEffortHours: 0 },
    };
  };
  const routes: Leerroute[] = ["b1", "onderwijs", "zelfredzaamheid"];
  const cases = routes.flatMap((route) =>
    targetGroups.flatMap((group) =>
      [true, false, null].map((assistance) => [route, group, assistance] as const),
    ),
  );

  it("covers all 36 combinations", () => expect(cases).toHaveLength(36));

  it.each(cases)("%s, %s, social assistance %s", (route, targetGroup, socialAssistance) => {
    expect(componentsFor({ route, targetGroup, socialAssistance })).toEqual(
      expected(route, targetGroup, socialAssistance),
    );
  });

  it.each<[string, Parameters<typeof componentsFor>[0], Partial<RouteComponents>]>([
    [
      "asylum permit holder on social assistance in the B1-route: ontzorgen, municipality pays, A2 option",
      { route: "b1", targetGroup: "asielstatushouder", socialAssistance: true },
      {
        map: { applies: true, minimumHours: 40 },
        ontzorgen: {
          applies: true,
          months: 6,
          costs: ["huur", "energie", "water", "zorgverzekering"],
        },
        paidBy: "gemeente",
        a2Option: { available: true, perExamPart: true, minimumEffortHours: 600 },
      },
    ],
    [
      "family migrant in the onderwijsroute: no MAP, no ontzorgen, DUO loan",
      { route: "onderwijs", targetGroup: "gezinsvormer", socialAssistance: true },
      {
        map: { applies: false, minimumHours: 40 },
        ontzorgen: { applies: false, months: 0, costs: [] },
        paidBy: "inburgeraar_duo_lening",
      },
    ],
    [
      "other migrant in the Z-route: course hours but no participation part",
      { route: "zelfredzaamheid", targetGroup: "overige_migrant" },
      { zRouteHours: { course: 800, participation: 0 }, paidBy: "inburgeraar_duo_lening" },
    ],
    [
      "asylum permit holder without social assistance in the Z-route: 800 + 800, no ontzorgen",
      { route: "zelfredzaamheid", targetGroup: "asielstatushouder", socialAssistance: false },
      {
        zRouteHours: { course: 800, participation: 800 },
        ontzorgen: { applies: false, months: 0, costs: [] },
        a2Option: { available: false, perExamPart: false, minimumEffortHours: 0 },
      },
    ],
  ])("%s", (_, input, parts) => {
    expect(componentsFor(input)).toMatchObject(parts);
  });
});

describe("term dates", () => {
  it.each([
    // first PIP, term starts, term ends (last day), route change until (last day)
    ["2024-03-10", "2024-03-11", "2027-03-10", "2025-09-10"],
    ["2024-02-28", "2024-02-29", "2027-02-28", "2025-08-28"],
    ["2024-02-29", "2024-03-01", "2027-02-28", "2025-08-31"],
    ["2023-12-30", "2023-12-31", "2026-12-30", "2025-06-30"],
    ["2023-12-31", "2024-01-01", "2026-12-31", "2025-06-30"],
    ["2025-08-30", "2025-08-31", "2028-08-30", "2027-02-28"],
  ])("first PIP %s: starts %s, ends %s, route change until %s", (first, start, end, change) => {
    expect(termStart(first)).toBe(start);
    expect(termEnd(first)).toBe(end);
    expect(routeChangeDeadline(first)).toBe(change);
  });

  it.each([
    ["2024-03-10", 0, "2027-03-10"],
    ["2024-03-10", 6, "2027-09-10"],
    ["2024-03-10", 12, "2028-03-10"],
    ["2023-08-30", 6, "2027-02-28"],
  ])("first PIP %s with %i months of extension ends %s", (first, months, end) => {
    expect(termEnd(first, months)).toBe(end);
  });

  it.each([
    ["2024-01-30", 1, "2024-02-29"],
    ["2023-01-30", 1, "2023-02-28"],
    ["2024-01-01", 12, "2024-12-31"],
    ["2024-05-15", 0, "2024-05-14"],
  ])("a period from %s of %i months ends %s", (start, months, end) => {
    expect(periodEnd(start, months)).toBe(end);
  });

  it.each([
    [null, "2030-01-01", true],
    ["2024-03-10", "2025-09-10", true],
    ["2024-03-10", "2025-09-11", false],
    ["2024-03-10", "2024-04-01", true],
  ] as const)("first PIP %s, route change on %s allowed: %s", (first, today, allowed) => {
    expect(routeChangeAllowed(first, today)).toBe(allowed);
  });

  it.each([
    ["same route, late", "b1", "b1", "2024-03-10", "2026-01-01", true],
    ["other route, in time", "b1", "zelfredzaamheid", "2024-03-10", "2025-09-10", true],
    ["other route, too late", "b1", "zelfredzaamheid", "2024-03-10", "2025-09-11", false],
    ["first plan", undefined, "onderwijs", null, "2026-01-01", true],
  ] as const)("%s", (_, previousRoute, newRoute, firstSetOn, on, allowed) => {
    const check = checkRouteChange({ previousRoute, newRoute, firstSetOn, on });
    expect(check.allowed).toBe(allowed);
    if (!check.allowed) expect(check.deadline).toBe("2025-09-10");
  });
});

describe("the lifecycle", () => {
  it.each([
    ["edit", "concept", true],
    ["edit", "besproken", false],
    ["edit", "vastgesteld", false],
    ["edit", "vervangen", false],
    ["discuss", "concept", true],
    ["discuss", "besproken", false],
    ["reopen", "besproken", true],
    ["reopen", "vastgesteld", false],
    ["set", "concept", false],
    ["set", "besproken", true],
    ["set", "vastgesteld", false],
    ["set", "vervangen", false],
  ] as const)("%s a %s version: %s", (step, status, allowed) => {
    expect(mayTake(step, status)).toBe(allowed);
  });
});
