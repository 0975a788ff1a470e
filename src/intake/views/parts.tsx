import type { FieldErrors } from "../../platform/http/forms.ts";
import {
  Alert,
  Button,
  ButtonLink,
  ChoiceField,
  ErrorSummary,
  Form,
  SelectField,
  Table,
  TextArea,
  TextField,
} from "../../platform/views/components.tsx";
import { ConflictComparison, compareValues } from "../../platform/views/conflict.tsx";
import { useView } from "../../platform/views/context.ts";
import { lbtIndications } from "../input.ts";
import type {
  PresentedCircumstances,
  PresentedEducation,
  PresentedLearnability,
  PresentedWork,
} from "../presenter.ts";
import type { IntakePage } from "../queries.ts";
import { diplomaValuation, educationLevel, learnabilityStatus, notTakenReason } from "../schema.ts";
import { IntakeHeading, intakeUrl, useFieldText, VersionField } from "./shared.tsx";

interface FormProps {
  page: IntakePage;
  values: Record<string, unknown>;
  errors?: FieldErrors | undefined;
  canUpdate: boolean;
}

// ─── Learnability test ──────────────────────────────────────────────────────────────────────

export const learnabilityValues = (l: PresentedLearnability | null): Record<string, unknown> =>
  l
    ? {
        status: l.status,
        takenOn: l.takenOn,
        score: l.score ?? undefined,
        indication: l.indication,
        notTakenReason: l.notTakenReason,
        notTakenNote: l.notTakenNote,
        version: l.version,
      }
    : { version: 0 };

export function LearnabilityPage(props: FormProps & { conflict?: PresentedLearnability | null }) {
  const { t } = useView();
  const { values: v, errors } = props;
  const title = t("intake:parts.learnability");
  const c = props.conflict;
  const text = useFieldText();
  return (
    <>
      <IntakeHeading page={props.page} title={title} />
      <ErrorSummary errors={errors} />
      {c !== undefined && (
        <ConflictComparison
          rows={compareValues(
            [
              {
                name: "status",
                label: t("intake:learnability.statusLabel"),
                show: text.choice("intake:learnability.status"),
              },
              { name: "takenOn", label: t("intake:learnability.takenOn"), show: text.date },
              { name: "score", label: t("intake:learnability.score") },
              {
                name: "indication",
                label: t("intake:learnability.indication"),
                show: text.choice("intake:learnability.indications"),
              },
              {
                name: "notTakenReason",
                label: t("intake:learnability.notTakenReason"),
                show: text.choice("intake:learnability.reasons"),
              },
              { name: "notTakenNote", label: t("intake:learnability.notTakenNote") },
            ],
            v,
            learnabilityValues(c),
          )}
        />
      )}
      <p>{t("intake:learnability.intro")}</p>
      {props.canUpdate && (
        <Form action={intakeUrl(props.page.newcomerId, "/leerbaarheidstoets")} aria-label={title}>
          <VersionField value={v.version} />
          <ChoiceField
            type="radio"
            name="status"
            legend={t("intake:learnability.statusLabel")}
            value={v.status as string | undefined}
            errors={errors}
            options={learnabilityStatus.enumValues.map((s) => ({
              value: s,
              label: t(`intake:learnability.status.${s}`),
            }))}
          />
          <TextField
            name="takenOn"
            type="date"
            label={t("intake:learnability.takenOn")}
            hint={t("intake:learnability.takenOnHint")}
            value={v.takenOn}
            errors={errors}
          />
          <fieldset class="utrecht-form-fieldset utrecht-form-fieldset--html-fieldset">
            <legend class="utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend">
              {t("intake:learnability.resultLegend")}
            </legend>
            <TextField
              name="score"
              type="number"
              inputmode="numeric"
              label={t("intake:learnability.score")}
              hint={t("intake:learnability.scoreHint")}
              value={v.score}
              errors={errors}
            />
            <SelectField
              name="indication"
              label={t("intake:learnability.indication")}
              placeholder={t("intake:learnability.noIndication")}
              value={v.indication}
              errors={errors}
              options={lbtIndications.map((i) => ({
                value: i,
                label: t(`intake:learnability.indications.${i}`),
              }))}
            />
          </fieldset>
          <fieldset class="utrecht-form-fieldset utrecht-form-fieldset--html-fieldset">
            <legend class="utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend">
              {t("intake:learnability.notTakenLegend")}
            </legend>
            <SelectField
              name="notTakenReason"
              label={t("intake:learnability.notTakenReason")}
              placeholder={t("intake:learnability.noReason")}
              value={v.notTakenReason}
              errors={errors}
              options={notTakenReason.enumValues.map((r) => ({
                value: r,
                label: t(`intake:learnability.reasons.${r}`),
              }))}
            />
            <TextArea
              name="notTakenNote"
              label={t("intake:learnability.notTakenNote")}
              value={v.notTakenNote}
              errors={errors}
              rows={3}
            />
          </fieldset>
          <Button>{t("intake:save")}</Button>
        </Form>
      )}
    </>
  );
}

// ─── Education and work ─────────────────────────────────────────────────────────────────────

export function EducationWorkPage(props: {
  page: IntakePage;
  education: PresentedEducation[];
  work: PresentedWork[];
  canUpdate: boolean;
}) {
  const { t } = useView();
  const id = props.page.newcomerId;
  const or = (v: string | number | null) => (v === null || v === "" ? "" : String(v));
  return (
    <>
      <IntakeHeading page={props.page} title={t("intake:parts.educationWork")} />
      <p>{t("intake:education.intro")}</p>
      <h2 class="utrecht-heading-2">{t("intake:education.title")}</h2>
      {props.canUpdate && (
        <p>
          <ButtonLink variant="secondary" href={intakeUrl(id, "/opleiding/nieuw")}>
            {t("intake:education.add")}
          </ButtonLink>
        </p>
      )}
      {props.education.length === 0 ? (
        <p>{t("intake:education.empty")}</p>
      ) : (
        <Table
          caption={t("intake:education.caption")}
          head={[
            t("intake:education.level"),
            t("intake:education.field"),
            t("intake:education.country"),
            t("intake:education.diploma"),
            t("intake:education.valuation"),
            t("intake:education.years"),
          ]}
          rows={props.education.map((e) => [
            props.canUpdate ? (
              <a key="l" class="utrecht-link" href={intakeUrl(id, `/opleiding/${e.id}`)}>
                {t(`intake:education.levels.${e.level}`)}
              </a>
            ) : (
              t(`intake:education.levels.${e.level}`)
            ),
            or(e.field),
            or(e.country),
            or(e.diploma),
            t(`intake:education.valuations.${e.valuation}`),
            or(e.years),
          ])}
        />
      )}
      <h2 class="utrecht-heading-2">{t("intake:work.title")}</h2>
      {props.canUpdate && (
        <p>
          <ButtonLink variant="secondary" href={intakeUrl(id, "/werk/nieuw")}>
            {t("intake:work.add")}
          </ButtonLink>
        </p>
      )}
      {props.work.length === 0 ? (
        <p>{t("intake:work.empty")}</p>
      ) : (
        <Table
          caption={t("intake:work.caption")}
          head={[
            t("intake:work.sector"),
            t("intake:work.role"),
            t("intake:work.country"),
            t("intake:work.years"),
          ]}
          rows={props.work.map((w) => [
            props.canUpdate ? (
              <a key="s" class="utrecht-link" href={intakeUrl(id, `/werk/${w.id}`)}>
                {w.sector}
              </a>
            ) : (
              w.sector
            ),
            or(w.role),
            or(w.country),
            or(w.years),
          ])}
        />
      )}
    </>
  );
}

export const educationValues = (e: PresentedEducation): Record<string, unknown> => ({ ...e });
export const workValues = (w: PresentedWork): Record<string, unknown> => ({ ...w });

/** The form to remove an entry; its version guards against removing what someone just changed. */
function RemoveForm(props: { action: string; version: unknown; label: string }) {
  return (
    <Form action={props.action} aria-label={props.label}>
      <VersionField value={props.version} />
      <Button variant="secondary" hint="danger">
        {props.label}
      </Button>
    </Form>
  );
}

export function EducationFormPage(
  props: FormProps & { entryId?: string | undefined; conflict?: PresentedEducation | undefined },
) {
  const { t } = useView();
  const { values: v, errors, entryId } = props;
  const id = props.page.newcomerId;
  const title = entryId ? t("intake:education.edit") : t("intake:education.add");
  const c = props.conflict;
  const text = useFieldText();
  return (
    <>
      <IntakeHeading page={props.page} title={title} />
      <p>
        <a class="utrecht-link" href={intakeUrl(id, "/opleiding-en-werk")}>
          {t("intake:education.back")}
        </a>
      </p>
      <ErrorSummary errors={errors} />
      {c && (
        <ConflictComparison
          rows={compareValues(
            [
              {
                name: "level",
                label: t("intake:education.level"),
                show: text.choice("intake:education.levels"),
              },
              { name: "field", label: t("intake:education.field") },
              { name: "country", label: t("intake:education.country") },
              { name: "diploma", label: t("intake:education.diploma") },
              {
                name: "valuation",
                label: t("intake:education.valuation"),
                show: text.choice("intake:education.valuations"),
              },
              { name: "years", label: t("intake:education.years") },
            ],
            v,
            educationValues(c),
          )}
        />
      )}
      <Form
        action={intakeUrl(id, entryId ? `/opleiding/${entryId}` : "/opleiding/nieuw")}
        aria-label={title}
      >
        {entryId && <VersionField value={v.version} />}
        <SelectField
          name="level"
          label={t("intake:education.level")}
          value={v.level}
          placeholder=""
          errors={errors}
          required
          options={educationLevel.enumValues.map((l) => ({
            value: l,
            label: t(`intake:education.levels.${l}`),
          }))}
        />
        <TextField
          name="field"
          label={t("intake:education.field")}
          value={v.field}
          errors={errors}
        />
        <TextField
          name="country"
          label={t("intake:education.country")}
          value={v.country}
          errors={errors}
        />
        <TextField
          name="diploma"
          label={t("intake:education.diploma")}
          hint={t("intake:education.diplomaHint")}
          value={v.diploma}
          errors={errors}
        />
        <SelectField
          name="valuation"
          label={t("intake:education.valuation")}
          hint={t("intake:education.valuationHint")}
          value={v.valuation ?? "geen_diploma"}
          errors={errors}
          options={diplomaValuation.enumValues.map((d) => ({
            value: d,
            label: t(`intake:education.valuations.${d}`),
          }))}
        />
        <TextField
          name="years"
          type="number"
          inputmode="numeric"
          label={t("intake:education.years")}
          value={v.years}
          errors={errors}
        />
        <Button>{t("intake:save")}</Button>
      </Form>
      {entryId && (
        <RemoveForm
          action={intakeUrl(id, `/opleiding/${entryId}/verwijderen`)}
          version={v.version}
          label={t("intake:education.remove")}
        />
      )}
    </>
  );
}

export function WorkFormPage(
  props: FormProps & { entryId?: string | undefined; conflict?: PresentedWork | undefined },
) {
  const { t } = useView();
  const { values: v, errors, entryId } = props;
  const id = props.page.newcomerId;
  const title = entryId ? t("intake:work.edit") : t("intake:work.add");
  const c = props.conflict;
  return (
    <>
      <IntakeHeading page={props.page} title={title} />
      <p>
        <a class="utrecht-link" href={intakeUrl(id, "/opleiding-en-werk")}>
          {t("intake:education.back")}
        </a>
      </p>
      <ErrorSummary errors={errors} />
      {c && (
        <ConflictComparison
          rows={compareValues(
            [
              { name: "sector", label: t("intake:work.sector") },
              { name: "role", label: t("intake:work.role") },
              { name: "country", label: t("intake:work.country") },
              { name: "years", label: t("intake:work.years") },
            ],
            v,
            workValues(c),
          )}
        />
      )}
      <Form action={intakeUrl(id, entryId ? `/werk/${entryId}` : "/werk/nieuw")} aria-label={title}>
        {entryId && <VersionField value={v.version} />}
        <TextField
          name="sector"
          label={t("intake:work.sector")}
          hint={t("intake:work.sectorHint")}
          value={v.sector}
          errors={errors}
          required
        />
        <TextField name="role" label={t("intake:work.role")} value={v.role} errors={errors} />
        <TextField
          name="country"
          label={t("intake:work.country")}
          value={v.country}
          errors={errors}
        />
        <TextField
          name="years"
          type="number"
          inputmode="numeric"
          label={t("intake:work.years")}
          value={v.years}
          errors={errors}
        />
        <Button>{t("intake:save")}</Button>
      </Form>
      {entryId && (
        <RemoveForm
          action={intakeUrl(id, `/werk/${entryId}/verwijderen`)}
          version={v.version}
          label={t("intake:work.remove")}
        />
      )}
    </>
  );
}

// ─── Personal circumstances ─────────────────────────────────────────────────────────────────

export const circumstancesValues = (c: PresentedCircumstances | null): Record<string, unknown> =>
  c
    ? {
        situation: c.situation,
        acuteDebts: c.acuteDebts ? "ja" : undefined,
        healthNeeds: c.health?.healthNeeds,
        healthReferrals: c.health?.healthReferrals,
        acuteHealthNeeds: c.health?.acuteHealthNeeds ? "ja" : undefined,
        version: c.version,
      }
    : { version: 0 };

export function CircumstancesPage(
  props: FormProps & { conflict?: PresentedCircumstances | null | undefined },
) {
  const { t } = useView();
  const { values: v, errors, page } = props;
  const title = t("intake:parts.circumstances");
  const c = props.conflict;
  const text = useFieldText();
  return (
    <>
      <IntakeHeading page={page} title={title} />
      <ErrorSummary errors={errors} />
      {c !== undefined && (
        <ConflictComparison
          rows={compareValues(
            [
              { name: "situation", label: t("intake:circumstances.situation") },
              {
                name: "acuteDebts",
                label: t("intake:circumstances.acuteDebts"),
                show: text.ticked,
              },
              // Health only for whoever may read it: the stored side has it only then.
              ...(page.canReadHealth
                ? [
                    { name: "healthNeeds", label: t("intake:circumstances.healthNeeds") },
                    { name: "healthReferrals", label: t("intake:circumstances.healthReferrals") },
                    {
                      name: "acuteHealthNeeds",
                      label: t("intake:circumstances.acuteHealthNeeds"),
                      show: text.ticked,
                    },
                  ]
                : []),
            ],
            v,
            circumstancesValues(c),
          )}
        />
      )}
      {props.canUpdate ? (
        <Form action={intakeUrl(page.newcomerId, "/omstandigheden")} aria-label={title}>
          <VersionField value={v.version} />
          <TextArea
            name="situation"
            label={t("intake:circumstances.situation")}
            hint={t("intake:circumstances.situationHint")}
            value={v.situation}
            errors={errors}
            rows={8}
          />
          <ChoiceField
            type="checkbox"
            name="acuteDebts"
            legend={t("intake:circumstances.acuteLegend")}
            value={v.acuteDebts as string | undefined}
            errors={errors}
            options={[
              {
                value: "ja",
                label: t("intake:circumstances.acuteDebts"),
                hint: t("intake:circumstances.acuteDebtsHint"),
              },
            ]}
          />
          {page.canReadHealth ? (
            <fieldset class="utrecht-form-fieldset utrecht-form-fieldset--html-fieldset koers-health">
              <legend class="utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend">
                {t("intake:circumstances.healthTitle")}
              </legend>
              <Alert type="info">
                <p>{t("intake:circumstances.healthNotice")}</p>
              </Alert>
              <TextArea
                name="healthNeeds"
                label={t("intake:circumstances.healthNeeds")}
                hint={t("intake:circumstances.healthNeedsHint")}
                value={v.healthNeeds}
                errors={errors}
              />
              <TextArea
                name="healthReferrals"
                label={t("intake:circumstances.healthReferrals")}
                hint={t("intake:circumstances.healthReferralsHint")}
                value={v.healthReferrals}
                errors={errors}
              />
              <ChoiceField
                type="checkbox"
                name="acuteHealthNeeds"
                legend={t("intake:circumstances.acuteHealthLegend")}
                value={v.acuteHealthNeeds as string | undefined}
                errors={errors}
                options={[{ value: "ja", label: t("intake:circumstances.acuteHealthNeeds") }]}
              />
            </fieldset>
          ) : (
            <Alert type="info">
              <p>{t("intake:circumstances.healthHidden")}</p>
            </Alert>
          )}
          <Button>{t("intake:save")}</Button>
        </Form>
      ) : null}
    </>
  );
}
