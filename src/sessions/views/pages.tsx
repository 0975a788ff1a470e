import { isCalendarDate } from "../../platform/dates.ts";
import type { FieldErrors } from "../../platform/http/forms.ts";
import { languages } from "../../platform/i18n/languages.ts";
import {
  Alert,
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
import {
  type ComparedField,
  ConflictComparison,
  compareValues,
  valueText,
} from "../../platform/views/conflict.tsx";
import { useView } from "../../platform/views/context.ts";
import { EMPTY_PROGRAMME_ROWS, programmeFromForm } from "../input.ts";
import type { PresentedRegistration, PresentedSession, SessionListItem } from "../queries.ts";
import type { Attendance } from "../rules.ts";
import type { ProgrammeItem } from "../schema.ts";
import { BreakoutFields, breakoutPath } from "./breakouts.tsx";
import { CapacityField, Programme, SessionFacts, TimeFields, useDay } from "./parts.tsx";
import { publicPath } from "./public.tsx";

export const staffPath = (id?: string, rest = "") =>
  id ? `/maaksessies/${id}${rest}` : `/maaksessies${rest}`;

type Choice = { id: string; name: string };

/** The organisation's sessions: upcoming and past. */
export function SessionListPage(props: {
  upcoming: SessionListItem[];
  past: SessionListItem[];
  canCreate: boolean;
}) {
  const { t } = useView();
  const day = useDay();
  const table = (caption: string, rows: SessionListItem[]) =>
    rows.length === 0 ? (
      <p class="utrecht-paragraph">{t("sessions:list.none")}</p>
    ) : (
      <Table
        caption={caption}
        head={[t("sessions:fields.title"), t("sessions:fields.date"), t("sessions:fields.place")]}
        rows={rows.map((s) => [
          <a key="a" class="utrecht-link" href={staffPath(s.id)}>
            {s.title}
          </a>,
          `${day(s.date)}, ${s.startsAt}`,
          s.place ?? "—",
        ])}
      />
    );
  return (
    <>
      <Heading>{t("sessions:list.title")}</Heading>
      {props.canCreate && (
        <p class="utrecht-paragraph">
          <ButtonLink href={staffPath(undefined, "/nieuw")}>{t("sessions:list.new")}</ButtonLink>
        </p>
      )}
      <h2 class="utrecht-heading-2">{t("sessions:list.upcoming")}</h2>
      {table(t("sessions:list.upcoming"), props.upcoming)}
      <h2 class="utrecht-heading-2">{t("sessions:list.past")}</h2>
      {table(t("sessions:list.past"), props.past)}
    </>
  );
}

/** A session's stored values as the form shows them. */
export const sessionValues = (s: PresentedSession): Record<string, unknown> => ({
  version: s.version,
  title: s.title,
  description: s.description ?? undefined,
  themeIds: s.themes.map((th) => th.id),
  regionId: s.regionId ?? undefined,
  date: s.date,
  startsAt: s.startsAt,
  endsAt: s.endsAt,
  place: s.place ?? undefined,
  onlineUrl: s.onlineUrl ?? undefined,
  partnerOrganisationIds: s.partnerOrganisationIds,
  capacity: s.capacity ?? undefined,
  languages: s.languages,
  interpreters: s.interpreters ?? undefined,
  registrationOpen: s.registrationOpen ? "ja" : undefined,
});

/** How many programme rows a posted form filled in, counting up to the last filled row. */
function postedProgrammeRows(values: Record<string, unknown>): number {
  let rows = 0;
  for (const [key, value] of Object.entries(values)) {
    const row = /^programme\.(\d+)\./.exec(key)?.[1];
    if (row !== undefined && typeof value === "string" && value.trim() !== "")
      rows = Math.max(rows, Number(row) + 1);
  }
  return rows;
}

/** A checkbox group's posted value as a list (one ticked box posts a single string). */
const asList = (x: unknown): string[] => (Array.isArray(x) ? x.map(String) : x ? [String(x)] : []);

/** The fields of the session form side by side: what was sent, what is stored now. */
function useSessionComparison(props: {
  themes: Choice[];
  organisations: Choice[];
  regions: Choice[];
}) {
  const { t } = useView();
  const day = useDay();
  const names = (choices: Choice[]) => (ids: unknown) =>
    asList(ids)
      .map((id) => choices.find((c) => c.id === id)?.name ?? id)
      .join(", ");
  const fields: ComparedField[] = [
    { name: "title", label: t("sessions:fields.title") },
    { name: "description", label: t("sessions:fields.description") },
    { name: "themeIds", label: t("sessions:fields.themes"), show: names(props.themes) },
    { name: "regionId", label: t("sessions:fields.region"), show: names(props.regions) },
    {
      name: "date",
      label: t("sessions:fields.date"),
      show: (d) => (typeof d === "string" && isCalendarDate(d) ? day(d) : valueText(d)),
    },
    { name: "startsAt", label: t("sessions:fields.startsAt") },
    { name: "endsAt", label: t("sessions:fields.endsAt") },
    { name: "place", label: t("sessions:fields.place") },
    { name: "onlineUrl", label: t("sessions:fields.onlineUrl") },
    {
      name: "programme",
      label: t("sessions:fields.programme"),
      show: (items) =>
        (items as ProgrammeItem[])
          .map((i) =>
            [i.end ? `${i.start}–${i.end}` : i.start, i.title, i.who ? `(${i.who})` : ""]
              .filter(Boolean)
              .join(" "),
          )
          .join("\n"),
    },
    {
      name: "partnerOrganisationIds",
      label: t("sessions:fields.partners"),
      show: names(props.organisations),
    },
    { name: "capacity", label: t("sessions:fields.capacity") },
    {
      name: "languages",
      label: t("sessions:fields.languages"),
      show: (codes) =>
        asList(codes)
          .map((c) => languages.find((l) => l.code === c)?.name ?? c)
          .join(", "),
    },
    { name: "interpreters", label: t("sessions:fields.interpreters") },
    {
      name: "registrationOpen",
      label: t("sessions:fields.registration"),
      show: (open) => (open === "ja" ? t("sessions:fields.registrationOpen") : ""),
    },
  ];
  return (values: Record<string, unknown>, stored: PresentedSession) =>
    compareValues(
      fields,
      { ...values, programme: programmeFromForm(values).items },
      { ...sessionValues(stored), programme: stored.programme },
    );
}

/**
 * The session form (new or edit). Programme rows: the items plus empty rows to add more. After a
 * refused save (someone else saved first) it shows both versions, keeps the input, and carries
 * the stored version: saving again is a deliberate overwrite.
 */
export function SessionFormPage(props: {
  title: string;
  action: string;
  values: Record<string, unknown>;
  programme: ProgrammeItem[];
  errors?: FieldErrors | undefined;
  themes: Choice[];
  organisations: Choice[];
  regions: Choice[];
  canAddTheme: boolean;
  /** Set when the save was refused: the session as stored now. */
  stored?: PresentedSession | undefined;
}) {
  const { t } = useView();
  const v = props.values;
  const compare = useSessionComparison(props);
  // Rows sent back (after an error or a stale save) keep their places, however many there were.
  const filled = Math.max(props.programme.length, postedProgrammeRows(v));
  const rows: ProgrammeItem[] = [
    ...Array.from({ length: filled }, (_, n) => props.programme[n] ?? { start: "", title: "" }),
    ...Array.from({ length: EMPTY_PROGRAMME_ROWS }, () => ({ start: "", title: "" })),
  ];
  return (
    <>
      <Heading>{props.title}</Heading>
      <ErrorSummary errors={props.errors} />
      {props.stored && <ConflictComparison rows={compare(v, props.stored)} />}
      <Form action={props.action}>
        {v.version !== undefined && (
          <input type="hidden" name="version" value={String(v.version)} />
        )}
        <TextField
          name="title"
          label={t("sessions:fields.title")}
          value={v.title}
          errors={props.errors}
          required
        />
        <TextArea
          name="description"
          label={t("sessions:fields.description")}
          value={v.description}
          errors={props.errors}
        />
        <ChoiceField
          name="themeIds"
          type="checkbox"
          legend={t("sessions:fields.themes")}
          options={props.themes.map((th) => ({ value: th.id, label: th.name }))}
          value={asList(v.themeIds)}
          errors={props.errors}
        />
        {props.canAddTheme && (
          <TextField
            name="newTheme"
            label={t("sessions:fields.newTheme")}
            hint={t("sessions:fields.newThemeHint")}
            value={v.newTheme}
            errors={props.errors}
          />
        )}
        <SelectField
          name="regionId"
          label={t("sessions:fields.region")}
          options={props.regions.map((r) => ({ value: r.id, label: r.name }))}
          placeholder={t("sessions:fields.noRegion")}
          value={v.regionId}
          errors={props.errors}
        />
        <TextField
          name="date"
          type="date"
          label={t("sessions:fields.date")}
          value={v.date}
          errors={props.errors}
          required
        />
        <TimeFields values={v} errors={props.errors} />
        <TextField
          name="place"
          label={t("sessions:fields.place")}
          value={v.place}
          errors={props.errors}
        />
        <TextField
          name="onlineUrl"
          type="url"
          label={t("sessions:fields.onlineUrl")}
          value={v.onlineUrl}
          errors={props.errors}
        />
        <fieldset class="utrecht-form-fieldset utrecht-form-fieldset--html-fieldset">
          <legend class="utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend">
            {t("sessions:fields.programme")}
          </legend>
          <p class="utrecht-form-field-description">{t("sessions:fields.programmeHint")}</p>
          {rows.map((item, n) => (
            <div key={n} class="koers-programme-row">
              <TextField
                name={`programme.${n}.start`}
                label={t("sessions:programme.start", { n: n + 1 })}
                value={v[`programme.${n}.start`] ?? item.start}
                errors={props.errors}
              />
              <TextField
                name={`programme.${n}.end`}
                label={t("sessions:programme.end", { n: n + 1 })}
                value={v[`programme.${n}.end`] ?? item.end}
                errors={props.errors}
              />
              <TextField
                name={`programme.${n}.title`}
                label={t("sessions:programme.title", { n: n + 1 })}
                value={v[`programme.${n}.title`] ?? item.title}
                errors={props.errors}
              />
              <TextField
                name={`programme.${n}.who`}
                label={t("sessions:programme.who", { n: n + 1 })}
                value={v[`programme.${n}.who`] ?? item.who}
                errors={props.errors}
              />
            </div>
          ))}
        </fieldset>
        <ChoiceField
          name="partnerOrganisationIds"
          type="checkbox"
          legend={t("sessions:fields.partners")}
          options={props.organisations.map((o) => ({ value: o.id, label: o.name }))}
          value={asList(v.partnerOrganisationIds)}
          errors={props.errors}
        />
        <CapacityField value={v.capacity} errors={props.errors} />
        <ChoiceField
          name="languages"
          type="checkbox"
          legend={t("sessions:fields.languages")}
          options={languages.map((l) => ({ value: l.code, label: l.name }))}
          value={asList(v.languages)}
          errors={props.errors}
        />
        <TextField
          name="interpreters"
          label={t("sessions:fields.interpreters")}
          hint={t("sessions:fields.interpretersHint")}
          value={v.interpreters}
          errors={props.errors}
        />
        <ChoiceField
          name="registrationOpen"
          type="checkbox"
          legend={t("sessions:fields.registration")}
          options={[{ value: "ja", label: t("sessions:fields.registrationOpen") }]}
          value={v.registrationOpen as string | undefined}
          errors={props.errors}
        />
        <Button>{t("sessions:form.save")}</Button>
      </Form>
    </>
  );
}

/** The organiser's overview of a session: facts, join code, deelsessies, links to the day's pages. */
export function SessionPage(props: {
  session: PresentedSession;
  organisations: Choice[];
  breakoutValues: Record<string, unknown>;
  breakoutErrors?: FieldErrors | undefined;
}) {
  const { t } = useView();
  const { session } = props;
  const v = props.breakoutValues;
  return (
    <>
      <Heading>{session.title}</Heading>
      <p class="utrecht-paragraph koers-actions">
        <ButtonLink variant="secondary" href={staffPath(session.id, "/bewerken")}>
          {t("sessions:session.edit")}
        </ButtonLink>{" "}
        <ButtonLink variant="secondary" href={staffPath(session.id, "/aanmeldingen")}>
          {t("sessions:session.registrations")}
        </ButtonLink>{" "}
        <ButtonLink variant="secondary" href={staffPath(session.id, "/inchecken")}>
          {t("sessions:session.checkIn")}
        </ButtonLink>{" "}
        <ButtonLink variant="subtle" href={publicPath(session.id)}>
          {t("sessions:session.publicPage")}
        </ButtonLink>{" "}
        <ButtonLink variant="subtle" href={publicPath(session.id, "/actie-agenda")}>
          {t("sessions:session.agenda")}
        </ButtonLink>
      </p>
      <Alert type="info">
        <p>
          {t("sessions:session.joinCode")} <strong class="koers-code">{session.joinCode}</strong>
        </p>
      </Alert>
      <SessionFacts session={session} />
      <p class="utrecht-paragraph">
        {t("sessions:session.counts", { taken: session.taken, waiting: session.waiting })}
      </p>
      <Programme session={session} />
      <h2 class="utrecht-heading-2" id="deelsessies">
        {t("sessions:breakouts.title")}
      </h2>
      {session.breakouts.length === 0 ? (
        <p class="utrecht-paragraph">{t("sessions:breakouts.none")}</p>
      ) : (
        <Table
          caption={t("sessions:breakouts.title")}
          head={[
            t("sessions:breakouts.topic"),
            t("sessions:breakouts.host"),
            t("sessions:breakouts.room"),
            t("sessions:breakouts.time"),
            t("sessions:breakouts.places"),
            t("sessions:breakouts.actions"),
          ]}
          rows={session.breakouts.map((b) => [
            b.title,
            b.hostOrganisationName ?? "—",
            b.room ?? "—",
            `${b.startsAt}–${b.endsAt}`,
            b.capacity === null ? String(b.taken) : `${b.taken} / ${b.capacity}`,
            <span key="acties" class="koers-actions">
              <a class="utrecht-link" href={breakoutPath(session.id, b.id, "/bewerken")}>
                {t("sessions:breakouts.edit")}
                <span class="koers-visually-hidden">: {b.title}</span>
              </a>{" "}
              <a class="utrecht-link" href={breakoutPath(session.id, b.id, "/verwijderen")}>
                {t("sessions:breakouts.remove")}
                <span class="koers-visually-hidden">: {b.title}</span>
              </a>
            </span>,
          ])}
        />
      )}
      <h3 class="utrecht-heading-3">{t("sessions:breakouts.add")}</h3>
      <ErrorSummary errors={props.breakoutErrors} />
      <Form action={staffPath(session.id, "/deelsessies")} aria-label={t("sessions:breakouts.add")}>
        <BreakoutFields
          values={v}
          errors={props.breakoutErrors}
          organisations={props.organisations}
        />
        <Button>{t("sessions:breakouts.submit")}</Button>
      </Form>
    </>
  );
}

function AttendanceTable({ attendance }: { attendance: Attendance[] }) {
  const { t } = useView();
  const total = attendance.reduce(
    (s, a) => ({
      registered: s.registered + a.registered,
      waiting: s.waiting + a.waiting,
      checkedIn: s.checkedIn + a.checkedIn,
    }),
    { registered: 0, waiting: 0, checkedIn: 0 },
  );
  return (
    <Table
      caption={t("sessions:attendance.caption")}
      head={[
        t("sessions:attendance.role"),
        t("sessions:attendance.registered"),
        t("sessions:attendance.waiting"),
        t("sessions:attendance.checkedIn"),
      ]}
      rows={[
        ...attendance.map((a) => [
          t(`sessions-public:roles.${a.role}`),
          String(a.registered),
          String(a.waiting),
          String(a.checkedIn),
        ]),
        [
          t("sessions:attendance.total"),
          String(total.registered),
          String(total.waiting),
          String(total.checkedIn),
        ],
      ]}
    />
  );
}

/** Registrations (personal data: the read is audited) and attendance per role. */
export function RegistrationsPage(props: {
  session: PresentedSession;
  registrations: PresentedRegistration[];
  attendance: Attendance[];
}) {
  const { t } = useView();
  const breakout = (id: string | null) =>
    props.session.breakouts.find((b) => b.id === id)?.title ?? "—";
  const needs = (r: PresentedRegistration) =>
    [
      r.needs.interpreter
        ? t("sessions:registrations.interpreter", { language: r.needs.interpreter })
        : "",
      r.needs.accessibility ?? "",
      r.needs.childcare ? t("sessions:registrations.childcare") : "",
    ]
      .filter(Boolean)
      .join("; ") || "—";
  return (
    <>
      <Heading>{t("sessions:registrations.title", { title: props.session.title })}</Heading>
      <p class="utrecht-paragraph">
        <a class="utrecht-link" href={staffPath(props.session.id)}>
          {t("sessions:backToSession")}
        </a>
      </p>
      <AttendanceTable attendance={props.attendance} />
      <Table
        caption={t("sessions:registrations.caption")}
        head={[
          t("sessions:registrations.name"),
          t("sessions:registrations.role"),
          t("sessions:registrations.status"),
          t("sessions:registrations.breakout"),
          t("sessions:registrations.needs"),
          t("sessions:registrations.code"),
        ]}
        rows={props.registrations.map((r) => [
          <span key="n">
            {r.name}
            {r.affiliation ? ` (${r.affiliation})` : ""}
            <br />
            {r.email}
          </span>,
          t(`sessions-public:roles.${r.role}`),
          r.checkedInAt ? t("sessions:registrations.checkedIn") : t(`sessions:status.${r.status}`),
          breakout(r.breakoutId),
          needs(r),
          r.checkInCode,
        ])}
      />
    </>
  );
}

/** Check-in on the day: type the code, or scan the QR (its link fills the code in). */
export function CheckInPage(props: {
  session: PresentedSession;
  code?: string | undefined;
  result?: { name: string; role: string; already: boolean; status: string } | "unknown" | undefined;
  errors?: FieldErrors | undefined;
  attendance: Attendance[];
}) {
  const { t } = useView();
  const r = props.result;
  return (
    <>
      <Heading>{t("sessions:checkIn.title", { title: props.session.title })}</Heading>
      <p class="utrecht-paragraph">
        <a class="utrecht-link" href={staffPath(props.session.id)}>
          {t("sessions:backToSession")}
        </a>
      </p>
      {r === "unknown" && (
        <Alert type="error">
          <p>{t("sessions:checkIn.unknown")}</p>
        </Alert>
      )}
      {r && r !== "unknown" && (
        <Alert type={r.status === "aangemeld" && !r.already ? "ok" : "warning"}>
          <p>
            {r.status !== "aangemeld"
              ? t("sessions:checkIn.notPlaced", {
                  name: r.name,
                  status: t(`sessions:status.${r.status}`),
                })
              : r.already
                ? t("sessions:checkIn.already", { name: r.name })
                : t("sessions:checkIn.done", {
                    name: r.name,
                    role: t(`sessions-public:roles.${r.role}`),
                  })}
          </p>
        </Alert>
      )}
      <ErrorSummary errors={props.errors} />
      <Form action={staffPath(props.session.id, "/inchecken")}>
        <TextField
          name="code"
          label={t("sessions:checkIn.code")}
          hint={t("sessions:checkIn.hint")}
          value={props.code}
          errors={props.errors}
          autocomplete="off"
          required
        />
        <Button>{t("sessions:checkIn.submit")}</Button>
      </Form>
      <AttendanceTable attendance={props.attendance} />
    </>
  );
}
