import { type ComponentChildren, Fragment } from "preact";
import type { FieldErrors } from "../../platform/http/forms.ts";
import { languages } from "../../platform/i18n/languages.ts";
import {
  Button,
  ButtonLink,
  ErrorSummary,
  Form,
  Heading,
  SelectField,
  Table,
  TextField,
} from "../../platform/views/components.tsx";
import { useView } from "../../platform/views/context.ts";
import { type AccountScope, accountPolicy } from "../policy.ts";
import type { AccountDetails, AccountListItem, RoleHeld } from "../queries.ts";
import { roles } from "../schema.ts";

export interface OrganisationOption {
  id: string;
  name: string;
}

/** A date and time in the reader's language, on Dutch clocks. */
export function useDateTime(): (d: Date) => string {
  const { locale } = useView();
  const format = new Intl.DateTimeFormat(locale, {
    dateStyle: "medium",
    timeStyle: "short",
    timeZone: "Europe/Amsterdam",
  });
  return (d) => format.format(d);
}

function RoleList({
  roles: held,
  withOrganisation,
}: {
  roles: RoleHeld[];
  withOrganisation: boolean;
}) {
  const { t } = useView();
  if (held.length === 0) return <span class="koers-muted">{t("accounts:none")}</span>;
  return (
    <>
      {held
        .map((h) =>
          withOrganisation
            ? t("accounts:roleIn", {
                role: t(`accounts:roles.${h.role}`),
                organisation: h.organisationName,
              })
            : t(`accounts:roles.${h.role}`),
        )
        .join(", ")}
    </>
  );
}

/** The accounts of an organisation (or all, for the platform administrator), with a filter. */
export function AccountListPage(props: {
  items: AccountListItem[];
  more: boolean;
  page: number;
  organisationId: string | undefined;
  organisationName: string | undefined;
  /** Only for the platform administrator, who may choose the organisation. */
  organisationOptions?: OrganisationOption[] | undefined;
}) {
  const { t } = useView();
  const dateTime = useDateTime();
  const query = (page: number) =>
    `/beheer/accounts?${new URLSearchParams({
      ...(props.organisationId && props.organisationOptions
        ? { organisatie: props.organisationId }
        : {}),
      ...(page > 1 ? { pagina: String(page) } : {}),
    }).toString()}`;
  return (
    <>
      <Heading>{t("accounts:admin.title")}</Heading>
      <p>
        <ButtonLink href="/beheer/accounts/nieuw">{t("accounts:admin.invite")}</ButtonLink>
      </p>
      {props.organisationOptions && (
        <Form action="/beheer/accounts" method="get" aria-label={t("accounts:admin.filter")}>
          <SelectField
            name="organisatie"
            label={t("accounts:admin.organisation")}
            value={props.organisationId ?? ""}
            placeholder={t("accounts:admin.allOrganisations")}
            options={props.organisationOptions.map((o) => ({ value: o.id, label: o.name }))}
          />
          <Button variant="secondary">{t("accounts:admin.filterSubmit")}</Button>
        </Form>
      )}
      {props.items.length === 0 ? (
        <p>{t("accounts:admin.empty")}</p>
      ) : (
        <Table
          caption={
            props.organisationName
              ? t("accounts:admin.captionOf", { organisation: props.organisationName })
              : t("accounts:admin.captionAll")
          }
          head={[
            t("accounts:fields.name"),
            t("accounts:fields.email"),
            t("accounts:fields.roles"),
            t("accounts:fields.status"),
            t("accounts:fields.secondFactor"),
            t("accounts:fields.locked"),
          ]}
          rows={props.items.map((a) => [
            <a key="name" class="utrecht-link" href={`/beheer/accounts/${a.id}`}>
              {a.name}
            </a>,
            <span key="email" dir="ltr">
              {a.email}
            </span>,
            <RoleList key="roles" roles={a.roles} withOrganisation={!props.organisationName} />,
            t(`accounts:status.${a.status}`),
            a.secondFactor ? t("accounts:yes") : t("accounts:no"),
            a.lockedUntil
              ? t("accounts:lockedUntil", { time: dateTime(a.lockedUntil) })
              : t("accounts:no"),
          ])}
        />
      )}
      {(props.page > 1 || props.more) && (
        <nav aria-label={t("accounts:admin.pages")}>
          <ul class="utrecht-unordered-list">
            {props.page > 1 && (
              <li>
                <a class="utrecht-link" href={query(props.page - 1)} rel="prev">
                  {t("accounts:admin.previous")}
                </a>
              </li>
            )}
            {props.more && (
              <li>
                <a class="utrecht-link" href={query(props.page + 1)} rel="next">
                  {t("accounts:admin.next")}
                </a>
              </li>
            )}
          </ul>
        </nav>
      )}
    </>
  );
}

function RoleSelect(props: { errors?: FieldErrors | undefined; value?: unknown }) {
  const { t } = useView();
  return (
    <SelectField
      name="role"
      label={t("accounts:fields.role")}
      value={props.value}
      errors={props.errors}
      required
      placeholder={t("accounts:choose")}
      options={roles.map((r) => ({ value: r, label: t(`accounts:roles.${r}`) }))}
    />
  );
}

/** The invitation form. Organisation beheerders invite into their own organisation only. */
export function InvitePage(props: {
  organisationOptions?: OrganisationOption[] | undefined;
  organisationName?: string | undefined;
  errors?: FieldErrors | undefined;
  values?: Record<string, unknown> | undefined;
}) {
  const { t, locale } = useView();
  const v = props.values ?? {};
  return (
    <>
      <Heading>{t("accounts:invite.title")}</Heading>
      <ErrorSummary errors={props.errors} />
      <p>{t("accounts:invite.intro")}</p>
      <Form action="/beheer/accounts/nieuw" aria-label={t("accounts:invite.title")}>
        <TextField
          name="name"
          label={t("accounts:fields.name")}
          autocomplete="off"
          value={v.name}
          errors={props.errors}
          required
        />
        <TextField
          name="email"
          type="email"
          label={t("accounts:fields.email")}
          autocomplete="off"
          value={v.email}
          errors={props.errors}
          required
          dir="ltr"
        />
        <RoleSelect errors={props.errors} value={v.role} />
        {props.organisationOptions ? (
          <SelectField
            name="organisationId"
            label={t("accounts:fields.organisation")}
            value={v.organisationId}
            errors={props.errors}
            required
            placeholder={t("accounts:choose")}
            options={props.organisationOptions.map((o) => ({ value: o.id, label: o.name }))}
          />
        ) : (
          <p>
            {t("accounts:fields.organisation")}: <strong>{props.organisationName}</strong>
          </p>
        )}
        <SelectField
          name="locale"
          label={t("accounts:fields.locale")}
          hint={t("accounts:invite.localeHint")}
          value={v.locale ?? locale}
          errors={props.errors}
          required
          options={languages.map((l) => ({ value: l.code, label: l.name }))}
        />
        <Button>{t("accounts:invite.submit")}</Button>
      </Form>
      <p>
        <a class="utrecht-link" href="/beheer/accounts">
          {t("accounts:admin.backToList")}
        </a>
      </p>
    </>
  );
}

/** Facts about an account, as a description list. */
export function Facts({ rows }: { rows: [string, ComponentChildren][] }) {
  return (
    <dl class="koers-facts">
      {rows.map(([key, value]) => (
        <Fragment key={key}>
          <dt>{key}</dt>
          <dd>{value}</dd>
        </Fragment>
      ))}
    </dl>
  );
}

/** One account for its administrator: roles, and the actions the policy allows. */
export function AccountDetailPage(props: {
  account: AccountDetails;
  scope: AccountScope;
  /** Organisations the actor may grant roles in. */
  organisationOptions: OrganisationOption[];
  errors?: FieldErrors | undefined;
  values?: Record<string, unknown> | undefined;
}) {
  const { t, actor } = useView();
  const dateTime = useDateTime();
  const { account, scope } = props;
  const base = `/beheer/accounts/${account.id}`;
  const mayUpdate = accountPolicy.can(actor, "account.update", scope);
  const language = languages.find((l) => l.code === account.locale);
  // Roles held elsewhere are that organisation's business: show those the actor may list.
  const visibleRoles = account.roles.filter((h) =>
    accountPolicy.can(actor, "account.list", { organisationId: h.organisationId }),
  );
  const showManager = accountPolicy.can(actor, "account.list", {
    organisationId: account.organisationId,
  });
  const grantIn = props.organisationOptions.filter((o) =>
    accountPolicy.can(actor, "account.grantRole", { account: scope, organisationId: o.id }),
  );
  return (
    <>
      <Heading>{account.name}</Heading>
      <ErrorSummary errors={props.errors} />
      <Facts
        rows={[
          [t("accounts:fields.email"), <span dir="ltr">{account.email}</span>],
          ...(showManager
            ? ([[t("accounts:detail.managedBy"), account.organisationName]] as [string, string][])
            : []),
          [t("accounts:fields.status"), t(`accounts:status.${account.status}`)],
          [
            t("accounts:fields.secondFactor"),
            account.secondFactor ? t("accounts:yes") : t("accounts:no"),
          ],
          [
            t("accounts:fields.locked"),
            account.lockedUntil
              ? t("accounts:lockedUntil", { time: dateTime(account.lockedUntil) })
              : t("accounts:no"),
          ],
          [t("accounts:fields.locale"), language?.name ?? account.locale],
          ...(account.invitationExpiresAt
            ? ([
                [t("accounts:detail.invitationValidUntil"), dateTime(account.invitationExpiresAt)],
              ] as [string, string][])
            : []),
        ]}
      />

      <section aria-labelledby="rollen">
        <Heading level={2}>
          <span id="rollen">{t("accounts:fields.roles")}</span>
        </Heading>
        <Table
          caption={t("accounts:detail.rolesCaption", { name: account.name })}
          head={[
            t("accounts:fields.organisation"),
            t("accounts:fields.role"),
            t("accounts:detail.actions"),
          ]}
          rows={visibleRoles.map((h) => [
            h.organisationName,
            t(`accounts:roles.${h.role}`),
            accountPolicy.can(actor, "account.revokeRole", {
              account: scope,
              organisationId: h.organisationId,
              role: h.role,
            }) && account.roles.length > 1 ? (
              <Form
                key="revoke"
                action={`${base}/rollen/intrekken`}
                class="koers-inline-form"
                aria-label={t("accounts:detail.revokeLabel", {
                  role: t(`accounts:roles.${h.role}`),
                  organisation: h.organisationName,
                })}
              >
                <input type="hidden" name="organisationId" value={h.organisationId} />
                <input type="hidden" name="role" value={h.role} />
                <Button variant="secondary" hint="danger">
                  {t("accounts:detail.revoke")}
                </Button>
              </Form>
            ) : (
              ""
            ),
          ])}
        />
        {grantIn.length > 0 && (
          <Form action={`${base}/rollen`} aria-label={t("accounts:detail.grantTitle")}>
            <Heading level={3}>{t("accounts:detail.grantTitle")}</Heading>
            {grantIn.length > 1 ? (
              <SelectField
                name="organisationId"
                label={t("accounts:fields.organisation")}
                value={props.values?.organisationId}
                errors={props.errors}
                required
                placeholder={t("accounts:choose")}
                options={grantIn.map((o) => ({ value: o.id, label: o.name }))}
              />
            ) : (
              <input type="hidden" name="organisationId" value={grantIn[0]?.id} />
            )}
            <RoleSelect errors={props.errors} value={props.values?.role} />
            <Button variant="secondary">{t("accounts:detail.grant")}</Button>
          </Form>
        )}
      </section>

      {mayUpdate && (
        <section aria-labelledby="acties">
          <Heading level={2}>
            <span id="acties">{t("accounts:detail.actions")}</span>
          </Heading>
          {account.status === "invited" && (
            <Action
              action={`${base}/uitnodiging`}
              label={t("accounts:detail.resend")}
              explain={t("accounts:detail.resendExplain")}
            />
          )}
          {account.lockedUntil && (
            <Action
              action={`${base}/ontgrendelen`}
              label={t("accounts:detail.unlock")}
              explain={t("accounts:detail.unlockExplain")}
            />
          )}
          {account.secondFactor && (
            <Action
              action={`${base}/tweestaps-herstellen`}
              label={t("accounts:detail.resetSecondFactor")}
              danger
              explain={t("accounts:detail.resetSecondFactorExplain")}
            />
          )}
          {account.status === "disabled" ? (
            <Action
              action={`${base}/status`}
              field={["enabled", "true"]}
              label={t("accounts:detail.enable")}
              explain={t("accounts:detail.enableExplain")}
            />
          ) : (
            <Action
              action={`${base}/status`}
              field={["enabled", "false"]}
              label={t("accounts:detail.disable")}
              danger
              explain={t("accounts:detail.disableExplain")}
            />
          )}
        </section>
      )}
      <p>
        <a class="utrecht-link" href="/beheer/accounts">
          {t("accounts:admin.backToList")}
        </a>
      </p>
    </>
  );
}

function Action(props: {
  action: string;
  label: string;
  explain: string;
  field?: [string, string];
  danger?: boolean;
}) {
  return (
    <Form action={props.action} aria-label={props.label}>
      <p>{props.explain}</p>
      {props.field && <input type="hidden" name={props.field[0]} value={props.field[1]} />}
      <Button variant="secondary" hint={props.danger ? "danger" : undefined}>
        {props.label}
      </Button>
    </Form>
  );
}
