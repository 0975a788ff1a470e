import { and, count, eq, gte, isNull, sql } from "drizzle-orm";
import { memberships } from "../accounts/schema.ts";
import { newcomers } from "../newcomers/schema.ts";
import { organisations } from "../organisations/schema.ts";
import type { Actor } from "../platform/authz/actor.ts";
import { hasRole, isPlatformAdministrator } from "../platform/authz/predicates.ts";
import type { DbOrTx } from "../platform/db/client.ts";
import { maaksessies } from "../sessions/schema.ts";

/** Figures for the dashboard. Counts only: no personal data, so nothing to log. */
export interface DashboardFigures {
  myNewcomers?: number;
  organisationNewcomers?: number;
  organisationAccounts?: number;
  organisations?: number;
  upcomingSessions?: number;
}

export async function dashboardFigures(db: DbOrTx, actor: Actor): Promise<DashboardFigures> {
  const figures: DashboardFigures = {};
  const org = actor.organisationId;
  if (!org) return figures;
  if (hasRole(actor, "consulent", "teamleider")) {
    // One query for both figures: every query on embedded PGlite runs on the event loop.
    const mine = actor.accountId ?? "00000000-0000-0000-0000-000000000000";
    const [row] = await db
      .select({
        all: count(),
        mine: sql<number>`count(*) filter (where ${newcomers.assignedConsultantId} = ${mine})`.mapWith(
          Number,
        ),
      })
      .from(newcomers)
      .where(and(eq(newcomers.organisationId, org), isNull(newcomers.closedOn)));
    figures.organisationNewcomers = row?.all ?? 0;
    if (hasRole(actor, "consulent")) figures.myNewcomers = row?.mine ?? 0;
  }
  if (hasRole(actor, "beheerder")) {
    const [row] = await db
      .select({ n: count() })
      .from(memberships)
      .where(eq(memberships.organisationId, org));
    figures.organisationAccounts = row?.n ?? 0;
  }
  if (hasRole(actor, "procesbegeleider")) {
    const [row] = await db
      .select({ n: count() })
      .from(maaksessies)
      .where(
        and(
          eq(maaksessies.organisationId, org),
          isNull(maaksessies.parentId),
          gte(maaksessies.date, sql`current_date`),
        ),
      );
    figures.upcomingSessions = row?.n ?? 0;
  }
  if (isPlatformAdministrator(actor)) {
    const [row] = await db.select({ n: count() }).from(organisations);
    figures.organisations = row?.n ?? 0;
  }
  return figures;
}
