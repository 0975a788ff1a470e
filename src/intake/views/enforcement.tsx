import type { FieldErrors } from "../../platform/http/forms.ts";
import {
  Alert,
  Button,
  ErrorSummary,
  Form,
  Table,
  TextField,
} from "../../platform/views/components.tsx";
import { useView } from "../../platform/views/context.ts";
import { euros, placeName } from "../letters.ts";
import type { PresentedEnforcementStep } from "../presenter.ts";
import type { IntakePage, LetterView } from "../queries.ts";
import {
  type EnforcementStep,
  enforcementLadder,
  fineFor,
  invites,
  todayInNetherlands,
} from "../rules.ts";
import { formatDate, IntakeHeading, intakeUrl, Paragraphs } from "./shared.tsx";

/** The non-cooperation ladder: the steps taken, their letters, and the form for the next step. */
export function EnforcementPage(props: {
  page: IntakePage;
  steps: PresentedEnforcementStep[];
  next: EnforcementStep | null;
  canEnforce: boolean;
  fineAmountCents: number;
  values: Record<string, unknown>;
  errors?: FieldErrors | undefined;
  conflict?: boolean;
}) {
  const { t, locale } = useView();
  const { values: v, errors, next } = props;
  const id = props.page.newcomerId;
  const title = t("intake:parts.enforcement");
  const nextFine = next ? fineFor(next, props.fineAmountCents) : null;
  return (
    <>
      <IntakeHeading page={props.page} title={title} />
      <ErrorSummary errors={errors} />
      {props.conflict && (
        <Alert type="warning">
          <p>{t("intake:enforcement.conflict")}</p>
        </Alert>
      )}
      <p>{t("intake:enforcement.intro")}</p>
      <ol class="utrecht-ordered-list koers-ladder">
        {enforcementLadder.map((s) => {
          const fine = fineFor(s, props.fineAmountCents);
          const taken = props.steps.find((x) => x.step === s);
          return (
            <li key={s} aria-current={s === next ? "step" : undefined}>
              {t(`intake:enforcement.steps.${s}`)}
              {fine !== null && ` (${euros(fine)})`}
              {taken &&
                ` — ${t("intake:enforcement.takenOn", { date: formatDate(locale, taken.takenOn) })}`}
              {s === next && ` — ${t("intake:enforcement.isNext")}`}
            </li>
          );
        })}
      </ol>
      {props.steps.length > 0 && (
        <Table
          caption={t("intake:enforcement.caption")}
          head={[
            t("intake:enforcement.date"),
            t("intake:enforcement.step"),
            t("intake:enforcement.amount"),
            t("intake:enforcement.letter"),
          ]}
          rows={props.steps.map((s) => [
            formatDate(locale, s.takenOn),
            t(`intake:enforcement.steps.${s.step}`),
            s.amountCents === null ? "" : euros(s.amountCents),
            <a key="l" class="utrecht-link" href={intakeUrl(id, `/handhaving/${s.id}/brief`)}>
              {t("intake:enforcement.printLetter")}
            </a>,
          ])}
        />
      )}
      {next === null ? (
        <p>{t("intake:enforcement.done")}</p>
      ) : (
        props.canEnforce && (
          <section aria-labelledby="volgende-stap">
            <h2 class="utrecht-heading-2" id="volgende-stap">
              {t("intake:enforcement.nextTitle", { step: t(`intake:enforcement.steps.${next}`) })}
            </h2>
            {nextFine !== null && (
              <Alert type="warning">
                <p>{t("intake:enforcement.fineWarning", { amount: euros(nextFine) })}</p>
              </Alert>
            )}
            <Form action={intakeUrl(id, "/handhaving")} aria-label={t("intake:enforcement.record")}>
              <input type="hidden" name="step" value={next} />
              <TextField
                name="takenOn"
                type="date"
                label={t("intake:enforcement.letterDate")}
                value={v.takenOn ?? todayInNetherlands()}
                errors={errors}
                required
              />
              {invites(next) && (
                <fieldset class="utrecht-form-fieldset utrecht-form-fieldset--html-fieldset">
                  <legend class="utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend">
                    {t("intake:enforcement.appointment")}
                  </legend>
                  <TextField
                    name="appointmentOn"
                    type="date"
                    label={t("intake:enforcement.appointmentOn")}
                    hint={t("intake:enforcement.appointmentHint")}
                    value={v.appointmentOn}
                    errors={errors}
                  />
                  <TextField
                    name="appointmentTime"
                    label={t("intake:enforcement.appointmentTime")}
                    hint={t("intake:enforcement.appointmentTimeHint")}
                    value={v.appointmentTime}
                    errors={errors}
                    inputmode="numeric"
                  />
                  <TextField
                    name="location"
                    label={t("intake:enforcement.location")}
                    value={v.location}
                    errors={errors}
                  />
                </fieldset>
              )}
              <Button>{t("intake:enforcement.record")}</Button>
            </Form>
          </section>
        )
      )}
    </>
  );
}

/**
 * A letter of the ladder as a printable page: the municipality's name as letterhead, the
 * address block, the date and the stored text. Printing hides Koers's own header and footer.
 */
export function LetterPage(props: { letter: LetterView }) {
  const { t } = useView();
  const { letter } = props;
  const [subject = "", ...body] = letter.step.letterText.split("\n\n");
  return (
    <article class="koers-letter" lang="nl">
      <p class="koers-backlink koers-no-print">
        <a class="utrecht-link" href={intakeUrl(letter.page.newcomerId, "/handhaving")}>
          {t("intake:enforcement.back")}
        </a>
      </p>
      <p class="koers-no-print koers-muted">{t("intake:enforcement.printHint")}</p>
      <header class="koers-letter__head">
        <p class="koers-letter__letterhead">{letter.municipality}</p>
        <address class="koers-letter__address">
          {letter.page.name}
          {letter.address && (
            <>
              <br />
              <span class="koers-prewrap">{letter.address}</span>
            </>
          )}
        </address>
        <p class="koers-letter__date">
          {placeName(letter.municipality)}, {formatDate("nl", letter.step.takenOn)}
        </p>
      </header>
      <h1 class="utrecht-heading-1 koers-letter__subject">{subject.replace(/^Betreft:\s*/, "")}</h1>
      <Paragraphs text={body.join("\n\n")} />
    </article>
  );
}
