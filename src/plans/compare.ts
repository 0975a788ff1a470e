// Comparing two versions of a PIP field by field: pure, so the table a consultant reads is tested.
import type { TFunction } from "i18next";
import { formatDay, isCalendarDate } from "../platform/dates.ts";
import type { GoalValues, PlanFormValues, ReviewValues } from "./input.ts";
import type { PlanContent, PlanGoal } from "./schema.ts";

/** One field of a version, as shown: a stable id (goals and steps by their own id), label and text. */
export interface PlanField {
  id: string;
  label: string;
  value: string;
}

export type Change = "same" | "changed" | "added" | "removed";

/** One row of the comparison: the field in each version and what changed. */
export interface CompareRow {
  id: string;
  label: string;
  a: string | undefined;
  b: string | undefined;
  change: Change;
}

/** A calendar date (YYYY-MM-DD) in the page's language (one formatter: platform/dates.ts). */
export const formatDate: (locale: string, date: string | null | undefined) => string = formatDay;

/** Every field of a version in reading order, with labels and values in the page's language. */
export function planFields(content: PlanContent, t: TFunction, locale: string): PlanField[] {
  const fields: PlanField[] = [];
  const add: Add = (id, label, value) =>
    fields.push({ id, label, value: value === undefined || value === null ? "" : String(value) });
  const yesNo = (b: boolean) => t(b ? "plans:yes" : "plans:no");
  const c = content.components;
  const f = (key: string) => t(`plans:fields.${key}`);

  add("leerroute", f("leerroute"), t(`plans:routes.${content.leerroute}`));
  add("advice", f("advice"), t(`plans:routes.${content.routeAdvice.route}`));
  add("deviationReason", f("deviationReason"), content.deviationReason);
  add("a2Option", f("a2Option"), content.leerroute === "b1" ? yesNo(!!content.a2Option) : "");
  add("languageProvider", f("languageProvider"), content.languageProvider?.name);
  add("hoursPerWeek", f("hoursPerWeek"), content.hoursPerWeek);
  add("knm", f("knm"), yesNo(c.knm));
  add("pvtHours", f("pvtHours"), c.pvt.hours);
  add("mapHours", f("mapHours"), c.map.applies ? c.map.hours : t("plans:notApplicable"));
  if (c.zRouteHours) {
    add("zCourse", f("zCourse"), c.zRouteHours.course);
    add("zParticipation", f("zParticipation"), c.zRouteHours.participation);
  }
  add(
    "ontzorgen",
    f("ontzorgen"),
    c.ontzorgen.applies
      ? t("plans:ontzorgenSummary", {
          count: c.ontzorgen.months,
          costs: c.ontzorgen.costs.map((k) => t(`plans:costs.${k}`)).join(", "),
        })
      : t("plans:notApplicable"),
  );
  add("paidBy", f("paidBy"), t(`plans:paidBy.${c.paidBy}`));
  add("childcare", f("childcare"), content.preconditions.childcare);
  add("travel", f("travel"), content.preconditions.travel);
  add("otherPrecondition", f("otherPrecondition"), content.preconditions.other);
  add("guidance", f("guidance"), content.guidance);
  addGoalsAndReviews(add, content.goals, content.reviewSchedule, t, locale, "id");
  add("monitoring", f("monitoring"), content.monitoring);
  return fields;
}

type Add = (id: string, label: string, value: string | number | undefined | null) => void;

/**
 * Goals with their steps, and the review dates. Goals and steps are followed by their own id (two
 * versions: a renamed or moved goal is still the same goal) or by their place (a form as typed next
 * to the stored one: "goal 2" is what the person sees, and a goal typed in has no id yet).
 */
function addGoalsAndReviews(
  add: Add,
  goals: readonly (GoalValues | PlanGoal)[],
  reviews: readonly (ReviewValues | PlanContent["reviewSchedule"][number])[],
  t: TFunction,
  locale: string,
  follow: "id" | "place",
) {
  const f = (key: string) => t(`plans:fields.${key}`);
  const word = (prefix: string, v: string | undefined) => (v ? t(`${prefix}.${v}`) : "");
  const day = (d: string | undefined) => (d && isCalendarDate(d) ? formatDate(locale, d) : "");
  goals.forEach((goal, g) => {
    const goalLabel = t("plans:compare.goal", { n: g + 1 });
    const goalId = `goal.${follow === "id" ? goal.id : g}`;
    add(`${goalId}.kind`, `${goalLabel} · ${f("goalKind")}`, word("plans:goalKinds", goal.kind));
    add(`${goalId}.description`, `${goalLabel} · ${f("goalDescription")}`, goal.description);
    goal.steps.forEach((step, s) => {
      const stepLabel = t("plans:compare.step", { goal: g + 1, step: s + 1 });
      const id = `${goalId}.step.${follow === "id" ? step.id : s}`;
      add(`${id}.what`, `${stepLabel} · ${f("stepWhat")}`, step.what);
      add(`${id}.who`, `${stepLabel} · ${f("stepWho")}`, step.who);
      add(`${id}.dueOn`, `${stepLabel} · ${f("stepDueOn")}`, day(step.dueOn));
      add(
        `${id}.status`,
        `${stepLabel} · ${f("stepStatus")}`,
        word("plans:stepStatus", step.status),
      );
    });
  });
  reviews.forEach((r, i) => {
    const label = t("plans:compare.review", { n: i + 1 });
    add(`review.${i}`, label, [day(r.dueOn), r.note].filter(Boolean).join(" — "));
  });
}

/**
 * The PIP form's fields as typed (or a stored version as form values), for the comparison after a
 * stale save: the person's input next to what is stored now, goal by goal in the form's order.
 */
export function formFields(
  values: PlanFormValues,
  t: TFunction,
  locale: string,
  providers: readonly { id: string; name: string }[],
): PlanField[] {
  const fields: PlanField[] = [];
  const add: Add = (id, label, value) =>
    fields.push({ id, label, value: value === undefined || value === null ? "" : String(value) });
  const f = (key: string) => t(`plans:fields.${key}`);
  const provider = values.languageProviderId
    ? (providers.find((p) => p.id === values.languageProviderId)?.name ?? "")
    : values.languageProviderName;
  add("leerroute", f("leerroute"), values.leerroute && t(`plans:routes.${values.leerroute}`));
  add("deviationReason", f("deviationReason"), values.deviationReason);
  add(
    "a2Option",
    f("a2Option"),
    values.leerroute === "b1" ? t(values.a2Option ? "plans:yes" : "plans:no") : "",
  );
  add("languageProvider", f("languageProvider"), provider);
  add("hoursPerWeek", f("hoursPerWeek"), values.hoursPerWeek);
  add("pvtHours", f("pvtHours"), values.pvtHours);
  add("mapHours", f("mapHours"), values.mapHours);
  add("ontzorgenMonths", f("ontzorgenMonths"), values.ontzorgenMonths);
  add(
    "ontzorgenCosts",
    f("ontzorgenCosts"),
    values.ontzorgenCosts.map((c) => t(`plans:costs.${c}`)).join(", "),
  );
  add("childcare", f("childcare"), values.childcare);
  add("travel", f("travel"), values.travel);
  add("otherPrecondition", f("otherPrecondition"), values.otherPrecondition);
  add("guidance", f("guidance"), values.guidance);
  addGoalsAndReviews(add, values.goals, values.reviews, t, locale, "place");
  add("monitoring", f("monitoring"), values.monitoring);
  add("changeReason", f("changeReason"), values.changeReason);
  return fields;
}

/**
 * Lines two versions' fields up: the newer version's order, with fields only the older one has
 * placed after the field they followed there. Empty on both sides is left out.
 */
export function compareFields(a: PlanField[], b: PlanField[]): CompareRow[] {
  const inA = new Map(a.map((f) => [f.id, f]));
  const inB = new Map(b.map((f) => [f.id, f]));
  const rows: CompareRow[] = b.map((f) => {
    const old = inA.get(f.id);
    const change: Change = !old ? "added" : old.value === f.value ? "same" : "changed";
    return { id: f.id, label: f.label, a: old?.value, b: f.value, change };
  });
  let after: string | undefined;
  for (const f of a) {
    if (inB.has(f.id)) {
      after = f.id;
      continue;
    }
    const at = after === undefined ? 0 : rows.findIndex((r) => r.id === after) + 1;
    rows.splice(at, 0, { id: f.id, label: f.label, a: f.value, b: undefined, change: "removed" });
    after = f.id;
  }
  // A field that is empty in one version and absent in the other changed nothing a reader can see.
  return rows
    .map((r) =>
      r.change === "added" && !r.b
        ? { ...r, change: "same" as const }
        : r.change === "removed" && !r.a
          ? { ...r, change: "same" as const }
          : r,
    )
    .filter((r) => r.a || r.b);
}
