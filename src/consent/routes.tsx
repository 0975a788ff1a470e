import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { auditContext } from "../accounts/index.ts";
import { todayInNetherlands } from "../newcomers/index.ts";
// The plans capability's Chromium renderer (decision 0011), from its file: the plans index does not export it.
import { createPdfRenderer, PdfUnavailableError } from "../plans/pip/pdf.ts";
import { requireSignedIn } from "../platform/authz/index.ts";
import type { Config } from "../platform/config.ts";
import type { Database } from "../platform/db/client.ts";
import { type FieldErrors, parseForm, requiredText } from "../platform/http/forms.ts";
import { isLocale, translator } from "../platform/i18n/index.ts";
import type { Mailer } from "../platform/mail/mailer.ts";
import {
  addKeyPersonNote,
  type GrantInput,
  grantConsent,
  InvalidConsentError,
  recordPaperConsent,
  requestCorrection,
  revokeConsent,
} from "./commands.ts";
import {
  authorizeOwn,
  exportMyData,
  getAccessOverview,
  getConsentFile,
  getOwnAccessLog,
  getSharedView,
  isUuid,
  listSharingNewcomers,
  openCorrectionRequests,
} from "./queries.ts";
import { consentPurposes, latestUntil, shareableDataClasses, validUntilDate } from "./rules.ts";
import { renderMyDataDocument } from "./views/document.tsx";
import {
  AccessLogPage,
  AccessPage,
  formatDate,
  KeyPersonPage,
  MyDataPage,
  PrintPage,
  SharingListPage,
  StaffConsentPage,
} from "./views/pages.tsx";

const list = (v: unknown) => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

const grantSchema = z
  .object({
    ontvanger: z.guid(),
    doel: z.enum(consentPurposes),
    gegevens: z.preprocess(
      list,
      z.array(z.enum(shareableDataClasses)).min(1, "consent:errors.classes"),
    ),
    tot: z.iso.date(),
    getuige: z.string().max(200).optional(),
    taal: z.string().max(5).optional(),
  })
  .refine((f) => validUntilDate(f.tot, todayInNetherlands()), {
    path: ["tot"],
    message: "consent:errors.until",
  });

const textSchema = z.object({ tekst: requiredText(4000) });

/** The newcomer's own data, consent, access log; key person pages; the consultant's consent page. */
export function consentRoutes(deps: { database: Database; mailer: Mailer; config: Config }) {
  const db = deps.database.db;
  const pdf = createPdfRenderer({ executablePath: deps.config.CHROMIUM_PATH });
  return async (app: FastifyInstance) => {
    app.addHook("onClose", async () => pdf.close());
    const maxUntil = () => latestUntil(todayInNetherlands());

    /** The exact text the newcomer is shown and agrees to: the statement and their choices. */
    const grantInput = (request: FastifyRequest, form: z.infer<typeof grantSchema>): GrantInput => {
      const locale = isLocale(form.taal) ? form.taal : request.locale;
      const t = translator(locale);
      return {
        involvementId: form.ontvanger,
        purpose: form.doel,
        dataClasses: form.gegevens,
        until: form.tot,
        shownText: (grantee) =>
          [
            t("consent:text.statement"),
            t("consent:text.choice", {
              grantee,
              purpose: t(`consent:purpose.${form.doel}`),
              classes: form.gegevens.map((dc) => t(`consent:class.${dc}`)).join("; "),
              until: formatDate(locale, form.tot),
            }),
          ].join("\n"),
        locale,
        witness: form.getuige,
      };
    };

    const invalid = (error: unknown, t: FastifyRequest["t"]): FieldErrors | undefined =>
      error instanceof InvalidConsentError ? { [error.field]: t(error.messageKey) } : undefined;

    // --- the newcomer's own pages ---

    app.get("/mijn-gegevens", async (request, reply) => {
      requireSignedIn(request.actor);
      await authorizeOwn(db, request.actor, "consent.viewOwn");
      return reply.page(request.t("consent:mine.title"), <MyDataPage />);
    });

    app.post("/mijn-gegevens/correctie", async (request, reply) => {
      const { t, actor } = request;
      requireSignedIn(actor);
      await authorizeOwn(db, actor, "mydata.correction");
      const form = parseForm(textSchema, request.body, t);
      if (!form.ok)
        return reply.page(
          t("consent:mine.title"),
          <MyDataPage values={form.values} errors={form.errors} />,
          {
            status: 422,
          },
        );
      const asked = await requestCorrection(db, auditContext(request), {
        text: form.data.tekst,
        locale: request.locale,
      });
      if (asked.consultantEmail) {
        // The notice names no one: the consultant reads the request in Koers, signed in.
        const nl = translator("nl");
        await deps.mailer.send({
          to: asked.consultantEmail,
          subject: nl("consent:mail.subject"),
          text: nl("consent:mail.body", {
            link: `${deps.config.publicUrl}/nieuwkomers/${asked.newcomerId}/toestemming`,
          }),
          organisationId: asked.organisationId,
        });
      }
      return reply.seeOther("/mijn-gegevens", t("consent:mine.correctionSent"));
    });

    const accessPage = async (
      request: FastifyRequest,
      reply: FastifyReply,
      status = 200,
      values?: Record<string, unknown>,
      errors?: FieldErrors,
    ) => {
      const overview = await getAccessOverview(db, auditContext(request));
      return reply.page(
        request.t("consent:access.title"),
        <AccessPage overview={overview} maxUntil={maxUntil()} values={values} errors={errors} />,
        { status },
      );
    };

    app.get("/mijn-gegevens/toegang", async (request, reply) => {
      requireSignedIn(request.actor);
      return accessPage(request, reply);
    });

    app.post("/mijn-gegevens/toegang", async (request, reply) => {
      const { t, actor } = request;
      requireSignedIn(actor);
      await authorizeOwn(db, actor, "consent.grant");
      const { taal: _ignored, ...body } = (request.body ?? {}) as Record<string, unknown>;
      const form = parseForm(grantSchema, body, t);
      if (!form.ok) return accessPage(request, reply, 422, form.values, form.errors);
      try {
        const { granteeName } = await grantConsent(
          db,
          auditContext(request),
          grantInput(request, form.data),
        );
        return reply.seeOther(
          "/mijn-gegevens/toegang",
          t("consent:access.granted", { name: granteeName }),
        );
      } catch (error) {
        const errors = invalid(error, t);
        if (!errors) throw error;
        return accessPage(request, reply, 422, body, errors);
      }
    });

    app.post<{ Params: { id: string } }>(
      "/mijn-gegevens/toegang/:id/intrekken",
      async (request, reply) => {
        const { t, actor } = request;
        requireSignedIn(actor);
        if (!isUuid(request.params.id)) return reply.callNotFound();
        await revokeConsent(db, auditContext(request), request.params.id);
        return reply.seeOther("/mijn-gegevens/toegang", t("consent:access.revoked"));
      },
    );

    app.get("/mijn-gegevens/inzage", async (request, reply) => {
      requireSignedIn(request.actor);
      const { record, entries } = await getOwnAccessLog(db, auditContext(request));
      return reply.page(
        request.t("consent:log.title"),
        <AccessLogPage record={record} entries={entries} />,
      );
    });

    app.get("/mijn-gegevens/download.json", async (request, reply) => {
      requireSignedIn(request.actor);
      const data = await exportMyData(db, auditContext(request), "json");
      return reply
        .header("content-type", "application/json; charset=utf-8")
        .header("content-disposition", 'attachment; filename="mijn-gegevens-koers.json"')
        .header("cache-control", "no-store")
        .send(JSON.stringify(data, null, 2));
    });

    app.get("/mijn-gegevens/download.pdf", async (request, reply) => {
      requireSignedIn(request.actor);
      // Without Chromium the printable page is the readable document.
      if (!pdf.available()) return reply.redirect("/mijn-gegevens/overzicht", 303);
      const data = await exportMyData(db, auditContext(request), "pdf");
      try {
        const body = await pdf.render(renderMyDataDocument(data, reply.viewContext()));
        return reply
          .header("cache-control", "no-store")
          .header("content-disposition", 'attachment; filename="mijn-gegevens-koers.pdf"')
          .type("application/pdf")
          .send(body);
      } catch (error) {
        if (!(error instanceof PdfUnavailableError)) throw error;
        request.log.warn({ err: error }, "pdf unavailable");
        return reply.redirect("/mijn-gegevens/overzicht", 303);
      }
    });

    app.get("/mijn-gegevens/overzicht", async (request, reply) => {
      requireSignedIn(request.actor);
      const data = await exportMyData(db, auditContext(request), "print");
      reply.header("cache-control", "no-store");
      return reply.page(request.t("consent:print.title"), <PrintPage data={data} />);
    });

    // --- key persons and partners ---

    app.get("/sleutelpersoon", async (request, reply) => {
      requireSignedIn(request.actor);
      const items = await listSharingNewcomers(db, auditContext(request));
      reply.header("cache-control", "no-store");
      return reply.page(
        request.t("consent:keyPerson.listTitle"),
        <SharingListPage items={items} />,
      );
    });

    app.get<{ Params: { id: string } }>("/sleutelpersoon/:id", async (request, reply) => {
      requireSignedIn(request.actor);
      const view = await getSharedView(db, auditContext(request), request.params.id);
      reply.header("cache-control", "no-store");
      return reply.page(request.t("consent:keyPerson.granted"), <KeyPersonPage view={view} />);
    });

    app.post<{ Params: { id: string } }>("/sleutelpersoon/:id/notitie", async (request, reply) => {
      const { t, actor } = request;
      requireSignedIn(actor);
      const form = parseForm(textSchema, request.body, t);
      if (!form.ok) {
        const view = await getSharedView(db, auditContext(request), request.params.id);
        return reply.page(
          t("consent:keyPerson.granted"),
          <KeyPersonPage view={view} values={form.values} errors={form.errors} />,
          {
            status: 422,
          },
        );
      }
      await addKeyPersonNote(db, auditContext(request), request.params.id, {
        text: form.data.tekst,
        locale: request.locale,
      });
      return reply.seeOther(
        `/sleutelpersoon/${request.params.id}`,
        t("consent:keyPerson.noteSaved"),
      );
    });

    // --- the consultant: consents on paper, revocation on the newcomer's behalf, corrections ---

    const staffPage = async (
      request: FastifyRequest<{ Params: { id: string } }>,
      reply: FastifyReply,
      status = 200,
      values?: Record<string, unknown>,
      errors?: FieldErrors,
    ) => {
      const ctx = auditContext(request);
      const file = await getConsentFile(db, ctx, request.params.id);
      const corrections = await openCorrectionRequests(db, ctx, request.params.id);
      return reply.page(
        request.t("consent:staff.link"),
        <StaffConsentPage
          {...file}
          corrections={corrections}
          maxUntil={maxUntil()}
          values={values}
          errors={errors}
        />,
        { status },
      );
    };

    app.get<{ Params: { id: string } }>("/nieuwkomers/:id/toestemming", async (request, reply) => {
      requireSignedIn(request.actor);
      return staffPage(request, reply);
    });

    app.post<{ Params: { id: string } }>("/nieuwkomers/:id/toestemming", async (request, reply) => {
      const { t, actor } = request;
      requireSignedIn(actor);
      const form = parseForm(
        grantSchema.and(z.object({ getuige: requiredText(200) })),
        request.body,
        t,
      );
      if (!form.ok) return staffPage(request, reply, 422, form.values, form.errors);
      try {
        await recordPaperConsent(
          db,
          auditContext(request),
          request.params.id,
          grantInput(request, form.data),
        );
      } catch (error) {
        const errors = invalid(error, t);
        if (!errors) throw error;
        return staffPage(request, reply, 422, request.body as Record<string, unknown>, errors);
      }
      return reply.seeOther(
        `/nieuwkomers/${request.params.id}/toestemming`,
        t("consent:staff.recorded"),
      );
    });

    app.post<{ Params: { id: string; consentId: string } }>(
      "/nieuwkomers/:id/toestemming/:consentId/intrekken",
      async (request, reply) => {
        requireSignedIn(request.actor);
        const { id, consentId } = request.params;
        if (!isUuid(consentId) || !isUuid(id)) return reply.callNotFound();
        await revokeConsent(db, auditContext(request), consentId, id);
        return reply.seeOther(
          `/nieuwkomers/${id}/toestemming`,
          request.t("consent:access.revoked"),
        );
      },
    );
  };
}
