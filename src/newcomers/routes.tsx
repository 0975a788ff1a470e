import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { TFunction } from "i18next";
import { z } from "zod";
import { auditContext } from "../accounts/index.ts";
import { NotFoundError, requireSignedIn } from "../platform/authz/index.ts";
import type { Database } from "../platform/db/client.ts";
import { ConflictError } from "../platform/http/errors.ts";
import { type FieldErrors, parseForm } from "../platform/http/forms.ts";
import type { ConflictRow } from "../platform/views/conflict.tsx";
import { createNewcomer, InvalidNewcomerError, updateNewcomer } from "./commands.ts";
import { refOf, submitted, translateFields } from "./http.ts";
import { importRoutes } from "./import/routes.tsx";
import { type NewcomerChanges, newcomerInputSchema, newcomerUpdateSchema } from "./input.ts";
import { recordPartRoutes } from "./part-routes.tsx";
import {
  type NewcomerDataClass,
  type NewcomerRef,
  newcomerDataClasses,
  newcomerPolicy,
  writableDataClasses,
} from "./policy.ts";
import { displayName, newcomerFieldClasses, type PresentedNewcomer } from "./presenter.ts";
import {
  assignableConsultants,
  findNewcomerRecord,
  getNewcomer,
  getNewcomerFile,
  listNewcomers,
} from "./queries.ts";
import { localeName, yesNoLabel } from "./views/labels.ts";
import { NewcomerDetailPage, NewcomerFormPage, NewcomerListPage } from "./views/pages.tsx";

const listQuery = z.object({
  zoek: z.string().max(100).optional(),
  na: z.string().max(40).optional(),
});

/** The classes a new record may be given on the form: everything but health (issue 3). */
const creatableClasses = newcomerDataClasses.filter((dc) => dc !== "health");

/** Fields the edit form does not carry: the consultant changes by transfer (with a note). */
const notOnEditForm = new Set(["assignedConsultantId"]);

/** The form's values for the fields of the editable classes; empty fields clear the field. */
function changesFrom(
  data: z.infer<typeof newcomerUpdateSchema>,
  editable: readonly NewcomerDataClass[],
): NewcomerChanges {
  const changes: Record<string, unknown> = { version: data.version };
  for (const [field, dataClass] of Object.entries(newcomerFieldClasses)) {
    if (editable.includes(dataClass) && !notOnEditForm.has(field))
      changes[field] = (data as Record<string, unknown>)[field] ?? null;
  }
  return changes as NewcomerChanges;
}

/** A field's value as a person reads it (for the side-by-side view of a refused save). */
function readable(t: TFunction, field: string, value: unknown): string {
  if (value === undefined || value === null || value === "") return "";
  if (typeof value === "boolean") return yesNoLabel(t, value);
  if (field === "targetGroup") return t(`newcomers:targetGroups.${String(value)}`);
  if (field === "literacy") return t(`newcomers:literacy.${String(value)}`);
  if (field === "preferredLanguage" || field === "letterLanguage") return localeName(String(value));
  return String(value);
}

/** The fields where what the person sent differs from what is stored now. */
function differences(
  t: TFunction,
  sent: NewcomerChanges,
  stored: PresentedNewcomer,
): ConflictRow[] {
  const rows: ConflictRow[] = [];
  for (const [field, value] of Object.entries(sent)) {
    if (field === "version" || !(field in stored)) continue;
    const now = (stored as unknown as Record<string, unknown>)[field];
    if ((value ?? null) === (now ?? null)) continue;
    rows.push({
      label: t(`newcomers:fields.${field}`),
      yours: readable(t, field, value),
      saved: readable(t, field, now),
    });
  }
  return rows;
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
      const holder = { organisationId: actor.organisationId ?? "" };
      return reply.page(
        t("newcomers:list.title"),
        <NewcomerListPage
          list={list}
          query={query}
          canCreate={newcomerPolicy.can(actor, "newcomer.create", holder)}
          canImport={newcomerPolicy.can(actor, "newcomer.import", holder)}
          after={after}
        />,
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
          return showCreateForm(
            request,
            reply,
            submitted(request),
            translateFields(request, error.fields),
          );
        throw error;
      }
    });

    app.get("/nieuwkomers/:id", async (request, reply) => {
      const { actor } = request;
      requireSignedIn(actor);
      const { id } = request.params as { id: string };
      const file = await getNewcomerFile(db, auditContext(request), id);
      const ref = refOf(file.newcomer);
      return reply.page(
        displayName(file.newcomer),
        <NewcomerDetailPage
          file={file}
          canEdit={newcomerPolicy.can(actor, "newcomer.update", ref)}
          canTransfer={newcomerPolicy.can(actor, "newcomer.transfer", ref)}
        />,
      );
    });

    const showEditForm = async (
      request: FastifyRequest,
      reply: FastifyReply,
      id: string,
      ref: NewcomerRef,
      values: Record<string, unknown>,
      options: {
        errors?: FieldErrors;
        status?: number;
        conflict?: { rows: ConflictRow[] };
      } = {},
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
      return showEditForm(request, reply, id, refOf(newcomer), { ...newcomer });
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
      const changes = changesFrom(form.data, editable);
      try {
        await updateNewcomer(db, auditContext(request), id, changes);
        return reply.seeOther(`/nieuwkomers/${id}`, t("newcomers:form.saved"));
      } catch (error) {
        if (!row) throw error;
        if (error instanceof InvalidNewcomerError)
          return showEditForm(request, reply, id, row, submitted(request), {
            errors: translateFields(request, error.fields),
            status: 422,
          });
        if (error instanceof ConflictError) {
          // Both versions: the stored one is read (and audited) to be shown beside the input.
          // The form keeps the input and now carries the current version: saving again is a
          // deliberate choice to overwrite.
          const stored = await getNewcomer(db, auditContext(request), id);
          return showEditForm(
            request,
            reply,
            id,
            refOf(stored),
            { ...submitted(request), version: stored.version },
            {
              errors: { _form: t("newcomers:form.conflict") },
              status: 409,
              conflict: { rows: differences(t, changes, stored) },
            },
          );
        }
        throw error;
      }
    });

    await app.register(recordPartRoutes(deps));
    await app.register(importRoutes(deps));
  };
}
