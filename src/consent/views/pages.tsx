import type { TFunction } from "i18next";
import type { AccessLogEntry } from "../../audit/index.ts";
import { displayName, type PresentedNewcomer } from "../../newcomers/index.ts";
import { formatDay } from "../../platform/dates.ts";
import type { FieldErrors } from "../../platform/http/forms.ts";
import {
  Button,
  ButtonLink,
  ChoiceField,
  ErrorSummary,
  Form,
  Heading,
  SelectField,
  Table,
  TextArea,
  TextField,
} from "../../platform/views/components.tsx";
import { useView } from "../../platform/views/context.ts";
import { sectionNames } from "../export-sections.ts";
import type {
  AccessOverview,
  ConsentView,
  CorrectionRequestView,
  GranteeOption,
  MyDataExport,
  OwnRecord,
  SharedView,
  SharingNewcomer,
} from "../queries.ts";
import { consentPurposes, shareableDataClasses } from "../rules.ts";

// Names and dates inside translated sentences are isolated (U+2068 … U+2069), so a Dutch name or
// a date inside Arabic or Persian text keeps its own direction.
const isolate = (s: string) => `\u2068${s}\u2069`;

/** A calendar day in the reader's language, in the Netherlands' time zone. */
export const formatDate = formatDay;

const classList = (t: TFunction, classes: readonly string[]) =>
  classes.map((dc) => t(`consent:class.${dc}`)).join("; ");

/** /mijn-gegevens: the newcomer's own data — links, downloads, and the correction request. */
export function MyDataPage(props: {
  values?: Record<string, unknown>;
  errors?: FieldErrors | undefined;
}) {
  const { t } = useView();
  return (
    <>
      <Heading>{t("consent:mine.title")}</Heading>
      <ErrorSummary errors={props.errors} />
      <p class="utrecht-paragraph">{t("consent:mine.intro")}</p>
      <ul class="utrecht-unordered-list">
        <li>
          <a class="utrecht-link" href="/mijn-gegevens/toegang">
            {t("consent:mine.access")}
          </a>
        </li>
        <li>
          <a class="utrecht-link" href="/mijn-gegevens/inzage">
            {t("consent:mine.log")}
          </a>
        </li>
      </ul>
      <Heading level={2}>{t("consent:mine.downloadTitle")}</Heading>
      <ul class="utrecht-unordered-list">
        <li>
          <a class="utrecht-link" href="/mijn-gegevens/download.json" download>
            {t("consent:mine.downloadJson")}
          </a>
        </li>
        <li>
          <a class="utrecht-link" href="/mijn-gegevens/download.pdf" type="application/pdf">
            {t("consent:mine.downloadPdf")}
          </a>
        </li>
        <li>
          <a class="utrecht-link" href="/mijn-gegevens/overzicht">
            {t("consent:mine.print")}
          </a>
        </li>
      </ul>
      <Heading level={2}>{t("consent:mine.correctionTitle")}</Heading>
      <Form action="/mijn-gegevens/correctie">
        <TextArea
          name="tekst"
          label={t("consent:mine.correctionLabel")}
          hint={t("consent:mine.correctionHint")}
          value={props.values?.tekst}
          errors={props.errors}
          required
        />
        <Button>{t("consent:mine.correctionSend")}</Button>
      </Form>
    </>
  );
}

function ConsentTable(props: {
  caption: string;
  consents: ConsentView[];
  revokeAction?: (c: ConsentView) => string;
}) {
  const { t, locale } = useView();
  return (
    <Table
      caption={props.caption}
      head={[
        t("consent:access.who"),
        t("consent:access.sees"),
        t("consent:access.why"),
        t("consent:access.period"),
        ...(props.revokeAction ? [""] : []),
      ]}
      rows={props.consents.map((c) => [
        <bdi key="n">{c.granteeOrganisationName ?? c.granteeName}</bdi>,
        classList(t, c.dataClasses),
        t(`consent:purpose.${c.purpose}`),
        <>
          {t("consent:access.from", {
            from: isolate(formatDate(locale, c.validFrom)),
            until: isolate(formatDate(locale, c.validUntil)),
          })}
          {c.revokedAt && (
            <>
              {" — "}
              {t("consent:access.ended", { date: isolate(formatDate(locale, c.revokedAt)) })}
            </>
          )}
        </>,
        ...(props.revokeAction
          ? [
              <Form
                key="r"
                action={props.revokeAction(c)}
                aria-label={t("consent:access.revokeLabel", {
                  name: c.granteeOrganisationName ?? c.granteeName,
                })}
              >
                <Button variant="secondary" hint="danger">
                  {t("consent:access.revoke")}
                </Button>
              </Form>,
            ]
          : []),
      ])}
    />
  );
}

/** The choices of a grant, shared by the newcomer's own form and the consultant's paper form. */
function GrantFields(props: {
  options: GranteeOption[];
  values?: Record<string, unknown> | undefined;
  errors?: FieldErrors | undefined;
  maxUntil: string;
}) {
  const { t } = useView();
  const v = props.values ?? {};
  return (
    <>
      <SelectField
        name="ontvanger"
        label={t("consent:access.grantee")}
        value={v.ontvanger}
        errors={props.errors}
        options={props.options.map((o) => ({ value: o.involvementId, label: o.name }))}
        required
      />
      <ChoiceField
        name="doel"
        type="radio"
        legend={t("consent:access.purpose")}
        value={typeof v.doel === "string" ? v.doel : undefined}
        errors={props.errors}
        options={consentPurposes.map((p) => ({ value: p, label: t(`consent:purpose.${p}`) }))}
        required
      />
      <ChoiceField
        name="gegevens"
        type="checkbox"
        legend={t("consent:access.classes")}
        hint={t("consent:access.classesHint")}
        value={
          Array.isArray(v.gegevens)
            ? (v.gegevens as string[])
            : typeof v.gegevens === "string"
              ? v.gegevens
              : undefined
        }
        errors={props.errors}
        options={shareableDataClasses.map((dc) => ({ value: dc, label: t(`consent:class.${dc}`) }))}
      />
      <TextField
        name="tot"
        type="date"
        label={t("consent:access.until")}
        hint={t("consent:access.untilHint")}
        value={v.tot ?? props.maxUntil}
        errors={props.errors}
        required
      />
    </>
  );
}

/** /mijn-gegevens/toegang: who may see my data, why, since and until when; grant and revoke. */
export function AccessPage(props: {
  overview: AccessOverview;
  maxUntil: string;
  values?: Record<string, unknown> | undefined;
  errors?: FieldErrors | undefined;
}) {
  const { t } = useView();
  const { record, consents, options } = props.overview;
  const active = consents.filter((c) => c.inForce);
  const past = consents.filter((c) => !c.inForce);
  return (
    <>
      <Heading>{t("consent:access.title")}</Heading>
      <ErrorSummary errors={props.errors} />
      <Heading level={2}>{t("consent:access.legalTitle")}</Heading>
      <p class="utrecht-paragraph">{t("consent:access.legalExplain")}</p>
      <ul class="utrecht-unordered-list">
        <li>
          <strong>
            {t("consent:access.municipality", { organisation: isolate(record.organisationName) })}
          </strong>
          {": "}
          {t("consent:access.municipalitySees")}
          {record.assignedConsultantName && (
            <>
              {" "}
              {t("consent:access.yourConsultant", {
                name: isolate(record.assignedConsultantName),
              })}
            </>
          )}
        </li>
        <li>{t("consent:access.duo")}</li>
      </ul>
      <Heading level={2}>{t("consent:access.consentTitle")}</Heading>
      <p class="utrecht-paragraph">{t("consent:access.consentExplain")}</p>
      {active.length === 0 ? (
        <p class="utrecht-paragraph">{t("consent:access.none")}</p>
      ) : (
        <ConsentTable
          caption={t("consent:access.caption")}
          consents={active}
          revokeAction={(c) => `/mijn-gegevens/toegang/${c.id}/intrekken`}
        />
      )}
      <Heading level={2}>{t("consent:access.grantTitle")}</Heading>
      {options.length === 0 ? (
        <p class="utrecht-paragraph">{t("consent:access.noOptions")}</p>
      ) : (
        <Form action="/mijn-gegevens/toegang">
          <p class="utrecht-paragraph">{t("consent:text.statement")}</p>
          <GrantFields
            options={options}
            values={props.values}
            errors={props.errors}
            maxUntil={props.maxUntil}
          />
          <TextField
            name="getuige"
            label={t("consent:access.witness")}
            value={props.values?.getuige}
            errors={props.errors}
          />
          <Button>{t("consent:access.give")}</Button>
        </Form>
      )}
      {past.length > 0 && (
        <>
          <Heading level={2}>{t("consent:access.historyTitle")}</Heading>
          <ConsentTable caption={t("consent:access.historyTitle")} consents={past} />
        </>
      )}
    </>
  );
}

/** The audit actions the access log has words for ("other" covers the rest). */
const knownActions = ["read", "list", "create", "update", "export", "delete"];

/**
 * One access-log line in plain words. People of the municipality that holds the record are
 * named (the newcomer knows them); other organisations only by organisation (decision 0013).
 */
export function describeAccess(
  t: TFunction,
  entry: AccessLogEntry,
  own: { accountId: string | null; assignedConsultantId: string | null; organisationName: string },
): string {
  const organisation = entry.actorOrganisationName ?? own.organisationName;
  let who: string;
  if (entry.actorAccountId && entry.actorAccountId === own.accountId) who = t("consent:who.you");
  else if (entry.actorKind === "system") who = t("consent:who.koers");
  else if (entry.actorKind === "api")
    who = t("consent:who.system", { organisation: isolate(organisation) });
  else if (entry.actorAccountId && entry.actorAccountId === own.assignedConsultantId)
    who = t("consent:who.yourConsultant", { name: isolate(entry.actorName ?? "") });
  else if (entry.actorOrganisationName === entry.organisationName && entry.actorName)
    who = t("consent:who.staff", {
      name: isolate(entry.actorName),
      organisation: isolate(organisation),
    });
  else who = t("consent:who.organisation", { organisation: isolate(organisation) });
  const action = t(
    `consent:action.${knownActions.includes(entry.action) ? entry.action : "other"}`,
  );
  const resources = [
    "newcomer",
    "plan",
    "intake",
    "consent",
    "audit_log",
    "newcomer_shared",
    "newcomer_note",
    "correction_request",
  ];
  const what = t(
    `consent:resource.${resources.includes(entry.resourceType) ? entry.resourceType : "other"}`,
  );
  const line = t("consent:log.line", { who, action, what });
  return entry.outcome === "allowed" ? line : `${line} ${t("consent:log.refused")}`;
}

/** /mijn-gegevens/inzage: who looked at my data, in plain words. */
export function AccessLogPage(props: { record: OwnRecord; entries: AccessLogEntry[] }) {
  const { t, locale } = useView();
  const { record } = props;
  // The newcomer's own looking is left out: the page is about what others did.
  const entries = props.entries.filter(
    (e) => !(e.action === "read" && e.actorAccountId && e.actorAccountId === record.accountId),
  );
  return (
    <>
      <Heading>{t("consent:log.title")}</Heading>
      <p class="utrecht-paragraph">{t("consent:log.intro")}</p>
      {entries.length === 0 ? (
        <p class="utrecht-paragraph">{t("consent:log.none")}</p>
      ) : (
        <Table
          caption={t("consent:log.caption")}
          head={[t("consent:log.when"), t("consent:log.what")]}
          rows={entries.map((e) => [
            <bdi key="d">{formatDate(locale, e.at)}</bdi>,
            describeAccess(t, e, record),
          ])}
        />
      )}
    </>
  );
}

function RecordFields({ newcomer }: { newcomer: PresentedNewcomer }) {
  const { t } = useView();
  const fields: [string, string | null | undefined][] = [
    ["name", newcomer.givenNames !== undefined ? displayName(newcomer) : undefined],
    ["birthDate", newcomer.birthDate],
    ["preferredLanguage", newcomer.preferredLanguage],
    ["phone", newcomer.phone],
    ["email", newcomer.email],
    ["address", newcomer.address],
    ["healthNotes", newcomer.healthNotes],
  ];
  return (
    <dl class="koers-facts">
      {fields
        .filter(([, value]) => value !== undefined)
        .map(([key, value]) => (
          <div key={key}>
            <dt>{t(`consent:field.${key}`)}</dt>
            <dd>
              <bdi>{value ?? "—"}</bdi>
            </dd>
          </div>
        ))}
    </dl>
  );
}

/** Education and work from the intake, shared under consent: what, where, how long. */
function SharedEducationAndWork(props: NonNullable<SharedView["educationAndWork"]>) {
  const { t } = useView();
  const years = (count: number | null) =>
    count === null ? [] : [t("consent:keyPerson.years", { count })];
  const line = (parts: (string | null)[]) => parts.filter(Boolean).join(" · ");
  return (
    <>
      <Heading level={2}>{t("consent:keyPerson.education")}</Heading>
      {props.education.length === 0 ? (
        <p class="utrecht-paragraph">{t("consent:keyPerson.noEducation")}</p>
      ) : (
        <ul class="utrecht-unordered-list">
          {props.education.map((e) => (
            <li key={e.id}>
              {t(`consent:keyPerson.levels.${e.level}`)}
              {(e.field || e.country || e.years !== null) && " · "}
              <bdi>{line([e.field, e.country, ...years(e.years)])}</bdi>
            </li>
          ))}
        </ul>
      )}
      <Heading level={2}>{t("consent:keyPerson.work")}</Heading>
      {props.work.length === 0 ? (
        <p class="utrecht-paragraph">{t("consent:keyPerson.noWork")}</p>
      ) : (
        <ul class="utrecht-unordered-list">
          {props.work.map((w) => (
            <li key={w.id}>
              <bdi>{line([w.sector, w.role, w.country, ...years(w.years)])}</bdi>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

/** /sleutelpersoon/:id: what a key person or partner may see, and a note. */
export function KeyPersonPage(props: {
  view: SharedView;
  values?: Record<string, unknown>;
  errors?: FieldErrors | undefined;
}) {
  const { t, locale } = useView();
  const { newcomer, plan, granted, educationAndWork } = props.view;
  const name = displayName(newcomer) || t("consent:class.basic");
  return (
    <>
      <Heading>{t("consent:keyPerson.title", { name: isolate(name) })}</Heading>
      <ErrorSummary errors={props.errors} />
      <p class="utrecht-paragraph">
        {t("consent:keyPerson.intro", {
          name: isolate(name),
          until: isolate(formatDate(locale, props.view.until)),
        })}
      </p>
      <Heading level={2}>{t("consent:keyPerson.granted")}</Heading>
      <ul class="utrecht-unordered-list">
        {granted.map((dc) => (
          <li key={dc}>{t(`consent:class.${dc}`)}</li>
        ))}
      </ul>
      {newcomer.dataClasses.length > 0 && (
        <>
          <Heading level={2}>{t("consent:keyPerson.record")}</Heading>
          <RecordFields newcomer={newcomer} />
        </>
      )}
      {granted.includes("plan") &&
        (plan ? (
          <>
            <Heading level={2}>{t("consent:keyPerson.plan", { number: plan.number })}</Heading>
            <p class="utrecht-paragraph">
              {t("consent:keyPerson.route")}: <bdi>{plan.content.leerroute}</bdi>
            </p>
            <Heading level={3}>{t("consent:keyPerson.goals")}</Heading>
            <ul class="utrecht-unordered-list">
              {plan.content.goals.map((g) => (
                <li key={g.id} lang="nl" dir="ltr">
                  {g.description}
                </li>
              ))}
            </ul>
          </>
        ) : (
          <p class="utrecht-paragraph">{t("consent:keyPerson.noPlan")}</p>
        ))}
      {educationAndWork && <SharedEducationAndWork {...educationAndWork} />}
      <Heading level={2}>{t("consent:keyPerson.noteTitle")}</Heading>
      <Form action={`/sleutelpersoon/${newcomer.id}/notitie`}>
        <TextArea
          name="tekst"
          label={t("consent:keyPerson.noteLabel")}
          value={props.values?.tekst}
          errors={props.errors}
          required
        />
        <Button>{t("consent:keyPerson.noteSave")}</Button>
      </Form>
    </>
  );
}

/** /sleutelpersoon: the newcomers who share data with me now. */
export function SharingListPage({ items }: { items: SharingNewcomer[] }) {
  const { t } = useView();
  return (
    <>
      <Heading>{t("consent:keyPerson.listTitle")}</Heading>
      {items.length === 0 ? (
        <p class="utrecht-paragraph">{t("consent:keyPerson.listEmpty")}</p>
      ) : (
        <ul class="utrecht-unordered-list">
          {items.map((n) => (
            <li key={n.id}>
              <a class="utrecht-link" href={`/sleutelpersoon/${n.id}`}>
                <bdi>{n.name ?? t("consent:keyPerson.unnamed")}</bdi>
              </a>
              {" — "}
              {classList(t, n.granted)}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

/** /nieuwkomers/:id/toestemming: the consultant's view of consents, the paper form, corrections. */
export function StaffConsentPage(props: {
  record: PresentedNewcomer;
  consents: ConsentView[];
  options: GranteeOption[];
  corrections: CorrectionRequestView[];
  maxUntil: string;
  values?: Record<string, unknown> | undefined;
  errors?: FieldErrors | undefined;
}) {
  const { t, locale } = useView();
  const base = `/nieuwkomers/${props.record.id}/toestemming`;
  return (
    <>
      <Heading>{t("consent:staff.title", { name: isolate(displayName(props.record)) })}</Heading>
      <ErrorSummary errors={props.errors} />
      <Heading level={2}>{t("consent:staff.corrections")}</Heading>
      {props.corrections.length === 0 ? (
        <p class="utrecht-paragraph">{t("consent:staff.noCorrections")}</p>
      ) : (
        <ul class="utrecht-unordered-list">
          {props.corrections.map((c) => (
            <li key={c.id}>
              <bdi>{c.text}</bdi> —{" "}
              {t("consent:staff.correctionAsked", {
                date: isolate(formatDate(locale, c.createdAt)),
                locale: c.locale,
              })}
            </li>
          ))}
        </ul>
      )}
      <Heading level={2}>{t("consent:access.consentTitle")}</Heading>
      {props.consents.length === 0 ? (
        <p class="utrecht-paragraph">{t("consent:access.none")}</p>
      ) : (
        props.consents.map((c) => (
          <section key={c.id} class="koers-card">
            <Heading level={3}>
              <bdi>{c.granteeOrganisationName ?? c.granteeName}</bdi> —{" "}
              {c.inForce ? t("consent:staff.inForce") : t("consent:staff.notInForce")}
            </Heading>
            <p class="utrecht-paragraph">
              {t(`consent:purpose.${c.purpose}`)}. {classList(t, c.dataClasses)}.{" "}
              {t("consent:access.from", {
                from: isolate(formatDate(locale, c.validFrom)),
                until: isolate(formatDate(locale, c.validUntil)),
              })}
            </p>
            <p class="utrecht-paragraph">
              {t("consent:staff.shownText", {
                locale: c.shown.locale,
                version: c.shown.templateVersion,
              })}
            </p>
            <blockquote lang={c.shown.locale} dir="auto">
              {c.shown.text}
            </blockquote>
            {c.witness && (
              <p class="utrecht-paragraph">
                {t("consent:staff.witnessed", { name: isolate(c.witness) })}
              </p>
            )}
            {c.recordedByName && (
              <p class="utrecht-paragraph">
                {t("consent:staff.recordedBy", { name: isolate(c.recordedByName) })}
              </p>
            )}
            {c.inForce && (
              <Form
                action={`${base}/${c.id}/intrekken`}
                aria-label={t("consent:access.revokeLabel", { name: c.granteeName })}
              >
                <Button variant="secondary" hint="danger">
                  {t("consent:access.revoke")}
                </Button>
              </Form>
            )}
          </section>
        ))
      )}
      <Heading level={2}>{t("consent:staff.paperTitle")}</Heading>
      {props.options.length === 0 ? (
        <p class="utrecht-paragraph">{t("consent:access.noOptions")}</p>
      ) : (
        <Form action={base}>
          <p class="utrecht-paragraph">{t("consent:staff.paperHint")}</p>
          <GrantFields
            options={props.options}
            values={props.values}
            errors={props.errors}
            maxUntil={props.maxUntil}
          />
          <SelectField
            name="taal"
            label={t("consent:staff.language")}
            value={props.values?.taal ?? props.record.preferredLanguage}
            errors={props.errors}
            options={["nl", "en", "ar", "fa", "ti", "uk", "tr", "so"].map((l) => ({
              value: l,
              label: l,
            }))}
          />
          <TextField
            name="getuige"
            label={t("consent:staff.witness")}
            value={props.values?.getuige}
            errors={props.errors}
            required
          />
          <Button>{t("consent:staff.record")}</Button>
        </Form>
      )}
    </>
  );
}

/** Stored values as a reader sees them: dates written out, structured values as JSON. */
function factValue(locale: string, value: unknown): string {
  if (value instanceof Date) return formatDate(locale, value);
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

/** One stored row as field names and values; empty fields, ids and file contents are left out (the JSON has them). */
function Facts({ row }: { row: Record<string, unknown> }) {
  const { locale } = useView();
  const rows = Object.entries(row).filter(
    ([key, value]) =>
      value !== null &&
      value !== "" &&
      key !== "id" &&
      key !== "organisationId" &&
      key !== "contentBase64" &&
      !(Array.isArray(value) && value.length === 0),
  );
  return (
    <dl class="koers-facts">
      {rows.map(([key, value]) => (
        <div key={key}>
          <dt>
            <bdi>{key}</bdi>
          </dt>
          <dd>
            <bdi>{factValue(locale, value)}</bdi>
          </dd>
        </div>
      ))}
    </dl>
  );
}

/** /mijn-gegevens/overzicht: everything Koers holds, as a readable page to print. */
export function PrintPage({ data, forPaper }: { data: MyDataExport; forPaper?: boolean }) {
  const { t, locale } = useView();
  const sections = sectionNames.filter((name) => data.sections[name].length > 0);
  return (
    <>
      <Heading>{t("consent:print.title")}</Heading>
      <p class="utrecht-paragraph">
        {t("consent:print.made", {
          date: isolate(formatDate(locale, new Date(data.exportedAt))),
          municipality: isolate(data.municipality),
        })}
      </p>
      <Heading level={2}>{t("consent:print.record")}</Heading>
      <Facts row={data.record} />
      <Heading level={2}>{t("consent:print.languages")}</Heading>
      <p class="utrecht-paragraph">
        {data.languages.map((l) => `${l.language} (${l.level})`).join(", ") ||
          t("consent:print.none")}
      </p>
      <Heading level={2}>{t("consent:print.plan")}</Heading>
      {data.plan.length === 0 ? (
        <p class="utrecht-paragraph">{t("consent:print.none")}</p>
      ) : (
        data.plan.map((v) => (
          <section key={v.number}>
            <Heading level={3}>{t("consent:print.version", { number: v.number })}</Heading>
            <p class="utrecht-paragraph">
              <bdi>{v.content.leerroute}</bdi>
            </p>
            <ul class="utrecht-unordered-list">
              {v.content.goals.map((g) => (
                <li key={g.id} lang="nl" dir="ltr">
                  {g.description}
                </li>
              ))}
            </ul>
          </section>
        ))
      )}
      <Heading level={2}>{t("consent:print.consents")}</Heading>
      {data.consents.length === 0 ? (
        <p class="utrecht-paragraph">{t("consent:print.none")}</p>
      ) : (
        <ConsentTable
          caption={t("consent:print.consents")}
          consents={data.consents.map((c) => ({ ...c, inForce: false }))}
        />
      )}
      <Heading level={2}>{t("consent:print.corrections")}</Heading>
      <ul class="utrecht-unordered-list">
        {data.correctionRequests.map((c, i) => (
          <li key={i}>
            <bdi>{c.text}</bdi>
          </li>
        ))}
      </ul>
      <Heading level={2}>{t("consent:print.ownWords")}</Heading>
      <ul class="utrecht-unordered-list">
        {data.ownWords.map((w, i) => (
          <li key={i}>
            <bdi>{w.text}</bdi>
          </li>
        ))}
      </ul>
      {sections.map((name) => (
        <section key={name}>
          <Heading level={2}>{t(`consent:print.sections.${name}`)}</Heading>
          {data.sections[name].map((row, i) => (
            <Facts key={i} row={row} />
          ))}
        </section>
      ))}
      <Heading level={2}>{t("consent:print.accessLog")}</Heading>
      {data.accessLog.length === 0 ? (
        <p class="utrecht-paragraph">{t("consent:print.none")}</p>
      ) : (
        <ul class="utrecht-unordered-list">
          {data.accessLog.map((entry, i) => (
            <li key={i}>
              <bdi>{formatDate(locale, entry.at)}</bdi>
              {" · "}
              <bdi>{[entry.person, entry.organisation].filter(Boolean).join(", ")}</bdi>
              {" · "}
              {t(`consent:action.${knownActions.includes(entry.action) ? entry.action : "other"}`)}
              {entry.dataClasses.length > 0 &&
                `: ${entry.dataClasses.map((dc) => t(`consent:class.${dc}`)).join("; ")}`}
              {entry.outcome === "denied" && ` · ${t("consent:print.denied")}`}
            </li>
          ))}
        </ul>
      )}
      {!forPaper && (
        <p class="utrecht-paragraph">
          <ButtonLink href="/mijn-gegevens" variant="subtle">
            {t("consent:mine.title")}
          </ButtonLink>
        </p>
      )}
    </>
  );
}
