// Comparing two versions of a PIP field by field: pure, so the table a consultant reads is tested.
import type { TFunction } from "i18next";
import type { PlanContent } from "./schema.ts";

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

/** A calendar date (YYYY-MM-DD) in the page's language. */
export function formatDate(locale: string, date: string | null | undefined): string {
  if (!date) return "";
  return new Intl.DateTimeFormat(locale, { dateStyle: "long", timeZone: "UTC" }).format(
    new Date(`${date}T00:00:00Z`),
  );
}

/** Every field of a version in reading order, with labels and values in the page's language. */
export function planFields(content: PlanContent, t: TFunction, locale: string): PlanField[] {
  const fields: PlanField[] = [];
  const add = (id: string, label: string, value: string | number | undefined | null) =>
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
  content.goals.forEach((goal, g) => {
    const goalLabel = t("plans:compare.goal", { n: g + 1 });
    add(
      `goal.${goal.id}.kind`,
      `${goalLabel} · ${f("goalKind")}`,
      t(`plans:goalKinds.${goal.kind}`),
    );
    add(`goal.${goal.id}.description`, `${goalLabel} · ${f("goalDescription")}`, goal.description);
    goal.steps.forEach((step, s) => {
      const stepLabel = t("plans:compare.step", { goal: g + 1, step: s + 1 });
      const id = `goal.${goal.id}.step.${step.id}`;
      add(`${id}.what`, `${stepLabel} · ${f("stepWhat")}`, step.what);
      add(`${id}.who`, `${stepLabel} · ${f("stepWho")}`, step.who);
      add(`${id}.dueOn`, `${stepLabel} · ${f("stepDueOn")}`, formatDate(locale, step.dueOn));
      add(
        `${id}.status`,
        `${stepLabel} · ${f("stepStatus")}`,
        t(`plans:stepStatus.${step.status}`),
      );
    });
  });
  content.reviewSchedule.forEach((r, i) => {
    const label = t("plans:compare.review", { n: i + 1 });
    add(`review.${i}`, label, [formatDate(locale, r.dueOn), r.note].filter(Boolean).join(" — "));
  });
  add("monitoring", f("monitoring"), content.monitoring);
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
