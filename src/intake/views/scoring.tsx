import type { ComponentChildren } from "preact";
import type { FieldErrors } from "../../platform/http/forms.ts";
import { directionOf, isLocale, type Locale, translator } from "../../platform/i18n/index.ts";
import {
  Button,
  ButtonLink,
  ErrorSummary,
  Form,
  fieldId,
  Table,
  TextField,
} from "../../platform/views/components.tsx";
import { useView } from "../../platform/views/context.ts";
import { scoreFieldNames } from "../input.ts";
import { Pictogram } from "../pictograms.tsx";
import type { PresentedConversation, PresentedScore } from "../presenter.ts";
import type { IntakePage } from "../queries.ts";
import { scoreValues, todayInNetherlands } from "../rules.ts";
import { type Domain, domains } from "../schema.ts";
import { formatDate, IntakeHeading, intakeUrl } from "./shared.tsx";

/** The public namespace with the questions and score descriptions newcomers read. */
const QUESTIONS = "intake-questions";

/** The newcomer's language for the second column of texts, when it is not Dutch. */
export function secondLanguage(preferred: string): Locale | null {
  return isLocale(preferred) && preferred !== "nl" ? preferred : null;
}

/** One text of the questions namespace, in Dutch and (when given) in the newcomer's language. */
function Bilingual(props: { k: string; second: Locale | null; as?: "span" | "p" }) {
  const Tag = props.as ?? "span";
  const nl = translator("nl", QUESTIONS)(props.k);
  return (
    <>
      <Tag class="koers-bilingual__nl" lang="nl" dir="ltr">
        {nl}
      </Tag>
      {props.second && (
        <Tag class="koers-bilingual__other" lang={props.second} dir={directionOf(props.second)}>
          {translator(props.second, QUESTIONS)(props.k)}
        </Tag>
      )}
    </>
  );
}

/**
 * Five big radio buttons (and "skip"), styled as buttons of at least 48 × 48 px, that work without
 * JavaScript. The newcomer's scale shows each step's description in both languages.
 */
function Scale(props: {
  domain: Domain;
  name: string;
  legend: ComponentChildren;
  value: unknown;
  second: Locale | null;
  error?: string | undefined;
}) {
  const id = fieldId(props.name);
  const chosen = props.value === undefined || props.value === null ? "" : String(props.value);
  return (
    <fieldset
      class={`koers-scale${props.error ? " koers-scale--invalid" : ""}`}
      id={id}
      aria-describedby={props.error ? `${id}-error` : undefined}
    >
      <legend class="koers-scale__legend">{props.legend}</legend>
      {props.error && (
        <div class="utrecht-form-field-error-message" id={`${id}-error`}>
          {props.error}
        </div>
      )}
      <div class="koers-scale__options">
        {scoreValues.map((s) => (
          <div class="koers-scale__option" key={s}>
            <input
              class="koers-scale__input"
              type="radio"
              id={`${id}-${s}`}
              name={props.name}
              value={String(s)}
              checked={chosen === String(s)}
            />
            <label class="koers-scale__label" for={`${id}-${s}`}>
              <span class="koers-scale__number">{s}</span>
              <Bilingual k={`domains.${props.domain}.score${s}`} second={props.second} />
            </label>
          </div>
        ))}
        <div class="koers-scale__option koers-scale__option--skip">
          <input
            class="koers-scale__input"
            type="radio"
            id={`${id}-0`}
            name={props.name}
            value=""
            checked={chosen === ""}
          />
          <label class="koers-scale__label" for={`${id}-0`}>
            <Bilingual k="skip" second={props.second} />
          </label>
        </div>
      </div>
    </fieldset>
  );
}

/**
 * The scoring of all domains: per domain its pictogram, the question, the newcomer's own view and
 * the consultant's, and a note. Side by side it shows the newcomer's texts also in their language.
 */
function ScoringForm(props: {
  action: string;
  values: Record<string, unknown>;
  errors?: FieldErrors | undefined;
  second: Locale | null;
  /** The scoring's date is the conversation's when there is one; otherwise it is asked. */
  scoredOn?: string | undefined;
  large: boolean;
  label: string;
  /** The newest earlier scoring per domain, shown as a hint: each scoring is a new one. */
  latest: Partial<Record<Domain, PresentedScore>>;
}) {
  const { t, locale } = useView();
  const { values: v, errors, second } = props;
  return (
    <Form
      action={props.action}
      aria-label={props.label}
      class={`koers-form koers-scoring${props.large ? " koers-scoring--large" : ""}`}
    >
      {props.scoredOn ? (
        <input type="hidden" name="scoredOn" value={props.scoredOn} />
      ) : (
        <TextField
          name="scoredOn"
          type="date"
          label={t("intake:domains.scoredOn")}
          value={v.scoredOn ?? todayInNetherlands()}
          errors={errors}
          required
        />
      )}
      {domains.map((d) => {
        const f = scoreFieldNames(d);
        const headingId = `domein-${d}`;
        return (
          <section class="koers-domain" key={d} aria-labelledby={headingId}>
            <h2 class="utrecht-heading-2 koers-domain__title" id={headingId}>
              <Pictogram domain={d} large={props.large} />
              <span class="koers-bilingual">
                <Bilingual k={`domains.${d}.name`} second={second} />
              </span>
            </h2>
            <div class="koers-domain__question koers-bilingual">
              <Bilingual k={`domains.${d}.question`} second={second} as="p" />
            </div>
            {props.latest[d] && (
              <p class="koers-muted">
                {t("intake:domains.previous", {
                  date: formatDate(locale, props.latest[d]?.scoredOn),
                  newcomer: props.latest[d]?.newcomerScore ?? "–",
                  consultant: props.latest[d]?.consultantScore ?? "–",
                })}
              </p>
            )}
            <Scale
              domain={d}
              name={f.newcomer}
              second={second}
              value={v[f.newcomer]}
              error={errors?.[f.newcomer]}
              legend={
                <span class="koers-bilingual">
                  <Bilingual k="newcomerView" second={second} />
                </span>
              }
            />
            <Scale
              domain={d}
              name={f.consultant}
              second={null}
              value={v[f.consultant]}
              error={errors?.[f.consultant]}
              legend={t("intake:domains.consultantView")}
            />
            <div
              class={`utrecht-form-field koers-field${errors?.[f.note] ? " utrecht-form-field--invalid" : ""}`}
            >
              <div class="utrecht-form-field__label">
                <label class="utrecht-form-label" for={fieldId(f.note)}>
                  {t("intake:domains.note", {
                    domain: translator("nl", QUESTIONS)(`domains.${d}.name`),
                  })}
                </label>
              </div>
              {errors?.[f.note] && (
                <div class="utrecht-form-field-error-message" id={`${fieldId(f.note)}-error`}>
                  {errors[f.note]}
                </div>
              )}
              <div class="utrecht-form-field__input">
                <textarea
                  class="utrecht-textarea utrecht-textarea--html-textarea"
                  id={fieldId(f.note)}
                  name={f.note}
                  rows={2}
                  aria-describedby={errors?.[f.note] ? `${fieldId(f.note)}-error` : undefined}
                >
                  {(v[f.note] as string | undefined) ?? ""}
                </textarea>
              </div>
            </div>
          </section>
        );
      })}
      <Button>{t("intake:domains.save")}</Button>
    </Form>
  );
}

/** Side by side with the newcomer, on one screen: big targets, pictograms, both languages. */
export function SideBySidePage(props: {
  page: IntakePage;
  conversation: PresentedConversation;
  latest: Partial<Record<Domain, PresentedScore>>;
  values: Record<string, unknown>;
  errors?: FieldErrors | undefined;
}) {
  const { t, locale } = useView();
  const id = props.page.newcomerId;
  const second = secondLanguage(props.page.preferredLanguage);
  return (
    <>
      <IntakeHeading page={props.page} title={t("intake:sideBySide.title")} />
      <p>
        <a class="utrecht-link" href={intakeUrl(id, `/gesprekken/${props.conversation.id}`)}>
          {t("intake:drawing.backToConversation", {
            date: formatDate(locale, props.conversation.heldOn),
          })}
        </a>
      </p>
      <ErrorSummary errors={props.errors} />
      <p>{t("intake:sideBySide.intro")}</p>
      {!second && <p class="koers-muted">{t("intake:sideBySide.dutchOnly")}</p>}
      <ScoringForm
        action={intakeUrl(id, `/gesprekken/${props.conversation.id}/samen`)}
        values={props.values}
        errors={props.errors}
        second={second}
        scoredOn={props.conversation.heldOn}
        latest={props.latest}
        large
        label={t("intake:sideBySide.title")}
      />
    </>
  );
}

/** Scoring outside a conversation (e.g. after one, from notes). */
export function ScoringPage(props: {
  page: IntakePage;
  latest: Partial<Record<Domain, PresentedScore>>;
  values: Record<string, unknown>;
  errors?: FieldErrors | undefined;
}) {
  const { t } = useView();
  return (
    <>
      <IntakeHeading page={props.page} title={t("intake:domains.scoreTitle")} />
      <ErrorSummary errors={props.errors} />
      <p>{t("intake:domains.scoreIntro")}</p>
      <ScoringForm
        action={intakeUrl(props.page.newcomerId, "/domeinen/scoren")}
        values={props.values}
        errors={props.errors}
        second={null}
        latest={props.latest}
        large={false}
        label={t("intake:domains.scoreTitle")}
      />
    </>
  );
}

/** The domains: the latest scores side by side, and every scoring over time. */
export function DomainsPage(props: {
  page: IntakePage;
  latest: Partial<Record<Domain, PresentedScore>>;
  history: PresentedScore[];
  canUpdate: boolean;
}) {
  const { t, locale } = useView();
  const q = translator(locale, QUESTIONS);
  const name = (d: Domain) => q(`domains.${d}.name`);
  const score = (s: number | null) =>
    s === null ? t("intake:domains.noScore") : t("intake:domains.scoreOf", { score: s });
  return (
    <>
      <IntakeHeading page={props.page} title={t("intake:parts.domains")} />
      <p>{t("intake:domains.intro")}</p>
      {props.canUpdate && (
        <p>
          <ButtonLink href={intakeUrl(props.page.newcomerId, "/domeinen/scoren")}>
            {t("intake:domains.scoreTitle")}
          </ButtonLink>
        </p>
      )}
      <Table
        caption={t("intake:domains.latestCaption")}
        head={[
          t("intake:domains.domain"),
          t("intake:domains.newcomerViewShort"),
          t("intake:domains.consultantView"),
          t("intake:domains.scoredOn"),
          t("intake:domains.noteShort"),
        ]}
        rows={domains.map((d) => {
          const s = props.latest[d];
          return [
            <span key="n" class="koers-domain-name">
              <Pictogram domain={d} />
              {name(d)}
            </span>,
            s ? score(s.newcomerScore) : t("intake:domains.notScored"),
            s ? score(s.consultantScore) : "",
            s ? formatDate(locale, s.scoredOn) : "",
            s?.note ?? "",
          ];
        })}
      />
      {props.history.length > 0 && (
        <Table
          caption={t("intake:domains.historyCaption")}
          head={[
            t("intake:domains.scoredOn"),
            t("intake:domains.domain"),
            t("intake:domains.newcomerViewShort"),
            t("intake:domains.consultantView"),
            t("intake:domains.noteShort"),
          ]}
          rows={props.history.map((s) => [
            formatDate(locale, s.scoredOn),
            name(s.domain),
            score(s.newcomerScore),
            score(s.consultantScore),
            s.note ?? "",
          ])}
        />
      )}
    </>
  );
}
