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

/**
 * "Set up with DigiD" on the invitation page: a button when the code is known and the
 * municipality has DigiD, else a link to /welkom/digid (which asks for the code first).
 */
export function DigidOffer(props: { code?: string | undefined }) {
  const { t } = useView();
  return (
    <section aria-labelledby="digid-offer">
      <Heading level={2}>
        <span id="digid-offer">{t("digid:welcome.title")}</span>
      </Heading>
      <p>{t("digid:welcome.offer")}</p>
      {props.code ? (
        <Form action="/welkom/digid" aria-label={t("digid:welcome.title")}>
          <input type="hidden" name="code" value={props.code} />
          <Button variant="secondary">{t("digid:welcome.button")}</Button>
        </Form>
      ) : (
        <p>
          <ButtonLink href="/welkom/digid" variant="secondary">
            {t("digid:welcome.button")}
          </ButtonLink>
        </p>
      )}
    </section>
  );
}

/** /welkom/digid: the code from the letter, then on to DigiD. */
export function DigidStartPage(props: {
  values: Record<string, unknown>;
  errors?: FieldErrors | undefined;
}) {
  const { t } = useView();
  const code = typeof props.values.code === "string" ? props.values.code : "";
  return (
    <>
      <Heading>{t("digid:welcome.title")}</Heading>
      <ErrorSummary errors={props.errors} />
      <p>{t("digid:welcome.intro")}</p>
      <Form action="/welkom/digid" aria-label={t("digid:welcome.title")}>
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
        <Button>{t("digid:welcome.continue")}</Button>
      </Form>
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
