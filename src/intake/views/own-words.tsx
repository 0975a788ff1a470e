import type { FieldErrors } from "../../platform/http/forms.ts";
import {
  Alert,
  Button,
  ErrorSummary,
  Form,
  TextArea,
  TextField,
} from "../../platform/views/components.tsx";
import { ConflictComparison, compareValues } from "../../platform/views/conflict.tsx";
import { useView } from "../../platform/views/context.ts";
import type { PresentedIntake } from "../presenter.ts";
import type { IntakeRecordView } from "../queries.ts";
import { IntakeHeading, intakeUrl, useFieldText, VersionField, YesNoField } from "./shared.tsx";

const yesNo = (v: boolean | null) => (v === null ? undefined : v ? "ja" : "nee");

export const ownWordsValues = (i: PresentedIntake): Record<string, unknown> => ({
  ambitions: i.ambitions,
  nextStep: i.nextStep,
  version: i.version,
});

export function OwnWordsPage(props: {
  view: IntakeRecordView;
  values: Record<string, unknown>;
  errors?: FieldErrors | undefined;
  conflict?: PresentedIntake | undefined;
}) {
  const { t } = useView();
  const { values: v, errors } = props;
  const page = props.view.page;
  const title = t("intake:parts.ownWords");
  return (
    <>
      <IntakeHeading page={page} title={title} />
      <ErrorSummary errors={errors} />
      {props.conflict && (
        <ConflictComparison
          rows={compareValues(
            [
              { name: "ambitions", label: t("intake:ownWords.ambitions") },
              { name: "nextStep", label: t("intake:ownWords.nextStep") },
            ],
            v,
            ownWordsValues(props.conflict),
          )}
        />
      )}
      <p class="koers-motto">{t("intake:ownWords.motto")}</p>
      <p>{t("intake:ownWords.intro")}</p>
      <Form action={intakeUrl(page.newcomerId, "/eigen-woorden")} aria-label={title}>
        <VersionField value={v.version} />
        <TextArea
          name="ambitions"
          label={t("intake:ownWords.ambitions")}
          hint={t("intake:ownWords.ambitionsHint")}
          value={v.ambitions}
          errors={errors}
          rows={8}
        />
        <TextArea
          name="nextStep"
          label={t("intake:ownWords.nextStep")}
          hint={t("intake:ownWords.nextStepHint")}
          value={v.nextStep}
          errors={errors}
          rows={4}
        />
        <Button>{t("intake:save")}</Button>
      </Form>
    </>
  );
}

export const dutiesValues = (i: PresentedIntake): Record<string, unknown> => ({
  hasYoungChildren: yesNo(i.hasYoungChildren),
  vveInformedOn: i.vveInformedOn,
  withoutPartnerOfferedOn: i.withoutPartnerOfferedOn,
  withoutPartnerAccepted: yesNo(i.withoutPartnerAccepted),
  version: i.version,
});

/** The duties checklist: vve (only asked when there are, or may be, young children) and the offer without partner. */
export function DutiesPage(props: {
  view: IntakeRecordView;
  values: Record<string, unknown>;
  errors?: FieldErrors | undefined;
  conflict?: PresentedIntake | undefined;
}) {
  const { t } = useView();
  const { values: v, errors, view } = props;
  const title = t("intake:parts.duties");
  const c = props.conflict;
  const text = useFieldText();
  const openDuties = [
    view.duties.vve === "open" && t("intake:duties.warnVve"),
    view.duties.vve === "navragen" && t("intake:duties.warnAskChildren"),
    view.duties.withoutPartner === "open" && t("intake:duties.warnWithoutPartner"),
  ].filter((w): w is string => !!w);
  return (
    <>
      <IntakeHeading page={view.page} title={title} />
      <ErrorSummary errors={errors} />
      {c && (
        <ConflictComparison
          rows={compareValues(
            [
              {
                name: "hasYoungChildren",
                label: t("intake:duties.hasYoungChildren"),
                show: text.yesNo,
              },
              { name: "vveInformedOn", label: t("intake:duties.vveInformedOn"), show: text.date },
              {
                name: "withoutPartnerOfferedOn",
                label: t("intake:duties.withoutPartnerOfferedOn"),
                show: text.date,
              },
              {
                name: "withoutPartnerAccepted",
                label: t("intake:duties.withoutPartnerAccepted"),
                show: text.yesNo,
              },
            ],
            v,
            dutiesValues(c),
          )}
        />
      )}
      {openDuties.length > 0 && (
        <Alert type="warning">
          <ul class="utrecht-unordered-list">
            {openDuties.map((w) => (
              <li key={w}>{w}</li>
            ))}
          </ul>
        </Alert>
      )}
      <Form action={intakeUrl(view.page.newcomerId, "/plichten")} aria-label={title}>
        <VersionField value={v.version} />
        <fieldset class="utrecht-form-fieldset utrecht-form-fieldset--html-fieldset">
          <legend class="utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend">
            {t("intake:duties.vve")}
          </legend>
          <p>{t("intake:duties.vveIntro")}</p>
          {view.youngChildren === true && !v.hasYoungChildren ? (
            <p>{t("intake:duties.youngChildrenKnown")}</p>
          ) : (
            <YesNoField
              name="hasYoungChildren"
              legend={t("intake:duties.hasYoungChildren")}
              hint={t("intake:duties.hasYoungChildrenHint")}
              value={v.hasYoungChildren}
              errors={errors}
            />
          )}
          {(view.youngChildren !== false || v.vveInformedOn) && (
            <TextField
              name="vveInformedOn"
              type="date"
              label={t("intake:duties.vveInformedOn")}
              value={v.vveInformedOn}
              errors={errors}
            />
          )}
        </fieldset>
        <fieldset class="utrecht-form-fieldset utrecht-form-fieldset--html-fieldset">
          <legend class="utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend">
            {t("intake:duties.withoutPartner")}
          </legend>
          <p>{t("intake:duties.withoutPartnerIntro")}</p>
          <TextField
            name="withoutPartnerOfferedOn"
            type="date"
            label={t("intake:duties.withoutPartnerOfferedOn")}
            value={v.withoutPartnerOfferedOn}
            errors={errors}
          />
          <YesNoField
            name="withoutPartnerAccepted"
            legend={t("intake:duties.withoutPartnerAccepted")}
            value={v.withoutPartnerAccepted}
            errors={errors}
          />
        </fieldset>
        <Button>{t("intake:save")}</Button>
      </Form>
    </>
  );
}
