import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { auditContext } from "../accounts/index.ts";
import { targetGroups } from "../newcomers/index.ts";
import { hasRole, requireSignedIn } from "../platform/authz/index.ts";
import type { Database } from "../platform/db/client.ts";
import { parseForm } from "../platform/http/forms.ts";
import { caseloadPolicy } from "./policy.ts";
import { type CaseloadFilter, listCaseload } from "./queries.ts";
import { caseloadSorts, defaultCaseloadSettings, phases, signalKinds } from "./rules.ts";
import { CaseloadPage, type CaseloadQuery } from "./views/caseload.tsx";

/** The filter form's fields as they appear in the URL (Dutch, like the page paths). */
const caseloadQuery = z.object({
  wie: z.enum(["mijn", "team"]).optional(),
  consulent: z.guid().optional(),
  signaal: z.enum(signalKinds).optional(),
  doelgroep: z.enum(targetGroups).optional(),
  fase: z.enum(phases).optional(),
  zoek: z.string().max(100).optional(),
  sorteer: z.enum(caseloadSorts).optional(),
  pagina: z.coerce.number().int().min(1).max(10_000).optional(),
  weken: z.coerce.number().int().min(1).max(52).optional(),
});

/** The caseload (werkvoorraad) of a consultant or a team, and the team lead's deadline overview. */
export function caseloadRoutes(deps: { database: Database }) {
  const db = deps.database.db;

  return async (app: FastifyInstance) => {
    app.get("/caseload", async (request, reply) => {
      const { actor, t } = request;
      requireSignedIn(actor);
      const organisationId = actor.organisationId ?? "";
      caseloadPolicy.authorize(actor, "caseload.view", { organisationId });
      const parsed = parseForm(caseloadQuery, request.query, t);
      const values: CaseloadQuery = parsed.ok
        ? Object.fromEntries(
            Object.entries(parsed.data)
              .filter(([, v]) => v !== undefined)
              .map(([k, v]) => [k, String(v)]),
          )
        : {};
      const q = parsed.ok ? parsed.data : {};
      const isTeamLead = hasRole(actor, "teamleider");
      const scope = (q.wie ?? (isTeamLead ? "team" : "mijn")) === "team" ? "team" : "mine";
      const settings = { ...defaultCaseloadSettings, noContactWeeks: q.weken ?? 6 };
      const filter: CaseloadFilter = {
        scope,
        consultantId: q.consulent,
        signal: q.signaal,
        targetGroup: q.doelgroep,
        phase: q.fase,
        query: q.zoek,
        sort: q.sorteer ?? "aandacht",
        page: q.pagina ?? 1,
        settings,
      };
      const ctx = auditContext(request);
      const showOverview = caseloadPolicy.can(actor, "caseload.overview", { organisationId });
      const caseload = await listCaseload(db, ctx, filter, {
        // The overview is the team's picture: not while looking for one consultant or person.
        overview: showOverview && scope === "team" && !q.consulent && !q.zoek,
      });
      return reply.page(
        t("caseload:title"),
        <CaseloadPage
          caseload={caseload}
          overview={caseload.overview}
          values={{ ...values, wie: scope === "team" ? "team" : "mijn" }}
          errors={parsed.ok ? undefined : parsed.errors}
          noContactWeeks={settings.noContactWeeks}
        />,
      );
    });
  };
}
