import type { ComponentChildren } from "preact";
import type { FieldErrors } from "../../platform/http/forms.ts";
import { languages } from "../../platform/i18n/languages.ts";
import { TextField } from "../../platform/views/components.tsx";
import { useView } from "../../platform/views/context.ts";
import type { PresentedSession } from "../queries.ts";

/** Start and end time (HH:MM) of a maaksessie or a deelsessie. */
export function TimeFields(props: {
  values: Record<string, unknown>;
  errors?: FieldErrors | undefined;
}) {
  const { t } = useView();
  return (
    <>
      {(["startsAt", "endsAt"] as const).map((name) => (
        <TextField
          key={name}
          name={name}
          label={t(`sessions:fields.${name}`)}
          hint={t("sessions:fields.timeHint")}
          value={props.values[name]}
          errors={props.errors}
          required
        />
      ))}
    </>
  );
}

/** The number of places of a maaksessie or a deelsessie (empty: no limit). */
export function CapacityField(props: { value: unknown; errors?: FieldErrors | undefined }) {
  const { t } = useView();
  return (
    <TextField
      name="capacity"
      type="number"
      inputmode="numeric"
      label={t("sessions:fields.capacity")}
      hint={t("sessions:fields.capacityHint")}
      value={props.value}
      errors={props.errors}
    />
  );
}

/** A row of a data list (Utrecht data-list). */
export function Row(props: { label: string; children: ComponentChildren }) {
  return (
    <div class="utrecht-data-list__item">
      <dt class="utrecht-data-list__item-key">{props.label}</dt>
      <dd class="utrecht-data-list__item-value utrecht-data-list__item-value--html-dd">
        {props.children}
      </dd>
    </div>
  );
}

export function DataList(props: { children: ComponentChildren }) {
  return <dl class="utrecht-data-list utrecht-data-list--rows">{props.children}</dl>;
}

/** A calendar day written out in the page's language. */
export function useDay(): (day: string) => string {
  const { locale } = useView();
  return (day) =>
    new Intl.DateTimeFormat(locale, { dateStyle: "full", timeZone: "UTC" }).format(
      new Date(`${day}T00:00:00Z`),
    );
}

/** The session's facts everyone may see: when, where, themes, organisers, languages. */
export function SessionFacts({ session }: { session: PresentedSession }) {
  const { t } = useView();
  const day = useDay();
  // Each language by its own name (endonym), as the language switcher shows it.
  const languageName = (code: string) => languages.find((l) => l.code === code)?.name ?? code;
  return (
    <DataList>
      <Row label={t("sessions-public:facts.when")}>
        {t("sessions-public:facts.whenValue", {
          date: day(session.date),
          start: session.startsAt,
          end: session.endsAt,
        })}
      </Row>
      {session.place && <Row label={t("sessions-public:facts.place")}>{session.place}</Row>}
      {session.onlineUrl && (
        <Row label={t("sessions-public:facts.online")}>
          <a class="utrecht-link" href={session.onlineUrl} rel="noopener noreferrer">
            {session.onlineUrl}
          </a>
        </Row>
      )}
      {session.themes.length > 0 && (
        <Row label={t("sessions-public:facts.themes")}>
          {session.themes.map((th) => th.name).join(", ")}
        </Row>
      )}
      {session.regionName && (
        <Row label={t("sessions-public:facts.region")}>{session.regionName}</Row>
      )}
      <Row label={t("sessions-public:facts.organiser")}>
        {[session.organisationName, ...session.partnerOrganisationNames].join(", ")}
      </Row>
      <Row label={t("sessions-public:facts.languages")}>
        {session.languages.map(languageName).join(", ")}
      </Row>
      {session.interpreters && (
        <Row label={t("sessions-public:facts.interpreters")}>{session.interpreters}</Row>
      )}
      {session.capacity !== null && (
        <Row label={t("sessions-public:facts.places")}>
          {t("sessions-public:facts.placesValue", {
            free: Math.max(0, session.capacity - session.taken),
            capacity: session.capacity,
          })}
        </Row>
      )}
    </DataList>
  );
}

/** The programme as a table: time, what, who. */
export function Programme({ session }: { session: PresentedSession }) {
  const { t } = useView();
  if (session.programme.length === 0) return null;
  return (
    <div class="koers-table-scroll">
      <table class="utrecht-table utrecht-table--html-table">
        <caption class="utrecht-table__caption">{t("sessions-public:programme.caption")}</caption>
        <thead class="utrecht-table__header">
          <tr class="utrecht-table__row">
            <th class="utrecht-table__header-cell" scope="col">
              {t("sessions-public:programme.time")}
            </th>
            <th class="utrecht-table__header-cell" scope="col">
              {t("sessions-public:programme.what")}
            </th>
            <th class="utrecht-table__header-cell" scope="col">
              {t("sessions-public:programme.who")}
            </th>
          </tr>
        </thead>
        <tbody class="utrecht-table__body">
          {session.programme.map((item, i) => (
            <tr key={i} class="utrecht-table__row">
              <td class="utrecht-table__cell">
                {item.end ? `${item.start}–${item.end}` : item.start}
              </td>
              <td class="utrecht-table__cell">{item.title}</td>
              <td class="utrecht-table__cell">{item.who ?? ""}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
