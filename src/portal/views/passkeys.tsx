import type { FieldErrors } from "../../platform/http/forms.ts";
import {
  Alert,
  Button,
  ErrorSummary,
  Form,
  Heading,
  Table,
  TextField,
} from "../../platform/views/components.tsx";
import { useView } from "../../platform/views/context.ts";

/** A passkey as the list shows it: a name and dates, never key material. */
export interface PasskeyItem {
  id: string;
  name: string | null;
  createdAt: Date;
  lastUsedAt: Date | null;
}

function When(props: { date: Date | null }) {
  const { t, locale } = useView();
  if (!props.date) return <>{t("passkeys:neverUsed")}</>;
  const text = new Intl.DateTimeFormat(locale, {
    dateStyle: "medium",
    timeStyle: "short",
    timeZone: "Europe/Amsterdam",
  }).format(props.date);
  return <time dateTime={props.date.toISOString()}>{text}</time>;
}

/**
 * The account's passkeys: list, remove, add. Adding needs the browser's WebAuthn, so that form is
 * hidden until assets/passkeys.js finds it; without it the page says so and the list still works.
 */
export function PasskeysPage(props: {
  keys: PasskeyItem[];
  scriptUrl: string;
  errors?: FieldErrors;
  values?: Record<string, unknown>;
}) {
  const { t, nonce } = useView();
  return (
    <>
      <Heading>{t("passkeys:title")}</Heading>
      <ErrorSummary errors={props.errors} />
      <p>{t("passkeys:intro")}</p>
      {props.keys.length === 0 ? (
        <p>{t("passkeys:none")}</p>
      ) : (
        <Table
          caption={t("passkeys:caption")}
          head={[
            t("passkeys:name"),
            t("passkeys:addedOn"),
            t("passkeys:lastUsed"),
            t("passkeys:actions"),
          ]}
          rows={props.keys.map((k) => {
            const name = k.name ?? t("passkeys:unnamed");
            return [
              <bdi key="name">{name}</bdi>,
              <When key="added" date={k.createdAt} />,
              <When key="used" date={k.lastUsedAt} />,
              <Form
                key="remove"
                action={`/account/passkeys/${k.id}/verwijderen`}
                aria-label={t("passkeys:removeLabel", { name })}
              >
                <Button variant="secondary" hint="danger">
                  {t("passkeys:remove")}
                </Button>
              </Form>,
            ];
          })}
        />
      )}
      <section aria-labelledby="passkey-add-heading">
        <Heading level={2}>
          <span id="passkey-add-heading">{t("passkeys:addTitle")}</span>
        </Heading>
        <p data-passkey-unsupported>{t("passkeys:unsupported")}</p>
        <div data-module="passkey-register" hidden>
          <p>{t("passkeys:addIntro")}</p>
          <Form action="/account/passkeys" aria-label={t("passkeys:addTitle")}>
            <TextField
              name="name"
              label={t("passkeys:nameLabel")}
              hint={t("passkeys:nameHint")}
              value={props.values?.name}
              errors={props.errors}
              required
            />
            <input type="hidden" name="credential" value="" />
            <Button>{t("passkeys:add")}</Button>
          </Form>
          <p role="status" data-passkey-status data-failed={t("passkeys:browserFailed")} />
        </div>
      </section>
      <script src={props.scriptUrl} nonce={nonce} defer />
    </>
  );
}

/** The answer when a passkey sign-in is refused: one message, and the way back. */
export function PasskeyRefusedPage() {
  const { t } = useView();
  return (
    <>
      <Heading>{t("passkeys:refusedTitle")}</Heading>
      <Alert type="error">
        <p>{t("passkeys:refused")}</p>
      </Alert>
      <p>
        <a class="utrecht-link" href="/inloggen">
          {t("passkeys:backToSignIn")}
        </a>
      </p>
    </>
  );
}
