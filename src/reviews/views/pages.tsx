import { type Domain, domains, Pictogram } from "../../intake/index.ts";
import type { PlanGoal } from "../../plans/index.ts";
import type { FieldErrors } from "../../platform/http/forms.ts";
import {
  Alert,
  Button,
  ButtonLink,
  ChoiceField,
  ErrorSummary,
  Form,
  Heading,
  SelectField,
  Table,
  TextArea,
  TextField,
} from "../../platform/views/components.tsx";
import {
  type ComparedField,
  ConflictComparison,
  compareValues,
} from "../../platform/views/conflict.tsx";
import { useView } from "../../platform/views/context.ts";
import type { PresentedReview, ProgressFile } from "../queries.ts";
import { formatDay, goalProgressValues, scoreValues } from "../rules.ts";
import { ScoreChart, ScoreTable } from "./score-chart.tsx";

type T = ReturnType<typeof useView>["t"];

const progressPath = (newcomerId: string) => `/nieuwkomers/${newcomerId}/voortgang`;
const reviewPath = (newcomerId: string, reviewId: string) =>
  `${progressPath(newcomerId)}/${reviewId}`;
/** The plans capability's page for one version. */
export const planVersionPath = (newcomerId: string, number: number) =>
  `/nieuwkomers/${newcomerId}/pip/versies/${number}`;

/** The intake's own name for a domain (namespace "intake-questions"), so both speak alike. */
const domainLabel = (t: T, domain: Domain) => t(`intake-questions:domains.${domain}.name`);

/** Where a review stands: held, to come, or overdue. */
function stateOf(review: PresentedReview, today: string): "gehouden" | "gepland" | "te_laat" {
  if (review.heldOn) return "gehouden";
  return review.dueOn && review.dueOn < today ? "te_laat" : "gepland";
}

function BackToRecord(props: { newcomerId: string }) {
  const { t } = useView();
  return (
    <p>
      <a class="utrecht-link" href={`/nieuwkomers/${props.newcomerId}`}>
        {t("reviews:backToRecord")}
      </a>
    </p>
  );
}

/** The newcomer's reviews (held and to come) and each domain's scores over time. */
export function ProgressPage(props: {
  file: ProgressFile;
  today: string;
  planSet: boolean;
  canRecord: boolean;
}) {
  const { t, locale } = useView();
  const { file } = props;
  const id = file.newcomer.id;
  const scored = domains.filter((d) => (file.history[d]?.length ?? 0) > 0);
  const unscored = domains.filter((d) => !scored.includes(d));
  return (
    <>
      <Heading>{t("reviews:progress.title", { name: file.newcomer.name ?? "" })}</Heading>
      <BackToRecord newcomerId={id} />
      <Heading level={2}>{t("reviews:progress.reviews")}</Heading>
      {!props.planSet && (
        <Alert type="info">
          <p>{t("reviews:progress.noPlan")}</p>
        </Alert>
      )}
      {file.reviews.length === 0 ? (
        <p>{t("reviews:progress.empty")}</p>
      ) : (
        <Table
          caption={t("reviews:progress.caption")}
          head={[
            t("reviews:fields.date"),
            t("reviews:fields.kind"),
            t("reviews:fields.state"),
            t("reviews:fields.planVersion"),
          ]}
          rows={file.reviews.map((r) => {
            const date = r.heldOn ?? r.dueOn;
            return [
              <a key="link" class="utrecht-link" href={reviewPath(id, r.id)}>
                {date ? formatDay(locale, date) : t("reviews:fields.noDate")}
              </a>,
              t(`reviews:kinds.${r.kind}`),
              t(`reviews:states.${stateOf(r, props.today)}`),
              r.planVersionNumber === null
                ? "—"
                : t("reviews:fields.versionNumber", { number: r.planVersionNumber }),
            ];
          })}
        />
      )}
      {props.canRecord && (
        <p>
          <ButtonLink href={`${progressPath(id)}/nieuw`} variant="secondary">
            {t("reviews:progress.recordAdHoc")}
          </ButtonLink>
        </p>
      )}
      <Heading level={2}>{t("reviews:progress.scores")}</Heading>
      <p>{t("reviews:progress.scoresIntro")}</p>
      {scored.map((domain) => {
        const label = domainLabel(t, domain);
        const points = file.history[domain] ?? [];
        return (
          <section key={domain} class="koers-score" aria-labelledby={`domein-${domain}`}>
            <Heading level={3}>
              <Pictogram domain={domain} />
              <span id={`domein-${domain}`}>{label}</span>
            </Heading>
            <ScoreChart domain={domain} label={label} points={points} />
            <ScoreTable label={label} points={points} />
          </section>
        );
      })}
      {unscored.length > 0 && (
        <p>
          {t("reviews:progress.unscored", {
            domains: unscored.map((d) => domainLabel(t, d)).join(", "),
          })}
        </p>
      )}
    </>
  );
}

/** One review: what was recorded, or that it is still to come. */
export function ReviewPage(props: {
  newcomer: { id: string; name: string };
  review: PresentedReview;
  goals: readonly PlanGoal[];
  canRecord: boolean;
  canChangePlan: boolean;
}) {
  const { t, locale } = useView();
  const { review, newcomer } = props;
  const base = reviewPath(newcomer.id, review.id);
  const title = review.heldOn
    ? t("reviews:review.titleHeld", { date: formatDay(locale, review.heldOn) })
    : t("reviews:review.titleDue", {
        date: review.dueOn ? formatDay(locale, review.dueOn) : "",
      });
  const goalText = (goalId: string) =>
    props.goals.find((g) => g.id === goalId)?.description ?? t("reviews:review.unknownGoal");
  return (
    <>
      <Heading>{title}</Heading>
      <p>
        {newcomer.name} · {t(`reviews:kinds.${review.kind}`)}
        {review.planVersionNumber !== null &&
          ` · ${t("reviews:fields.versionNumber", { number: review.planVersionNumber })}`}
      </p>
      <p>
        <a class="utrecht-link" href={progressPath(newcomer.id)}>
          {t("reviews:backToProgress")}
        </a>
      </p>
      {!review.heldOn ? (
        <>
          <p>{t("reviews:review.notHeld")}</p>
          {props.canRecord && (
            <p>
              <ButtonLink href={`${base}/bewerken`}>{t("reviews:review.record")}</ButtonLink>
            </p>
          )}
        </>
      ) : (
        <>
          {props.canRecord && (
            <p>
              <ButtonLink href={`${base}/bewerken`} variant="secondary">
                {t("reviews:review.edit")}
              </ButtonLink>
            </p>
          )}
          <Heading level={2}>{t("reviews:form.goals")}</Heading>
          {review.goalProgress.length === 0 ? (
            <p>{t("reviews:review.noProgress")}</p>
          ) : (
            <Table
              caption={t("reviews:review.progressCaption")}
              head={[
                t("reviews:fields.goal"),
                t("reviews:fields.progress"),
                t("reviews:fields.note"),
              ]}
              rows={review.goalProgress.map((p) => [
                goalText(p.goalId),
                t(`reviews:progressValues.${p.progress}`),
                p.note ?? "",
              ])}
            />
          )}
          <Heading level={2}>{t("reviews:form.scores")}</Heading>
          {review.scores.length === 0 ? (
            <p>{t("reviews:review.noScores")}</p>
          ) : (
            <Table
              caption={t("reviews:review.scoresCaption")}
              head={[
                t("reviews:fields.domain"),
                t("reviews:chart.legend.consultant"),
                t("reviews:chart.legend.newcomer"),
              ]}
              rows={review.scores.map((s) => [
                domainLabel(t, s.domain),
                s.consultantScore?.toString() ?? t("reviews:scores.none"),
                s.newcomerScore?.toString() ?? t("reviews:scores.none"),
              ])}
            />
          )}
          <Heading level={2}>{t("reviews:fields.whatChanged")}</Heading>
          <p>{review.whatChanged ?? t("reviews:review.nothingChanged")}</p>
          <Heading level={2}>{t("reviews:review.planHeading")}</Heading>
          {review.resultingPlanVersionNumber !== null ? (
            <p>
              <a
                class="utrecht-link"
                href={planVersionPath(newcomer.id, review.resultingPlanVersionNumber)}
              >
                {t("reviews:review.resultingVersion", {
                  number: review.resultingPlanVersionNumber,
                })}
              </a>
            </p>
          ) : props.canChangePlan ? (
            <Form action={`${base}/plan-aanpassen`} aria-label={t("reviews:review.changePlan")}>
              <p>{t("reviews:review.changePlanHint")}</p>
              <Button variant="secondary">{t("reviews:review.changePlan")}</Button>
            </Form>
          ) : (
            <p>{t("reviews:review.planUnchanged")}</p>
          )}
        </>
      )}
    </>
  );
}

type Values = Record<string, unknown>;
const str = (v: unknown): string | undefined =>
  typeof v === "string" ? v : typeof v === "number" ? String(v) : undefined;

/** What the user typed next to what is stored now, after someone else saved in between. */
function useReviewComparison(goals: readonly PlanGoal[]) {
  const { t, locale } = useView();
  const progress = (v: unknown) => {
    const s = str(v);
    return s ? t(`reviews:progressValues.${s}`) : "";
  };
  const text = (v: unknown) => str(v) ?? "";
  const fields: ComparedField[] = [
    {
      name: "heldOn",
      label: t("reviews:fields.heldOn"),
      show: (v) => (str(v) ? formatDay(locale, str(v) ?? "") : ""),
    },
    ...goals.flatMap((g): ComparedField[] => [
      { name: `progress.${g.id}`, label: g.description, show: progress },
      {
        name: `note.${g.id}`,
        label: `${g.description} — ${t("reviews:fields.note")}`,
        show: text,
      },
    ]),
    ...domains.flatMap((d): ComparedField[] => [
      {
        name: `consultant.${d}`,
        label: `${domainLabel(t, d)} — ${t("reviews:chart.legend.consultant")}`,
        show: text,
      },
      {
        name: `newcomer.${d}`,
        label: `${domainLabel(t, d)} — ${t("reviews:chart.legend.newcomer")}`,
        show: text,
      },
    ]),
    { name: "whatChanged", label: t("reviews:fields.whatChanged"), show: text },
  ];
  return (yours: Values, stored: Values) => compareValues(fields, yours, stored);
}

/** Recording a review (or correcting one): held on, progress per goal, the scores again, what changed. */
export function ReviewFormPage(props: {
  newcomer: { id: string; name: string };
  action: string;
  title: string;
  goals: readonly PlanGoal[];
  values: Values;
  /** The review's row version the form is based on (absent for a new ad-hoc review). */
  version?: number | undefined;
  errors?: FieldErrors | undefined;
  /** After a conflict: the review as stored now, shown beside the user's input. */
  stored?: Values | undefined;
  canChangePlan: boolean;
}) {
  const { t } = useView();
  const v = props.values;
  const compare = useReviewComparison(props.goals);
  // Each domain's steps in the intake's words, so a score means the same in intake and review.
  const scoreOptions = (domain: Domain) =>
    scoreValues.map((s) => ({
      value: String(s),
      label: `${s} – ${t(`intake-questions:domains.${domain}.score${s}`)}`,
    }));
  return (
    <>
      <Heading>{props.title}</Heading>
      <p>{props.newcomer.name}</p>
      <ErrorSummary errors={props.errors} />
      {props.stored && <ConflictComparison rows={compare(v, props.stored)} />}
      <Form action={props.action} aria-label={props.title}>
        {props.version !== undefined && (
          <input type="hidden" name="version" value={String(props.version)} />
        )}
        <TextField
          name="heldOn"
          type="date"
          label={t("reviews:fields.heldOn")}
          value={str(v.heldOn)}
          errors={props.errors}
          required
        />
        <Heading level={2}>{t("reviews:form.goals")}</Heading>
        {props.goals.length === 0 ? (
          <p>{t("reviews:form.noGoals")}</p>
        ) : (
          props.goals.map((goal) => (
            <div key={goal.id} class="koers-review-goal">
              <ChoiceField
                name={`progress.${goal.id}`}
                type="radio"
                legend={goal.description}
                hint={t(`reviews:goalKinds.${goal.kind}`)}
                value={str(v[`progress.${goal.id}`])}
                errors={props.errors}
                options={goalProgressValues.map((p) => ({
                  value: p,
                  label: t(`reviews:progressValues.${p}`),
                }))}
              />
              <TextArea
                name={`note.${goal.id}`}
                label={t("reviews:form.goalNote", { goal: goal.description })}
                value={str(v[`note.${goal.id}`])}
                errors={props.errors}
                rows={2}
              />
            </div>
          ))
        )}
        <Heading level={2}>{t("reviews:form.scores")}</Heading>
        <p>{t("reviews:form.scoresIntro")}</p>
        {domains.map((domain) => (
          <fieldset
            key={domain}
            class="utrecht-form-fieldset utrecht-form-fieldset--html-fieldset koers-review-domain"
          >
            <legend class="utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend">
              <Pictogram domain={domain} />
              {domainLabel(t, domain)}
            </legend>
            <SelectField
              name={`consultant.${domain}`}
              label={t("reviews:form.consultantScore")}
              value={str(v[`consultant.${domain}`])}
              options={scoreOptions(domain)}
              placeholder={t("reviews:form.noScore")}
              errors={props.errors}
            />
            <SelectField
              name={`newcomer.${domain}`}
              label={t("reviews:form.newcomerScore")}
              value={str(v[`newcomer.${domain}`])}
              options={scoreOptions(domain)}
              placeholder={t("reviews:form.noScore")}
              errors={props.errors}
            />
          </fieldset>
        ))}
        <TextArea
          name="whatChanged"
          label={t("reviews:fields.whatChanged")}
          hint={t("reviews:form.whatChangedHint")}
          value={str(v.whatChanged)}
          errors={props.errors}
          rows={5}
        />
        <div class="koers-actions">
          <Button>{t("reviews:form.save")}</Button>
          {props.canChangePlan && (
            <Button variant="secondary" name="next" value="plan">
              {t("reviews:form.saveAndChangePlan")}
            </Button>
          )}
        </div>
      </Form>
      <p>
        <a class="utrecht-link" href={progressPath(props.newcomer.id)}>
          {t("reviews:form.cancel")}
        </a>
      </p>
    </>
  );
}
