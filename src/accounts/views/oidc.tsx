import type { FieldErrors } from "../../platform/http/forms.ts";
import {
  Alert,
  Button,
  ErrorSummary,
  Form,
  Heading,
  SelectField,
  Table,
  TextField,
} from "../../platform/views/components.tsx";
import { useView } from "../../platform/views/context.ts";
import type { ProviderView } from "../oidc.ts";

/** Why signing in through a provider did not work, with the way back. */
export function OidcProblemPage(props: { title: string; message: string }) {
  const { t } = useView();
  return (
    <>
      <Heading>{props.title}</Heading>
      <Alert type="error">
        <p>{props.message}</p>
      </Alert>
      <p>
        <a class="utrecht-link" href="/inloggen">
          {t("oidc:signIn.backToSignIn")}
        </a>
      </p>
    </>
  );
}

export function ProviderListPage(props: { providers: ProviderView[]; canAdd: boolean }) {
  const { t } = useView();
  return (
    <>
      <Heading>{t("oidc:admin.listTitle")}</Heading>
      <p>{t("oidc:admin.listIntro")}</p>
      {props.canAdd && (
        <p>
          <a
            class="utrecht-button-link utrecht-button-link--primary-action"
            href="/beheer/identiteitsproviders/nieuw"
          >
            {t("oidc:admin.add")}
          </a>
        </p>
      )}
      {props.providers.length === 0 ? (
        <p>{t("oidc:admin.none")}</p>
      ) : (
        <Table
          caption={t("oidc:admin.caption")}
          head={[
            t("oidc:fields.name"),
            t("oidc:fields.organisation"),
            t("oidc:fields.emailDomain"),
            t("oidc:admin.status"),
            t("oidc:admin.actions"),
          ]}
          rows={props.providers.map((p) => [
            <a key="name" class="utrecht-link" href={`/beheer/identiteitsproviders/${p.id}`}>
              {p.name}
            </a>,
            p.organisationName,
            <span key="domain" dir="ltr">
              {p.emailDomain}
            </span>,
            p.enabled ? t("oidc:admin.enabled") : t("oidc:admin.disabled"),
            <EnableForm key="status" provider={p} />,
          ])}
        />
      )}
    </>
  );
}

function EnableForm({ provider }: { provider: ProviderView }) {
  const { t } = useView();
  const label = provider.enabled ? t("oidc:admin.disable") : t("oidc:admin.enable");
  return (
    <Form action={`/beheer/identiteitsproviders/${provider.id}/status`}>
      <input type="hidden" name="enabled" value={provider.enabled ? "false" : "true"} />
      {/* The visible word starts the accessible name (WCAG 2.5.3); the name tells rows apart. */}
      <button
        class="utrecht-button utrecht-button--secondary-action"
        type="submit"
        aria-label={`${label}: ${provider.name}`}
      >
        {label}
      </button>
    </Form>
  );
}

export interface ProviderFormProps {
  action: string;
  title: string;
  redirectUri: string;
  /** Set when editing: the secret is stored and is not shown again. */
  editing?: ProviderView;
  /** The platform administrator chooses the organisation; a beheerder adds one for their own. */
  organisationChoices?: { id: string; name: string }[];
  organisationName?: string | undefined;
  values?: Record<string, unknown>;
  errors?: FieldErrors;
}

export function ProviderFormPage(props: ProviderFormProps) {
  const { t } = useView();
  const v = props.values ?? {};
  return (
    <>
      <Heading>{props.title}</Heading>
      <ErrorSummary errors={props.errors} />
      <p>
        {t("oidc:admin.redirectUri")}{" "}
        <code class="utrecht-code" dir="ltr">
          {props.redirectUri}
        </code>
      </p>
      <Form action={props.action} aria-label={props.title}>
        {props.organisationChoices ? (
          <SelectField
            name="organisationId"
            label={t("oidc:fields.organisation")}
            options={props.organisationChoices.map((o) => ({ value: o.id, label: o.name }))}
            placeholder={t("oidc:admin.chooseOrganisation")}
            value={v.organisationId}
            errors={props.errors}
            required
          />
        ) : (
          props.organisationName && (
            <p>
              {t("oidc:fields.organisation")}: {props.organisationName}
            </p>
          )
        )}
        <TextField
          name="name"
          label={t("oidc:fields.name")}
          hint={t("oidc:fields.nameHint")}
          value={v.name}
          errors={props.errors}
          required
        />
        <TextField
          name="issuer"
          type="url"
          label={t("oidc:fields.issuer")}
          hint={t("oidc:fields.issuerHint")}
          value={v.issuer}
          errors={props.errors}
          required
          dir="ltr"
        />
        <TextField
          name="clientId"
          label={t("oidc:fields.clientId")}
          value={v.clientId}
          errors={props.errors}
          required
          dir="ltr"
        />
        {props.editing ? (
          <TextField
            name="clientSecret"
            type="password"
            label={t("oidc:fields.clientSecretNew")}
            hint={t("oidc:fields.clientSecretKeep", { masked: "••••" })}
            autocomplete="new-password"
            errors={props.errors}
            dir="ltr"
          />
        ) : (
          <TextField
            name="clientSecret"
            type="password"
            label={t("oidc:fields.clientSecret")}
            autocomplete="new-password"
            errors={props.errors}
            required
            dir="ltr"
          />
        )}
        <TextField
          name="emailDomain"
          label={t("oidc:fields.emailDomain")}
          hint={t("oidc:fields.emailDomainHint")}
          value={v.emailDomain}
          errors={props.errors}
          required
          dir="ltr"
        />
        <Button>{t("oidc:admin.save")}</Button>
      </Form>
      <p>
        <a class="utrecht-link" href="/beheer/identiteitsproviders">
          {t("oidc:admin.back")}
        </a>
      </p>
    </>
  );
}
