import { and, desc, eq, lt, or, type SQL, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
// Tables straight from their schema files, not the capabilities' index: audit sits below every
// capability, and going through accounts/index.ts would import route modules in a cycle.
import { accounts } from "../accounts/schema.ts";
import { organisations } from "../organisations/schema.ts";
import type { DataClass } from "../platform/authz/data-classes.ts";
import { type Actor, ForbiddenError } from "../platform/authz/index.ts";
import type { Db, DbOrTx } from "../platform/db/client.ts";
import { type AuditScope, auditPolicy, auditScopeFor } from "./policy.ts";
import { type AuditContext, recordAudit } from "./record.ts";
import { auditEvents } from "./schema.ts";

/** Dates in filters are calendar days in the Netherlands, whatever the server's time zone. */
const TIME_ZONE = "Europe/Amsterdam";
export const AUDIT_PAGE_SIZE = 50;

export const auditOutcomes = ["allowed", "denied", "failed"] as const;
export type AuditOutcome = (typeof auditOutcomes)[number];

/** Search filters for the logboek; all optional, combined with AND. */
export interface AuditFilter {
  /** First day (YYYY-MM-DD), inclusive. */
  from?: string | undefined;
  /** Last day (YYYY-MM-DD), inclusive. */
  to?: string | undefined;
  /** Part of the acting person's name or e-mail address. */
  actor?: string | undefined;
  subjectId?: string | undefined;
  action?: string | undefined;
  dataClass?: DataClass | undefined;
  outcome?: AuditOutcome | undefined;
  /** Keyset cursor: only events older than this seq (the next page). */
  before?: number | undefined;
}

/** One event as the logboek shows it. */
export interface AuditEventView {
  seq: number;
  at: Date;
  actorKind: string;
  actorAccountId: string | null;
  actorName: string | null;
  actorRole: string | null;
  actorOrganisationName: string | null;
  subjectKind: string | null;
  subjectId: string | null;
  /** The organisation that holds the data. */
  organisationName: string | null;
  action: string;
  dataClasses: string[];
  purpose: string;
  legalBasis: string;
  resourceType: string;
  requestId: string | null;
  outcome: string;
}

export interface AuditPage {
  scope: AuditScope;
  events: AuditEventView[];
  /** The cursor for older events, when there are more. */
  nextBefore: number | undefined;
}

const actorAccount = alias(accounts, "actor_account");
const actorOrganisation = alias(organisations, "actor_organisation");
const holder = alias(organisations, "holder");

const eventColumns = {
  seq: auditEvents.seq,
  at: auditEvents.at,
  actorKind: auditEvents.actorKind,
  actorAccountId: auditEvents.actorAccountId,
  actorName: actorAccount.name,
  actorRole: auditEvents.actorRole,
  actorOrganisationName: actorOrganisation.name,
  subjectKind: auditEvents.subjectKind,
  subjectId: auditEvents.subjectId,
  organisationName: holder.name,
  action: auditEvents.action,
  dataClasses: auditEvents.dataClasses,
  purpose: auditEvents.purpose,
  legalBasis: auditEvents.legalBasis,
  resourceType: auditEvents.resourceType,
  requestId: auditEvents.requestId,
  outcome: auditEvents.outcome,
};

function eventsQuery(db: DbOrTx, where: SQL | undefined, limit: number) {
  return db
    .select(eventColumns)
    .from(auditEvents)
    .leftJoin(actorAccount, eq(actorAccount.id, auditEvents.actorAccountId))
    .leftJoin(actorOrganisation, eq(actorOrganisation.id, auditEvents.actorOrganisationId))
    .leftJoin(holder, eq(holder.id, auditEvents.organisationId))
    .where(where)
    .orderBy(desc(auditEvents.seq))
    .limit(limit);
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

function conditionsFor(scope: AuditScope, filter: AuditFilter): SQL | undefined {
  const c: (SQL | undefined)[] = [];
  if (scope.kind === "organisation") c.push(eq(auditEvents.organisationId, scope.organisationId));
  if (filter.from)
    c.push(sql`${auditEvents.at} >= (${filter.from}::date::timestamp at time zone ${TIME_ZONE})`);
  if (filter.to)
    c.push(
      sql`${auditEvents.at} < ((${filter.to}::date + 1)::timestamp at time zone ${TIME_ZONE})`,
    );
  if (filter.actor) {
    const pattern = `%${escapeLike(filter.actor.toLowerCase())}%`;
    c.push(
      or(
        sql`lower(${actorAccount.name}) like ${pattern}`,
        sql`lower(${actorAccount.email}) like ${pattern}`,
      ),
    );
  }
  if (filter.subjectId) c.push(eq(auditEvents.subjectId, filter.subjectId));
  if (filter.action) c.push(eq(auditEvents.action, filter.action));
  if (filter.dataClass)
    c.push(sql`${auditEvents.dataClasses} @> array[${filter.dataClass}]::text[]`);
  if (filter.outcome) c.push(eq(auditEvents.outcome, filter.outcome));
  if (filter.before !== undefined) c.push(lt(auditEvents.seq, filter.before));
  return and(...c);
}

/** The scope the actor may search; throws ForbiddenError when they may not search the logboek. */
export function authorizeAuditSearch(actor: Actor): AuditScope {
  const scope = auditScopeFor(actor);
  if (!scope) throw new ForbiddenError("audit.search");
  auditPolicy.authorize(actor, "audit.search", scope);
  return scope;
}

/**
 * Searches the logboek, newest first, 50 per page (keyset on seq). Authorizes the actor (throws
 * ForbiddenError) and records the search itself in the same transaction: looking at the log is
 * also a processing of personal data.
 */
export async function searchAuditLog(
  db: Db,
  ctx: AuditContext,
  filter: AuditFilter,
): Promise<AuditPage> {
  const scope = authorizeAuditSearch(ctx.actor);
  return db.transaction(async (tx) => {
    const rows = await eventsQuery(tx, conditionsFor(scope, filter), AUDIT_PAGE_SIZE + 1);
    const events = rows.slice(0, AUDIT_PAGE_SIZE);
    await recordAudit(tx, ctx, {
      action: "read",
      resourceType: "audit_log",
      organisationId: scope.kind === "organisation" ? scope.organisationId : null,
      dataClasses: ["account"],
      purpose: "toezicht_logboek",
      legalBasis: "beveiliging",
      details: { filter: { ...filter }, shown: events.length },
    });
    return {
      scope,
      events,
      nextBefore: rows.length > AUDIT_PAGE_SIZE ? events.at(-1)?.seq : undefined,
    };
  });
}

/** One line of a person's access log: who did what with their data, and why. */
export type AccessLogEntry = Pick<
  AuditEventView,
  | "seq"
  | "at"
  | "actorKind"
  | "actorAccountId"
  | "actorName"
  | "actorRole"
  | "actorOrganisationName"
  | "organisationName"
  | "action"
  | "dataClasses"
  | "purpose"
  | "legalBasis"
  | "resourceType"
  | "outcome"
>;

/**
 * Who read or changed this person's data, newest first: for the newcomer's own "who looked at my
 * data" page (issue 4). Includes refused attempts (outcome "denied"); the caller decides what to
 * show. Does not authorize or audit: the caller does both, in its own transaction.
 */
export async function accessLogForSubject(
  db: DbOrTx,
  subjectId: string,
  options: { before?: number; limit?: number } = {},
): Promise<AccessLogEntry[]> {
  const where = and(
    eq(auditEvents.subjectId, subjectId),
    options.before !== undefined ? lt(auditEvents.seq, options.before) : undefined,
  );
  const rows = await eventsQuery(db, where, options.limit ?? 200);
  return rows.map(({ subjectKind: _k, subjectId: _s, requestId: _r, ...entry }) => entry);
}
