import { displayName, targetGroups } from "../../newcomers/index.ts";
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
import type { Caseload, CaseloadItem, OverviewRow } from "../queries.ts";
import { caseloadSorts, phases, type Signal, signalKinds } from "../rules.ts";

/** The filter form's fields as they appear in the URL. */
export type CaseloadQuery = Partial<
  Record<
    | "wie"
    | "consulent"
    | "signaal"
    | "doelgroep"
    | "fase"
    | "zoek"
    | "sorteer"
    | "pagina"
    | "weken",
    string
  >
>;

/** The URL of the caseload with these filters (empty ones left out). */
export function caseloadUrl(values: CaseloadQuery, extra: CaseloadQuery = {}): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...values, ...extra })) if (v) params.set(k, v);
  const s = params.toString();
  return s ? `/caseload?${s}` : "/caseload";
}

function formatDate(locale: string, date: string | null | undefined): string {
  if (!date) return "";
  return new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeZone: "UTC" }).format(
    new Date(`${date}T00:00:00Z`),
  );
}

/** One signal as text: what, when, and whether that date has passed. */
function SignalText({ signal }: { signal: Signal }) {
  const { t, locale } = useView();
  const key = signal.disagreement ? "reactieOneens" : signal.kind;
  const text = t(`caseload:signalText.${key}`, { date: formatDate(locale, signal.on) });
  if (!signal.overdue) return text;
  return (
    <strong>
      {text} ({t("caseload:overdue")})
    </strong>
  );
}

function Signals({ item }: { item: CaseloadItem }) {
  const { t } = useView();
  if (item.signals.length === 0) return <span class="koers-muted">{t("caseload:noSignals")}</span>;
  return (
    <ul class="utrecht-unordered-list">
      {item.signals.map((s) => (
        <li key={s.kind}>
          {s.kind === "reactie" ? (
            <a class="utrecht-link" href={`/nieuwkomers/${item.id}/reacties`}>
              <SignalText signal={s} />
            </a>
          ) : (
            <SignalText signal={s} />
          )}
        </li>
      ))}
    </ul>
  );
}

function FilterForm(props: {
  values: CaseloadQuery;
  errors?: FieldErrors | undefined;
  showsTargetGroup: boolean;
}) {
  const { t } = useView();
  const { values, errors } = props;
  return (
    <section aria-labelledby="caseload-filter">
      <Heading level={2}>
        <span id="caseload-filter">{t("caseload:filter.title")}</span>
      </Heading>
      <Form action="/caseload" method="get" aria-label={t("caseload:filter.title")}>
        {values.consulent && <input type="hidden" name="consulent" value={values.consulent} />}
        <SelectField
          name="wie"
          label={t("caseload:filter.scope")}
          value={values.wie}
          errors={errors}
          options={[
            { value: "mijn", label: t("caseload:filter.mine") },
            { value: "team", label: t("caseload:filter.team") },
          ]}
        />
        <TextField
          name="zoek"
          type="search"
          label={t("caseload:filter.search")}
          hint={t("caseload:filter.searchHint")}
          value={values.zoek}
          errors={errors}
        />
        <SelectField
          name="signaal"
          label={t("caseload:filter.signal")}
          placeholder={t("caseload:filter.any")}
          value={values.signaal}
          errors={errors}
          options={signalKinds.map((s) => ({ value: s, label: t(`caseload:signals.${s}`) }))}
        />
        <SelectField
          name="fase"
          label={t("caseload:filter.phase")}
          placeholder={t("caseload:filter.open")}
          value={values.fase}
          errors={errors}
          options={phases.map((p) => ({ value: p, label: t(`caseload:phases.${p}`) }))}
        />
        {props.showsTargetGroup && (
          <SelectField
            name="doelgroep"
            label={t("caseload:filter.targetGroup")}
            placeholder={t("caseload:filter.any")}
            value={values.doelgroep}
            errors={errors}
            options={targetGroups.map((g) => ({
              value: g,
              label: t(`newcomers:targetGroups.${g}`),
            }))}
          />
        )}
        <SelectField
          name="sorteer"
          label={t("caseload:filter.sort")}
          value={values.sorteer ?? "aandacht"}
          errors={errors}
          options={caseloadSorts.map((s) => ({ value: s, label: t(`caseload:sorts.${s}`) }))}
        />
        <TextField
          name="weken"
          type="number"
          label={t("caseload:filter.weeks")}
          hint={t("caseload:filter.weeksHint")}
          value={values.weken ?? "6"}
          errors={errors}
          inputmode="numeric"
        />
        <Button>{t("caseload:filter.submit")}</Button>{" "}
        <a class="utrecht-link" href="/caseload">
          {t("caseload:filter.reset")}
        </a>
      </Form>
    </section>
  );
}

/** The team lead's overview: per consultant, open files and how many need attention, per signal. */
function Overview(props: { rows: OverviewRow[]; values: CaseloadQuery }) {
  const { t } = useView();
  // Deadlines only: unread reactions are each consultant's own inbox, not a term to watch.
  const shown = signalKinds.filter((s) => s !== "referral_stale" && s !== "reactie");
  const link = (row: OverviewRow, count: number, signal?: string) =>
    row.consultant && count > 0 ? (
      <a
        class="utrecht-link"
        href={caseloadUrl(
          { wie: "team", weken: props.values.weken },
          { consulent: row.consultant.id, ...(signal ? { signaal: signal } : {}) },
        )}
      >
        {count}
      </a>
    ) : (
      String(count)
    );
  return (
    <section>
      <Heading level={2}>{t("caseload:overview.title")}</Heading>
      <Table
        caption={t("caseload:overview.caption")}
        head={[
          t("caseload:overview.consultant"),
          t("caseload:overview.open"),
          ...shown.map((s) => t(`caseload:signals.${s}`)),
          t("caseload:overview.overdue"),
        ]}
        rows={props.rows.map((row) => [
          row.consultant?.name ?? t("caseload:unassigned"),
          link(row, row.open),
          ...shown.map((s) => link(row, row.counts[s], s)),
          String(row.overdue),
        ])}
      />
    </section>
  );
}

export function CaseloadPage(props: {
  caseload: Caseload;
  overview?: OverviewRow[] | undefined;
  values: CaseloadQuery;
  errors?: FieldErrors | undefined;
  noContactWeeks: number;
}) {
  const { t, locale } = useView();
  const { caseload, values } = props;
  const scopeLabel = values.wie === "team" ? t("caseload:filter.team") : t("caseload:filter.mine");
  return (
    <>
      <Heading>{t("caseload:title")}</Heading>
      <ErrorSummary errors={props.errors} />
      <p>{t("caseload:intro", { weeks: props.noContactWeeks })}</p>
      {props.overview && <Overview rows={props.overview} values={values} />}
      <FilterForm
        values={values}
        errors={props.errors}
        showsTargetGroup={caseload.showsTargetGroup}
      />
      <section>
        <Heading level={2}>{t("caseload:listTitle", { count: caseload.total })}</Heading>
        {caseload.items.length === 0 ? (
          <p>{t("caseload:empty")}</p>
        ) : (
          <Table
            caption={t("caseload:caption", {
              scope: scopeLabel,
              sort: t(`caseload:sorts.${values.sorteer ?? "aandacht"}`),
            })}
            head={[
              t("caseload:columns.name"),
              t("caseload:columns.signals"),
              t("caseload:columns.phase"),
              t("caseload:columns.pipDeadline"),
              t("caseload:columns.termEnd"),
              t("caseload:columns.lastContact"),
              t("caseload:columns.consultant"),
              ...(caseload.showsTargetGroup ? [t("caseload:columns.targetGroup")] : []),
            ]}
            rows={caseload.items.map((n) => [
              <a key="name" class="utrecht-link" href={`/nieuwkomers/${n.id}`}>
                {displayName(n)}
              </a>,
              <Signals key="signals" item={n} />,
              t(`caseload:phases.${n.phase}`),
              formatDate(locale, n.pipDeadline),
              formatDate(locale, n.termEnd),
              n.lastContact ? (
                formatDate(locale, n.lastContact)
              ) : (
                <span class="koers-muted">{t("caseload:never")}</span>
              ),
              n.consultant?.name ?? t("caseload:unassigned"),
              ...(caseload.showsTargetGroup
                ? [n.targetGroup ? t(`newcomers:targetGroups.${n.targetGroup}`) : ""]
                : []),
            ])}
          />
        )}
        {caseload.pageCount > 1 && (
          <nav class="utrecht-pagination" aria-label={t("caseload:pagination")}>
            <p>{t("caseload:pageOf", { page: caseload.page, count: caseload.pageCount })}</p>
            {caseload.page > 1 && (
              <a
                class="utrecht-pagination__relative-link utrecht-pagination__relative-link--prev"
                rel="prev"
                href={caseloadUrl(values, { pagina: String(caseload.page - 1) })}
              >
                {t("caseload:previous")}
              </a>
            )}{" "}
            {caseload.page < caseload.pageCount && (
              <a
                class="utrecht-pagination__relative-link utrecht-pagination__relative-link--next"
                rel="next"
                href={caseloadUrl(values, { pagina: String(caseload.page + 1) })}
              >
                {t("caseload:next")}
              </a>
            )}
          </nav>
        )}
      </section>
    </>
  );
}
