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

/** Where "Set up with DigiD" leads: straight to the broker when the code is known. */
export const digidStartHref = (code: string) =>
  `/welkom/digid/start?code=${encodeURIComponent(code)}`;

/**
 * "Set up with DigiD" on the invitation page: straight on to DigiD when the code is known and
 * its municipality has DigiD, else to /welkom/digid, which asks for the code first. Links, not
 * forms: see digid-routes.tsx.
 */
export function DigidOffer(props: { code?: string | undefined }) {
  const { t } = useView();
  return (
    <section aria-labelledby="digid-offer">
      <Heading level={2}>
        <span id="digid-offer">{t("digid:welcome.title")}</span>
      </Heading>
      <p>{t("digid:welcome.offer")}</p>
      <p>
        <ButtonLink
          href={props.code ? digidStartHref(props.code) : "/welkom/digid"}
          variant="secondary"
        >
          {t("digid:welcome.button")}
        </ButtonLink>
      </p>
    </section>
  );
}

/**
 * /welkom/digid: what will happen, the code from the letter (a GET form: it only checks), and once
 * the code is right, the way on to DigiD.
 */
export function DigidStartPage(props: {
  values: Record<string, unknown>;
  errors?: FieldErrors | undefined;
  /** The code is valid and its municipality has DigiD. */
  ready?: boolean;
}) {
  const { t } = useView();
  const code = typeof props.values.code === "string" ? props.values.code : "";
  return (
    <>
      <Heading>{t("digid:welcome.title")}</Heading>
      <ErrorSummary errors={props.errors} />
      <p>{t("digid:welcome.intro")}</p>
      {props.ready ? (
        <p>
          <ButtonLink href={digidStartHref(code)}>{t("digid:welcome.continue")}</ButtonLink>
        </p>
      ) : (
        <Form action="/welkom/digid" method="get" aria-label={t("digid:welcome.title")}>
          <TextField
            name="code"
            label={t("portal:welcome.code")}
            hint={t("portal:welcome.codeHint")}
            value={props.values.code}
            errors={props.errors}
            autocomplete="one-time-code"
            dir="ltr"
            required
          />
          <Button>{t("digid:welcome.check")}</Button>
        </Form>
      )}
      <p>
        <a
          class="utrecht-link"
          href={`/welkom/code${code ? `?code=${encodeURIComponent(code)}` : ""}`}
        >
          {t("digid:welcome.backToPassword")}
        </a>
      </p>
    </>
  );
}

/** Why DigiD did not work, in the newcomer's language, with the way back. */
export function DigidProblemPage(props: {
  title: string;
  message: string;
  back: "welcome" | "signIn";
}) {
  const { t } = useView();
  return (
    <>
      <Heading>{props.title}</Heading>
      <Alert type="error">
        <p>{props.message}</p>
      </Alert>
      <p>
        <a class="utrecht-link" href={props.back === "welcome" ? "/welkom/code" : "/inloggen"}>
          {t(
            props.back === "welcome" ? "digid:problem.backToWelcome" : "digid:problem.backToSignIn",
          )}
        </a>
      </p>
      <p>{t("portal:help.text")}</p>
    </>
  );
}
