import { describe, expect, it } from "vitest";
import {
  applyFormAction,
  dropBlankRows,
  formLimits,
  nestPlanForm,
  parseFormAction,
} from "./input.ts";

describe("nestPlanForm", () => {
  it("nests numbered fields into goals, steps and reviews, in order, trimmed", () => {
    const values = nestPlanForm({
      leerroute: "b1",
      guidance: "  ",
      ontzorgenCosts: "huur",
      "goals.1.description": " Tweede ",
      "goals.0.description": "Eerste",
      "goals.0.steps.2.what": "Later",
      "goals.0.steps.0.what": "Eerst",
      "reviews.0.dueOn": "2025-01-01",
      "goals.0.steps.0.evil": "ignored",
      "goals.x.description": "ignored",
      unknown: "ignored",
    });
    expect(values.leerroute).toBe("b1");
    expect(values.guidance).toBeUndefined();
    expect(values.ontzorgenCosts).toEqual(["huur"]);
    expect(values.goals).toEqual([
      { description: "Eerste", steps: [{ what: "Eerst" }, { what: "Later" }] },
      { description: "Tweede", steps: [] },
    ]);
    expect(values.reviews).toEqual([{ dueOn: "2025-01-01" }]);
    expect(values).not.toHaveProperty("unknown");
  });

  it("ignores numbers past the limits, so a forged form cannot grow without end", () => {
    const values = nestPlanForm({
      [`goals.${formLimits.goals}.description`]: "too far",
      "goals.99999999.description": "far too far",
      [`goals.0.steps.${formLimits.steps}.what`]: "too far",
    });
    expect(values.goals).toEqual([]);
  });
});

describe("the form's buttons", () => {
  it.each([
    [undefined, { kind: "save" }],
    ["save", { kind: "save" }],
    ["addGoal", { kind: "addGoal" }],
    ["addStep.2", { kind: "addStep", goal: 2 }],
    ["removeStep.1.0", { kind: "removeStep", goal: 1, step: 0 }],
    ["removeGoal.0", { kind: "removeGoal", goal: 0 }],
    ["addReview", { kind: "addReview" }],
    ["removeReview.3", { kind: "removeReview", review: 3 }],
    ["removeStep.1", { kind: "save" }],
    ["dropTables", { kind: "save" }],
  ])("%s → %o", (value, action) => {
    expect(parseFormAction(value)).toEqual(action);
  });

  const values = nestPlanForm({
    "goals.0.description": "Werk",
    "goals.0.steps.0.what": "Bellen",
    "goals.1.description": "Taal",
    "reviews.0.dueOn": "2025-01-01",
  });

  it("adds a goal with one empty step, and a step to a goal, without touching the input", () => {
    const withGoal = applyFormAction(values, { kind: "addGoal" });
    expect(withGoal.goals).toHaveLength(3);
    expect(withGoal.goals[2]?.steps).toHaveLength(1);
    const withStep = applyFormAction(values, { kind: "addStep", goal: 1 });
    expect(withStep.goals[1]?.steps).toHaveLength(1);
    expect(values.goals[1]?.steps).toHaveLength(0);
  });

  it("removes a goal, a step or a review", () => {
    expect(
      applyFormAction(values, { kind: "removeGoal", goal: 0 }).goals.map((g) => g.description),
    ).toEqual(["Taal"]);
    expect(
      applyFormAction(values, { kind: "removeStep", goal: 0, step: 0 }).goals[0]?.steps,
    ).toEqual([]);
    expect(applyFormAction(values, { kind: "removeReview", review: 0 }).reviews).toEqual([]);
  });

  it("drops rows nobody filled in when saving", () => {
    const added = applyFormAction(applyFormAction(values, { kind: "addGoal" }), {
      kind: "addReview",
    });
    const kept = dropBlankRows(added);
    expect(kept.goals.map((g) => g.description)).toEqual(["Werk", "Taal"]);
    expect(kept.reviews).toHaveLength(1);
  });
});
