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
  const open = and(eq(newcomers.organisationId, org), isNull(newcomers.closedOn));
  if (hasRole(actor, "consulent") && actor.accountId) {
    const [row] = await db
      .select({ n: count() })
      .from(newcomers)
      .where(and(open, eq(newcomers.assignedConsultantId, actor.accountId)));
    figures.myNewcomers = row?.n ?? 0;
  }
  if (hasRole(actor, "consulent", "teamleider")) {
    const [row] = await db.select({ n: count() }).from(newcomers).where(open);
    figures.organisationNewcomers = row?.n ?? 0;
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
