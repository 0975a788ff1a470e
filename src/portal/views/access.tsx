import type { TFunction } from "i18next";
import { formatDay } from "../../platform/dates.ts";
import type { FieldErrors } from "../../platform/http/forms.ts";
import { directionOf, isLocale, languages } from "../../platform/i18n/index.ts";
import {
  Alert,
  Button,
  ButtonLink,
  ErrorSummary,
  Form,
  Heading,
  TextField,
} from "../../platform/views/components.tsx";
import { useView } from "../../platform/views/context.ts";
import type { Appointment, InviteNewcomer, NewcomerAccess } from "../queries.ts";
import { DigidOffer } from "./digid.tsx";
import { Day, type Reading } from "./plan.tsx";

/** The first screen: choose a language, each named in its own script. */
export function LanguageChoicePage(props: { code?: string | undefined }) {
  const { t } = useView();
  const next = `/welkom/code${props.code ? `?code=${encodeURIComponent(props.code)}` : ""}`;
  return (
    <>
      <Heading>{t("portal:welcome.chooseLanguage")}</Heading>
      <ul class="koers-language-choice">
        {languages.map((l) => (
          <li key={l.code}>
            <a
              class="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--secondary-action"
              href={`/taal/${l.code}?terug=${encodeURIComponent(next)}`}
              hreflang={l.code}
              lang={l.code}
              dir={l.dir}
            >
              {l.name}
            </a>
          </li>
        ))}
        <li>
          <a
            class="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--secondary-action"
            href={`/mijn-plan/eenvoudig?aan=1&terug=${encodeURIComponent(next)}`}
            hreflang="nl"
            lang="nl"
          >
            Eenvoudig Nederlands
          </a>
        </li>
      </ul>
    </>
  );
}

/** The second screen: the code from the letter, an e-mail address to sign in with, a password. */
export function WelcomeCodePage(props: {
  r: Reading;
  values?: Record<string, unknown>;
  errors?: FieldErrors | undefined;
  /** Offer DigiD: with the code when it is known (and its municipality has DigiD). */
  digid?: { code?: string | undefined } | undefined;
}) {
  const { r } = props;
  const v = props.values ?? {};
  return (
    <>
      <Heading>{r.p("welcome.title")}</Heading>
      <p>{r.p("welcome.intro")}</p>
      <ErrorSummary errors={props.errors} />
      <Form action="/welkom/code">
        <TextField
          name="code"
          label={r.p("welcome.code")}
          hint={r.p("welcome.codeHint")}
          value={v.code}
          errors={props.errors}
          autocomplete="one-time-code"
          dir="ltr"
          required
        />
        <TextField
          name="email"
          type="email"
          label={r.p("welcome.email")}
          hint={r.p("welcome.emailHint")}
          value={v.email}
          errors={props.errors}
          autocomplete="email"
          dir="ltr"
          required
        />
        <TextField
          name="password"
          type="password"
          label={r.p("welcome.password")}
          hint={r.p("welcome.passwordHint")}
          errors={props.errors}
          autocomplete="new-password"
          dir="ltr"
          required
        />
        <TextField
          name="confirm"
          type="password"
          label={r.p("welcome.confirm")}
          errors={props.errors}
          autocomplete="new-password"
          dir="ltr"
          required
        />
        <Button>{r.p("welcome.submit")}</Button>
      </Form>
      {props.digid && <DigidOffer code={props.digid.code} />}
      <h2 class="utrecht-heading-2">{r.p("help.title")}</h2>
      <p>{r.p("help.text")}</p>
    </>
  );
}

/** After the first sign-in: a second factor is offered, never forced on a newcomer. */
export function SecondFactorOffer(props: { r: Reading }) {
  return (
    <Alert type="info">
      <p>{props.r.p("welcome.secondFactorOffer")}</p>
      <p>
        <a class="utrecht-link" href="/account/tweestaps">
          {props.r.p("welcome.secondFactorLink")}
        </a>
      </p>
    </Alert>
  );
}

/** The consultant's page: invite the newcomer by letter or by e-mail. */
export function InvitePage(props: {
  newcomer: InviteNewcomer;
  values?: Record<string, unknown>;
  errors?: FieldErrors | undefined;
}) {
  const { t } = useView();
  const n = props.newcomer;
  return (
    <>
      <Heading>{t("portal-invite:title", { name: `${n.givenNames} ${n.familyName}` })}</Heading>
      <ErrorSummary errors={props.errors} />
      <p>{t(n.accountId ? "portal-invite:again" : "portal-invite:intro")}</p>
      <Form action={`/nieuwkomers/${n.id}/uitnodigen`}>
        <TextField
          name="email"
          type="email"
          label={t("portal-invite:email")}
          hint={t("portal-invite:emailHint")}
          value={props.values?.email ?? n.email ?? ""}
          errors={props.errors}
        />
        <Button name="by" value="letter">
          {t("portal-invite:letter")}
        </Button>{" "}
        <Button name="by" value="mail" variant="secondary">
          {t("portal-invite:mail")}
        </Button>
      </Form>
      {n.access && <AccessSummary newcomer={n} access={n.access} />}
      <p>
        <a class="utrecht-link" href={`/nieuwkomers/${n.id}`}>
          {t("portal-invite:back")}
        </a>
      </p>
    </>
  );
}

/** How the newcomer gets in (status, password, passkeys, DigiD), and unlinking a DigiD. */
function AccessSummary(props: { newcomer: InviteNewcomer; access: NewcomerAccess }) {
  const { t, locale } = useView();
  const { newcomer: n, access } = props;
  return (
    <section aria-labelledby="toegang-titel">
      <h2 class="utrecht-heading-2" id="toegang-titel">
        {t("portal-invite:accessTitle", { name: n.givenNames })}
      </h2>
      <ul class="utrecht-unordered-list">
        <li>{t(`portal-invite:accessStatus_${access.status}`, { name: n.givenNames })}</li>
        <li>
          {t(access.password ? "portal-invite:accessPassword" : "portal-invite:accessNoPassword")}
        </li>
        <li>{t("portal-invite:accessPasskeys", { count: access.passkeys })}</li>
        {access.digid.length === 0 ? (
          <li>{t("portal-invite:accessNoDigid")}</li>
        ) : (
          access.digid.map((link) => (
            <li key={`${link.provider}-${link.since.getTime()}`}>
              {t("portal-invite:accessDigid", {
                provider: link.provider,
                since: formatDay(locale, link.since),
              })}
            </li>
          ))
        )}
      </ul>
      {access.digid.length > 0 && (
        <Form action={`/nieuwkomers/${n.id}/digid/ontkoppelen`}>
          <p>{t("portal-invite:unlinkDigidHint")}</p>
          <Button variant="secondary">{t("portal-invite:unlinkDigid")}</Button>
        </Form>
      )}
    </section>
  );
}

/** One half of the letter, in one language. */
function LetterText(props: {
  t: TFunction;
  lang: string;
  name: string;
  municipality: string;
  code: string;
  link: string;
  expiresOn: string;
}) {
  const dir = isLocale(props.lang) ? directionOf(props.lang) : "ltr";
  return (
    <section class="koers-letter__half" lang={props.lang} dir={dir}>
      <p>{props.t("portal:letter.greeting", { name: props.name })}</p>
      <p>{props.t("portal:letter.body", { municipality: props.municipality })}</p>
      <ol class="utrecht-ordered-list">
        <li>
          {props.t("portal:letter.step1")} <bdi dir="ltr">{props.link}</bdi>
        </li>
        <li>{props.t("portal:letter.step2")}</li>
        <li>
          {props.t("portal:letter.step3")} <bdi dir="ltr">{props.code}</bdi>
        </li>
      </ol>
      <p>
        {props.t("portal:letter.validUntil")} <bdi dir="ltr">{props.expiresOn}</bdi>
      </p>
    </section>
  );
}

/** The printable letter: Dutch and the newcomer's language, the code and a QR code to /welkom. */
export function LetterPage(props: {
  newcomer: InviteNewcomer;
  municipality: string;
  code: string;
  link: string;
  qrSvg: string;
  expiresOn: string;
  nl: TFunction;
  own: TFunction;
}) {
  const { t } = useView();
  const n = props.newcomer;
  const common = {
    name: n.givenNames,
    municipality: props.municipality,
    code: props.code,
    link: props.link,
    expiresOn: props.expiresOn,
  };
  return (
    <>
      <Heading>{t("portal-invite:letterTitle")}</Heading>
      <p class="koers-no-print">{t("portal-invite:letterPrint")}</p>
      <div class="koers-letter">
        <LetterText t={props.nl} lang="nl" {...common} />
        {n.preferredLanguage !== "nl" && (
          <LetterText t={props.own} lang={n.preferredLanguage} {...common} />
        )}
        <div
          class="koers-letter__qr"
          role="img"
          aria-label={t("portal-invite:qr")}
          // The SVG comes from the qrcode library from our own URL: no user input inside.
          dangerouslySetInnerHTML={{ __html: props.qrSvg }}
        />
        <p class="koers-letter__code">
          <bdi dir="ltr">{props.code}</bdi>
        </p>
      </div>
      <p class="koers-no-print">
        <ButtonLink href={`/nieuwkomers/${n.id}`} variant="secondary">
          {t("portal-invite:back")}
        </ButtonLink>
      </p>
    </>
  );
}

/** Upcoming appointments, with the calendar file. */
export function AppointmentsPage(props: { r: Reading; appointments: Appointment[] }) {
  const { r } = props;
  return (
    <>
      <Heading>{r.p("appointments.title")}</Heading>
      {props.appointments.length === 0 ? (
        <p>{r.p("appointments.none")}</p>
      ) : (
        <ul class="utrecht-unordered-list">
          {props.appointments.map((a) => (
            <li key={a.id}>
              <Day date={a.date} />: {r.p(`appointments.kind.${a.kind}`)}
            </li>
          ))}
        </ul>
      )}
      <p>
        <a class="utrecht-link" href="/mijn-plan/afspraken.ics" download="koers-afspraken.ics">
          {r.p("appointments.calendar")}
        </a>
      </p>
      <p>{r.p("appointments.calendarHint")}</p>
      <p>
        <a class="utrecht-link" href="/mijn-plan">
          {r.p("nav.plan")}
        </a>
      </p>
    </>
  );
}
