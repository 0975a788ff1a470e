import {
  Button,
  ButtonLink,
  Form,
  Heading,
  SelectField,
  Table,
  TextField,
} from "../../platform/views/components.tsx";
import { useView } from "../../platform/views/context.ts";
import type { listOrganisations } from "../queries.ts";
import { organisationKinds } from "../schema.ts";

type Row = Awaited<ReturnType<typeof listOrganisations>>[number];

/** All organisations, with a search by name or CBS code and a filter by kind (GET, so it can be bookmarked). */
export function OrganisationListPage(props: {
  rows: Row[];
  q?: string | undefined;
  kind?: string | undefined;
}) {
  const { t } = useView();
  const kindOptions = organisationKinds.map((k) => ({
    value: k,
    label: t(`organisations:kinds.${k}`),
  }));
  return (
    <>
      <Heading>{t("organisations:list.title")}</Heading>
      <p class="koers-actions">
        <ButtonLink href="/beheer/organisaties/nieuw">{t("organisations:list.new")}</ButtonLink>{" "}
        <a class="utrecht-link" href="/beheer/regios">
          {t("organisations:regions.title")}
        </a>
      </p>
      <Form method="get" action="/beheer/organisaties" aria-label={t("organisations:list.search")}>
        <TextField name="q" type="search" label={t("organisations:list.query")} value={props.q} />
        <SelectField
          name="soort"
          label={t("organisations:fields.kind")}
          value={props.kind}
          options={kindOptions}
          placeholder={t("organisations:list.allKinds")}
        />
        <Button variant="secondary">{t("organisations:list.search")}</Button>
      </Form>
      {props.rows.length === 0 ? (
        <p>{t("organisations:list.empty")}</p>
      ) : (
        <Table
          caption={t("organisations:list.caption", { count: props.rows.length })}
          head={[
            t("organisations:fields.name"),
            t("organisations:fields.kind"),
            t("organisations:fields.cbsCode"),
            t("organisations:fields.parent"),
            t("organisations:fields.region"),
          ]}
          rows={props.rows.map((o) => [
            <a key="name" class="utrecht-link" href={`/beheer/organisaties/${o.id}`}>
              {o.name}
            </a>,
            t(`organisations:kinds.${o.kind}`),
            o.cbsCode ?? "",
            o.parentName ?? "",
            o.regionName ?? "",
          ])}
        />
      )}
    </>
  );
}
