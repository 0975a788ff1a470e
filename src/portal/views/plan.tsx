import type { TFunction } from "i18next";
import type { ComponentChildren } from "preact";
import { type Domain, Pictogram } from "../../intake/index.ts";
import type { PlanGoal } from "../../plans/index.ts";
import type { FieldErrors } from "../../platform/http/forms.ts";
import { Button, ErrorSummary, Form, Heading, TextArea } from "../../platform/views/components.tsx";
import { useView } from "../../platform/views/context.ts";
import type { MyPlan, PresentedTranslation } from "../queries.ts";
import { buildTimeline, type TimelineItem } from "../rules.ts";

/** How the newcomer reads the portal: their language, Dutch made easy, or Dutch beside their language. */
export interface Reading {
  /** Portal texts in the reader's language (B1 Dutch where chosen). */
  p: (key: string, options?: Record<string, unknown>) => string;
  /** Dutch labels shown beside the reader's language; undefined when not switched on. */
  nl: TFunction | undefined;
  b1: boolean;
  beside: boolean;
}

/** Builds the reading for a request: `portal-b1` texts first when "Eenvoudig Nederlands" is on. */
export function readingFor(
  t: TFunction,
  nl: TFunction,
  options: { b1: boolean; beside: boolean; locale: string },
): Reading {
  const b1 = options.b1 && options.locale === "nl";
  return {
    p: (key, values) =>
      b1 ? t([`portal-b1:${key}`, `portal:${key}`], values) : t(`portal:${key}`, values),
    nl: options.beside && options.locale !== "nl" ? nl : undefined,
    b1,
    beside: options.beside,
  };
}

/** A label in the reader's language, with the Dutch beside it when that is switched on. */
function Label(props: { r: Reading; k: string; values?: Record<string, unknown> }) {
  const { t } = useView();
  const own = t(props.k, props.values);
  const dutch = props.r.nl?.(props.k, props.values);
  return (
    <>
      {own}
      {dutch && dutch !== own && (
        <span class="koers-portal-dutch" lang="nl" dir="ltr">
          {dutch}
        </span>
      )}
    </>
  );
}

/** A date in the reader's language, isolated so it keeps its order inside right-to-left text. */
export function Day({ date }: { date: string }) {
  const { locale } = useView();
  let text = date;
  try {
    text = new Intl.DateTimeFormat(locale, { dateStyle: "long", timeZone: "UTC" }).format(
      new Date(`${date}T00:00:00Z`),
    );
  } catch {
    // A language the runtime has no calendar data for: the ISO date is still readable.
  }
  return (
    <bdi>
      <time datetime={date}>{text}</time>
    </bdi>
  );
}

/** Which pictogram (assets/pictograms) stands for a goal's kind. */
const goalPictogram: Record<PlanGoal["kind"], Domain> = {
  werk: "werk_opleiding",
  opleiding: "werk_opleiding",
  vrijwilligerswerk: "dagbesteding",
  taal: "taal",
  zelfredzaamheid: "financien",
  gezondheid: "zorgverzekering",
  anders: "motivatie_interesses",
};

/** "Read aloud" for one section: hidden until the script finds speech synthesis. */
export function ReadAloud(props: { r: Reading; target: string }) {
  return (
    <div
      class="koers-read-aloud"
      data-module="read-aloud"
      data-target={props.target}
      data-no-voice={props.r.p("readAloud.noVoice")}
      data-stop={props.r.p("readAloud.stop")}
      hidden
    >
      <button type="button" class="utrecht-button utrecht-button--secondary-action">
        {props.r.p("readAloud.button")}
      </button>
      <p class="koers-read-aloud__message" aria-live="polite" />
    </div>
  );
}

/** Free text written by the consultant: the Dutch, and the translation where there is one. */
function FreeText(props: {
  r: Reading;
  dutch: string;
  translation?: PresentedTranslation | undefined;
}) {
  const { translation, r } = props;
  return (
    <div class="koers-free-text">
      <p lang="nl" dir="ltr">
        {props.dutch}
      </p>
      {translation && (
        <>
          <p>{translation.text}</p>
          <p class="koers-free-text__mark">
            {r.p(translation.method === "human" ? "translation.human" : "translation.machine")}
            {" · "}
            {r.p(translation.reviewed ? "translation.reviewed" : "translation.notReviewed")}
            {translation.outdated && ` · ${r.p("translation.outdated")}`}
          </p>
        </>
      )}
    </div>
  );
}

function Changed({ r, show }: { r: Reading; show: boolean }) {
  return show ? <strong class="koers-changed">{r.p("plan.changed")}</strong> : null;
}

/** A section with its heading, read-aloud button and content. */
function Section(props: {
  id: string;
  r: Reading;
  title: ComponentChildren;
  children: ComponentChildren;
}) {
  return (
    <section class="koers-portal-section" id={props.id} aria-labelledby={`${props.id}-titel`}>
      <h2 class="utrecht-heading-2" id={`${props.id}-titel`}>
        {props.title}
      </h2>
      <ReadAloud r={props.r} target={props.id} />
      {props.children}
    </section>
  );
}

/** The timeline of the three years as an ordered list of dated moments. */
function Timeline(props: { r: Reading; items: TimelineItem[] }) {
  const { r } = props;
  return (
    <ol class="koers-timeline">
      {props.items.map((item, i) => (
        <li
          key={`${item.kind}-${i}`}
          class={`koers-timeline__item koers-timeline__item--${item.state}`}
        >
          <span class="koers-timeline__state">{r.p(`timeline.state.${item.state}`)}</span>{" "}
          <Day date={item.date} />
          {": "}
          {r.p(`timeline.kind.${item.kind}`)}
          {item.label && (
            <>
              {" — "}
              <span lang="nl" dir="auto">
                {item.label}
              </span>
            </>
          )}
        </li>
      ))}
    </ol>
  );
}

/** The timeline items of a plan: the term, the set date, steps with a date, reviews. */
export function timelineOf(plan: MyPlan, today: string): TimelineItem[] {
  const items: Omit<TimelineItem, "state">[] = [];
  const finishedSteps = new Set<string>();
  if (plan.version?.setOn) items.push({ date: plan.version.setOn, kind: "planSet" });
  if (plan.term) {
    items.push({ date: plan.term.start, kind: "termStart" });
    items.push({ date: plan.term.routeChangeUntil, kind: "routeChange" });
    items.push({ date: plan.term.end, kind: "termEnd" });
  }
  for (const goal of plan.version?.content.goals ?? [])
    for (const step of goal.steps)
      if (step.dueOn) {
        items.push({ date: step.dueOn, kind: "step", label: step.what });
        if (step.status === "klaar" || step.status === "vervallen") finishedSteps.add(step.what);
      }
  for (const review of plan.version?.content.reviewSchedule ?? [])
    items.push({ date: review.dueOn, kind: "review" });
  return buildTimeline(
    items,
    today,
    (item) => item.kind === "step" && !!item.label && finishedSteps.has(item.label),
  );
}

function VoiceForm(props: {
  r: Reading;
  kind: "droom" | "doel" | "opmerking" | "wijzigingsvoorstel";
  label: string;
  goalId?: string;
  versionId?: string;
  errors?: FieldErrors | undefined;
  formId?: string | undefined;
  value?: string | undefined;
}) {
  const name = props.goalId ? `text-${props.goalId}` : `text-${props.kind}`;
  const errors =
    props.errors && props.formId === name && props.errors.text
      ? { [name]: props.errors.text }
      : undefined;
  return (
    <Form action="/mijn-plan/stem">
      <input type="hidden" name="kind" value={props.kind} />
      <input type="hidden" name="form" value={name} />
      {props.goalId && <input type="hidden" name="goalId" value={props.goalId} />}
      {props.versionId && <input type="hidden" name="planVersionId" value={props.versionId} />}
      <TextArea
        name={name}
        label={props.label}
        rows={3}
        errors={errors}
        value={props.formId === name ? props.value : undefined}
      />
      <Button variant="secondary">{props.r.p("voice.send")}</Button>
    </Form>
  );
}

/** "My plan": the set PIP in the reader's language, the timeline, and their voice. */
export function MyPlanPage(props: {
  plan: MyPlan;
  r: Reading;
  today: string;
  errors?: FieldErrors | undefined;
  formId?: string | undefined;
  value?: string | undefined;
}) {
  const { plan, r } = props;
  const { t } = useView();
  const v = plan.version;
  const c = v?.content;
  const dreams = plan.voices.filter((x) => x.kind === "droom" || x.kind === "doel");
  const lastReaction = plan.reactions.filter((x) => x.planVersionId === v?.id).at(-1);
  return (
    <>
      <Heading>{r.p("plan.title", { name: plan.newcomer.givenNames })}</Heading>
      <ErrorSummary errors={props.errors} />
      <ReadAloud r={r} target="inhoud" />
      <p class="koers-portal-switches">
        <a class="utrecht-link" href={`/mijn-plan/naast?aan=${r.beside ? "0" : "1"}`}>
          {r.p(r.beside ? "switch.besideOff" : "switch.besideOn")}
        </a>{" "}
        <a class="utrecht-link" href={`/mijn-plan/eenvoudig?aan=${r.b1 ? "0" : "1"}`} lang="nl">
          {r.b1 ? "Gewoon Nederlands" : "Eenvoudig Nederlands"}
        </a>
      </p>
      <div id="inhoud">
        {!v || !c ? (
          <p>{r.p("plan.none")}</p>
        ) : (
          <>
            {plan.changed.plan && <p class="koers-changed">{r.p("plan.newVersion")}</p>}
            <p>
              {r.p("plan.version", { number: v.number })}{" "}
              {v.setOn && (
                <>
                  {r.p("plan.setOn")} <Day date={v.setOn} />
                </>
              )}
            </p>
            <Section id="route" r={r} title={<Label r={r} k="pip:sections.route" />}>
              <Changed r={r} show={plan.changed.route} />
              <p>
                <Pictogram domain="taal" />{" "}
                <strong>
                  <Label r={r} k={`pip:routes.${c.leerroute}`} />
                </strong>
              </p>
              <p>
                <Label r={r} k={`pip:routeDescriptions.${c.leerroute}`} />
              </p>
              <ul class="utrecht-unordered-list koers-portal-components">
                {c.components.knm && (
                  <li>
                    <Pictogram domain="sociaal_netwerk" /> <Label r={r} k="pip:fields.knm" />
                  </li>
                )}
                {c.components.pvt.applies && (
                  <li>
                    <Pictogram domain="motivatie_interesses" /> <Label r={r} k="pip:fields.pvt" />
                  </li>
                )}
                {c.components.map.applies && (
                  <li>
                    <Pictogram domain="werk_opleiding" /> <Label r={r} k="pip:fields.map" />
                  </li>
                )}
                {c.components.ontzorgen.applies && (
                  <li>
                    <Pictogram domain="financien" /> <Label r={r} k="pip:fields.ontzorgen" />
                  </li>
                )}
                {c.hoursPerWeek !== undefined && (
                  <li>
                    <Label r={r} k="pip:fields.hoursPerWeek" />:{" "}
                    <bdi>{t("pip:hours", { hours: c.hoursPerWeek })}</bdi>
                  </li>
                )}
                {c.languageProvider && (
                  <li>
                    <Label r={r} k="pip:fields.provider" />: <bdi>{c.languageProvider.name}</bdi>
                  </li>
                )}
              </ul>
            </Section>
            <Section id="doelen" r={r} title={<Label r={r} k="pip:sections.goals" />}>
              {c.goals.length === 0 && <p>{t("pip:noGoals")}</p>}
              {c.goals.map((goal, i) => (
                <article
                  key={goal.id}
                  class="koers-portal-goal"
                  aria-labelledby={`doel-${goal.id}`}
                >
                  <h3 class="utrecht-heading-3" id={`doel-${goal.id}`}>
                    <Pictogram domain={goalPictogram[goal.kind]} />{" "}
                    <Label r={r} k="pip:fields.goal" values={{ n: i + 1 }} />
                    {": "}
                    <Label r={r} k={`pip:goalKinds.${goal.kind}`} />
                  </h3>
                  <Changed r={r} show={plan.changed.goals.has(goal.id)} />
                  <FreeText
                    r={r}
                    dutch={goal.description}
                    translation={plan.translations[`goal:${goal.id}`]}
                  />
                  {goal.steps.length > 0 && (
                    <ol class="utrecht-ordered-list">
                      {goal.steps.map((step) => (
                        <li key={step.id}>
                          <FreeText
                            r={r}
                            dutch={step.what}
                            translation={plan.translations[`step:${step.id}:what`]}
                          />
                          <p>
                            <Label r={r} k="pip:fields.stepStatus" />:{" "}
                            <Label r={r} k={`pip:stepStatus.${step.status}`} />
                            {step.dueOn && (
                              <>
                                {" · "}
                                <Label r={r} k="pip:fields.dueOn" />: <Day date={step.dueOn} />
                              </>
                            )}
                          </p>
                        </li>
                      ))}
                    </ol>
                  )}
                  {plan.voices
                    .filter((x) => x.goalId === goal.id)
                    .map((x) => (
                      <p key={x.id} class="koers-portal-voice" dir="auto">
                        {r.p(`voice.kinds.${x.kind}`)}: {x.text}
                      </p>
                    ))}
                  <details class="koers-portal-details">
                    <summary>{r.p("voice.commentOn")}</summary>
                    <VoiceForm
                      r={r}
                      kind="opmerking"
                      label={r.p("voice.commentLabel")}
                      goalId={goal.id}
                      versionId={v.id}
                      errors={props.errors}
                      formId={props.formId}
                      value={props.value}
                    />
                  </details>
                </article>
              ))}
            </Section>
            {c.guidance && (
              <Section id="begeleiding" r={r} title={r.p("plan.guidance")}>
                <FreeText r={r} dutch={c.guidance} translation={plan.translations.guidance} />
              </Section>
            )}
          </>
        )}
        <Section id="tijdlijn" r={r} title={r.p("timeline.title")}>
          <Timeline r={r} items={timelineOf(plan, props.today)} />
          <p>
            <a class="utrecht-link" href="/mijn-plan/afspraken">
              {r.p("appointments.title")}
            </a>
          </p>
        </Section>
        <Section id="contact" r={r} title={<Label r={r} k="pip:sections.contact" />}>
          {plan.consultant ? (
            <p>
              <Label r={r} k="pip:fields.consultant" />: <bdi>{plan.consultant.name}</bdi>
              <br />
              <Label r={r} k="pip:fields.email" />:{" "}
              <a class="utrecht-link" href={`mailto:${plan.consultant.email}`} dir="ltr">
                {plan.consultant.email}
              </a>
            </p>
          ) : (
            <p>{r.p("plan.noConsultant")}</p>
          )}
          <p>
            <Label r={r} k="pip:fields.municipality" />: <bdi>{plan.municipality}</bdi>
          </p>
        </Section>
        <Section id="mijn-stem" r={r} title={r.p("voice.title")}>
          {dreams.length > 0 && (
            <ul class="utrecht-unordered-list">
              {dreams.map((x) => (
                <li key={x.id} dir="auto">
                  {r.p(`voice.kinds.${x.kind}`)}: {x.text}
                </li>
              ))}
            </ul>
          )}
          <VoiceForm
            r={r}
            kind="droom"
            label={r.p("voice.dreamLabel")}
            errors={props.errors}
            formId={props.formId}
            value={props.value}
          />
          <VoiceForm
            r={r}
            kind="doel"
            label={r.p("voice.goalLabel")}
            errors={props.errors}
            formId={props.formId}
            value={props.value}
          />
          {v && (
            <VoiceForm
              r={r}
              kind="wijzigingsvoorstel"
              label={r.p("voice.proposalLabel")}
              versionId={v.id}
              errors={props.errors}
              formId={props.formId}
              value={props.value}
            />
          )}
        </Section>
        {v && (
          <Section id="mening" r={r} title={r.p("react.title")}>
            {lastReaction && (
              <p>
                {r.p(lastReaction.agrees ? "react.youAgreed" : "react.youDisagreed")}{" "}
                <Day date={lastReaction.createdAt.toISOString().slice(0, 10)} />
              </p>
            )}
            <Form action="/mijn-plan/reactie">
              <input type="hidden" name="planVersionId" value={v.id} />
              <fieldset class="utrecht-form-fieldset koers-fieldset">
                <legend class="utrecht-form-fieldset__legend">{r.p("react.question")}</legend>
                {props.errors?.agrees && (
                  <p class="utrecht-form-field-error-message" id="veld-agrees">
                    {props.errors.agrees}
                  </p>
                )}
                <div class="utrecht-form-field utrecht-form-field--radio">
                  <input
                    class="utrecht-radio-button"
                    type="radio"
                    name="agrees"
                    value="ja"
                    id="mening-ja"
                  />
                  <label class="utrecht-form-label utrecht-form-label--radio" for="mening-ja">
                    {r.p("react.agree")}
                  </label>
                </div>
                <div class="utrecht-form-field utrecht-form-field--radio">
                  <input
                    class="utrecht-radio-button"
                    type="radio"
                    name="agrees"
                    value="nee"
                    id="mening-nee"
                  />
                  <label class="utrecht-form-label utrecht-form-label--radio" for="mening-nee">
                    {r.p("react.disagree")}
                  </label>
                </div>
              </fieldset>
              <TextArea name="explanation" label={r.p("react.explanation")} rows={3} />
              <Button>{r.p("react.send")}</Button>
            </Form>
          </Section>
        )}
      </div>
    </>
  );
}
