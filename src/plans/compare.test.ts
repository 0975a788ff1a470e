import type { TFunction } from "i18next";
import { describe, expect, it } from "vitest";
import { compareFields, formFields, type PlanField, planFields } from "./compare.ts";
import { formValuesFrom } from "./input.ts";
import type { PlanContent } from "./schema.ts";

// Labels as their keys (and values), so the test reads what the page would say without i18next.
const t = ((key: string, values?: Record<string, unknown>) =>
  values ? `${key}${JSON.stringify(values)}` : key) as unknown as TFunction;

const f = (id: string, value: string): PlanField => ({ id, label: id, value });

describe("compareFields", () => {
  it.each<[string, PlanField[], PlanField[], [string, string][]]>([
    ["equal", [f("a", "1")], [f("a", "1")], [["a", "same"]]],
    ["changed", [f("a", "1")], [f("a", "2")], [["a", "changed"]]],
    [
      "added at the end",
      [f("a", "1")],
      [f("a", "1"), f("b", "2")],
      [
        ["a", "same"],
        ["b", "added"],
      ],
    ],
    [
      "removed in the middle stays where it was",
      [f("a", "1"), f("b", "2"), f("c", "3")],
      [f("a", "1"), f("c", "3")],
      [
        ["a", "same"],
        ["b", "removed"],
        ["c", "same"],
      ],
    ],
    [
      "removed first",
      [f("x", "0"), f("a", "1")],
      [f("a", "1")],
      [
        ["x", "removed"],
        ["a", "same"],
      ],
    ],
    ["empty on both sides is left out", [f("a", "")], [f("a", "")], []],
    ["empty and absent is no change", [], [f("a", "")], []],
    ["filled and emptied is a change", [f("a", "1")], [f("a", "")], [["a", "changed"]]],
  ])("%s", (_, a, b, expected) => {
    expect(compareFields(a, b).map((r) => [r.id, r.change])).toEqual(expected);
  });
});

describe("planFields", () => {
  const content: PlanContent = {
    leerroute: "b1",
    routeAdvice: { route: "b1", reasons: [] },
    a2Option: true,
    languageProvider: { name: "Taalschool" },
    hoursPerWeek: 10,
    components: {
      knm: true,
      pvt: { applies: true, hours: 12 },
      map: { applies: true, hours: 40 },
      ontzorgen: { applies: true, months: 6, costs: ["huur", "water"] },
      paidBy: "gemeente",
    },
    preconditions: { childcare: "Opvang" },
    guidance: "",
    goals: [
      {
        id: "g1",
        kind: "werk",
        description: "Werk in de zorg",
        steps: [
          { id: "s1", what: "Gesprek", who: "Consulent", dueOn: "2025-03-01", status: "open" },
        ],
      },
    ],
    reviewSchedule: [{ dueOn: "2025-06-01", note: "Taal" }],
    monitoring: "",
  };

  it("gives goals and steps ids of their own, so a reordered or renamed goal is followed", () => {
    const ids = planFields(content, t, "nl").map((x) => x.id);
    expect(ids).toContain("goal.g1.description");
    expect(ids).toContain("goal.g1.step.s1.status");
    expect(ids).toContain("review.0");
  });

  it("shows what a step changed between versions, and nothing else", () => {
    const changed: PlanContent = {
      ...content,
      goals: [
        { ...content.goals[0]!, steps: [{ ...content.goals[0]!.steps[0]!, status: "klaar" }] },
      ],
    };
    const rows = compareFields(planFields(content, t, "nl"), planFields(changed, t, "nl"));
    expect(rows.filter((r) => r.change !== "same").map((r) => [r.id, r.a, r.b])).toEqual([
      ["goal.g1.step.s1.status", "plans:stepStatus.open", "plans:stepStatus.klaar"],
    ]);
  });

  it("marks a removed goal with all its steps", () => {
    const rows = compareFields(
      planFields(content, t, "nl"),
      planFields({ ...content, goals: [] }, t, "nl"),
    );
    expect(rows.filter((r) => r.change === "removed").map((r) => r.id)).toEqual([
      "goal.g1.kind",
      "goal.g1.description",
      "goal.g1.step.s1.what",
      "goal.g1.step.s1.who",
      "goal.g1.step.s1.dueOn",
      "goal.g1.step.s1.status",
    ]);
  });

  it("reads the form as typed next to the stored version goal by goal, in the form's order", () => {
    const providers = [{ id: "p1", name: "Taalhuis" }];
    const stored = formFields(formValuesFrom(content, 3, null), t, "nl", providers);
    const typed = formValuesFrom(content, 3, null);
    typed.languageProviderId = "p1";
    // The colleague's goal was typed again without its id (the form was opened before it was saved).
    const { id: _, ...withoutId } = typed.goals[0]!;
    typed.goals = [
      { ...withoutId, description: "Werk in de thuiszorg" },
      { kind: "taal", description: "Nieuw doel", steps: [{ what: "Intake" }] },
    ];
    const rows = compareFields(stored, formFields(typed, t, "nl", providers));
    expect(rows.filter((r) => r.change !== "same").map((r) => [r.id, r.a, r.b])).toEqual([
      ["languageProvider", "Taalschool", "Taalhuis"],
      ["goal.0.description", "Werk in de zorg", "Werk in de thuiszorg"],
      ["goal.1.kind", undefined, "plans:goalKinds.taal"],
      ["goal.1.description", undefined, "Nieuw doel"],
      ["goal.1.step.0.what", undefined, "Intake"],
    ]);
  });
});
