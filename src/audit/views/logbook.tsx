import { dataClasses } from "../../platform/authz/data-classes.ts";
import type { FieldErrors } from "../../platform/http/forms.ts";
import {
  Button,
  ErrorSummary,
  Form,
  Heading,
  SelectField,
  Table,
  TextField,
} from "../../platform/views/components.tsx";
import { useView } from "../../platform/views/context.ts";
import { type AuditEventView, type AuditPage, auditOutcomes } from "../queries.ts";
import {
  actionLabel,
  dataClassLabel,
  formatMoment,
  knownActions,
  legalBasisLabel,
  outcomeLabel,
  purposeLabel,
  subjectKindLabel,
} from "./labels.ts";

/** The search form's fields as they appear in the URL (Dutch, like the page paths). */
export type LogbookQuery = Partial<
  Record<"van" | "tot" | "wie" | "onderwerp" | "actie" | "gegevens" | "uitkomst", string>
>;

function queryString(values: LogbookQuery, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...values, ...extra })) if (v) params.set(k, v);
  const s = params.toString();
  return s ? `?${s}` : "";
}

function FilterForm(props: { values: LogbookQuery; errors?: FieldErrors | undefined }) {
  const { t } = useView();
  const { values, errors } = props;
  const actions = [...knownActions] as string[];
  if (values.actie && !actions.includes(values.actie)) actions.push(values.actie);
  return (
    <section aria-labelledby="logboek-zoeken">
      <Heading level={2}>
        <span id="logboek-zoeken">{t("audit:filter.title")}</span>
      </Heading>
      <Form action="/beheer/logboek" method="get" aria-label={t("audit:filter.title")}>
        <div>
          <TextField
            name="van"
            type="date"
            label={t("audit:filter.from")}
            value={values.van}
            errors={errors}
          />
          <TextField
            name="tot"
            type="date"
            label={t("audit:filter.to")}
            value={values.tot}
            errors={errors}
          />
          <TextField
            name="wie"
            type="search"
            label={t("audit:filter.actor")}
            value={values.wie}
            errors={errors}
          />
          <TextField
            name="onderwerp"
            label={t("audit:filter.subject")}
            hint={t("audit:filter.subjectHint")}
            value={values.onderwerp}
            errors={errors}
            dir="ltr"
          />
          <SelectField
            name="actie"
            label={t("audit:filter.action")}
            placeholder={t("audit:filter.any")}
            value={values.actie}
            errors={errors}
            options={actions.map((a) => ({ value: a, label: actionLabel(t, a) }))}
          />
          <SelectField
            name="gegevens"
            label={t("audit:filter.dataClass")}
            placeholder={t("audit:filter.any")}
            value={values.gegevens}
            errors={errors}
            options={dataClasses.map((d) => ({ value: d, label: dataClassLabel(t, d) }))}
          />
          <SelectField
            name="uitkomst"
            label={t("audit:filter.outcome")}
            placeholder={t("audit:filter.any")}
            value={values.uitkomst}
            errors={errors}
            options={auditOutcomes.map((o) => ({ value: o, label: outcomeLabel(t, o) }))}
          />
        </div>
        <Button>{t("audit:filter.submit")}</Button>{" "}
        <a class="utrecht-link" href="/beheer/logboek">
          {t("audit:filter.reset")}
        </a>
      </Form>
    </section>
  );
}

function Who({ event }: { event: AuditEventView }) {
  const { t } = useView();
  const name =
    event.actorName ?? t(`audit:actorKinds.${event.actorKind}`, { defaultValue: event.actorKind });
  return (
    <>
      {name}
      {event.actorOrganisationName && (
        <>
          <br />
          <span class="koers-muted">{event.actorOrganisationName}</span>
        </>
      )}
      {event.actorRole && (
        <>
          <br />
          <span class="koers-muted">{event.actorRole.replaceAll(",", ", ")}</span>
        </>
      )}
    </>
  );
}

function Whose({ event, values }: { event: AuditEventView; values: LogbookQuery }) {
  const { t } = useView();
  if (!event.subjectId) return <span class="koers-muted">{t("audit:noSubject")}</span>;
  return (
    <>
      {subjectKindLabel(t, event.subjectKind ?? "")}{" "}
      <a
        class="utrecht-link"
        href={`/beheer/logboek${queryString({ ...values, onderwerp: event.subjectId })}`}
        title={t("audit:filterOnSubject")}
      >
        <code>{event.subjectId.slice(0, 8)}</code>
      </a>
      {event.organisationName && (
        <>
          <br />
          <span class="koers-muted">
            {t("audit:heldBy", { organisation: event.organisationName })}
          </span>
        </>
      )}
    </>
  );
}

function What({ event }: { event: AuditEventView }) {
  const { t } = useView();
  return (
    <>
      {actionLabel(t, event.action)}
      {event.outcome !== "allowed" && (
        <>
          {" "}
          <strong>({outcomeLabel(t, event.outcome)})</strong>
        </>
      )}
      {event.dataClasses.length > 0 && (
        <>
          <br />
          <span class="koers-muted">
            {event.dataClasses.map((d) => dataClassLabel(t, d)).join(", ")}
          </span>
        </>
      )}
    </>
  );
}

/** The logboek dataverwerkingen: search form, the events newest first, and a link to older ones. */
export function LogbookPage(props: {
  page?: AuditPage | undefined;
  values: LogbookQuery;
  /** Set when this is an older page (the keyset cursor). */
  before?: number | undefined;
  errors?: FieldErrors | undefined;
}) {
  const { t, locale, actor } = useView();
  const { page, values } = props;
  return (
    <>
      <Heading>{t("audit:title")}</Heading>
      <ErrorSummary errors={props.errors} />
      <p>{t("audit:intro")}</p>
      <p>
        {page?.scope.kind === "organisation"
          ? t("audit:scopeOrganisation", { organisation: actor.organisationName ?? "" })
          : t("audit:scopeAll")}
      </p>
      <FilterForm values={values} errors={props.errors} />
      {page && page.events.length === 0 && <p>{t("audit:empty")}</p>}
      {page && page.events.length > 0 && (
        <Table
          caption={t("audit:table.caption")}
          head={[
            t("audit:table.when"),
            t("audit:table.who"),
            t("audit:table.whose"),
            t("audit:table.what"),
            t("audit:table.why"),
            t("audit:table.requestId"),
          ]}
          rows={page.events.map((e) => [
            <time key="at" dateTime={e.at.toISOString()}>
              {formatMoment(locale, e.at)}
            </time>,
            <Who key="who" event={e} />,
            <Whose key="whose" event={e} values={values} />,
            <What key="what" event={e} />,
            <>
              {purposeLabel(t, e.purpose)}
              <br />
              <span class="koers-muted">{legalBasisLabel(t, e.legalBasis)}</span>
            </>,
            e.requestId ? <code dir="ltr">{e.requestId}</code> : "",
          ])}
        />
      )}
      <nav class="utrecht-pagination" aria-label={t("audit:pagination")}>
        {props.before !== undefined && (
          <a
            class="utrecht-pagination__relative-link utrecht-pagination__relative-link--prev"
            href={`/beheer/logboek${queryString(values)}`}
          >
            {t("audit:newest")}
          </a>
        )}{" "}
        {page?.nextBefore !== undefined && (
          <a
            class="utrecht-pagination__relative-link utrecht-pagination__relative-link--next"
            rel="next"
            href={`/beheer/logboek${queryString(values, { voor: String(page.nextBefore) })}`}
          >
            {t("audit:older")}
          </a>
        )}
      </nav>
    </>
  );
}
