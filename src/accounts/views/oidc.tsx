import type { FieldErrors } from "../../platform/http/forms.ts";
import {
  Alert,
  Button,
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
import { digidLevels, requirableLevels } from "../digid.ts";
import type { ProviderView } from "../oidc.ts";
import type { IdentityProviderPurpose } from "../schema.ts";

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

export function ProviderListPage(props: {
  providers: ProviderView[];
  canAdd: boolean;
  canAddDigid: boolean;
  /** Why the last change could not be made (e.g. a second DigiD broker). */
  error?: string | undefined;
}) {
  const { t } = useView();
  return (
    <>
      <Heading>{t("oidc:admin.listTitle")}</Heading>
      <ErrorSummary errors={props.error ? { _form: props.error } : undefined} />
      <p>{t("oidc:admin.listIntro")}</p>
      <p>{t("oidc:admin.listIntroDigid")}</p>
      {(props.canAdd || props.canAddDigid) && (
        <p>
          {props.canAdd && (
            <a
              class="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--primary-action"
              href="/beheer/identiteitsproviders/nieuw"
            >
              {t("oidc:admin.add")}
            </a>
          )}{" "}
          {props.canAddDigid && (
            <a
              class="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--secondary-action"
              href="/beheer/identiteitsproviders/nieuw?soort=digid"
            >
              {t("oidc:admin.addDigid")}
            </a>
          )}
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
            t("oidc:admin.purpose"),
            t("oidc:admin.status"),
            t("oidc:admin.actions"),
          ]}
          rows={props.providers.map((p) => [
            <a key="name" class="utrecht-link" href={`/beheer/identiteitsproviders/${p.id}`}>
              {p.name}
            </a>,
            p.organisationName,
            p.purpose === "digid" ? (
              t("oidc:admin.purposeDigid", {
                level: t(`oidc:levels.${p.minimumLevel ?? "midden"}`),
              })
            ) : (
              <span key="domain">
                {t("oidc:admin.purposeStaff")} (<span dir="ltr">{p.emailDomain}</span>)
              </span>
            ),
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
  /** Staff sign-in, or a DigiD broker for the municipality's newcomers. */
  purpose: IdentityProviderPurpose;
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
      {props.purpose === "digid" && <p>{t("oidc:admin.digidIntro")}</p>}
      <p>
        {t("oidc:admin.redirectUri")}{" "}
        <code class="utrecht-code" dir="ltr">
          {props.redirectUri}
        </code>
      </p>
      <Form action={props.action} aria-label={props.title}>
        <input type="hidden" name="purpose" value={props.purpose} />
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
        {props.purpose === "digid" ? (
          <DigidFields values={v} errors={props.errors} />
        ) : (
          <TextField
            name="emailDomain"
            label={t("oidc:fields.emailDomain")}
            hint={t("oidc:fields.emailDomainHint")}
            value={v.emailDomain}
            errors={props.errors}
            required
            dir="ltr"
          />
        )}
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

/** The DigiD part of a broker's settings (decision 0017). */
function DigidFields(props: { values: Record<string, unknown>; errors?: FieldErrors | undefined }) {
  const { t } = useView();
  const v = props.values;
  return (
    <>
      <TextField
        name="bsnClaim"
        label={t("oidc:fields.bsnClaim")}
        hint={t("oidc:fields.bsnClaimHint")}
        value={v.bsnClaim}
        errors={props.errors}
        required
        dir="ltr"
      />
      <ChoiceField
        name="minimumLevel"
        type="radio"
        legend={t("oidc:fields.minimumLevel")}
        hint={t("oidc:fields.minimumLevelHint")}
        options={requirableLevels.map((l) => ({ value: l, label: t(`oidc:levels.${l}`) }))}
        value={typeof v.minimumLevel === "string" ? v.minimumLevel : undefined}
        errors={props.errors}
        required
      />
      <fieldset class="utrecht-form-fieldset utrecht-form-fieldset--html-fieldset">
        <legend class="utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend">
          {t("oidc:fields.acr")}
        </legend>
        <p class="utrecht-form-field-description">{t("oidc:fields.acrHint")}</p>
        {digidLevels.map((l) => (
          <TextArea
            key={l}
            name={`acr_${l}`}
            label={t("oidc:fields.acrLevel", { level: t(`oidc:levels.${l}`) })}
            value={v[`acr_${l}`]}
            errors={props.errors}
            rows={2}
          />
        ))}
      </fieldset>
      <TextField
        name="extraScopes"
        label={t("oidc:fields.extraScopes")}
        hint={t("oidc:fields.extraScopesHint")}
        value={v.extraScopes}
        errors={props.errors}
        dir="ltr"
      />
    </>
  );
}
