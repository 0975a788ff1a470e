import { Heading } from "../../platform/views/components.tsx";
import { useView } from "../../platform/views/context.ts";
import type { AdviceReason, RouteAdvice } from "../rules.ts";
import type { PlanContent } from "../schema.ts";
import { DataList, explain, formatDate, Row, storedReasons } from "./format.tsx";

/** The route advice in plain words: the route, and why. */
export function AdviceExplanation(props: {
  route: RouteAdvice["route"];
  reasons: string[];
  headingLevel?: 2 | 3;
}) {
  const { t } = useView();
  return (
    <section class="koers-advice" aria-labelledby="advies-kop">
      <Heading level={props.headingLevel ?? 2}>
        <span id="advies-kop">
          {t("plans:advice.title", { route: t(`plans:routes.${props.route}`) })}
        </span>
      </Heading>
      <p class="utrecht-paragraph">{t(`plans:routeDescriptions.${props.route}`)}</p>
      <p class="utrecht-paragraph">{t("plans:advice.why")}</p>
      <ul class="utrecht-unordered-list">
        {props.reasons.map((r) => (
          <li key={r}>{r}</li>
        ))}
      </ul>
      <p class="utrecht-paragraph koers-muted">{t("plans:advice.weigh")}</p>
    </section>
  );
}

/** Reasons computed now (not yet stored), in plain words. */
export const freshReasons = (
  t: ReturnType<typeof useView>["t"],
  locale: string,
  reasons: AdviceReason[],
) => reasons.map((r) => explain(t, locale, r));

/** A version's content, read-only: what a consultant checks before discussing or setting it. */
export function PlanContentView(props: { content: PlanContent; headingLevel?: 2 | 3 }) {
  const { t, locale } = useView();
  const level = props.headingLevel ?? 3;
  const c = props.content;
  const comp = c.components;
  const none = <span class="koers-muted">{t("plans:notGiven")}</span>;
  const or = (v: string | number | undefined) => (v === undefined || v === "" ? none : v);
  return (
    <div class="koers-plan">
      <Heading level={level}>{t("plans:sections.route")}</Heading>
      <DataList>
        <Row label={t("plans:fields.leerroute")}>{t(`plans:routes.${c.leerroute}`)}</Row>
        <Row label={t("plans:fields.advice")}>{t(`plans:routes.${c.routeAdvice.route}`)}</Row>
        {c.deviationReason && (
          <Row label={t("plans:fields.deviationReason")}>{c.deviationReason}</Row>
        )}
        {c.leerroute === "b1" && (
          <Row label={t("plans:fields.a2Option")}>{t(c.a2Option ? "plans:yes" : "plans:no")}</Row>
        )}
      </DataList>
      <details class="koers-details">
        <summary>{t("plans:advice.showReasons")}</summary>
        <ul class="utrecht-unordered-list">
          {storedReasons(t, locale, c.routeAdvice.reasons).map((r) => (
            <li key={r}>{r}</li>
          ))}
        </ul>
      </details>

      <Heading level={level}>{t("plans:sections.language")}</Heading>
      <DataList>
        <Row label={t("plans:fields.languageProvider")}>{or(c.languageProvider?.name)}</Row>
        <Row label={t("plans:fields.hoursPerWeek")}>{or(c.hoursPerWeek)}</Row>
      </DataList>

      <Heading level={level}>{t("plans:sections.components")}</Heading>
      <DataList>
        <Row label={t("plans:fields.knm")}>{t("plans:yes")}</Row>
        <Row label={t("plans:fields.pvtHours")}>{comp.pvt.hours}</Row>
        <Row label={t("plans:fields.mapHours")}>
          {comp.map.applies ? comp.map.hours : t("plans:notApplicable")}
        </Row>
        {comp.zRouteHours && (
          <>
            <Row label={t("plans:fields.zCourse")}>{comp.zRouteHours.course}</Row>
            <Row label={t("plans:fields.zParticipation")}>{comp.zRouteHours.participation}</Row>
          </>
        )}
        <Row label={t("plans:fields.ontzorgen")}>
          {comp.ontzorgen.applies
            ? t("plans:ontzorgenSummary", {
                count: comp.ontzorgen.months,
                costs: comp.ontzorgen.costs.map((k) => t(`plans:costs.${k}`)).join(", "),
              })
            : t("plans:notApplicable")}
        </Row>
        <Row label={t("plans:fields.paidBy")}>{t(`plans:paidBy.${comp.paidBy}`)}</Row>
      </DataList>

      <Heading level={level}>{t("plans:sections.preconditions")}</Heading>
      <DataList>
        <Row label={t("plans:fields.childcare")}>{or(c.preconditions.childcare)}</Row>
        <Row label={t("plans:fields.travel")}>{or(c.preconditions.travel)}</Row>
        <Row label={t("plans:fields.otherPrecondition")}>{or(c.preconditions.other)}</Row>
        <Row label={t("plans:fields.guidance")}>{or(c.guidance)}</Row>
      </DataList>

      <Heading level={level}>{t("plans:sections.goals")}</Heading>
      {c.goals.length === 0 && <p class="utrecht-paragraph">{t("plans:noGoals")}</p>}
      {c.goals.map((goal, g) => (
        <div key={goal.id} class="koers-goal">
          <p class="utrecht-paragraph">
            <strong>
              {t("plans:compare.goal", { n: g + 1 })} · {t(`plans:goalKinds.${goal.kind}`)}
            </strong>
            {": "}
            {goal.description}
          </p>
          {goal.steps.length > 0 && (
            <div class="koers-table-scroll">
              <table class="utrecht-table utrecht-table--html-table">
                <caption class="utrecht-table__caption">
                  {t("plans:stepsCaption", { n: g + 1 })}
                </caption>
                <thead class="utrecht-table__header">
                  <tr class="utrecht-table__row">
                    <th class="utrecht-table__header-cell" scope="col">
                      {t("plans:fields.stepWhat")}
                    </th>
                    <th class="utrecht-table__header-cell" scope="col">
                      {t("plans:fields.stepWho")}
                    </th>
                    <th class="utrecht-table__header-cell" scope="col">
                      {t("plans:fields.stepDueOn")}
                    </th>
                    <th class="utrecht-table__header-cell" scope="col">
                      {t("plans:fields.stepStatus")}
                    </th>
                  </tr>
                </thead>
                <tbody class="utrecht-table__body">
                  {goal.steps.map((s) => (
                    <tr key={s.id} class="utrecht-table__row">
                      <td class="utrecht-table__cell">{s.what}</td>
                      <td class="utrecht-table__cell">{s.who}</td>
                      <td class="utrecht-table__cell">{formatDate(locale, s.dueOn)}</td>
                      <td class="utrecht-table__cell">{t(`plans:stepStatus.${s.status}`)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </div>
      ))}

      <Heading level={level}>{t("plans:sections.reviews")}</Heading>
      {c.reviewSchedule.length === 0 ? (
        <p class="utrecht-paragraph">{t("plans:noReviews")}</p>
      ) : (
        <ul class="utrecht-unordered-list">
          {c.reviewSchedule.map((r) => (
            <li key={r.dueOn}>
              {formatDate(locale, r.dueOn)}
              {r.note ? ` — ${r.note}` : ""}
            </li>
          ))}
        </ul>
      )}
      <DataList>
        <Row label={t("plans:fields.monitoring")}>{or(c.monitoring)}</Row>
      </DataList>
    </div>
  );
}
