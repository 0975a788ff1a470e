import type { ComponentChildren } from "preact";
import type { FieldErrors } from "../../platform/http/forms.ts";
import { languages } from "../../platform/i18n/languages.ts";
import {
  Alert,
  Button,
  ErrorSummary,
  Form,
  Heading,
  SelectField,
  Table,
  TextArea,
  TextField,
} from "../../platform/views/components.tsx";
import { useView } from "../../platform/views/context.ts";
import type { NewcomerDataClass } from "../policy.ts";
import type { PresentedNewcomer } from "../presenter.ts";
import type { NewcomerList } from "../queries.ts";
import { targetGroups } from "../schema.ts";

/** A calendar date (YYYY-MM-DD) in the page's language. */
function formatDate(locale: string, date: string | null | undefined): string {
  if (!date) return "";
  return new Intl.DateTimeFormat(locale, { dateStyle: "long", timeZone: "UTC" }).format(
    new Date(`${date}T00:00:00Z`),
  );
}

const fullName = (n: PresentedNewcomer) => `${n.givenNames ?? ""} ${n.familyName ?? ""}`.trim();
const languageName = (code: string | undefined) =>
  languages.find((l) => l.code === code)?.name ?? code ?? "";

export function NewcomerListPage(props: {
  list: NewcomerList;
  query: string;
  canCreate: boolean;
  after?: string | undefined;
}) {
  const { t, locale } = useView();
  const { list, query } = props;
  return (
    <>
      <Heading>{t("newcomers:list.title")}</Heading>
      {props.canCreate && (
        <p>
          <a
            class="utrecht-button-link utrecht-button-link--primary-action"
            href="/nieuwkomers/nieuw"
          >
            {t("newcomers:list.create")}
          </a>
        </p>
      )}
      <Form action="/nieuwkomers" method="get" aria-label={t("newcomers:list.searchLabel")}>
        <TextField
          name="zoek"
          type="search"
          label={t("newcomers:list.searchLabel")}
          hint={t("newcomers:list.searchHint")}
          value={query}
        />
        <Button variant="secondary">{t("newcomers:list.search")}</Button>
      </Form>
      {list.items.length === 0 ? (
        <p>{query ? t("newcomers:list.noMatches") : t("newcomers:list.empty")}</p>
      ) : (
        <Table
          caption={
            query ? t("newcomers:list.captionSearch", { query }) : t("newcomers:list.caption")
          }
          head={[
            t("newcomers:fields.name"),
            t("newcomers:fields.birthDate"),
            t("newcomers:fields.assignedConsultant"),
          ]}
          rows={list.items.map((n) => [
            <a key="name" class="utrecht-link" href={`/nieuwkomers/${n.id}`}>
              {fullName(n)}
            </a>,
            formatDate(locale, n.birthDate),
            n.assignedConsultant?.name ?? t("newcomers:unassigned"),
          ])}
        />
      )}
      <nav class="utrecht-pagination" aria-label={t("newcomers:list.pagination")}>
        {props.after && (
          <a
            class="utrecht-pagination__relative-link utrecht-pagination__relative-link--prev"
            href="/nieuwkomers"
          >
            {t("newcomers:list.first")}
          </a>
        )}{" "}
        {list.next && (
          <a
            class="utrecht-pagination__relative-link utrecht-pagination__relative-link--next"
            rel="next"
            href={`/nieuwkomers?na=${list.next}`}
          >
            {t("newcomers:list.next")}
          </a>
        )}
      </nav>
    </>
  );
}

function Row(props: { label: string; children: ComponentChildren }) {
  return (
    <div class="utrecht-data-list__item">
      <dt class="utrecht-data-list__item-key">{props.label}</dt>
      <dd class="utrecht-data-list__item-value utrecht-data-list__item-value--html-dd">
        {props.children}
      </dd>
    </div>
  );
}

function Section(props: { title: string; children: ComponentChildren }) {
  return (
    <section>
      <Heading level={2}>{props.title}</Heading>
      <dl class="utrecht-data-list utrecht-data-list--rows">{props.children}</dl>
    </section>
  );
}

/** One newcomer's record: a section per data class the viewer may see, and a note for the rest. */
export function NewcomerDetailPage(props: { newcomer: PresentedNewcomer; canEdit: boolean }) {
  const { t, locale } = useView();
  const n = props.newcomer;
  const shows = (dc: NewcomerDataClass) => n.dataClasses.includes(dc);
  const empty = <span class="koers-muted">{t("newcomers:notGiven")}</span>;
  const or = (v: string | null | undefined) => (v ? v : empty);
  return (
    <>
      <Heading>{fullName(n)}</Heading>
      {props.canEdit && (
        <p>
          <a
            class="utrecht-button-link utrecht-button-link--secondary-action"
            href={`/nieuwkomers/${n.id}/bewerken`}
          >
            {t("newcomers:detail.edit")}
          </a>
        </p>
      )}
      {shows("basic") && (
        <Section title={t("newcomers:classes.basic")}>
          <Row label={t("newcomers:fields.givenNames")}>{n.givenNames}</Row>
          <Row label={t("newcomers:fields.familyName")}>{n.familyName}</Row>
          <Row label={t("newcomers:fields.birthDate")}>{or(formatDate(locale, n.birthDate))}</Row>
          <Row label={t("newcomers:fields.countryOfOrigin")}>{or(n.countryOfOrigin)}</Row>
          <Row label={t("newcomers:fields.preferredLanguage")}>
            {languageName(n.preferredLanguage)}
          </Row>
          <Row label={t("newcomers:fields.assignedConsultant")}>
            {n.assignedConsultant?.name ?? t("newcomers:unassigned")}
          </Row>
        </Section>
      )}
      {shows("identity") && (
        <Section title={t("newcomers:classes.identity")}>
          <Row label={t("newcomers:fields.bsn")}>{or(n.bsn)}</Row>
        </Section>
      )}
      {shows("contact") && (
        <Section title={t("newcomers:classes.contact")}>
          <Row label={t("newcomers:fields.phone")}>{or(n.phone)}</Row>
          <Row label={t("newcomers:fields.email")}>{or(n.email)}</Row>
        </Section>
      )}
      {shows("residence") && (
        <Section title={t("newcomers:classes.residence")}>
          <Row label={t("newcomers:fields.targetGroup")}>
            {n.targetGroup ? t(`newcomers:targetGroups.${n.targetGroup}`) : empty}
          </Row>
        </Section>
      )}
      {shows("health") ? (
        <Section title={t("newcomers:classes.health")}>
          <Row label={t("newcomers:fields.healthNotes")}>{or(n.healthNotes)}</Row>
        </Section>
      ) : (
        <Alert type="info">
          <p>{t("newcomers:detail.healthHidden")}</p>
        </Alert>
      )}
    </>
  );
}

/** The form to register a newcomer, or to change one (then with version and, if allowed, health). */
export function NewcomerFormPage(props: {
  mode: "create" | "edit";
  action: string;
  values: Record<string, unknown>;
  errors?: FieldErrors | undefined;
  consultants: { id: string; name: string }[];
  /** Data classes whose fields the form offers; health only for the assigned consultant. */
  editable: readonly NewcomerDataClass[];
  conflict?: boolean;
}) {
  const { t } = useView();
  const { values: v, errors, editable } = props;
  const title =
    props.mode === "create" ? t("newcomers:form.createTitle") : t("newcomers:form.editTitle");
  return (
    <>
      <Heading>{title}</Heading>
      <ErrorSummary errors={errors} />
      {props.conflict && (
        <Alert type="warning">
          <p>{t("newcomers:form.conflict")}</p>
          <p>
            <a class="utrecht-link" href={props.action}>
              {t("newcomers:form.reload")}
            </a>
          </p>
        </Alert>
      )}
      <Form action={props.action} aria-label={title}>
        {props.mode === "edit" && (
          <input type="hidden" name="version" value={String(v.version ?? "")} />
        )}
        {editable.includes("basic") && (
          <fieldset class="utrecht-form-fieldset utrecht-form-fieldset--html-fieldset">
            <legend class="utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend">
              {t("newcomers:classes.basic")}
            </legend>
            <TextField
              name="givenNames"
              label={t("newcomers:fields.givenNames")}
              value={v.givenNames}
              errors={errors}
              autocomplete="off"
              required
            />
            <TextField
              name="familyName"
              label={t("newcomers:fields.familyName")}
              value={v.familyName}
              errors={errors}
              autocomplete="off"
              required
            />
            <TextField
              name="birthDate"
              type="date"
              label={t("newcomers:fields.birthDate")}
              value={v.birthDate}
              errors={errors}
            />
            <TextField
              name="countryOfOrigin"
              label={t("newcomers:fields.countryOfOrigin")}
              value={v.countryOfOrigin}
              errors={errors}
            />
            <SelectField
              name="preferredLanguage"
              label={t("newcomers:fields.preferredLanguage")}
              hint={t("newcomers:form.preferredLanguageHint")}
              value={v.preferredLanguage ?? "nl"}
              errors={errors}
              options={languages.map((l) => ({ value: l.code, label: l.name }))}
            />
            <SelectField
              name="assignedConsultantId"
              label={t("newcomers:fields.assignedConsultant")}
              placeholder={t("newcomers:unassigned")}
              value={v.assignedConsultantId}
              errors={errors}
              options={props.consultants.map((c) => ({ value: c.id, label: c.name }))}
            />
          </fieldset>
        )}
        {editable.includes("identity") && (
          <fieldset class="utrecht-form-fieldset utrecht-form-fieldset--html-fieldset">
            <legend class="utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend">
              {t("newcomers:classes.identity")}
            </legend>
            <TextField
              name="bsn"
              label={t("newcomers:fields.bsn")}
              hint={t("newcomers:form.bsnHint")}
              value={v.bsn}
              errors={errors}
              inputmode="numeric"
              autocomplete="off"
              dir="ltr"
            />
          </fieldset>
        )}
        {editable.includes("contact") && (
          <fieldset class="utrecht-form-fieldset utrecht-form-fieldset--html-fieldset">
            <legend class="utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend">
              {t("newcomers:classes.contact")}
            </legend>
            <TextField
              name="phone"
              type="tel"
              label={t("newcomers:fields.phone")}
              value={v.phone}
              errors={errors}
              autocomplete="off"
              dir="ltr"
            />
            <TextField
              name="email"
              type="email"
              label={t("newcomers:fields.email")}
              value={v.email}
              errors={errors}
              autocomplete="off"
              dir="ltr"
            />
          </fieldset>
        )}
        {editable.includes("residence") && (
          <fieldset class="utrecht-form-fieldset utrecht-form-fieldset--html-fieldset">
            <legend class="utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend">
              {t("newcomers:classes.residence")}
            </legend>
            <SelectField
              name="targetGroup"
              label={t("newcomers:fields.targetGroup")}
              placeholder={t("newcomers:form.targetGroupUnknown")}
              value={v.targetGroup}
              errors={errors}
              options={targetGroups.map((g) => ({
                value: g,
                label: t(`newcomers:targetGroups.${g}`),
              }))}
            />
          </fieldset>
        )}
        {editable.includes("health") && (
          <fieldset class="utrecht-form-fieldset utrecht-form-fieldset--html-fieldset">
            <legend class="utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend">
              {t("newcomers:classes.health")}
            </legend>
            <TextArea
              name="healthNotes"
              label={t("newcomers:fields.healthNotes")}
              hint={t("newcomers:form.healthHint")}
              value={v.healthNotes}
              errors={errors}
            />
          </fieldset>
        )}
        <Button>
          {props.mode === "create" ? t("newcomers:form.create") : t("newcomers:form.save")}
        </Button>
      </Form>
    </>
  );
}
