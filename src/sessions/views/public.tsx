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
  TextField,
} from "../../platform/views/components.tsx";
import { useView } from "../../platform/views/context.ts";
import type {
  AgendaAction,
  AgendaVraagstuk,
  OwnRegistration,
  PresentedSession,
} from "../queries.ts";
import { participantRoles } from "../schema.ts";
import { Programme, SessionFacts, useDay } from "./parts.tsx";

export const publicPath = (id: string, rest = "") => `/sessies/${id}${rest}`;

/** The public event page with the registration form. Shows no registrant, only counts. */
export function EventPage(props: {
  session: PresentedSession;
  values: Record<string, unknown>;
  errors?: FieldErrors | undefined;
}) {
  const { t, locale } = useView();
  const { session } = props;
  const full = session.capacity !== null && session.taken >= session.capacity;
  return (
    <>
      <Heading>{session.title}</Heading>
      {session.description && <p class="utrecht-paragraph">{session.description}</p>}
      <SessionFacts session={session} />
      <p class="utrecht-paragraph">
        <a class="utrecht-link" href={publicPath(session.id, "/agenda.ics")}>
          {t("sessions-public:event.calendar")}
        </a>
      </p>
      <Programme session={session} />
      {session.breakouts.length > 0 && (
        <section aria-labelledby="deelsessies">
          <h2 class="utrecht-heading-2" id="deelsessies">
            {t("sessions-public:event.breakouts")}
          </h2>
          <ul class="utrecht-unordered-list">
            {session.breakouts.map((b) => (
              <li key={b.id}>
                <strong>{b.title}</strong>
                {` — ${b.startsAt}–${b.endsAt}`}
                {b.hostOrganisationName &&
                  `, ${t("sessions-public:event.hostedBy", { name: b.hostOrganisationName })}`}
                {b.room && `, ${b.room}`}
                {b.description && <p class="utrecht-paragraph">{b.description}</p>}
              </li>
            ))}
          </ul>
        </section>
      )}
      <section aria-labelledby="aanmelden">
        <h2 class="utrecht-heading-2" id="aanmelden">
          {t("sessions-public:register.title")}
        </h2>
        {!session.registrationOpen ? (
          <Alert type="info">
            <p>{t("sessions-public:register.closed")}</p>
          </Alert>
        ) : (
          <>
            {full && (
              <Alert type="warning">
                <p>{t("sessions-public:register.full")}</p>
              </Alert>
            )}
            <ErrorSummary errors={props.errors} />
            <p class="utrecht-paragraph">{t("sessions-public:register.privacy")}</p>
            <Form action={publicPath(session.id, "/aanmelden")}>
              <TextField
                name="name"
                label={t("sessions-public:register.name")}
                value={props.values.name}
                errors={props.errors}
                autocomplete="name"
                required
              />
              <TextField
                name="email"
                type="email"
                label={t("sessions-public:register.email")}
                value={props.values.email}
                errors={props.errors}
                autocomplete="email"
                required
              />
              <TextField
                name="affiliation"
                label={t("sessions-public:register.affiliation")}
                value={props.values.affiliation}
                errors={props.errors}
                autocomplete="organization"
              />
              <ChoiceField
                name="role"
                type="radio"
                legend={t("sessions-public:register.role")}
                options={participantRoles.map((r) => ({
                  value: r,
                  label: t(`sessions-public:roles.${r}`),
                }))}
                value={props.values.role as string | undefined}
                errors={props.errors}
                required
              />
              <SelectField
                name="locale"
                label={t("sessions-public:register.language")}
                options={languages.map((l) => ({ value: l.code, label: l.name }))}
                value={props.values.locale ?? locale}
                errors={props.errors}
              />
              {session.breakouts.length > 0 && (
                <ChoiceField
                  name="breakoutId"
                  type="radio"
                  legend={t("sessions-public:register.breakout")}
                  options={[
                    { value: "", label: t("sessions-public:register.noBreakout") },
                    ...session.breakouts.map((b) => ({
                      value: b.id,
                      label: `${b.title} (${b.startsAt}–${b.endsAt})`,
                      ...(b.capacity !== null && b.taken >= b.capacity
                        ? { hint: t("sessions-public:register.breakoutFull") }
                        : {}),
                    })),
                  ]}
                  value={(props.values.breakoutId as string | undefined) ?? ""}
                  errors={props.errors}
                />
              )}
              <fieldset class="utrecht-form-fieldset utrecht-form-fieldset--html-fieldset">
                <legend class="utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend">
                  {t("sessions-public:register.needs")}
                </legend>
                <TextField
                  name="interpreter"
                  label={t("sessions-public:register.interpreter")}
                  hint={t("sessions-public:register.interpreterHint")}
                  value={props.values.interpreter}
                  errors={props.errors}
                />
                <TextField
                  name="accessibility"
                  label={t("sessions-public:register.accessibility")}
                  value={props.values.accessibility}
                  errors={props.errors}
                />
                <ChoiceField
                  name="childcare"
                  type="checkbox"
                  legend={t("sessions-public:register.childcareLegend")}
                  options={[{ value: "ja", label: t("sessions-public:register.childcare") }]}
                  value={props.values.childcare as string | undefined}
                  errors={props.errors}
                />
              </fieldset>
              <Button>{t("sessions-public:register.submit")}</Button>
            </Form>
          </>
        )}
      </section>
      <p class="utrecht-paragraph">
        <a class="utrecht-link" href={publicPath(session.id, "/actie-agenda")}>
          {t("sessions-public:agenda.title")}
        </a>
      </p>
    </>
  );
}

/**
 * The registrant's own page, reached through the secret link in their mails: status, check-in
 * code and QR, calendar file, and cancelling.
 */
export function OwnRegistrationPage(props: {
  session: PresentedSession;
  registration: OwnRegistration;
  token: string;
  qrSvg: string;
}) {
  const { t } = useView();
  const day = useDay();
  const { session, registration } = props;
  const breakout = session.breakouts.find((b) => b.id === registration.breakoutId);
  return (
    <>
      <Heading>{t("sessions-public:own.title", { title: session.title })}</Heading>
      <Alert type={registration.status === "aangemeld" ? "ok" : "info"}>
        <p>{t(`sessions-public:own.status.${registration.status}`, { name: registration.name })}</p>
      </Alert>
      <p class="utrecht-paragraph">
        {t("sessions-public:facts.whenValue", {
          date: day(session.date),
          start: session.startsAt,
          end: session.endsAt,
        })}
        {session.place ? ` — ${session.place}` : ""}
      </p>
      {breakout && (
        <p class="utrecht-paragraph">
          {t("sessions-public:own.breakout", { title: breakout.title })}
        </p>
      )}
      {registration.status === "aangemeld" && (
        <section aria-labelledby="inchecken">
          <h2 class="utrecht-heading-2" id="inchecken">
            {t("sessions-public:own.checkIn")}
          </h2>
          <p class="utrecht-paragraph">
            {t("sessions-public:own.checkInCode")}{" "}
            <strong class="koers-code">{registration.checkInCode}</strong>
          </p>
          <div
            class="koers-qr"
            role="img"
            aria-label={t("sessions-public:own.qr", { code: registration.checkInCode })}
            // The SVG is made by the qrcode library from our own URL: no user input reaches it unescaped.
            dangerouslySetInnerHTML={{ __html: props.qrSvg }}
          />
        </section>
      )}
      <p class="utrecht-paragraph">
        <a class="utrecht-link" href={publicPath(session.id, "/agenda.ics")}>
          {t("sessions-public:event.calendar")}
        </a>
        {" · "}
        <a class="utrecht-link" href={publicPath(session.id)}>
          {t("sessions-public:own.event")}
        </a>
      </p>
      {registration.status !== "geannuleerd" && (
        <section aria-labelledby="annuleren">
          <h2 class="utrecht-heading-2" id="annuleren">
            {t("sessions-public:own.cancelTitle")}
          </h2>
          <p class="utrecht-paragraph">{t("sessions-public:own.cancelBody")}</p>
          <Form action={publicPath(session.id, `/aanmelding/${props.token}/annuleren`)}>
            <Button variant="secondary" hint="danger">
              {t("sessions-public:own.cancel")}
            </Button>
          </Form>
        </section>
      )}
    </>
  );
}

const dash = (v: string | null | undefined) => (v && v.length > 0 ? v : "—");

function ActionItem({
  action,
  vraagstuk,
  level,
}: {
  action: AgendaAction;
  vraagstuk?: AgendaVraagstuk;
  level: 3 | 4;
}) {
  const Title = level === 3 ? "h3" : "h4";
  const { t } = useView();
  const day = useDay();
  return (
    <li id={`actie-${action.id}`} class="koers-agenda-action">
      <Title class={`utrecht-heading-${level}`}>{action.what}</Title>
      <dl class="utrecht-data-list utrecht-data-list--rows">
        <div class="utrecht-data-list__item">
          <dt class="utrecht-data-list__item-key">{t("sessions-public:agenda.owner")}</dt>
          <dd class="utrecht-data-list__item-value">
            {action.ownerOrganisationName
              ? `${action.ownerName} (${action.ownerOrganisationName})`
              : action.ownerName}
          </dd>
        </div>
        <div class="utrecht-data-list__item">
          <dt class="utrecht-data-list__item-key">{t("sessions-public:agenda.coOwners")}</dt>
          <dd class="utrecht-data-list__item-value">
            {dash(action.coOwnerOrganisations.join(", "))}
          </dd>
        </div>
        <div class="utrecht-data-list__item">
          <dt class="utrecht-data-list__item-key">{t("sessions-public:agenda.stakeholders")}</dt>
          <dd class="utrecht-data-list__item-value">{dash(action.stakeholders)}</dd>
        </div>
        <div class="utrecht-data-list__item">
          <dt class="utrecht-data-list__item-key">{t("sessions-public:agenda.firstStep")}</dt>
          <dd class="utrecht-data-list__item-value">{dash(action.firstStep)}</dd>
        </div>
        <div class="utrecht-data-list__item">
          <dt class="utrecht-data-list__item-key">{t("sessions-public:agenda.due")}</dt>
          <dd class="utrecht-data-list__item-value">{action.dueOn ? day(action.dueOn) : "—"}</dd>
        </div>
      </dl>
      {vraagstuk && (
        <p class="utrecht-paragraph">
          <a class="utrecht-link" href={`#vraagstuk-${vraagstuk.id}`}>
            {t("sessions-public:agenda.fromVraagstuk", { title: vraagstuk.title })}
          </a>
        </p>
      )}
    </li>
  );
}

/**
 * The actie-agenda: each vraagstuk with the notes it grew from and the actions it led to. The
 * trace runs both ways by anchors: note → vraagstuk → action, and action → vraagstuk → notes.
 */
export function ActionAgendaPage(props: {
  session: PresentedSession;
  vraagstukken: AgendaVraagstuk[];
  loose: AgendaAction[];
  pdfAvailable: boolean;
  /** Rendered as a document (the PDF): no links to exports, every list of notes open. */
  forDocument?: boolean;
}) {
  const { t } = useView();
  const { session } = props;
  const total = props.loose.length + props.vraagstukken.reduce((n, v) => n + v.actions.length, 0);
  return (
    <>
      <Heading>{t("sessions-public:agenda.heading", { title: session.title })}</Heading>
      <p class="utrecht-paragraph">
        {t("sessions-public:agenda.summary", {
          vraagstukken: props.vraagstukken.length,
          actions: total,
        })}
      </p>
      {!props.forDocument && (
        <p class="utrecht-paragraph koers-actions">
          <ButtonLink variant="secondary" href={publicPath(session.id, "/actie-agenda.csv")}>
            {t("sessions-public:agenda.csv")}
          </ButtonLink>{" "}
          {props.pdfAvailable && (
            <ButtonLink variant="secondary" href={publicPath(session.id, "/actie-agenda.pdf")}>
              {t("sessions-public:agenda.pdf")}
            </ButtonLink>
          )}
        </p>
      )}
      {props.vraagstukken.length === 0 && props.loose.length === 0 && (
        <p class="utrecht-paragraph">{t("sessions-public:agenda.empty")}</p>
      )}
      {props.vraagstukken.map((v, i) => (
        <section key={v.id} id={`vraagstuk-${v.id}`} aria-labelledby={`vraagstuk-${v.id}-titel`}>
          <h2 class="utrecht-heading-2" id={`vraagstuk-${v.id}-titel`}>
            {t("sessions-public:agenda.vraagstuk", { n: i + 1, title: v.title })}
          </h2>
          {v.description && <p class="utrecht-paragraph">{v.description}</p>}
          {v.breakoutTitle && (
            <p class="utrecht-paragraph">
              {t("sessions-public:agenda.workedOutIn", { title: v.breakoutTitle })}
            </p>
          )}
          <h3 class="utrecht-heading-3">{t("sessions-public:agenda.actions")}</h3>
          {v.actions.length === 0 ? (
            <p class="utrecht-paragraph">{t("sessions-public:agenda.noActions")}</p>
          ) : (
            <ul class="utrecht-unordered-list koers-agenda-actions">
              {v.actions.map((a) => (
                <ActionItem key={a.id} action={a} vraagstuk={v} level={4} />
              ))}
            </ul>
          )}
          {v.notes.length > 0 && (
            <details class="koers-agenda-notes" open={props.forDocument}>
              <summary>{t("sessions-public:agenda.notes", { n: v.notes.length })}</summary>
              <ul class="utrecht-unordered-list">
                {v.notes.map((n) => (
                  <li key={n.id} id={`notitie-${n.id}`}>
                    <span class="koers-note-category">
                      {t(`sessions-public:categories.${n.category}`)}
                    </span>
                    {": "}
                    <span lang={n.locale}>{n.text}</span>
                    {n.dutchText && n.locale !== "nl" && (
                      <span lang="nl">
                        {" "}
                        ({t("sessions-public:agenda.dutchVersion")}: {n.dutchText})
                      </span>
                    )}
                    {" — "}
                    {n.authorName
                      ? `${n.authorName}, ${t(`sessions-public:roles.${n.role}`)}`
                      : t(`sessions-public:roles.${n.role}`)}{" "}
                    <a class="utrecht-link" href={`#vraagstuk-${v.id}`}>
                      {t("sessions-public:agenda.toVraagstuk")}
                    </a>
                  </li>
                ))}
              </ul>
            </details>
          )}
        </section>
      ))}
      {props.loose.length > 0 && (
        <section aria-labelledby="overige-acties">
          <h2 class="utrecht-heading-2" id="overige-acties">
            {t("sessions-public:agenda.otherActions")}
          </h2>
          <ul class="utrecht-unordered-list koers-agenda-actions">
            {props.loose.map((a) => (
              <ActionItem key={a.id} action={a} level={3} />
            ))}
          </ul>
        </section>
      )}
      <p class="utrecht-paragraph">
        <a class="utrecht-link" href={publicPath(session.id)}>
          {t("sessions-public:own.event")}
        </a>
      </p>
    </>
  );
}
