import { ButtonLink, Heading, Table } from "../../platform/views/components.tsx";
import { useView } from "../../platform/views/context.ts";
import { can } from "../policy.ts";
import type { readOrganisationDetail } from "../queries.ts";

type Detail = NonNullable<Awaited<ReturnType<typeof readOrganisationDetail>>>;

/**
 * One organisation: its own data, where it sits (parent, region), the organisations below it, and
 * (for those allowed) its people with their roles.
 */
export function OrganisationDetailPage(props: { detail: Detail }) {
  const { t, actor } = useView();
  const { organisation: o, parent, region, children, accounts } = props.detail;
  const editable = can(actor, "organisation.edit", o) || can(actor, "organisation.editContact", o);
  const none = t("organisations:fields.none");
  return (
    <>
      <Heading>{o.name}</Heading>
      {editable && (
        <p>
          <ButtonLink variant="secondary" href={`/beheer/organisaties/${o.id}/bewerken`}>
            {t("organisations:detail.edit")}
          </ButtonLink>
        </p>
      )}
      <dl class="koers-facts">
        <dt>{t("organisations:fields.kind")}</dt>
        <dd>{t(`organisations:kinds.${o.kind}`)}</dd>
        <dt>{t("organisations:fields.cbsCode")}</dt>
        <dd>{o.cbsCode ?? none}</dd>
        <dt>{t("organisations:fields.parent")}</dt>
        <dd>
          {parent ? (
            can(actor, "organisation.view", parent) ? (
              <a class="utrecht-link" href={`/beheer/organisaties/${parent.id}`}>
                {parent.name}
              </a>
            ) : (
              parent.name
            )
          ) : (
            none
          )}
        </dd>
        <dt>{t("organisations:fields.region")}</dt>
        <dd>{region?.name ?? none}</dd>
        <dt>{t("organisations:fields.contactEmail")}</dt>
        <dd>{o.contactEmail ?? none}</dd>
      </dl>

      <Heading level={2}>{t("organisations:detail.children")}</Heading>
      {children.length === 0 ? (
        <p>{t("organisations:detail.noChildren")}</p>
      ) : (
        <ul class="utrecht-unordered-list">
          {children.map((c) => (
            <li key={c.id}>
              {can(actor, "organisation.view", c) ? (
                <a class="utrecht-link" href={`/beheer/organisaties/${c.id}`}>
                  {c.name}
                </a>
              ) : (
                c.name
              )}{" "}
              ({t(`organisations:kinds.${c.kind}`)})
            </li>
          ))}
        </ul>
      )}

      {accounts && (
        <>
          <Heading level={2}>{t("organisations:detail.accounts")}</Heading>
          {accounts.length === 0 ? (
            <p>{t("organisations:detail.noAccounts")}</p>
          ) : (
            <Table
              caption={t("organisations:detail.accountsCaption", { name: o.name })}
              head={[t("organisations:detail.person"), t("organisations:detail.roles")]}
              rows={accounts.map((a) => [
                a.name,
                a.roles.map((r) => t(`organisations:roles.${r}`)).join(", "),
              ])}
            />
          )}
        </>
      )}
    </>
  );
}
