import type { ComponentChildren } from "preact";
import { formatDay, isCalendarDate } from "../../platform/dates.ts";
import type { FieldErrors } from "../../platform/http/forms.ts";
import { ChoiceField } from "../../platform/views/components.tsx";
import { useView } from "../../platform/views/context.ts";
import type { IntakePage } from "../queries.ts";

/** Where a newcomer's intake lives. */
export const intakeUrl = (newcomerId: string, rest = "") =>
  `/nieuwkomers/${newcomerId}/intake${rest}`;

/** A calendar date (YYYY-MM-DD) in the page's language (one formatter: platform/dates.ts). */
export const formatDate: (locale: string, date: string | null | undefined) => string = formatDay;

/** The page heading: the part's title, with whose intake it is as a caption. */
export function IntakeHeading(props: {
  page: IntakePage;
  title: string;
  back?: "intake" | "record";
}) {
  const { t } = useView();
  const back = props.back ?? "intake";
  return (
    <>
      <p class="koers-backlink">
        {back === "intake" ? (
          <a class="utrecht-link" href={intakeUrl(props.page.newcomerId)}>
            {t("intake:backToIntake")}
          </a>
        ) : (
          <a class="utrecht-link" href={`/nieuwkomers/${props.page.newcomerId}`}>
            {t("intake:backToRecord")}
          </a>
        )}
      </p>
      <h1 class="utrecht-heading-1">
        <span class="koers-caption">{t("intake:caption", { name: props.page.name })}</span>
        {props.title}
      </h1>
    </>
  );
}

/** Yes / no as two radio buttons; an empty value means "not answered". */
export function YesNoField(props: {
  name: string;
  legend: string;
  value: unknown;
  hint?: string | undefined;
  errors?: FieldErrors | undefined;
}) {
  const { t } = useView();
  return (
    <ChoiceField
      type="radio"
      name={props.name}
      legend={props.legend}
      hint={props.hint}
      value={typeof props.value === "string" ? props.value : undefined}
      errors={props.errors}
      options={[
        { value: "ja", label: t("intake:yes") },
        { value: "nee", label: t("intake:no") },
      ]}
    />
  );
}

/** A row of a definition list. */
export function Row(props: { label: string; children: ComponentChildren }) {
  return (
    <div class="koers-data-row">
      <dt>{props.label}</dt>
      <dd>{props.children}</dd>
    </div>
  );
}

/**
 * How intake form values read in the comparison after a stale save, so what the person typed and
 * what is stored now read the same way: a date written out, a choice in words, yes or no.
 */
export function useFieldText() {
  const { t, locale } = useView();
  return {
    date: (v: unknown) => (typeof v === "string" && isCalendarDate(v) ? formatDate(locale, v) : ""),
    yesNo: (v: unknown) => (v === "ja" ? t("intake:yes") : v === "nee" ? t("intake:no") : ""),
    /** A checkbox: ticked is yes, not ticked is no. */
    ticked: (v: unknown) => (v === "ja" ? t("intake:yes") : t("intake:no")),
    choice: (prefix: string) => (v: unknown) =>
      typeof v === "string" && v !== "" ? t(`${prefix}.${v}`) : "",
  };
}

/** Multi-line text as paragraphs, never as markup. */
export function Paragraphs({ text }: { text: string | null | undefined }) {
  if (!text) return null;
  return (
    <>
      {text.split(/\n{2,}/).map((p, i) => (
        <p key={i} class="koers-prewrap">
          {p}
        </p>
      ))}
    </>
  );
}

/** The hidden version field of an editable record (optimistic concurrency). */
export const VersionField = ({ value }: { value: unknown }) => (
  <input type="hidden" name="version" value={String(value ?? 0)} />
);
