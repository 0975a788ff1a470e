import type { FieldErrors } from "../../platform/http/forms.ts";
import { languages } from "../../platform/i18n/languages.ts";
import {
  Button,
  ErrorSummary,
  Form,
  Heading,
  SelectField,
  Table,
  TextField,
} from "../../platform/views/components.tsx";
import { useView } from "../../platform/views/context.ts";
import type { OwnAccount } from "../queries.ts";
import { Facts } from "./admin.tsx";

/** "My account": details, organisations and roles, language, second factor, sessions, password. */
export function MyAccountPage(props: {
  account: OwnAccount;
  activeOrganisationId: string | undefined;
  errors?: FieldErrors | undefined;
  values?: Record<string, unknown> | undefined;
}) {
  const { t } = useView();
  const { account } = props;
  const organisations = [
    ...new Map(account.roles.map((r) => [r.organisationId, r.organisationName])),
  ];
  return (
    <>
      <Heading>{t("accounts:my.title")}</Heading>
      <ErrorSummary errors={props.errors} />
      <Facts
        rows={[
          [t("accounts:fields.name"), account.name],
          [t("accounts:fields.email"), <span dir="ltr">{account.email}</span>],
        ]}
      />

      <section aria-labelledby="organisaties">
        <Heading level={2}>
          <span id="organisaties">{t("accounts:my.organisationsTitle")}</span>
        </Heading>
        <Table
          caption={t("accounts:my.rolesCaption")}
          head={[t("accounts:fields.organisation"), t("accounts:fields.role")]}
          rows={account.roles.map((r) => [
            r.organisationId === props.activeOrganisationId
              ? t("accounts:my.activeOrganisation", { organisation: r.organisationName })
              : r.organisationName,
            t(`accounts:roles.${r.role}`),
          ])}
        />
        {organisations.length > 1 && (
          <Form action="/account/organisatie" aria-label={t("accounts:my.switchTitle")}>
            <SelectField
              name="organisationId"
              label={t("accounts:my.switchLabel")}
              value={props.activeOrganisationId}
              errors={props.errors}
              options={organisations.map(([id, name]) => ({ value: id, label: name }))}
            />
            <Button variant="secondary">{t("accounts:my.switchSubmit")}</Button>
          </Form>
        )}
      </section>

      <section aria-labelledby="taal">
        <Heading level={2}>
          <span id="taal">{t("accounts:my.languageTitle")}</span>
        </Heading>
        <Form action="/account/taal" aria-label={t("accounts:my.languageTitle")}>
          <SelectField
            name="locale"
            label={t("accounts:fields.locale")}
            hint={t("accounts:my.languageHint")}
            value={props.values?.locale ?? account.locale}
            errors={props.errors}
            options={languages.map((l) => ({ value: l.code, label: l.name }))}
          />
          <Button variant="secondary">{t("accounts:my.languageSubmit")}</Button>
        </Form>
      </section>

      <section aria-labelledby="tweestaps">
        <Heading level={2}>
          <span id="tweestaps">{t("accounts:my.secondFactorTitle")}</span>
        </Heading>
        {account.secondFactor ? (
          <>
            <p>
              {t("accounts:my.secondFactorOn")}{" "}
              {t("accounts:my.recoveryCodesLeft", { count: account.unusedRecoveryCodes })}
            </p>
            <Form action="/account/herstelcodes" aria-label={t("accounts:my.newRecoveryCodes")}>
              <p>{t("accounts:my.newRecoveryCodesExplain")}</p>
              <Button variant="secondary">{t("accounts:my.newRecoveryCodes")}</Button>
            </Form>
          </>
        ) : (
          <p>
            {t("accounts:my.secondFactorOff")}{" "}
            <a class="utrecht-link" href="/account/tweestaps">
              {t("accounts:my.secondFactorSetUp")}
            </a>
          </p>
        )}
      </section>

      <section aria-labelledby="passkeys">
        <Heading level={2}>
          <span id="passkeys">{t("passkeys:title")}</span>
        </Heading>
        <p>
          <a class="utrecht-link" href="/account/passkeys">
            {t("passkeys:addTitle")}
          </a>
        </p>
      </section>

      <section aria-labelledby="sessies">
        <Heading level={2}>
          <span id="sessies">{t("accounts:my.sessionsTitle")}</span>
        </Heading>
        <p>{t("accounts:my.activeSessions", { count: account.activeSessions })}</p>
        <Form action="/account/overal-uitloggen" aria-label={t("accounts:my.signOutEverywhere")}>
          <p>{t("accounts:my.signOutEverywhereExplain")}</p>
          <Button variant="secondary">{t("accounts:my.signOutEverywhere")}</Button>
        </Form>
      </section>

      {account.hasPassword && (
        <section aria-labelledby="wachtwoord">
          <Heading level={2}>
            <span id="wachtwoord">{t("accounts:my.passwordTitle")}</span>
          </Heading>
          <Form action="/account/wachtwoord" aria-label={t("accounts:my.passwordTitle")}>
            <input
              type="text"
              name="username"
              value={account.email}
              autocomplete="username"
              hidden
              readOnly
            />
            <TextField
              name="currentPassword"
              type="password"
              label={t("accounts:my.currentPassword")}
              autocomplete="current-password"
              errors={props.errors}
              required
            />
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
            <Button>{t("accounts:my.passwordSubmit")}</Button>
          </Form>
        </section>
      )}
    </>
  );
}
