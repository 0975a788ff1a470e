import type { FieldErrors } from "../../platform/http/forms.ts";
import {
  Button,
  ButtonLink,
  ErrorSummary,
  Form,
  fieldId,
  Heading,
  SelectField,
  Table,
  TextField,
} from "../../platform/views/components.tsx";
import { useView } from "../../platform/views/context.ts";
import type { listRegions } from "../queries.ts";
import type { CbsChoices } from "./organisation-form.tsx";

type RegionRow = Awaited<ReturnType<typeof listRegions>>[number];

/** All regions, with the municipalities they cover and how many organisations are in them. */
export function RegionListPage(props: { rows: RegionRow[] }) {
  const { t } = useView();
  return (
    <>
      <Heading>{t("organisations:regions.title")}</Heading>
      <p class="koers-actions">
        <ButtonLink href="/beheer/regios/nieuw">{t("organisations:regions.new")}</ButtonLink>{" "}
        <a class="utrecht-link" href="/beheer/organisaties">
          {t("organisations:list.title")}
        </a>
      </p>
      {props.rows.length === 0 ? (
        <p>{t("organisations:regions.empty")}</p>
      ) : (
        <Table
          caption={t("organisations:regions.caption", { count: props.rows.length })}
          head={[
            t("organisations:fields.name"),
            t("organisations:fields.province"),
            t("organisations:regions.municipalities"),
            t("organisations:regions.organisations"),
          ]}
          rows={props.rows.map((r) => [
            r.name,
            r.provinceName ?? "",
            r.municipalities.join(", "),
            String(r.organisationCount),
          ])}
        />
      )}
    </>
  );
}

/**
 * The form for a new region. Municipalities are checkboxes grouped per province, each group
 * folded (details/summary) so the page stays short without JavaScript; groups with a choice open.
 */
export function CreateRegionPage(props: {
  values?: Record<string, unknown>;
  errors?: FieldErrors;
  cbs: CbsChoices;
}) {
  const { t } = useView();
  const values = props.values ?? {};
  const chosen = new Set(
    ([] as unknown[]).concat(values.municipalityCodes ?? []).filter((v) => typeof v === "string"),
  );
  const error = props.errors?.municipalityCodes;
  return (
    <>
      <Heading>{t("organisations:regions.createTitle")}</Heading>
      <ErrorSummary errors={props.errors} />
      <Form action="/beheer/regios" aria-label={t("organisations:regions.createTitle")}>
        <TextField
          name="name"
          label={t("organisations:fields.name")}
          value={values.name}
          errors={props.errors}
          required
        />
        <SelectField
          name="provinceCode"
          label={t("organisations:fields.province")}
          value={values.provinceCode}
          options={props.cbs.provinces.map((p) => ({ value: p.code, label: p.name }))}
          placeholder={t("organisations:fields.none")}
          errors={props.errors}
        />
        <fieldset
          class={`utrecht-form-fieldset utrecht-form-fieldset--html-fieldset koers-choices${error ? " utrecht-form-fieldset--invalid" : ""}`}
          id={fieldId("municipalityCodes")}
          aria-describedby={error ? `${fieldId("municipalityCodes")}-error` : undefined}
        >
          <legend class="utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend">
            {t("organisations:regions.municipalities")}
          </legend>
          <p class="utrecht-form-field-description">
            {t("organisations:regions.municipalitiesHint")}
          </p>
          {error && (
            <p
              class="utrecht-form-field-error-message"
              id={`${fieldId("municipalityCodes")}-error`}
            >
              {error}
            </p>
          )}
          {props.cbs.provinces.map((p) => {
            const inProvince = props.cbs.municipalities.filter((m) => m.provinceCode === p.code);
            return (
              <details key={p.code} open={inProvince.some((m) => chosen.has(m.code))}>
                <summary>{p.name}</summary>
                {inProvince.map((m) => (
                  <div
                    key={m.code}
                    class="utrecht-form-field utrecht-form-field--checkbox koers-choice"
                  >
                    <div class="utrecht-form-field__input">
                      <input
                        class="utrecht-checkbox utrecht-checkbox--html-input"
                        type="checkbox"
                        id={`gemeente-${m.code}`}
                        name="municipalityCodes"
                        value={m.code}
                        checked={chosen.has(m.code)}
                      />
                    </div>
                    <div class="utrecht-form-field__label">
                      <label class="utrecht-form-label" for={`gemeente-${m.code}`}>
                        {m.name}
                      </label>
                    </div>
                  </div>
                ))}
              </details>
            );
          })}
        </fieldset>
        <Button>{t("organisations:regions.submit")}</Button>
      </Form>
    </>
  );
}
