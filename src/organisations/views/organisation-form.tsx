import type { FieldErrors } from "../../platform/http/forms.ts";
import {
  Button,
  ErrorSummary,
  Form,
  Heading,
  SelectField,
  TextField,
} from "../../platform/views/components.tsx";
import {
  type ComparedField,
  ConflictComparison,
  compareValues,
} from "../../platform/views/conflict.tsx";
import { useView } from "../../platform/views/context.ts";
import type { OrganisationRow } from "../queries.ts";
import { creatableKinds } from "../rules.ts";

export interface Choice {
  id: string;
  name: string;
}

export interface CbsChoices {
  provinces: { code: string; name: string }[];
  municipalities: { code: string; name: string; provinceCode: string }[];
}

type Values = Record<string, unknown>;

/** The form for a new organisation. Both CBS lists are shown: only the one the kind needs is used. */
export function CreateOrganisationPage(props: {
  values?: Values;
  errors?: FieldErrors;
  cbs: CbsChoices;
  parents: Choice[];
  regions: Choice[];
}) {
  const { t } = useView();
  const values = props.values ?? {};
  const provinceName = new Map(props.cbs.provinces.map((p) => [p.code, p.name]));
  return (
    <>
      <Heading>{t("organisations:create.title")}</Heading>
      <ErrorSummary errors={props.errors} />
      <Form action="/beheer/organisaties" aria-label={t("organisations:create.title")}>
        <SelectField
          name="kind"
          label={t("organisations:fields.kind")}
          value={values.kind}
          options={creatableKinds.map((k) => ({ value: k, label: t(`organisations:kinds.${k}`) }))}
          placeholder={t("organisations:fields.choose")}
          errors={props.errors}
          required
        />
        <SelectField
          name="municipalityCode"
          label={t("organisations:fields.municipality")}
          hint={t("organisations:fields.municipalityHint")}
          value={values.municipalityCode}
          options={props.cbs.municipalities.map((m) => ({
            value: m.code,
            label: `${m.name} — ${provinceName.get(m.provinceCode) ?? m.provinceCode}`,
          }))}
          placeholder={t("organisations:fields.none")}
          errors={props.errors}
        />
        <SelectField
          name="provinceCode"
          label={t("organisations:fields.province")}
          hint={t("organisations:fields.provinceHint")}
          value={values.provinceCode}
          options={props.cbs.provinces.map((p) => ({ value: p.code, label: p.name }))}
          placeholder={t("organisations:fields.none")}
          errors={props.errors}
        />
        <TextField
          name="name"
          label={t("organisations:fields.name")}
          hint={t("organisations:fields.nameHint")}
          value={values.name}
          errors={props.errors}
        />
        <PlacementFields
          values={values}
          errors={props.errors}
          parents={props.parents}
          regions={props.regions}
        />
        <ContactField values={values} errors={props.errors} />
        <Button>{t("organisations:create.submit")}</Button>
      </Form>
    </>
  );
}

function PlacementFields(props: {
  values: Values;
  errors?: FieldErrors | undefined;
  parents: Choice[];
  regions: Choice[];
}) {
  const { t } = useView();
  return (
    <>
      <SelectField
        name="parentId"
        label={t("organisations:fields.parent")}
        hint={t("organisations:fields.parentHint")}
        value={props.values.parentId}
        options={props.parents.map((p) => ({ value: p.id, label: p.name }))}
        placeholder={t("organisations:fields.none")}
        errors={props.errors}
      />
      <SelectField
        name="regionId"
        label={t("organisations:fields.region")}
        value={props.values.regionId}
        options={props.regions.map((r) => ({ value: r.id, label: r.name }))}
        placeholder={t("organisations:fields.none")}
        errors={props.errors}
      />
    </>
  );
}

function ContactField(props: { values: Values; errors?: FieldErrors | undefined }) {
  const { t } = useView();
  return (
    <TextField
      name="contactEmail"
      type="email"
      label={t("organisations:fields.contactEmail")}
      autocomplete="email"
      value={props.values.contactEmail}
      errors={props.errors}
      dir="ltr"
    />
  );
}

/**
 * Editing an organisation. "full" is for the platform administrator; "contact" for the
 * organisation's own beheerder, who may only change the contact address. The form carries the
 * version it was based on; when someone saved in between (`conflict`), the user's input stays in
 * the form and the stored values are shown beside it, so they can compare and save again.
 */
export function EditOrganisationPage(props: {
  organisation: OrganisationRow;
  /** The version the form is based on (hidden field): the one the user read, or after a conflict the stored one. */
  version: number;
  mode: "full" | "contact";
  values: Values;
  errors?: FieldErrors | undefined;
  conflict?: boolean;
  parents: Choice[];
  regions: Choice[];
}) {
  const { t } = useView();
  const o = props.organisation;
  const title = t("organisations:edit.title", { name: o.name });
  const compare = useOrganisationComparison(props);
  return (
    <>
      <Heading>{title}</Heading>
      <ErrorSummary errors={props.errors} />
      {props.conflict && <ConflictComparison rows={compare(props.values, o)} />}
      <Form action={`/beheer/organisaties/${o.id}`} aria-label={title}>
        <input type="hidden" name="version" value={String(props.version)} />
        <p>
          {t("organisations:fields.kind")}: {t(`organisations:kinds.${o.kind}`)}
          {o.cbsCode && ` · ${t("organisations:fields.cbsCode")}: ${o.cbsCode}`}
        </p>
        {props.mode === "full" && (
          <>
            <TextField
              name="name"
              label={t("organisations:fields.name")}
              value={props.values.name}
              errors={props.errors}
              required
            />
            <PlacementFields
              values={props.values}
              errors={props.errors}
              parents={props.parents.filter((p) => p.id !== o.id)}
              regions={props.regions}
            />
          </>
        )}
        <ContactField values={props.values} errors={props.errors} />
        <Button>{t("organisations:edit.submit")}</Button>
      </Form>
      <p>
        <a class="utrecht-link" href={`/beheer/organisaties/${o.id}`}>
          {t("organisations:edit.cancel")}
        </a>
      </p>
    </>
  );
}

/** What the user entered next to what is stored now, for each field of the form. */
function useOrganisationComparison(props: {
  mode: "full" | "contact";
  parents: Choice[];
  regions: Choice[];
}) {
  const { t } = useView();
  const nameOf = (list: Choice[]) => (id: unknown) =>
    list.find((c) => c.id === id)?.name ?? t("organisations:fields.none");
  const fields: ComparedField[] = [
    ...(props.mode === "full"
      ? [
          { name: "name", label: t("organisations:fields.name") },
          {
            name: "parentId",
            label: t("organisations:fields.parent"),
            show: nameOf(props.parents),
          },
          {
            name: "regionId",
            label: t("organisations:fields.region"),
            show: nameOf(props.regions),
          },
        ]
      : []),
    { name: "contactEmail", label: t("organisations:fields.contactEmail") },
  ];
  return (values: Values, current: OrganisationRow) =>
    compareValues(fields, values, { ...current });
}
