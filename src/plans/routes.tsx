import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { auditContext } from "../accounts/index.ts";
import type { AuditContext } from "../audit/index.ts";
import { NotFoundError, requireSignedIn } from "../platform/authz/index.ts";
import type { Config } from "../platform/config.ts";
import type { Database, Db } from "../platform/db/client.ts";
import { ConflictError } from "../platform/http/errors.ts";
import { type FieldErrors, parseForm } from "../platform/http/forms.ts";
import { Alert, Heading } from "../platform/views/components.tsx";
import {
  adviceFor,
  createPlanVersion,
  InvalidPlanError,
  markPlanDiscussed,
  recordLegalRemedy,
  reopenPlanConcept,
  savePlanConcept,
  setPlanVersion,
} from "./commands.ts";
import { compareFields, planFields } from "./compare.ts";
import {
  applyFormAction,
  changeFormSchema,
  discussedFormSchema,
  dropBlankRows,
  formValuesFrom,
  legalRemedyFormSchema,
  nestPlanForm,
  type PlanFormValues,
  parseFormAction,
  planFormSchema,
  setFormSchema,
  versionFormSchema,
} from "./input.ts";
import { readIntakeFacts } from "./intake.ts";
import { renderPipDocument } from "./pip/document.tsx";
import { createPdfRenderer, PdfUnavailableError } from "./pip/pdf.ts";
import { planPolicy } from "./policy.ts";
import {
  getPlanDocument,
  getPlanFile,
  getPlanVersions,
  languageProviders,
  type PlanFile,
  type PresentedPlanVersion,
} from "./queries.ts";
import {
  componentsFor,
  type IntakeFacts,
  type RouteComponents,
  todayInNetherlands,
} from "./rules.ts";
import { type Leerroute, leerroutes } from "./schema.ts";
import { explain, newcomerName, planPath, translateErrors, versionPath } from "./views/format.tsx";
import { PlanComparePage, PlanOverviewPage, PlanVersionPage } from "./views/pages.tsx";
import { PlanFormPage } from "./views/plan-form.tsx";

/** Reads what the plan needs from the brede intake (default: the intake's own summary). */
export type IntakeReader = (
  db: Db,
  ctx: AuditContext,
  newcomerId: string,
) => Promise<IntakeFacts | undefined>;

const versionNumber = (request: FastifyRequest): number => {
  const { n } = request.params as { n: string };
  if (!/^\d{1,4}$/.test(n)) throw new NotFoundError("plan version");
  return Number(n);
};

const compareQuery = z.object({
  a: z.coerce.number().int().positive().max(9999),
  b: z.coerce.number().int().positive().max(9999),
  alleen: z.literal("wijzigingen").optional(),
});

/** The PIP pages under /nieuwkomers/:id/pip, for the municipality's consultants and team leads. */
export function planRoutes(deps: {
  database: Database;
  config: Config;
  readIntake?: IntakeReader;
}) {
  const db = deps.database.db;
  const readIntake: IntakeReader = deps.readIntake ?? readIntakeFacts;
  const pdf = createPdfRenderer({ executablePath: deps.config.CHROMIUM_PATH });

  return async (app: FastifyInstance) => {
    app.addHook("onClose", async () => pdf.close());

    const permissions = (request: FastifyRequest, file: PlanFile) => ({
      edit: planPolicy.can(request.actor, "plan.edit", file.newcomer),
      set: planPolicy.can(request.actor, "plan.set", file.newcomer),
      legalRemedy: planPolicy.can(request.actor, "plan.legalRemedy", file.newcomer),
    });

    const showOverview = async (
      request: FastifyRequest,
      reply: FastifyReply,
      id: string,
      options: { errors?: FieldErrors; values?: Record<string, unknown>; status?: number } = {},
    ) => {
      const { t, locale } = request;
      const ctx = auditContext(request);
      const file = await getPlanFile(db, ctx, id);
      const today = todayInNetherlands();
      let advice: { route: (typeof leerroutes)[number]; reasons: string[] } | undefined;
      let intakeKnown = true;
      if (!file.plan) {
        const intake = await readIntake(db, ctx, id);
        intakeKnown = !!intake;
        const fresh = adviceFor(file.newcomer, intake, today);
        advice = { route: fresh.route, reasons: fresh.reasons.map((r) => explain(t, locale, r)) };
      }
      return reply.page(
        t("plans:title", { name: newcomerName(file.newcomer) }),
        <PlanOverviewPage
          file={file}
          advice={advice}
          intakeKnown={intakeKnown}
          can={permissions(request, file)}
          errors={options.errors}
          values={options.values ?? {}}
          today={today}
        />,
        { status: options.status ?? 200 },
      );
    };

    const showForm = async (
      request: FastifyRequest,
      reply: FastifyReply,
      id: string,
      number: number,
      options: {
        values?: PlanFormValues;
        errors?: FieldErrors;
        status?: number;
        conflict?: PresentedPlanVersion;
      } = {},
    ) => {
      const { t, locale } = request;
      const ctx = auditContext(request);
      const { file, versions } = await getPlanVersions(db, ctx, id, [number]);
      const version = versions[0] as PresentedPlanVersion;
      if (version.status !== "concept" && !options.conflict)
        return reply.seeOther(
          versionPath(id, number),
          t("plans:errors.step.edit", { status: t(`plans:status.${version.status}`) }),
        );
      const targetGroup = file.newcomer.targetGroup;
      if (!targetGroup) return reply.seeOther(planPath(id), t("plans:errors.targetGroupUnknown"));
      const intake = await readIntake(db, ctx, id);
      const today = todayInNetherlands();
      const advice = adviceFor(file.newcomer, intake, today);
      const componentsByRoute = Object.fromEntries(
        leerroutes.map((route) => [
          route,
          componentsFor({ route, targetGroup, socialAssistance: file.newcomer.socialAssistance }),
        ]),
      ) as Record<Leerroute, RouteComponents>;
      const values =
        options.values ?? formValuesFrom(version.content, version.version, version.changeReason);
      return reply.page(
        t("plans:form.title", { n: number, name: newcomerName(file.newcomer) }),
        <PlanFormPage
          file={file}
          version={version}
          values={values}
          errors={options.errors}
          advice={{
            route: advice.route,
            reasons: advice.reasons.map((r) => explain(t, locale, r)),
          }}
          componentsByRoute={componentsByRoute}
          intake={intake}
          providers={await languageProviders(db)}
          conflict={options.conflict}
          today={today}
        />,
        { status: options.status ?? 200 },
      );
    };

    /** Runs a lifecycle command; its refusals come back on the overview page, with what was typed. */
    const lifecycle = async (
      request: FastifyRequest,
      reply: FastifyReply,
      id: string,
      run: () => Promise<unknown>,
      done: string,
    ) => {
      const { t, locale } = request;
      const values = { ...(request.body as Record<string, unknown>) };
      try {
        await run();
        return reply.seeOther(planPath(id), t(done));
      } catch (error) {
        if (error instanceof InvalidPlanError)
          return showOverview(request, reply, id, {
            errors: translateErrors(t, locale, error.fields),
            values,
            status: 422,
          });
        if (error instanceof ConflictError)
          return showOverview(request, reply, id, {
            errors: { _form: t("plans:errors.stale") },
            status: 409,
          });
        throw error;
      }
    };

    app.get("/nieuwkomers/:id/pip", async (request, reply) => {
      requireSignedIn(request.actor);
      const { id } = request.params as { id: string };
      return showOverview(request, reply, id);
    });

    app.post("/nieuwkomers/:id/pip", async (request, reply) => {
      requireSignedIn(request.actor);
      const { id } = request.params as { id: string };
      const ctx = auditContext(request);
      try {
        const intake = await readIntake(db, ctx, id);
        const created = await createPlanVersion(db, ctx, { newcomerId: id, intake });
        return reply.seeOther(
          versionPath(id, created.number, "/bewerken"),
          request.t("plans:started"),
        );
      } catch (error) {
        if (!(error instanceof InvalidPlanError)) throw error;
        return showOverview(request, reply, id, {
          errors: translateErrors(request.t, request.locale, error.fields),
          status: 422,
        });
      }
    });

    app.post("/nieuwkomers/:id/pip/wijzigen", async (request, reply) => {
      const { t } = request;
      requireSignedIn(request.actor);
      const { id } = request.params as { id: string };
      const form = parseForm(changeFormSchema, request.body, t);
      if (!form.ok)
        return showOverview(request, reply, id, {
          errors: form.errors,
          values: form.values,
          status: 422,
        });
      try {
        const created = await createPlanVersion(db, auditContext(request), {
          newcomerId: id,
          changeReason: form.data.changeReason,
        });
        return reply.seeOther(
          versionPath(id, created.number, "/bewerken"),
          t("plans:change.started", { n: created.number }),
        );
      } catch (error) {
        if (!(error instanceof InvalidPlanError)) throw error;
        return showOverview(request, reply, id, {
          errors: translateErrors(t, request.locale, error.fields),
          values: form.data,
          status: 422,
        });
      }
    });

    app.get("/nieuwkomers/:id/pip/versies/:n", async (request, reply) => {
      requireSignedIn(request.actor);
      const { id } = request.params as { id: string };
      const number = versionNumber(request);
      const { file, versions } = await getPlanVersions(db, auditContext(request), id, [number]);
      const version = versions[0] as PresentedPlanVersion;
      return reply.page(
        request.t("plans:versionPage.title", { n: number, name: newcomerName(file.newcomer) }),
        <PlanVersionPage file={file} version={version} />,
      );
    });

    app.get("/nieuwkomers/:id/pip/versies/:n/bewerken", async (request, reply) => {
      requireSignedIn(request.actor);
      const { id } = request.params as { id: string };
      return showForm(request, reply, id, versionNumber(request));
    });

    app.post("/nieuwkomers/:id/pip/versies/:n/bewerken", async (request, reply) => {
      const { t, locale } = request;
      requireSignedIn(request.actor);
      const { id } = request.params as { id: string };
      const number = versionNumber(request);
      const body = request.body as Record<string, unknown> | undefined;
      const posted = nestPlanForm(body);
      const action = parseFormAction(body?._action);
      // "Add goal", "remove step" and the like: the form comes back changed, nothing is stored.
      if (action.kind !== "save")
        return showForm(request, reply, id, number, { values: applyFormAction(posted, action) });

      const values = dropBlankRows(posted);
      const form = parseForm(planFormSchema, values, t);
      if (!form.ok)
        return showForm(request, reply, id, number, { values, errors: form.errors, status: 422 });
      try {
        const ctx = auditContext(request);
        await savePlanConcept(db, ctx, {
          newcomerId: id,
          number,
          data: form.data,
          intake: await readIntake(db, ctx, id),
        });
        return reply.seeOther(planPath(id), t("plans:form.saved", { n: number }));
      } catch (error) {
        if (error instanceof InvalidPlanError)
          return showForm(request, reply, id, number, {
            values,
            errors: translateErrors(t, locale, error.fields),
            status: 422,
          });
        if (error instanceof ConflictError && error.current) {
          const stored = error.current as PresentedPlanVersion;
          // Both versions on one page; saving again now knowingly replaces the stored one.
          return showForm(request, reply, id, number, {
            values: { ...values, version: String(stored.version) },
            errors: { _form: t("plans:form.conflict") },
            status: 409,
            conflict: stored,
          });
        }
        throw error;
      }
    });

    app.post("/nieuwkomers/:id/pip/versies/:n/besproken", async (request, reply) => {
      requireSignedIn(request.actor);
      const { id } = request.params as { id: string };
      const number = versionNumber(request);
      const form = parseForm(discussedFormSchema, request.body, request.t);
      if (!form.ok)
        return showOverview(request, reply, id, {
          errors: form.errors,
          values: form.values,
          status: 422,
        });
      const { version, discussedOn } = form.data;
      return lifecycle(
        request,
        reply,
        id,
        () =>
          markPlanDiscussed(db, auditContext(request), {
            newcomerId: id,
            number,
            version,
            on: discussedOn,
          }),
        "plans:draft.discussed",
      );
    });

    app.post("/nieuwkomers/:id/pip/versies/:n/heropenen", async (request, reply) => {
      requireSignedIn(request.actor);
      const { id } = request.params as { id: string };
      const number = versionNumber(request);
      const form = parseForm(versionFormSchema, request.body, request.t);
      if (!form.ok) return showOverview(request, reply, id, { errors: form.errors, status: 422 });
      return lifecycle(
        request,
        reply,
        id,
        () =>
          reopenPlanConcept(db, auditContext(request), {
            newcomerId: id,
            number,
            version: form.data.version,
          }),
        "plans:draft.reopened",
      );
    });

    app.post("/nieuwkomers/:id/pip/versies/:n/vaststellen", async (request, reply) => {
      requireSignedIn(request.actor);
      const { id } = request.params as { id: string };
      const number = versionNumber(request);
      const form = parseForm(setFormSchema, request.body, request.t);
      if (!form.ok)
        return showOverview(request, reply, id, {
          errors: form.errors,
          values: form.values,
          status: 422,
        });
      const { version, setOn } = form.data;
      return lifecycle(
        request,
        reply,
        id,
        () =>
          setPlanVersion(db, auditContext(request), { newcomerId: id, number, version, on: setOn }),
        "plans:draft.setDone",
      );
    });

    app.post("/nieuwkomers/:id/pip/rechtsmiddel", async (request, reply) => {
      requireSignedIn(request.actor);
      const { id } = request.params as { id: string };
      const form = parseForm(legalRemedyFormSchema, request.body, request.t);
      if (!form.ok)
        return showOverview(request, reply, id, {
          errors: form.errors,
          values: form.values,
          status: 422,
        });
      const d = form.data;
      return lifecycle(
        request,
        reply,
        id,
        () =>
          recordLegalRemedy(db, auditContext(request), {
            newcomerId: id,
            version: d.version,
            legalRemedy: d.legalRemedy,
            on: d.legalRemedyOn,
            note: d.legalRemedyNote,
          }),
        "plans:legalRemedy.saved",
      );
    });

    app.get("/nieuwkomers/:id/pip/vergelijken", async (request, reply) => {
      const { t, locale } = request;
      requireSignedIn(request.actor);
      const { id } = request.params as { id: string };
      const query = compareQuery.safeParse(request.query);
      if (!query.success) return reply.seeOther(planPath(id));
      const { file, versions } = await getPlanVersions(db, auditContext(request), id, [
        query.data.a,
        query.data.b,
      ]);
      const [a, b] = versions as [PresentedPlanVersion, PresentedPlanVersion];
      const rows = compareFields(
        planFields(a.content, t, locale),
        planFields(b.content, t, locale),
      );
      return reply.page(
        t("plans:compare.heading", { a: a.number, b: b.number }),
        <PlanComparePage file={file} a={a} b={b} rows={rows} onlyChanges={!!query.data.alleen} />,
      );
    });

    app.get("/nieuwkomers/:id/pip/versies/:n/afdrukken", async (request, reply) => {
      const { t } = request;
      requireSignedIn(request.actor);
      const { id } = request.params as { id: string };
      const number = versionNumber(request);
      const data = await getPlanDocument(db, auditContext(request), id, number, "read");
      const nonce = (reply as unknown as { cspNonce?: { style?: string } }).cspNonce?.style;
      const html = renderPipDocument(data, {
        ...(nonce ? { styleNonce: nonce } : {}),
        screenBar: {
          backHref: planPath(id),
          backLabel: t("plans:backToPlan"),
          printHint: t("plans:document.printHint"),
          pdfHref: versionPath(id, number, "/pdf"),
          pdfLabel: t("plans:versions.pdf", { n: number }),
        },
      });
      return reply.header("cache-control", "no-store").type("text/html; charset=utf-8").send(html);
    });

    /** Without Chromium the PDF cannot be made: say so, and point at the printable page. */
    const pdfUnavailable = (request: FastifyRequest, reply: FastifyReply, id: string, n: number) =>
      reply.page(
        request.t("plans:pdfUnavailable.title"),
        <>
          <Heading>{request.t("plans:pdfUnavailable.title")}</Heading>
          <Alert type="warning">
            <p class="utrecht-paragraph">{request.t("plans:pdfUnavailable.body")}</p>
          </Alert>
          <p class="utrecht-paragraph">
            <a class="utrecht-link" href={versionPath(id, n, "/afdrukken")}>
              {request.t("plans:versions.print", { n })}
            </a>
          </p>
        </>,
        { status: 503 },
      );

    app.get("/nieuwkomers/:id/pip/versies/:n/pdf", async (request, reply) => {
      requireSignedIn(request.actor);
      const { id } = request.params as { id: string };
      const number = versionNumber(request);
      if (!pdf.available()) return pdfUnavailable(request, reply, id, number);
      const data = await getPlanDocument(db, auditContext(request), id, number, "export");
      try {
        const body = await pdf.render(renderPipDocument(data));
        return reply
          .header("cache-control", "no-store")
          .header("content-disposition", `attachment; filename="pip-versie-${number}.pdf"`)
          .type("application/pdf")
          .send(body);
      } catch (error) {
        if (!(error instanceof PdfUnavailableError)) throw error;
        request.log.warn({ err: error }, "pdf unavailable");
        return pdfUnavailable(request, reply, id, number);
      }
    });
  };
}
