import { randomUUID } from "node:crypto";
import { z } from "zod";
import { optionalText, requiredText } from "../platform/http/forms.ts";
import { fixedCosts } from "./rules.ts";
import { leerroutes, type PlanContent, type PlanGoal, type PlanStep } from "./schema.ts";

// The PIP form works without JavaScript: goals, steps and review dates are numbered fields
// (goals.0.steps.1.what) and the buttons "add goal", "add step", "remove …" post the whole form,
// which comes back with the change made and nothing lost. Only "save" stores anything.

export const goalKinds = [
  "werk",
  "opleiding",
  "vrijwilligerswerk",
  "taal",
  "zelfredzaamheid",
  "gezondheid",
  "anders",
] as const satisfies readonly PlanGoal["kind"][];

export const stepStatuses = [
  "open",
  "bezig",
  "klaar",
  "vervallen",
] as const satisfies readonly PlanStep["status"][];

/** Limits that keep a posted form small (and a forged one from growing arrays without end). */
export const formLimits = { goals: 20, steps: 20, reviews: 24 };

/** A step as typed into the form: every field may still be empty. */
export interface StepValues {
  id?: string | undefined;
  what?: string | undefined;
  who?: string | undefined;
  dueOn?: string | undefined;
  status?: string | undefined;
}
export interface GoalValues {
  id?: string | undefined;
  kind?: string | undefined;
  description?: string | undefined;
  steps: StepValues[];
}
export interface ReviewValues {
  dueOn?: string | undefined;
  note?: string | undefined;
}

/** The PIP form as posted (or as filled from a stored version): strings, nested. */
export interface PlanFormValues {
  version?: string | undefined;
  leerroute?: string | undefined;
  deviationReason?: string | undefined;
  a2Option?: string | undefined;
  languageProviderId?: string | undefined;
  languageProviderName?: string | undefined;
  hoursPerWeek?: string | undefined;
  pvtHours?: string | undefined;
  mapHours?: string | undefined;
  ontzorgenMonths?: string | undefined;
  ontzorgenCosts: string[];
  childcare?: string | undefined;
  travel?: string | undefined;
  otherPrecondition?: string | undefined;
  guidance?: string | undefined;
  monitoring?: string | undefined;
  changeReason?: string | undefined;
  goals: GoalValues[];
  reviews: ReviewValues[];
}

const scalarFields = [
  "version",
  "leerroute",
  "deviationReason",
  "a2Option",
  "languageProviderId",
  "languageProviderName",
  "hoursPerWeek",
  "pvtHours",
  "mapHours",
  "ontzorgenMonths",
  "childcare",
  "travel",
  "otherPrecondition",
  "guidance",
  "monitoring",
  "changeReason",
] as const;
const stepFields = ["id", "what", "who", "dueOn", "status"] as const;
const goalFields = ["id", "kind", "description"] as const;
const reviewFields = ["dueOn", "note"] as const;

const clean = (v: unknown): string | undefined => {
  const s = Array.isArray(v) ? v.at(-1) : v;
  if (typeof s !== "string") return undefined;
  const trimmed = s.trim();
  return trimmed === "" ? undefined : trimmed;
};

const index = (s: string | undefined, max: number): number | undefined => {
  if (!s || !/^\d{1,3}$/.test(s)) return undefined;
  const n = Number(s);
  return n < max ? n : undefined;
};

/** The element at `i`, made first when the slot is still empty. */
function slot<T>(array: (T | undefined)[], i: number, make: () => T): T {
  const found = array[i];
  if (found) return found;
  const made = make();
  array[i] = made;
  return made;
}

const compact = <T>(sparse: (T | undefined)[]): T[] => sparse.filter((x): x is T => !!x);

/**
 * Turns the flat posted fields into the nested form values. Unknown fields and numbers past the
 * limits are ignored; texts are trimmed and empty ones left out.
 */
export function nestPlanForm(body: unknown): PlanFormValues {
  const flat = (body && typeof body === "object" ? body : {}) as Record<string, unknown>;
  const values: PlanFormValues = { ontzorgenCosts: [], goals: [], reviews: [] };
  const goals: (GoalValues | undefined)[] = [];
  const reviews: (ReviewValues | undefined)[] = [];
  for (const field of scalarFields) values[field] = clean(flat[field]);
  const costs = flat.ontzorgenCosts;
  values.ontzorgenCosts = (Array.isArray(costs) ? costs : [costs]).filter(
    (c): c is string => typeof c === "string" && c !== "",
  );
  for (const [key, raw] of Object.entries(flat)) {
    const [head, i, field, j, stepField] = key.split(".");
    if (head === "goals") {
      const g = index(i, formLimits.goals);
      if (g === undefined) continue;
      if (field === "steps") {
        const s = index(j, formLimits.steps);
        if (s === undefined || !(stepFields as readonly string[]).includes(stepField ?? ""))
          continue;
        const goal = slot(goals, g, (): GoalValues => ({ steps: [] }));
        const step = slot(goal.steps as (StepValues | undefined)[], s, (): StepValues => ({}));
        step[stepField as (typeof stepFields)[number]] = clean(raw);
      } else if ((goalFields as readonly string[]).includes(field ?? "")) {
        const goal = slot(goals, g, (): GoalValues => ({ steps: [] }));
        goal[field as (typeof goalFields)[number]] = clean(raw);
      }
    } else if (head === "reviews") {
      const r = index(i, formLimits.reviews);
      if (r === undefined || !(reviewFields as readonly string[]).includes(field ?? "")) continue;
      const review = slot(reviews, r, (): ReviewValues => ({}));
      review[field as (typeof reviewFields)[number]] = clean(raw);
    }
  }
  values.goals = compact(goals).map((g) => ({ ...g, steps: compact(g.steps) }));
  values.reviews = compact(reviews);
  return values;
}

/** What a button on the PIP form asks for. */
export type FormAction =
  | { kind: "save" }
  | { kind: "addGoal" }
  | { kind: "removeGoal"; goal: number }
  | { kind: "addStep"; goal: number }
  | { kind: "removeStep"; goal: number; step: number }
  | { kind: "addReview" }
  | { kind: "removeReview"; review: number };

/** Reads the `_action` button value ("addStep.2", "removeStep.2.0", …); anything else saves. */
export function parseFormAction(value: unknown): FormAction {
  const [kind, a, b] = (clean(value) ?? "save").split(".");
  const n = (s: string | undefined) => (s && /^\d{1,3}$/.test(s) ? Number(s) : undefined);
  const goal = n(a);
  const second = n(b);
  switch (kind) {
    case "addGoal":
      return { kind };
    case "addReview":
      return { kind };
    case "removeGoal":
      return goal === undefined ? { kind: "save" } : { kind, goal };
    case "addStep":
      return goal === undefined ? { kind: "save" } : { kind, goal };
    case "removeStep":
      return goal === undefined || second === undefined
        ? { kind: "save" }
        : { kind, goal, step: second };
    case "removeReview":
      return goal === undefined ? { kind: "save" } : { kind, review: goal };
    default:
      return { kind: "save" };
  }
}

/** Makes the change a button asked for, on a copy of the values. */
export function applyFormAction(
  values: PlanFormValues,
  action: Exclude<FormAction, { kind: "save" }>,
): PlanFormValues {
  const next: PlanFormValues = {
    ...values,
    goals: values.goals.map((g) => ({ ...g, steps: [...g.steps] })),
    reviews: [...values.reviews],
  };
  switch (action.kind) {
    case "addGoal": {
      if (next.goals.length < formLimits.goals)
        next.goals.push({
          id: randomUUID(),
          kind: "werk",
          steps: [{ id: randomUUID(), status: "open" }],
        });
      return next;
    }
    case "removeGoal":
      next.goals.splice(action.goal, 1);
      return next;
    case "addStep": {
      const goal = next.goals[action.goal];
      if (goal && goal.steps.length < formLimits.steps)
        goal.steps.push({ id: randomUUID(), status: "open" });
      return next;
    }
    case "removeStep":
      next.goals[action.goal]?.steps.splice(action.step, 1);
      return next;
    case "addReview":
      if (next.reviews.length < formLimits.reviews) next.reviews.push({});
      return next;
    case "removeReview":
      next.reviews.splice(action.review, 1);
      return next;
  }
}

/** Rows left entirely empty are not meant: a new step nobody filled in is dropped on save. */
export function dropBlankRows(values: PlanFormValues): PlanFormValues {
  const goals = values.goals
    .map((g) => ({ ...g, steps: g.steps.filter((s) => s.what || s.who || s.dueOn) }))
    .filter((g) => g.description || g.steps.length > 0);
  return { ...values, goals, reviews: values.reviews.filter((r) => r.dueOn || r.note) };
}

const date = () => z.iso.date({ message: "plans:errors.date" });
const hours = (min: number, max: number) => z.coerce.number().int().min(min).max(max);
const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const stepSchema = z.object({
  id: z.string().regex(uuid).optional().catch(undefined),
  what: requiredText(300),
  who: requiredText(200),
  dueOn: date().optional(),
  status: z.enum(stepStatuses).default("open"),
});

const goalSchema = z.object({
  id: z.string().regex(uuid).optional().catch(undefined),
  kind: z.enum(goalKinds),
  description: requiredText(1000),
  steps: z.array(stepSchema).max(formLimits.steps).default([]),
});

/**
 * The form's fields checked on their own. Rules that depend on the newcomer and the advice
 * (a reason to deviate, MAP hours when MAP applies, the 18-month limit) are the command's.
 */
export const planFormSchema = z.object({
  version: z.coerce.number().int().positive(),
  leerroute: z.enum(leerroutes),
  deviationReason: optionalText(2000),
  a2Option: z.literal("ja").optional(),
  languageProviderId: z.string().regex(uuid).optional().catch(undefined),
  languageProviderName: optionalText(200),
  hoursPerWeek: hours(0, 40).optional(),
  pvtHours: hours(0, 500),
  mapHours: hours(0, 500).optional(),
  ontzorgenMonths: hours(0, 36).optional(),
  ontzorgenCosts: z.array(z.enum(fixedCosts)).default([]),
  childcare: optionalText(1000),
  travel: optionalText(1000),
  otherPrecondition: optionalText(1000),
  guidance: optionalText(4000),
  goals: z.array(goalSchema).max(formLimits.goals).default([]),
  reviews: z
    .array(z.object({ dueOn: date(), note: optionalText(300) }))
    .max(formLimits.reviews)
    .default([]),
  monitoring: optionalText(4000),
  changeReason: optionalText(2000),
});
export type PlanFormData = z.infer<typeof planFormSchema>;

/** A stored version as form values, to start editing from. */
export function formValuesFrom(
  content: PlanContent,
  version: number,
  changeReason: string | null,
): PlanFormValues {
  const c = content.components;
  const text = (n: number | undefined) => (n === undefined ? undefined : String(n));
  return {
    version: String(version),
    leerroute: content.leerroute,
    deviationReason: content.deviationReason,
    a2Option: content.a2Option ? "ja" : undefined,
    languageProviderId: content.languageProvider?.organisationId,
    languageProviderName: content.languageProvider?.organisationId
      ? undefined
      : content.languageProvider?.name,
    hoursPerWeek: text(content.hoursPerWeek),
    pvtHours: text(c.pvt.hours),
    mapHours: c.map.applies ? text(c.map.hours) : undefined,
    ontzorgenMonths: c.ontzorgen.applies ? text(c.ontzorgen.months) : undefined,
    ontzorgenCosts: [...c.ontzorgen.costs],
    childcare: content.preconditions.childcare,
    travel: content.preconditions.travel,
    otherPrecondition: content.preconditions.other,
    guidance: content.guidance || undefined,
    monitoring: content.monitoring || undefined,
    changeReason: changeReason ?? undefined,
    goals: content.goals.map((g) => ({
      id: g.id,
      kind: g.kind,
      description: g.description,
      steps: g.steps.map((s) => ({ ...s })),
    })),
    reviews: content.reviewSchedule.map((r) => ({ dueOn: r.dueOn, note: r.note })),
  };
}

/** Fresh ids for goals and steps typed in without one (kept across versions, so reviews can follow them). */
export const newId = (): string => randomUUID();

/** The lifecycle forms: the version seen, and the date of the step. */
export const versionFormSchema = z.object({ version: z.coerce.number().int().positive() });
export const discussedFormSchema = versionFormSchema.extend({ discussedOn: date() });
export const setFormSchema = versionFormSchema.extend({ setOn: date() });

export const changeFormSchema = z.object({ changeReason: requiredText(2000) });

export const legalRemedyFormSchema = z.object({
  version: z.coerce.number().int().positive(),
  legalRemedy: z.enum([
    "geen",
    "bezwaar_ingediend",
    "bezwaar_beslist",
    "beroep_ingesteld",
    "beroep_beslist",
  ]),
  legalRemedyOn: date().optional(),
  legalRemedyNote: optionalText(2000),
});
