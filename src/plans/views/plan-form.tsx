import type { ComponentChildren } from "preact";
import type { FieldErrors } from "../../platform/http/forms.ts";
import {
  Alert,
  Button,
  ChoiceField,
  ErrorSummary,
  Form,
  Heading,
  SelectField,
  TextArea,
  TextField,
} from "../../platform/views/components.tsx";
import { ConflictComparison } from "../../platform/views/conflict.tsx";
import { useView } from "../../platform/views/context.ts";
import { compareFields, formFields } from "../compare.ts";
import { formValuesFrom, goalKinds, type PlanFormValues, stepStatuses } from "../input.ts";
import type { PlanFile, PresentedPlanVersion } from "../queries.ts";
import { fixedCosts, type IntakeFacts, type RouteComponents } from "../rules.ts";
import { type Leerroute, leerroutes } from "../schema.ts";
import { formatDate, newcomerName, planPath, versionPath } from "./format.tsx";
import { AdviceExplanation } from "./plan-content.tsx";

export interface PlanFormProps {
  file: PlanFile;
  version: PresentedPlanVersion;
  values: PlanFormValues;
  errors?: FieldErrors | undefined;
  /** The advice from today's facts, in plain words. */
  advice: { route: PresentedPlanVersion["content"]["leerroute"]; reasons: string[] };
  /** The components per route for this newcomer (which fields apply). */
  componentsByRoute: Record<Leerroute, RouteComponents>;
  intake: IntakeFacts | undefined;
  providers: { id: string; name: string }[];
  /** The stored version, when the save was refused because someone else changed it. */
  conflict?: PresentedPlanVersion | undefined;
  today: string;
}

/**
 * A submit button that changes the form's rows (add, remove) without saving. It posts to the
 * form's address with a fragment, so the page that comes back opens at the row just added.
 */
function RowButton(props: {
  action: string;
  value: string;
  label: string;
  to: string;
  danger?: boolean;
}) {
  return (
    <button
      class={`utrecht-button utrecht-button--secondary-action${props.danger ? " utrecht-button--danger" : ""}`}
      type="submit"
      name="_action"
      value={props.value}
      formAction={`${props.action}#${props.to}`}
    >
      {props.label}
    </button>
  );
}

/** A fieldset with a legend, for a goal, a step or a review date. */
function Group(props: {
  legend: string;
  children: ComponentChildren;
  class?: string;
  id?: string;
}) {
  return (
    <fieldset
      id={props.id}
      class={`utrecht-form-fieldset utrecht-form-fieldset--html-fieldset ${props.class ?? ""}`}
    >
      <legend class="utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend">
        {props.legend}
      </legend>
      {props.children}
    </fieldset>
  );
}

/**
 * The PIP form: route (with the advice and a reason when deviating), language provider and hours,
 * components, preconditions, guidance, goals with steps, agreed progress reviews, monitoring.
 * Works without JavaScript: the add/remove buttons post the form and get it back changed.
 */
export function PlanFormPage(props: PlanFormProps) {
  const { t, locale } = useView();
  const { file, version, values, errors } = props;
  const id = file.newcomer.id;
  const e = errors;
  const route = leerroutes.find((r) => r === values.leerroute) ?? props.advice.route;
  const components = props.componentsByRoute[route];
  const anyOntzorgen = Object.values(props.componentsByRoute).some((c) => c.ontzorgen.applies);
  const zHours = props.componentsByRoute.zelfredzaamheid.zRouteHours;
  const action = versionPath(id, version.number, "/bewerken");
  const basis = props.intake?.basisNotInOrder ?? [];
  const routeLocked = file.term && file.term.routeChangeUntil < props.today;

  return (
    <>
      <Heading>
        {t("plans:form.title", { n: version.number, name: newcomerName(file.newcomer) })}
      </Heading>
      <p class="utrecht-paragraph">
        <a class="utrecht-link" href={planPath(id)}>
          {t("plans:backToPlan")}
        </a>
      </p>
      <ErrorSummary errors={errors} />
      {props.conflict && (
        <ConflictComparison
          rows={compareFields(
            formFields(
              formValuesFrom(
                props.conflict.content,
                props.conflict.version,
                props.conflict.changeReason,
              ),
              t,
              locale,
              props.providers,
            ),
            formFields(values, t, locale, props.providers),
          ).map((r) => ({ label: r.label, yours: r.b ?? "", saved: r.a ?? "" }))}
        />
      )}

      {basis.length > 0 && (
        <Alert type="warning">
          <p class="utrecht-paragraph">
            {t("plans:form.basisNotInOrder", {
              domains: basis
                .map((d) => t(`plans:basisDomains.${d}`, { defaultValue: d }))
                .join(", "),
            })}
          </p>
        </Alert>
      )}
      {props.intake?.ambitions && (
        <blockquote class="koers-quote">
          <p class="utrecht-paragraph">
            <strong>{t("plans:form.ambitions")}</strong> {props.intake.ambitions}
          </p>
          {props.intake.nextStep && (
            <p class="utrecht-paragraph">
              <strong>{t("plans:form.nextStep")}</strong> {props.intake.nextStep}
            </p>
          )}
        </blockquote>
      )}

      <Form action={action} aria-label={t("plans:form.label")}>
        {/* The first submit button is the one Enter presses in a text field: make it "save". */}
        <button type="submit" name="_action" value="save" hidden tabindex={-1}>
          {t("plans:form.save")}
        </button>
        <input type="hidden" name="version" value={values.version ?? String(version.version)} />

        <section aria-labelledby="kop-route">
          <Heading level={2}>
            <span id="kop-route">{t("plans:sections.route")}</span>
          </Heading>
          <AdviceExplanation
            route={props.advice.route}
            reasons={props.advice.reasons}
            headingLevel={3}
          />
          {file.term && (
            <p class="utrecht-paragraph">
              {t(routeLocked ? "plans:form.routeLocked" : "plans:form.routeChangeUntil", {
                date: formatDate(locale, file.term.routeChangeUntil),
              })}
            </p>
          )}
          <ChoiceField
            name="leerroute"
            type="radio"
            legend={t("plans:fields.leerroute")}
            options={leerroutes.map((r) => ({
              value: r,
              label: t(`plans:routes.${r}`),
              hint:
                r === props.advice.route
                  ? t("plans:form.advised")
                  : t(`plans:routeDescriptions.${r}`),
            }))}
            value={values.leerroute}
            errors={e}
            required
          />
          <TextArea
            name="deviationReason"
            label={t("plans:fields.deviationReason")}
            hint={t("plans:form.deviationHint")}
            value={values.deviationReason}
            errors={e}
            rows={3}
          />
          <ChoiceField
            name="a2Option"
            type="checkbox"
            legend={t("plans:fields.a2Option")}
            hint={t("plans:form.a2Hint", {
              hours: props.componentsByRoute.b1.a2Option.minimumEffortHours,
            })}
            options={[{ value: "ja", label: t("plans:form.a2Label") }]}
            value={values.a2Option}
            errors={e}
          />
        </section>

        <section aria-labelledby="kop-taal">
          <Heading level={2}>
            <span id="kop-taal">{t("plans:sections.language")}</span>
          </Heading>
          <SelectField
            name="languageProviderId"
            label={t("plans:fields.languageProvider")}
            placeholder={t("plans:form.providerOther")}
            options={props.providers.map((p) => ({ value: p.id, label: p.name }))}
            value={values.languageProviderId}
            errors={e}
          />
          <TextField
            name="languageProviderName"
            label={t("plans:fields.languageProviderName")}
            hint={t("plans:form.providerNameHint")}
            value={values.languageProviderName}
            errors={e}
          />
          <TextField
            name="hoursPerWeek"
            type="number"
            inputmode="numeric"
            label={t("plans:fields.hoursPerWeek")}
            value={values.hoursPerWeek}
            errors={e}
          />
        </section>

        <section aria-labelledby="kop-onderdelen">
          <Heading level={2}>
            <span id="kop-onderdelen">{t("plans:sections.components")}</span>
          </Heading>
          <p class="utrecht-paragraph">{t("plans:form.componentsIntro")}</p>
          <TextField
            name="pvtHours"
            type="number"
            inputmode="numeric"
            label={t("plans:fields.pvtHours")}
            hint={t("plans:form.pvtHint", { min: components.pvt.minimumHours })}
            value={values.pvtHours}
            errors={e}
            required
          />
          <TextField
            name="mapHours"
            type="number"
            inputmode="numeric"
            label={t("plans:fields.mapHours")}
            hint={t("plans:form.mapHint", { min: components.map.minimumHours })}
            value={values.mapHours}
            errors={e}
          />
          {zHours && (
            <p class="utrecht-paragraph">
              {t("plans:form.zHours", {
                course: zHours.course,
                participation: zHours.participation,
              })}
            </p>
          )}
          <p class="utrecht-paragraph">
            {t("plans:fields.paidBy")}: {t(`plans:paidBy.${components.paidBy}`)}
          </p>
          {anyOntzorgen && (
            <Group legend={t("plans:fields.ontzorgen")}>
              <p class="utrecht-paragraph">{t("plans:form.ontzorgenIntro")}</p>
              <TextField
                name="ontzorgenMonths"
                type="number"
                inputmode="numeric"
                label={t("plans:fields.ontzorgenMonths")}
                value={values.ontzorgenMonths}
                errors={e}
              />
              <ChoiceField
                name="ontzorgenCosts"
                type="checkbox"
                legend={t("plans:fields.ontzorgenCosts")}
                options={fixedCosts.map((c) => ({ value: c, label: t(`plans:costs.${c}`) }))}
                value={values.ontzorgenCosts}
                errors={e}
              />
            </Group>
          )}
        </section>

        <section aria-labelledby="kop-voorwaarden">
          <Heading level={2}>
            <span id="kop-voorwaarden">{t("plans:sections.preconditions")}</span>
          </Heading>
          <TextArea
            name="childcare"
            label={t("plans:fields.childcare")}
            value={values.childcare}
            errors={e}
            rows={2}
          />
          <TextArea
            name="travel"
            label={t("plans:fields.travel")}
            value={values.travel}
            errors={e}
            rows={2}
          />
          <TextArea
            name="otherPrecondition"
            label={t("plans:fields.otherPrecondition")}
            value={values.otherPrecondition}
            errors={e}
            rows={2}
          />
          <TextArea
            name="guidance"
            label={t("plans:fields.guidance")}
            hint={t("plans:form.guidanceHint")}
            value={values.guidance}
            errors={e}
          />
        </section>

        <section aria-labelledby="kop-doelen">
          <Heading level={2}>
            <span id="kop-doelen">{t("plans:sections.goals")}</span>
          </Heading>
          <p class="utrecht-paragraph">{t("plans:form.goalsIntro")}</p>
          {values.goals.map((goal, g) => (
            <Group
              key={goal.id ?? g}
              id={`doel-${g + 1}`}
              legend={t("plans:compare.goal", { n: g + 1 })}
              class="koers-goal"
            >
              <input type="hidden" name={`goals.${g}.id`} value={goal.id ?? ""} />
              <SelectField
                name={`goals.${g}.kind`}
                label={t("plans:fields.goalKind")}
                options={goalKinds.map((k) => ({ value: k, label: t(`plans:goalKinds.${k}`) }))}
                value={goal.kind}
                errors={e}
              />
              <TextArea
                name={`goals.${g}.description`}
                label={t("plans:fields.goalDescription")}
                value={goal.description}
                errors={e}
                rows={2}
              />
              {goal.steps.map((step, s) => (
                <Group
                  key={step.id ?? s}
                  id={`doel-${g + 1}-stap-${s + 1}`}
                  legend={t("plans:compare.step", { goal: g + 1, step: s + 1 })}
                  class="koers-step"
                >
                  <input type="hidden" name={`goals.${g}.steps.${s}.id`} value={step.id ?? ""} />
                  <TextField
                    name={`goals.${g}.steps.${s}.what`}
                    label={t("plans:fields.stepWhat")}
                    value={step.what}
                    errors={e}
                  />
                  <TextField
                    name={`goals.${g}.steps.${s}.who`}
                    label={t("plans:fields.stepWho")}
                    value={step.who}
                    errors={e}
                  />
                  <TextField
                    name={`goals.${g}.steps.${s}.dueOn`}
                    type="date"
                    label={t("plans:fields.stepDueOn")}
                    value={step.dueOn}
                    errors={e}
                  />
                  <SelectField
                    name={`goals.${g}.steps.${s}.status`}
                    label={t("plans:fields.stepStatus")}
                    options={stepStatuses.map((k) => ({
                      value: k,
                      label: t(`plans:stepStatus.${k}`),
                    }))}
                    value={step.status ?? "open"}
                    errors={e}
                  />
                  <RowButton
                    action={action}
                    to={`doel-${g + 1}`}
                    value={`removeStep.${g}.${s}`}
                    label={t("plans:form.removeStep", { goal: g + 1, step: s + 1 })}
                    danger
                  />
                </Group>
              ))}
              <p class="koers-actions">
                <RowButton
                  action={action}
                  to={`doel-${g + 1}-stap-${goal.steps.length + 1}`}
                  value={`addStep.${g}`}
                  label={t("plans:form.addStep", { n: g + 1 })}
                />
                <RowButton
                  action={action}
                  to="kop-doelen"
                  value={`removeGoal.${g}`}
                  label={t("plans:form.removeGoal", { n: g + 1 })}
                  danger
                />
              </p>
            </Group>
          ))}
          <p class="koers-actions">
            <RowButton
              action={action}
              to={`doel-${values.goals.length + 1}`}
              value="addGoal"
              label={t("plans:form.addGoal")}
            />
          </p>
        </section>

        <section aria-labelledby="kop-gesprekken">
          <Heading level={2}>
            <span id="kop-gesprekken">{t("plans:sections.reviews")}</span>
          </Heading>
          {values.reviews.map((review, r) => (
            <Group key={r} id={`gesprek-${r + 1}`} legend={t("plans:compare.review", { n: r + 1 })}>
              <TextField
                name={`reviews.${r}.dueOn`}
                type="date"
                label={t("plans:fields.reviewDueOn")}
                value={review.dueOn}
                errors={e}
              />
              <TextField
                name={`reviews.${r}.note`}
                label={t("plans:fields.reviewNote")}
                value={review.note}
                errors={e}
              />
              <RowButton
                action={action}
                to="kop-gesprekken"
                value={`removeReview.${r}`}
                label={t("plans:form.removeReview", { n: r + 1 })}
                danger
              />
            </Group>
          ))}
          <p class="koers-actions">
            <RowButton
              action={action}
              to={`gesprek-${values.reviews.length + 1}`}
              value="addReview"
              label={t("plans:form.addReview")}
            />
          </p>
          <TextArea
            name="monitoring"
            label={t("plans:fields.monitoring")}
            hint={t("plans:form.monitoringHint")}
            value={values.monitoring}
            errors={e}
          />
        </section>

        {version.number > 1 && (
          <TextArea
            name="changeReason"
            label={t("plans:fields.changeReason")}
            value={values.changeReason}
            errors={e}
            rows={3}
            required
          />
        )}
        <p class="koers-actions">
          <Button name="_action" value="save">
            {t("plans:form.save")}
          </Button>
        </p>
      </Form>
    </>
  );
}
