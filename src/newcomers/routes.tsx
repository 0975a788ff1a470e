import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { auditContext } from "../accounts/index.ts";
import { NotFoundError, requireSignedIn } from "../platform/authz/index.ts";
import type { Database } from "../platform/db/client.ts";
import { ConflictError } from "../platform/http/errors.ts";
import { type FieldErrors, parseForm } from "../platform/http/forms.ts";
import { createNewcomer, InvalidNewcomerError, updateNewcomer } from "./commands.ts";
import { type NewcomerChanges, newcomerInputSchema, newcomerUpdateSchema } from "./input.ts";
import {
  type NewcomerDataClass,
  type NewcomerRef,
  newcomerDataClasses,
  newcomerPolicy,
  writableDataClasses,
} from "./policy.ts";
import { newcomerFieldClasses, type PresentedNewcomer } from "./presenter.ts";
import {
  assignableConsultants,
  findNewcomerRecord,
  getNewcomer,
  listNewcomers,
} from "./queries.ts";
import { NewcomerDetailPage, NewcomerFormPage, NewcomerListPage } from "./views/pages.tsx";

const listQuery = z.object({
  zoek: z.string().max(100).optional(),
  na: z.string().max(40).optional(),
});

/** The classes a new record may be given on the form: everything but health (issue 3). */
const creatableClasses = newcomerDataClasses.filter((dc) => dc !== "health");

const refOf = (n: PresentedNewcomer): NewcomerRef => ({
  organisationId: n.organisationId,
  assignedConsultantId: n.assignedConsultant?.id ?? null,
});

const translate = (request: FastifyRequest, fields: Record<string, string>): FieldErrors =>
  Object.fromEntries(Object.entries(fields).map(([f, key]) => [f, request.t(key)]));

/** The form's values for the fields of the editable classes; empty fields clear the field. */
function changesFrom(
  data: z.infer<typeof newcomerUpdateSchema>,
  editable: readonly NewcomerDataClass[],
): NewcomerChanges {
  const changes: Record<string, unknown> = { version: data.version };
  for (const [field, dataClass] of Object.entries(newcomerFieldClasses)) {
    if (editable.includes(dataClass))
      changes[field] = (data as Record<string, unknown>)[field] ?? null;
  }
  return changes as NewcomerChanges;
}

/** Newcomers' records for the municipality's consultants and team leads. */
export function newcomerRoutes(deps: { database: Database }) {
  const db = deps.database.db;

  return async (app: FastifyInstance) => {
    app.get("/nieuwkomers", async (request, reply) => {
      const { actor, t } = request;
      requireSignedIn(actor);
      const form = parseForm(listQuery, request.query, t);
      const query = form.ok ? (form.data.zoek ?? "") : "";
      const after = form.ok ? form.data.na : undefined;
      const list = await listNewcomers(db, auditContext(request), { query, after });
      const canCreate =
        !!actor.organisationId &&
        newcomerPolicy.can(actor, "newcomer.create", { organisationId: actor.organisationId });
      return reply.page(
        t("newcomers:list.title"),
        <NewcomerListPage list={list} query={query} canCreate={canCreate} after={after} />,
      );
    });

    const showCreateForm = async (
      request: FastifyRequest,
      reply: FastifyReply,
      values: Record<string, unknown>,
      errors?: FieldErrors,
    ) => {
      const organisationId = request.actor.organisationId ?? "";
      newcomerPolicy.authorize(request.actor, "newcomer.create", { organisationId });
      return reply.page(
        request.t("newcomers:form.createTitle"),
        <NewcomerFormPage
          mode="create"
          action="/nieuwkomers/nieuw"
          values={values}
          errors={errors}
          consultants={await assignableConsultants(db, organisationId)}
          editable={creatableClasses}
        />,
        { status: errors ? 422 : 200 },
      );
    };

    app.get("/nieuwkomers/nieuw", async (request, reply) => {
      requireSignedIn(request.actor);
      return showCreateForm(request, reply, { assignedConsultantId: request.actor.accountId });
    });

    app.post("/nieuwkomers/nieuw", async (request, reply) => {
      const { t } = request;
      requireSignedIn(request.actor);
      const form = parseForm(newcomerInputSchema, request.body, t);
      if (!form.ok) return showCreateForm(request, reply, form.values, form.errors);
      try {
        const created = await createNewcomer(db, auditContext(request), form.data);
        return reply.seeOther(`/nieuwkomers/${created.id}`, t("newcomers:form.created"));
      } catch (error) {
        if (error instanceof InvalidNewcomerError)
          return showCreateForm(request, reply, form.data, translate(request, error.fields));
        throw error;
      }
    });

    app.get("/nieuwkomers/:id", async (request, reply) => {
      requireSignedIn(request.actor);
      const { id } = request.params as { id: string };
      const newcomer = await getNewcomer(db, auditContext(request), id);
      const canEdit = newcomerPolicy.can(request.actor, "newcomer.update", refOf(newcomer));
      return reply.page(
        `${newcomer.givenNames ?? ""} ${newcomer.familyName ?? ""}`.trim(),
        <NewcomerDetailPage newcomer={newcomer} canEdit={canEdit} />,
      );
    });

    const showEditForm = async (
      request: FastifyRequest,
      reply: FastifyReply,
      id: string,
      ref: NewcomerRef,
      values: Record<string, unknown>,
      options: { errors?: FieldErrors; status?: number; conflict?: boolean } = {},
    ) => {
      newcomerPolicy.authorize(request.actor, "newcomer.update", ref);
      return reply.page(
        request.t("newcomers:form.editTitle"),
        <NewcomerFormPage
          mode="edit"
          action={`/nieuwkomers/${id}/bewerken`}
          values={values}
          errors={options.errors}
          conflict={options.conflict}
          consultants={await assignableConsultants(db, ref.organisationId)}
          editable={writableDataClasses(request.actor, ref)}
        />,
        { status: options.status ?? 200 },
      );
    };

    app.get("/nieuwkomers/:id/bewerken", async (request, reply) => {
      requireSignedIn(request.actor);
      const { id } = request.params as { id: string };
      // The form shows the stored data: an audited read like the detail page.
      const newcomer = await getNewcomer(db, auditContext(request), id);
      return showEditForm(request, reply, id, refOf(newcomer), {
        ...newcomer,
        assignedConsultantId: newcomer.assignedConsultant?.id,
      });
    });

    app.post("/nieuwkomers/:id/bewerken", async (request, reply) => {
      const { actor, t } = request;
      requireSignedIn(actor);
      const { id } = request.params as { id: string };
      // Policy facts only (organisation, assignment); nothing of this row is shown.
      const row = await findNewcomerRecord(db, id);
      const form = parseForm(newcomerUpdateSchema, request.body, t);
      if (!form.ok) {
        if (!row || !newcomerPolicy.can(actor, "newcomer.read", row))
          throw new NotFoundError("newcomer");
        return showEditForm(request, reply, id, row, form.values, {
          errors: form.errors,
          status: 422,
        });
      }
      const editable = row ? writableDataClasses(actor, row) : [...creatableClasses];
      try {
        await updateNewcomer(db, auditContext(request), id, changesFrom(form.data, editable));
        return reply.seeOther(`/nieuwkomers/${id}`, t("newcomers:form.saved"));
      } catch (error) {
        if (!row) throw error;
        if (error instanceof InvalidNewcomerError)
          return showEditForm(request, reply, id, row, form.data, {
            errors: translate(request, error.fields),
            status: 422,
          });
        if (error instanceof ConflictError)
          return showEditForm(request, reply, id, row, form.data, {
            errors: { _form: t("common:errors.conflict") },
            status: 409,
            conflict: true,
          });
        throw error;
      }
    });
  };
}
