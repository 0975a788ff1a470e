import type { FieldErrors } from "../../platform/http/forms.ts";
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
  TextField,
} from "../../platform/views/components.tsx";
import { useView } from "../../platform/views/context.ts";
import { apiPolicy } from "../policy.ts";
import type { ApiTokenListItem } from "../queries.ts";
import { apiScopes, tokenState } from "../rules.ts";

export interface OrganisationOption {
  id: string;
  name: string;
}

/** i18next reads ":" as the namespace separator, so scope keys use "_". */
const scopeKey = (scope: string) => scope.replace(":", "_");

function useFormats() {
  const { locale } = useView();
  const dateTime = new Intl.DateTimeFormat(locale, {
    dateStyle: "medium",
    timeStyle: "short",
    timeZone: "Europe/Amsterdam",
  });
  const date = new Intl.DateTimeFormat(locale, {
    dateStyle: "medium",
    timeZone: "Europe/Amsterdam",
  });
  return { dateTime: (d: Date) => dateTime.format(d), date: (d: Date) => date.format(d) };
}

function TokenStatus({ token, now }: { token: ApiTokenListItem; now: Date }) {
  const { t } = useView();
  const { dateTime } = useFormats();
  const state = tokenState(token, now);
  if (state === "revoked" && token.revokedAt)
    return <>{t("api:tokens.state.revokedAt", { time: dateTime(token.revokedAt) })}</>;
  return <>{t(`api:tokens.state.${state}`)}</>;
}

/** The tokens of an organisation (or of all, for the platform administrator). */
export function TokenListPage(props: {
  items: ApiTokenListItem[];
  now: Date;
  organisationId: string | undefined;
  organisationName: string | undefined;
  /** Only for the platform administrator, who may choose the organisation. */
  organisationOptions?: OrganisationOption[] | undefined;
}) {
  const { t, actor } = useView();
  const { dateTime, date } = useFormats();
  const showOrganisation = !props.organisationName;
  const head = [
    t("api:tokens.fields.name"),
    ...(showOrganisation ? [t("api:tokens.fields.organisation")] : []),
    t("api:tokens.fields.prefix"),
    t("api:tokens.fields.scopes"),
    t("api:tokens.fields.created"),
    t("api:tokens.fields.lastUsed"),
    t("api:tokens.fields.expires"),
    t("api:tokens.fields.state"),
    t("api:tokens.fields.actions"),
  ];
  return (
    <>
      <Heading>{t("api:tokens.title")}</Heading>
      <p>{t("api:tokens.intro")}</p>
      <p>
        <ButtonLink href="/beheer/api-tokens/nieuw">{t("api:tokens.new")}</ButtonLink>
      </p>
      <p>
        <a class="utrecht-link" href="/api/v1/openapi.json">
          {t("api:tokens.openapi")}
        </a>
      </p>
      {props.organisationOptions && (
        <Form action="/beheer/api-tokens" method="get" aria-label={t("api:tokens.filter")}>
          <SelectField
            name="organisatie"
            label={t("api:tokens.fields.organisation")}
            value={props.organisationId ?? ""}
            placeholder={t("api:tokens.allOrganisations")}
            options={props.organisationOptions.map((o) => ({ value: o.id, label: o.name }))}
          />
          <Button variant="secondary">{t("api:tokens.filterSubmit")}</Button>
        </Form>
      )}
      {props.items.length === 0 ? (
        <p>{t("api:tokens.empty")}</p>
      ) : (
        <Table
          caption={
            props.organisationName
              ? t("api:tokens.captionOf", { organisation: props.organisationName })
              : t("api:tokens.captionAll")
          }
          head={head}
          rows={props.items.map((token) => [
            token.name,
            ...(showOrganisation ? [token.organisationName] : []),
            <code key="prefix" dir="ltr">{`koers_${token.prefix}_…`}</code>,
            token.scopes.map((s) => t(`api:scopes.${scopeKey(s)}.label`)).join(", "),
            t("api:tokens.createdByAt", {
              name: token.createdByName ?? t("api:tokens.unknownPerson"),
              time: dateTime(token.createdAt),
            }),
            token.lastUsedAt ? dateTime(token.lastUsedAt) : t("api:tokens.never"),
            token.expiresAt ? date(new Date(token.expiresAt.getTime() - 1)) : t("api:tokens.never"),
            <TokenStatus key="state" token={token} now={props.now} />,
            apiPolicy.can(actor, "apiToken.revoke", token) ? (
              <Form
                key="revoke"
                action={`/beheer/api-tokens/${token.id}/intrekken`}
                class="koers-inline-form"
              >
                <button
                  class="utrecht-button utrecht-button--secondary-action utrecht-button--danger"
                  type="submit"
                  aria-label={t("api:tokens.revokeLabel", { name: token.name })}
                >
                  {t("api:tokens.revoke")}
                </button>
              </Form>
            ) : (
              ""
            ),
          ])}
        />
      )}
    </>
  );
}

/** The form for a new token: name, scopes, optional expiry date (and owner, for the platform admin). */
export function NewTokenPage(props: {
  errors?: FieldErrors | undefined;
  values?: Record<string, unknown> | undefined;
  organisationOptions?: OrganisationOption[] | undefined;
}) {
  const { t } = useView();
  const v = props.values ?? {};
  const chosen = v.scopes;
  return (
    <>
      <Heading>{t("api:tokens.newTitle")}</Heading>
      <ErrorSummary errors={props.errors} />
      <Form action="/beheer/api-tokens/nieuw">
        <TextField
          name="name"
          label={t("api:tokens.fields.name")}
          hint={t("api:tokens.nameHint")}
          value={v.name}
          errors={props.errors}
          required
        />
        {props.organisationOptions && (
          <SelectField
            name="organisationId"
            label={t("api:tokens.fields.organisation")}
            value={v.organisationId}
            options={props.organisationOptions.map((o) => ({ value: o.id, label: o.name }))}
            errors={props.errors}
          />
        )}
        <ChoiceField
          type="checkbox"
          name="scopes"
          legend={t("api:tokens.fields.scopes")}
          hint={t("api:tokens.scopesHint")}
          options={apiScopes.map((s) => ({
            value: s,
            label: t(`api:scopes.${scopeKey(s)}.label`),
            hint: t(`api:scopes.${scopeKey(s)}.hint`),
          }))}
          value={
            Array.isArray(chosen)
              ? chosen.map(String)
              : typeof chosen === "string"
                ? chosen
                : undefined
          }
          errors={props.errors}
          required
        />
        <TextField
          name="expires"
          type="date"
          label={t("api:tokens.fields.expiresOptional")}
          hint={t("api:tokens.expiresHint")}
          value={v.expires}
          errors={props.errors}
        />
        <Button>{t("api:tokens.create")}</Button>
      </Form>
      <p>
        <a class="utrecht-link" href="/beheer/api-tokens">
          {t("api:tokens.back")}
        </a>
      </p>
    </>
  );
}

/** Shown once, right after creating: the token text, which Koers does not keep. */
export function TokenCreatedPage(props: { name: string; token: string }) {
  const { t } = useView();
  return (
    <>
      <Heading>{t("api:tokens.createdTitle")}</Heading>
      <Alert type="warning">
        <p>{t("api:tokens.showOnce")}</p>
      </Alert>
      <p>{t("api:tokens.tokenFor", { name: props.name })}</p>
      <p>
        <code class="utrecht-code koers-secret" dir="ltr">
          {props.token}
        </code>
      </p>
      <p>{t("api:tokens.usage")}</p>
      <p>
        <a class="utrecht-link" href="/beheer/api-tokens">
          {t("api:tokens.back")}
        </a>
      </p>
    </>
  );
}
