import type { FieldErrors } from "../../platform/http/forms.ts";
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
import type { ProviderChoice } from "../oidc.ts";

export function SignInPage(props: {
  errors?: FieldErrors;
  values?: Record<string, unknown>;
  returnTo?: string;
  providers: { id: string; name: string }[];
  /** Municipalities whose newcomers can sign in with DigiD (decision 0017). */
  digidProviders?: ProviderChoice[];
}) {
  const { t } = useView();
  return (
    <>
      <Heading>{t("signin:title")}</Heading>
      <ErrorSummary errors={props.errors} />
      <Form action="/inloggen" aria-label={t("signin:title")}>
        {props.returnTo && <input type="hidden" name="terug" value={props.returnTo} />}
        <TextField
          name="email"
          type="email"
          label={t("signin:email")}
          autocomplete="username"
          value={props.values?.email}
          errors={props.errors}
          required
          dir="ltr"
        />
        <TextField
          name="password"
          type="password"
          label={t("signin:password")}
          autocomplete="current-password"
          errors={props.errors}
          required
        />
        <Button>{t("signin:submit")}</Button>
      </Form>
      <p>
        <a class="utrecht-link" href="/wachtwoord-vergeten">
          {t("signin:forgotPassword")}
        </a>
      </p>
      {props.digidProviders && props.digidProviders.length > 0 && (
        <DigidSignIn providers={props.digidProviders} returnTo={props.returnTo} />
      )}
      <PasskeySignIn returnTo={props.returnTo} />
      {props.providers.length > 0 && (
        <section aria-labelledby="oidc-heading">
          <Heading level={2}>
            <span id="oidc-heading">{t("signin:withProvider")}</span>
          </Heading>
          <ul class="utrecht-unordered-list">
            {props.providers.map((p) => (
              <li key={p.id}>
                <a class="utrecht-link" href={`/inloggen/oidc/${p.id}`}>
                  {p.name}
                </a>
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}

/**
 * "Sign in with DigiD" for newcomers: one button when one municipality has DigiD, else one link
 * per municipality (the newcomer chooses theirs). Links, not a form: the answer redirects to the
 * broker, which the CSP's form-action 'self' would stop. The route is /inloggen/digid
 * (src/portal/digid-routes.tsx).
 */
function DigidSignIn(props: { providers: ProviderChoice[]; returnTo?: string | undefined }) {
  const { t } = useView();
  const href = (p: ProviderChoice) =>
    `/inloggen/digid?provider=${p.id}${props.returnTo ? `&terug=${encodeURIComponent(props.returnTo)}` : ""}`;
  const [only] = props.providers;
  return (
    <section aria-labelledby="digid-heading">
      <Heading level={2}>
        <span id="digid-heading">{t("digid:signIn.title")}</span>
      </Heading>
      <p>{t("digid:signIn.intro")}</p>
      {props.providers.length === 1 && only ? (
        <>
          <p>{t("digid:signIn.onlyMunicipality", { municipality: only.organisationName })}</p>
          <p>
            <ButtonLink href={href(only)} variant="secondary">
              {t("digid:signIn.button")}
            </ButtonLink>
          </p>
        </>
      ) : (
        <>
          <p>{t("digid:signIn.chooseMunicipality")}</p>
          <ul class="utrecht-unordered-list">
            {props.providers.map((p) => (
              <li key={p.id}>
                <a class="utrecht-link" href={href(p)}>
                  {t("digid:signIn.withMunicipality", { municipality: p.organisationName })}
                </a>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

/**
 * "Sign in with a passkey": hidden until assets/passkeys.js finds WebAuthn in the browser
 * (progressive enhancement; the routes are in src/portal/passkey-routes.tsx).
 */
function PasskeySignIn(props: { returnTo?: string | undefined }) {
  const { t, nonce } = useView();
  return (
    <div data-module="passkey-signin" hidden>
      <Heading level={2}>{t("passkeys:signIn")}</Heading>
      <Form action="/inloggen/passkey" aria-label={t("passkeys:signIn")}>
        {props.returnTo && <input type="hidden" name="terug" value={props.returnTo} />}
        <input type="hidden" name="credential" value="" />
        <Button variant="secondary">{t("passkeys:useButton")}</Button>
      </Form>
      <p role="status" data-passkey-status data-failed={t("passkeys:browserFailed")} />
      <script src="/assets/passkeys.js" nonce={nonce} defer />
    </div>
  );
}

export function SecondFactorPage(props: { errors?: FieldErrors }) {
  const { t } = useView();
  return (
    <>
      <Heading>{t("signin:codeTitle")}</Heading>
      <ErrorSummary errors={props.errors} />
      <p>{t("signin:codeIntro")}</p>
      <Form action="/inloggen/code" aria-label={t("signin:codeTitle")}>
        <TextField
          name="code"
          label={t("signin:code")}
          hint={t("signin:codeHint")}
          autocomplete="one-time-code"
          inputmode="numeric"
          errors={props.errors}
          required
          dir="ltr"
        />
        <Button>{t("signin:verify")}</Button>
      </Form>
    </>
  );
}

export function EnrolPage(props: { qrSvg: string; secret: string; errors?: FieldErrors }) {
  const { t } = useView();
  return (
    <>
      <Heading>{t("signin:enrolTitle")}</Heading>
      <ErrorSummary errors={props.errors} />
      <p>{t("signin:enrolIntro")}</p>
      <ol class="utrecht-ordered-list">
        <li>{t("signin:enrolStep1")}</li>
        <li>
          {t("signin:enrolStep2")}
          <div
            class="koers-qr"
            role="img"
            aria-label={t("signin:qrLabel")}
            dangerouslySetInnerHTML={{ __html: props.qrSvg }}
          />
          <p>
            {t("signin:enrolManual")}{" "}
            <code class="koers-secret" dir="ltr">
              {props.secret}
            </code>
          </p>
        </li>
        <li>{t("signin:enrolStep3")}</li>
      </ol>
      <Form action="/account/tweestaps" aria-label={t("signin:enrolTitle")}>
        <TextField
          name="code"
          label={t("signin:code")}
          autocomplete="one-time-code"
          inputmode="numeric"
          errors={props.errors}
          required
          dir="ltr"
        />
        <Button>{t("signin:enrolConfirm")}</Button>
      </Form>
    </>
  );
}

export function RecoveryCodesPage(props: { codes: string[]; next: string }) {
  const { t } = useView();
  return (
    <>
      <Heading>{t("signin:recoveryTitle")}</Heading>
      <Alert type="warning">
        <p>{t("signin:recoveryIntro")}</p>
      </Alert>
      <ul class="koers-recovery-codes" dir="ltr">
        {props.codes.map((c) => (
          <li key={c}>
            <code>{c}</code>
          </li>
        ))}
      </ul>
      <p>
        <a class="utrecht-button-link utrecht-button-link--primary-action" href={props.next}>
          {t("signin:recoveryDone")}
        </a>
      </p>
    </>
  );
}

export function SetPasswordPage(props: {
  action: string;
  title: string;
  intro?: string;
  email?: string;
  errors?: FieldErrors;
}) {
  const { t } = useView();
  return (
    <>
      <Heading>{props.title}</Heading>
      <ErrorSummary errors={props.errors} />
      {props.intro && <p>{props.intro}</p>}
      <Form action={props.action} aria-label={props.title}>
        {props.email && (
          <input
            type="text"
            name="username"
            value={props.email}
            autocomplete="username"
            hidden
            readOnly
          />
        )}
        <TextField
          name="password"
          type="password"
          label={t("signin:newPassword")}
          hint={t("signin:passwordHint")}
          autocomplete="new-password"
          errors={props.errors}
          required
        />
        <TextField
          name="confirm"
          type="password"
          label={t("signin:confirmPassword")}
          autocomplete="new-password"
          errors={props.errors}
          required
        />
        <Button>{t("signin:savePassword")}</Button>
      </Form>
    </>
  );
}

export function ForgotPasswordPage(props: {
  errors?: FieldErrors;
  values?: Record<string, unknown>;
  sent?: boolean;
}) {
  const { t } = useView();
  return (
    <>
      <Heading>{t("signin:forgotTitle")}</Heading>
      {props.sent ? (
        <Alert type="ok">
          <p>{t("signin:forgotSent")}</p>
        </Alert>
      ) : (
        <>
          <ErrorSummary errors={props.errors} />
          <p>{t("signin:forgotIntro")}</p>
          <Form action="/wachtwoord-vergeten" aria-label={t("signin:forgotTitle")}>
            <TextField
              name="email"
              type="email"
              label={t("signin:email")}
              autocomplete="email"
              value={props.values?.email}
              errors={props.errors}
              required
              dir="ltr"
            />
            <Button>{t("signin:forgotSubmit")}</Button>
          </Form>
        </>
      )}
    </>
  );
}
