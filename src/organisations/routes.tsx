import type { FastifyInstance, FastifyRequest } from "fastify";
import type { TFunction } from "i18next";
import { z } from "zod";
import { auditContext } from "../accounts/index.ts";
import { NotFoundError, requireSignedIn } from "../platform/authz/index.ts";
import type { Config } from "../platform/config.ts";
import type { Database, DbOrTx } from "../platform/db/client.ts";
import { type FieldErrors, optionalText, parseForm, requiredText } from "../platform/http/forms.ts";
import type { Mailer } from "../platform/mail/mailer.ts";
import {
  createOrganisation,
  createRegion,
  type OrganisationChanges,
  type Problems,
  updateOrganisation,
} from "./commands.ts";
import { authorize, can } from "./policy.ts";
import {
  findOrganisation,
  listMunicipalities,
  listOrganisations,
  listProvinces,
  listRegions,
  readOrganisationDetail,
  regionOptions,
} from "./queries.ts";
import {
  cbsAreaOf,
  creatableKinds,
  municipalityCodePattern,
  provinceCodePattern,
} from "./rules.ts";
import { organisationKinds } from "./schema.ts";
import { OrganisationDetailPage } from "./views/organisation-detail.tsx";
import { CreateOrganisationPage, EditOrganisationPage } from "./views/organisation-form.tsx";
import { OrganisationListPage } from "./views/organisation-list.tsx";
import { CreateRegionPage, RegionListPage } from "./views/regions.tsx";

const optionalEmail = z.email().max(254).optional();
const optionalId = z.uuid().optional();

const listQuery = z.object({
  q: z.string().trim().max(100).optional().catch(undefined),
  soort: z.enum(organisationKinds).optional().catch(undefined),
});

const createSchema = z
  .object({
    kind: z.enum(creatableKinds),
    name: optionalText(200),
    municipalityCode: z.string().regex(municipalityCodePattern).optional(),
    provinceCode: z.string().regex(provinceCodePattern).optional(),
    parentId: optionalId,
    regionId: optionalId,
    contactEmail: optionalEmail,
  })
  .superRefine((v, ctx) => {
    // Only the CBS list the kind needs counts; a choice left in the other list is ignored.
    const area = cbsAreaOf(v.kind);
    if (area === "municipality" && !v.municipalityCode)
      ctx.addIssue({
        code: "custom",
        path: ["municipalityCode"],
        message: "organisations:errors.municipalityRequired",
      });
    if (area === "province" && !v.provinceCode)
      ctx.addIssue({
        code: "custom",
        path: ["provinceCode"],
        message: "organisations:errors.provinceRequired",
      });
    if (area === undefined && !v.name)
      ctx.addIssue({ code: "custom", path: ["name"], message: "validation:required" });
  });

const versionField = z.coerce.number().int().positive();
const editFullSchema = z.object({
  version: versionField,
  name: requiredText(200),
  parentId: optionalId,
  regionId: optionalId,
  contactEmail: optionalEmail,
});
const editContactSchema = z.object({ version: versionField, contactEmail: optionalEmail });

/** Emptied fields clear: an empty select or e-mail field means "none". */
function changesFrom(
  data: z.infer<typeof editFullSchema> | z.infer<typeof editContactSchema>,
): OrganisationChanges {
  const contactEmail = data.contactEmail ?? null;
  if (!("name" in data)) return { contactEmail };
  return {
    name: data.name,
    parentId: data.parentId ?? null,
    regionId: data.regionId ?? null,
    contactEmail,
  };
}

const regionSchema = z.object({
  name: requiredText(200),
  provinceCode: z.string().regex(provinceCodePattern).optional(),
  municipalityCodes: z
    .preprocess(
      (v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]),
      z.array(z.string().regex(municipalityCodePattern)).max(400),
    )
    .optional(),
});

/** A request that no form of ours can produce (e.g. a missing hidden field): 400, nothing changed. */
class BadRequestError extends Error {
  readonly statusCode = 400;
}

function organisationId(request: FastifyRequest): string {
  const parsed = z.uuid().safeParse((request.params as { id?: unknown }).id);
  if (!parsed.success) throw new NotFoundError("organisation");
  return parsed.data;
}

const submitted = (request: FastifyRequest) => (request.body ?? {}) as Record<string, unknown>;

function translate(problems: Problems, t: TFunction, rename: Record<string, string> = {}) {
  const errors: FieldErrors = {};
  for (const [field, key] of Object.entries(problems)) errors[rename[field] ?? field] = t(key);
  return errors;
}

async function cbsChoices(db: DbOrTx) {
  const [provinces, municipalities] = await Promise.all([
    listProvinces(db),
    listMunicipalities(db),
  ]);
  return { provinces, municipalities };
}

async function placementChoices(db: DbOrTx) {
  const [parents, regions] = await Promise.all([
    listOrganisations(db, { limit: 2000 }),
    regionOptions(db),
  ]);
  return { parents: parents.map((p) => ({ id: p.id, name: p.name })), regions };
}

/**
 * Organisation and region management under /beheer: the platform administrator manages all of
 * them; an organisation's own beheerder sees their organisation and edits its contact address.
 */
export function organisationRoutes(deps: { database: Database; mailer: Mailer; config: Config }) {
  const db = deps.database.db;

  return async (app: FastifyInstance) => {
    app.get("/beheer/organisaties", async (request, reply) => {
      const { actor, t } = request;
      requireSignedIn(actor);
      authorize(actor, "organisation.list", null);
      const query = listQuery.parse(request.query ?? {});
      const rows = await listOrganisations(db, { q: query.q || undefined, kind: query.soort });
      return reply.page(
        t("organisations:list.title"),
        <OrganisationListPage rows={rows} q={query.q} kind={query.soort} />,
      );
    });

    app.get("/beheer/organisaties/nieuw", async (request, reply) => {
      const { actor, t } = request;
      requireSignedIn(actor);
      authorize(actor, "organisation.create", null);
      const [cbs, placement] = await Promise.all([cbsChoices(db), placementChoices(db)]);
      return reply.page(
        t("organisations:create.title"),
        <CreateOrganisationPage cbs={cbs} {...placement} />,
      );
    });

    app.post("/beheer/organisaties", async (request, reply) => {
      const { actor, t } = request;
      requireSignedIn(actor);
      authorize(actor, "organisation.create", null);
      const form = parseForm(createSchema, request.body, t);
      const result = form.ok
        ? await createOrganisation(db, auditContext(request), {
            ...form.data,
            cbsCode:
              cbsAreaOf(form.data.kind) === "municipality"
                ? form.data.municipalityCode
                : cbsAreaOf(form.data.kind) === "province"
                  ? form.data.provinceCode
                  : undefined,
          })
        : undefined;
      if (result?.outcome === "created")
        return reply.seeOther(
          `/beheer/organisaties/${result.organisation.id}`,
          t("organisations:create.done", { name: result.organisation.name }),
        );
      const cbsField =
        form.ok && cbsAreaOf(form.data.kind) === "province" ? "provinceCode" : "municipalityCode";
      const errors = form.ok
        ? translate(result?.outcome === "invalid" ? result.problems : {}, t, { cbsCode: cbsField })
        : form.errors;
      const [cbs, placement] = await Promise.all([cbsChoices(db), placementChoices(db)]);
      return reply.page(
        t("organisations:create.title"),
        <CreateOrganisationPage
          cbs={cbs}
          {...placement}
          values={form.ok ? submitted(request) : form.values}
          errors={errors}
        />,
        { status: 422 },
      );
    });

    app.get("/beheer/organisaties/:id", async (request, reply) => {
      const { actor } = request;
      requireSignedIn(actor);
      const id = organisationId(request);
      // Decided on the id alone, before loading: whether another organisation exists is not revealed.
      authorize(actor, "organisation.view", { id });
      const detail = await readOrganisationDetail(db, auditContext(request), {
        id,
        withAccounts: can(actor, "organisation.listAccounts", { id }),
      });
      if (!detail) throw new NotFoundError("organisation");
      return reply.page(detail.organisation.name, <OrganisationDetailPage detail={detail} />);
    });

    const editMode = (request: FastifyRequest, id: string): "full" | "contact" => {
      if (can(request.actor, "organisation.edit", { id })) return "full";
      authorize(request.actor, "organisation.editContact", { id });
      return "contact";
    };

    app.get("/beheer/organisaties/:id/bewerken", async (request, reply) => {
      const { actor, t } = request;
      requireSignedIn(actor);
      const id = organisationId(request);
      const mode = editMode(request, id);
      const organisation = await findOrganisation(db, id);
      if (!organisation) throw new NotFoundError("organisation");
      const placement = mode === "full" ? await placementChoices(db) : { parents: [], regions: [] };
      return reply.page(
        t("organisations:edit.title", { name: organisation.name }),
        <EditOrganisationPage
          organisation={organisation}
          version={organisation.version}
          mode={mode}
          values={organisation}
          {...placement}
        />,
      );
    });

    app.post("/beheer/organisaties/:id", async (request, reply) => {
      const { actor, t } = request;
      requireSignedIn(actor);
      const id = organisationId(request);
      const mode = editMode(request, id);
      const submittedVersion = versionField.safeParse(submitted(request).version);
      if (!submittedVersion.success) throw new BadRequestError("version missing");
      const form = parseForm(mode === "full" ? editFullSchema : editContactSchema, request.body, t);
      const result = form.ok
        ? await updateOrganisation(db, auditContext(request), {
            id,
            version: submittedVersion.data,
            changes: changesFrom(form.data),
          })
        : undefined;
      if (result?.outcome === "updated")
        return reply.seeOther(
          `/beheer/organisaties/${id}`,
          t("organisations:edit.done", { name: result.organisation.name }),
        );
      if (result?.outcome === "not_found") throw new NotFoundError("organisation");
      const current =
        result?.outcome === "conflict" ? result.current : await findOrganisation(db, id);
      if (!current) throw new NotFoundError("organisation");
      const placement = mode === "full" ? await placementChoices(db) : { parents: [], regions: [] };
      const conflict = result?.outcome === "conflict";
      return reply.page(
        t("organisations:edit.title", { name: current.name }),
        <EditOrganisationPage
          organisation={current}
          // After a conflict the form is based on what is stored now: saving again is a
          // deliberate choice made with both versions in view.
          version={conflict ? current.version : submittedVersion.data}
          mode={mode}
          values={form.ok ? submitted(request) : form.values}
          errors={
            !form.ok
              ? form.errors
              : conflict
                ? { _form: t("organisations:edit.conflict") }
                : translate(result?.outcome === "invalid" ? result.problems : {}, t)
          }
          conflict={conflict}
          {...placement}
        />,
        { status: conflict ? 409 : 422 },
      );
    });

    app.get("/beheer/regios", async (request, reply) => {
      const { actor, t } = request;
      requireSignedIn(actor);
      authorize(actor, "region.list", null);
      const rows = await listRegions(db);
      return reply.page(t("organisations:regions.title"), <RegionListPage rows={rows} />);
    });

    app.get("/beheer/regios/nieuw", async (request, reply) => {
      const { actor, t } = request;
      requireSignedIn(actor);
      authorize(actor, "region.create", null);
      return reply.page(
        t("organisations:regions.createTitle"),
        <CreateRegionPage cbs={await cbsChoices(db)} />,
      );
    });

    app.post("/beheer/regios", async (request, reply) => {
      const { actor, t } = request;
      requireSignedIn(actor);
      authorize(actor, "region.create", null);
      const form = parseForm(regionSchema, request.body, t);
      const result = form.ok ? await createRegion(db, auditContext(request), form.data) : undefined;
      if (result?.outcome === "created")
        return reply.seeOther(
          "/beheer/regios",
          t("organisations:regions.done", { name: form.ok ? form.data.name : "" }),
        );
      return reply.page(
        t("organisations:regions.createTitle"),
        <CreateRegionPage
          cbs={await cbsChoices(db)}
          values={form.ok ? submitted(request) : form.values}
          errors={
            form.ok
              ? translate(result?.outcome === "invalid" ? result.problems : {}, t)
              : form.errors
          }
        />,
        { status: 422 },
      );
    });
  };
}
