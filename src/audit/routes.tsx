import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { auditContext } from "../accounts/index.ts";
import { dataClasses } from "../platform/authz/data-classes.ts";
import { requireSignedIn } from "../platform/authz/index.ts";
import type { Database } from "../platform/db/client.ts";
import { parseForm } from "../platform/http/forms.ts";
import { auditOutcomes, authorizeAuditSearch, searchAuditLog } from "./queries.ts";
import { LogbookPage, type LogbookQuery } from "./views/logbook.tsx";

const filterSchema = z
  .object({
    van: z.iso.date().optional(),
    tot: z.iso.date().optional(),
    wie: z.string().max(200).optional(),
    onderwerp: z.guid().optional(),
    actie: z
      .string()
      .max(60)
      .regex(/^[a-z_]+$/)
      .optional(),
    gegevens: z.enum(dataClasses).optional(),
    uitkomst: z.enum(auditOutcomes).optional(),
    voor: z.coerce.number().int().positive().optional(),
  })
  .refine((f) => !f.van || !f.tot || f.van <= f.tot, {
    path: ["tot"],
    message: "audit:filter.toBeforeFrom",
  });

/** The logboek dataverwerkingen search page for administrators. */
export function auditRoutes(deps: { database: Database }) {
  const db = deps.database.db;
  return async (app: FastifyInstance) => {
    app.get("/beheer/logboek", async (request, reply) => {
      const { t, actor } = request;
      requireSignedIn(actor);
      authorizeAuditSearch(actor);
      const form = parseForm(filterSchema, request.query, t);
      const values = Object.fromEntries(
        Object.entries(form.ok ? form.data : form.values).filter(([k]) => k !== "voor"),
      ) as LogbookQuery;
      if (!form.ok)
        return reply.page(t("audit:title"), <LogbookPage values={values} errors={form.errors} />, {
          status: 422,
        });
      const f = form.data;
      const page = await searchAuditLog(db, auditContext(request), {
        from: f.van,
        to: f.tot,
        actor: f.wie,
        subjectId: f.onderwerp,
        action: f.actie,
        dataClass: f.gegevens,
        outcome: f.uitkomst,
        before: f.voor,
      });
      return reply.page(
        t("audit:title"),
        <LogbookPage page={page} values={values} before={f.voor} />,
      );
    });
  };
}
