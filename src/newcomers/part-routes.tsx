// The pages for the parts of a record: languages, household, key dates and extensions, the
// assignment and the people involved. Each form posts to one command; a refused form shows the
// page again with the input kept (422), a stale transfer both versions (409).
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { z } from "zod";
import { auditContext } from "../accounts/index.ts";
import type { AuditContext } from "../audit/index.ts";
import { NotFoundError, requireSignedIn } from "../platform/authz/index.ts";
import type { Database } from "../platform/db/client.ts";
import { ConflictError } from "../platform/http/errors.ts";
import { parseForm } from "../platform/http/forms.ts";
import {
  addHouseholdMember,
  addInvolvement,
  addLanguage,
  addTermExtension,
  endInvolvement,
  InvalidNewcomerError,
  recordKeyDate,
  removeHouseholdMember,
  removeLanguage,
  transferNewcomer,
  withdrawKeyDate,
} from "./commands.ts";
import { refOf, submitted, translateFields } from "./http.ts";
import {
  extensionInputSchema,
  householdInputSchema,
  involvementInputSchema,
  keyDateInputSchema,
  languageInputSchema,
  transferInputSchema,
  withdrawKeyDateSchema,
} from "./input.ts";
import { newcomerPolicy } from "./policy.ts";
import {
  assignableConsultants,
  getNewcomerFile,
  keyPersonAccounts,
  type NewcomerFile,
  partnerOrganisations,
} from "./queries.ts";
import { todayInNetherlands } from "./rules.ts";
import {
  type FormState,
  HouseholdPage,
  KeyDatesPage,
  LanguagesPage,
  PeoplePage,
  WithdrawKeyDatePage,
} from "./views/parts.tsx";

type Params = Record<string, string>;
type Show = (
  request: FastifyRequest,
  reply: FastifyReply,
  params: Params,
  state?: FormState,
  status?: number,
) => Promise<FastifyReply>;

export function recordPartRoutes(deps: { database: Database }) {
  const db = deps.database.db;

  return async (app: FastifyInstance) => {
    const load = (request: FastifyRequest, id: string) =>
      getNewcomerFile(db, auditContext(request), id);
    const canEdit = (request: FastifyRequest, file: NewcomerFile) =>
      newcomerPolicy.can(request.actor, "newcomer.update", refOf(file.newcomer));

    /** A page of a part: readable by whoever may read the record, its forms for who may change it. */
    const page =
      (
        title: string,
        render: (
          request: FastifyRequest,
          file: NewcomerFile,
          params: Params,
          state?: FormState,
        ) => Promise<preact.JSX.Element> | preact.JSX.Element,
        options: { editOnly?: boolean } = {},
      ): Show =>
      async (request, reply, params, state, status = 200) => {
        requireSignedIn(request.actor);
        const file = await load(request, params.id ?? "");
        if (options.editOnly)
          newcomerPolicy.authorize(request.actor, "newcomer.update", refOf(file.newcomer));
        return reply.page(request.t(title), await render(request, file, params, state), { status });
      };

    /**
     * A form on a part page: validate, run the command, redirect back with a message; or show the
     * page again with the errors (422) or, for a stale version, both versions (409).
     */
    const form = <S extends z.ZodType>(
      path: string,
      spec: {
        schema: S;
        form: string;
        show: Show;
        run: (ctx: AuditContext, params: Params, data: z.infer<S>) => Promise<void>;
        back: (params: Params) => string;
        done: string;
        conflict?: (
          request: FastifyRequest,
          file: NewcomerFile,
          data: z.infer<S>,
        ) => Promise<FormState>;
      },
    ) =>
      app.post(path, async (request, reply) => {
        requireSignedIn(request.actor);
        const params = request.params as Params;
        const parsed = parseForm(spec.schema, request.body, request.t);
        if (!parsed.ok)
          return spec.show(
            request,
            reply,
            params,
            { form: spec.form, values: parsed.values, errors: parsed.errors },
            422,
          );
        try {
          await spec.run(auditContext(request), params, parsed.data);
          return reply.seeOther(spec.back(params), request.t(spec.done));
        } catch (error) {
          if (error instanceof InvalidNewcomerError)
            return spec.show(
              request,
              reply,
              params,
              {
                form: spec.form,
                values: submitted(request),
                errors: translateFields(request, error.fields),
              },
              422,
            );
          if (error instanceof ConflictError && spec.conflict) {
            const file = await load(request, params.id ?? "");
            const state = await spec.conflict(request, file, parsed.data);
            return spec.show(request, reply, params, state, 409);
          }
          throw error;
        }
      });

    const id = (p: Params) => p.id ?? "";

    // Languages spoken.
    const showLanguages = page(
      "newcomers:languages.title",
      (_request, file, _params, state) => <LanguagesPage file={file} state={state} />,
      { editOnly: true },
    );
    app.get("/nieuwkomers/:id/talen", (request, reply) =>
      showLanguages(request, reply, request.params as Params),
    );
    form("/nieuwkomers/:id/talen", {
      schema: languageInputSchema,
      form: "add",
      show: showLanguages,
      run: (ctx, p, data) => addLanguage(db, ctx, id(p), data),
      back: (p) => `/nieuwkomers/${id(p)}/talen`,
      done: "newcomers:languages.added",
    });
    app.post("/nieuwkomers/:id/talen/:languageId/verwijderen", async (request, reply) => {
      requireSignedIn(request.actor);
      const p = request.params as Params;
      await removeLanguage(db, auditContext(request), id(p), p.languageId ?? "");
      return reply.seeOther(
        `/nieuwkomers/${id(p)}/talen`,
        request.t("newcomers:languages.removed"),
      );
    });

    // Household.
    const showHousehold = page(
      "newcomers:household.title",
      (_request, file, _params, state) => <HouseholdPage file={file} state={state} />,
      { editOnly: true },
    );
    app.get("/nieuwkomers/:id/huishouden", (request, reply) =>
      showHousehold(request, reply, request.params as Params),
    );
    form("/nieuwkomers/:id/huishouden", {
      schema: householdInputSchema,
      form: "add",
      show: showHousehold,
      run: (ctx, p, data) => addHouseholdMember(db, ctx, id(p), data),
      back: (p) => `/nieuwkomers/${id(p)}/huishouden`,
      done: "newcomers:household.added",
    });
    app.post("/nieuwkomers/:id/huishouden/:memberId/verwijderen", async (request, reply) => {
      requireSignedIn(request.actor);
      const p = request.params as Params;
      await removeHouseholdMember(db, auditContext(request), id(p), p.memberId ?? "");
      return reply.seeOther(
        `/nieuwkomers/${id(p)}/huishouden`,
        request.t("newcomers:household.removed"),
      );
    });

    // Key dates with their history, and extensions of the term.
    const showDates = page("newcomers:keyDates.title", (request, file, _params, state) => {
      const kind = (request.query as Record<string, unknown>).soort;
      return (
        <KeyDatesPage
          file={file}
          canEdit={canEdit(request, file)}
          kind={typeof kind === "string" ? kind : undefined}
          state={state}
        />
      );
    });
    app.get("/nieuwkomers/:id/datums", (request, reply) =>
      showDates(request, reply, request.params as Params),
    );
    form("/nieuwkomers/:id/datums", {
      schema: keyDateInputSchema,
      form: "record",
      show: showDates,
      run: (ctx, p, data) => recordKeyDate(db, ctx, id(p), data),
      back: (p) => `/nieuwkomers/${id(p)}/datums`,
      done: "newcomers:keyDates.saved",
    });
    form("/nieuwkomers/:id/verlengingen", {
      schema: extensionInputSchema,
      form: "extension",
      show: showDates,
      run: (ctx, p, data) => addTermExtension(db, ctx, id(p), data),
      back: (p) => `/nieuwkomers/${id(p)}/datums`,
      done: "newcomers:extensions.added",
    });

    const showWithdraw = page(
      "newcomers:keyDates.withdrawTitle",
      (_request, file, params, state) => {
        const row = file.keyDates.find((d) => d.id === params.dateId && !d.withdrawnAt);
        if (!row) throw new NotFoundError("key date");
        return <WithdrawKeyDatePage file={file} row={row} state={state} />;
      },
      { editOnly: true },
    );
    app.get("/nieuwkomers/:id/datums/:dateId/intrekken", (request, reply) =>
      showWithdraw(request, reply, request.params as Params),
    );
    form("/nieuwkomers/:id/datums/:dateId/intrekken", {
      schema: withdrawKeyDateSchema,
      form: "withdraw",
      show: showWithdraw,
      run: (ctx, p, data) => withdrawKeyDate(db, ctx, id(p), p.dateId ?? "", data.reason),
      back: (p) => `/nieuwkomers/${id(p)}/datums`,
      done: "newcomers:keyDates.withdrawn",
    });

    // The assigned consultant, key persons and chain partners.
    const showPeople = page("newcomers:people.title", async (request, file, _params, state) => {
      const organisationId = file.newcomer.organisationId;
      const [consultants, keyPersons, partners] = await Promise.all([
        assignableConsultants(db, organisationId),
        keyPersonAccounts(db, organisationId),
        partnerOrganisations(db),
      ]);
      return (
        <PeoplePage
          file={file}
          canEdit={canEdit(request, file)}
          canTransfer={newcomerPolicy.can(request.actor, "newcomer.transfer", refOf(file.newcomer))}
          consultants={consultants}
          keyPersons={keyPersons}
          partners={partners}
          state={state}
        />
      );
    });
    app.get("/nieuwkomers/:id/betrokkenen", (request, reply) =>
      showPeople(request, reply, request.params as Params),
    );
    form("/nieuwkomers/:id/overdragen", {
      schema: transferInputSchema,
      form: "transfer",
      show: showPeople,
      run: (ctx, p, data) => transferNewcomer(db, ctx, id(p), data),
      back: (p) => `/nieuwkomers/${id(p)}/betrokkenen`,
      done: "newcomers:people.transferred",
      conflict: async (request, file, data) => {
        const { t } = request;
        const colleagues = await assignableConsultants(db, file.newcomer.organisationId);
        const chosen = colleagues.find((c) => c.id === data.consultantId)?.name ?? "";
        return {
          form: "transfer",
          // Without a version the form takes the current one: sending again is deliberate.
          values: { consultantId: data.consultantId, note: data.note },
          errors: { _form: t("newcomers:form.conflict") },
          conflict: {
            rows: [
              {
                label: t("newcomers:fields.assignedConsultant"),
                yours: chosen,
                saved: file.newcomer.assignedConsultant?.name ?? t("newcomers:unassigned"),
              },
            ],
          },
        };
      },
    });
    form("/nieuwkomers/:id/betrokkenen", {
      schema: involvementInputSchema,
      form: "involve",
      show: showPeople,
      run: (ctx, p, data) => addInvolvement(db, ctx, id(p), data),
      back: (p) => `/nieuwkomers/${id(p)}/betrokkenen`,
      done: "newcomers:people.involvedAdded",
    });
    app.post("/nieuwkomers/:id/betrokkenen/:involvementId/beeindigen", async (request, reply) => {
      requireSignedIn(request.actor);
      const p = request.params as Params;
      await endInvolvement(
        db,
        auditContext(request),
        id(p),
        p.involvementId ?? "",
        todayInNetherlands(),
      );
      return reply.seeOther(
        `/nieuwkomers/${id(p)}/betrokkenen`,
        request.t("newcomers:people.ended"),
      );
    });
  };
}
