import { and, asc, desc, eq, inArray, type SQL, sql } from "drizzle-orm";
// Tables from their schema files: accounts/index.ts would pull in route modules (see audit/queries.ts).
import { accounts, memberships } from "../accounts/schema.ts";
import { type AuditContext, recordAudit } from "../audit/index.ts";
import { ForbiddenError, NotFoundError } from "../platform/authz/index.ts";
import type { Db, DbOrTx } from "../platform/db/client.ts";
import { NEWCOMER_PURPOSE, newcomerPolicy } from "./policy.ts";
import { type NewcomerRecord, type PresentedNewcomer, presentNewcomer } from "./presenter.ts";
import { looksLikeBsn, normaliseBsn } from "./rules.ts";
import { newcomers } from "./schema.ts";

export const NEWCOMER_PAGE_SIZE = 50;

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Ids come from URLs: anything that is not a uuid simply does not exist. */
export const isNewcomerId = (id: string): boolean => uuidPattern.test(id);

/** Loads rows with the assigned consultant's name. */
export function selectNewcomerRecords(db: DbOrTx) {
  return db
    .select({ newcomer: newcomers, assignedConsultantName: accounts.name })
    .from(newcomers)
    .leftJoin(accounts, eq(accounts.id, newcomers.assignedConsultantId));
}

export const toRecord = (r: {
  newcomer: typeof newcomers.$inferSelect;
  assignedConsultantName: string | null;
}): NewcomerRecord => ({ ...r.newcomer, assignedConsultantName: r.assignedConsultantName });

/** Loads one record, locked for update when asked. Not authorized: callers decide. */
export async function findNewcomerRecord(
  db: DbOrTx,
  id: string,
  options: { forUpdate?: boolean } = {},
): Promise<NewcomerRecord | undefined> {
  if (!isNewcomerId(id)) return undefined;
  const query = selectNewcomerRecords(db).where(eq(newcomers.id, id));
  const [row] = await (options.forUpdate ? query.for("update", { of: newcomers }) : query);
  return row && toRecord(row);
}

export interface NewcomerFilter {
  /** A name (or part of one, typos forgiven) or an exact BSN. */
  query?: string | undefined;
  /** Keyset cursor: the id of the last newcomer on the previous page (alphabetical list only). */
  after?: string | undefined;
}

export interface NewcomerList {
  /** Basic data only: lists never show a BSN, contact, residence or health data. */
  items: PresentedNewcomer[];
  /** The cursor for the next page, when there is one. */
  next: string | undefined;
  /** How the query was read. */
  search: "none" | "name" | "bsn";
}

const fullName = sql`lower(${newcomers.givenNames} || ' ' || ${newcomers.familyName})`;
const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * The newcomers of the actor's organisation: alphabetical with keyset pages of 50, or the best
 * matches for a search — by name through the trigram index (newcomers_name_trgm), or by exact BSN.
 * Authorizes (ForbiddenError) and audits every newcomer shown, in one transaction.
 */
export async function listNewcomers(
  db: Db,
  ctx: AuditContext,
  filter: NewcomerFilter = {},
): Promise<NewcomerList> {
  const { actor } = ctx;
  const organisationId = actor.organisationId;
  if (!organisationId) throw new ForbiddenError("newcomer.list");
  newcomerPolicy.authorize(actor, "newcomer.list", { organisationId });
  const query = filter.query?.trim() ?? "";
  const search: NewcomerList["search"] = !query ? "none" : looksLikeBsn(query) ? "bsn" : "name";

  return db.transaction(async (tx) => {
    const conditions: (SQL | undefined)[] = [eq(newcomers.organisationId, organisationId)];
    let order: SQL[] = [asc(newcomers.familyName), asc(newcomers.givenNames), asc(newcomers.id)];
    if (search === "bsn") {
      conditions.push(eq(newcomers.bsn, normaliseBsn(query)));
    } else if (search === "name") {
      const q = query.toLowerCase();
      // LIKE finds parts of names; <% (pg_trgm word similarity) forgives a typo in one of the
      // names ("Yusef" finds "Yusuf"). Both use the trigram index. The default threshold (0.6)
      // misses one wrong letter in a short name; 0.4 still keeps unrelated names out.
      await tx.execute(sql`select set_config('pg_trgm.word_similarity_threshold', '0.4', true)`);
      conditions.push(sql`(${fullName} like ${`%${escapeLike(q)}%`} or ${q} <% ${fullName})`);
      order = [desc(sql`word_similarity(${q}, ${fullName})`), ...order];
    } else if (filter.after && isNewcomerId(filter.after)) {
      conditions.push(
        sql`(${newcomers.familyName}, ${newcomers.givenNames}, ${newcomers.id}) > (select n.family_name, n.given_names, n.id from newcomers n where n.id = ${filter.after} and n.organisation_id = ${organisationId})`,
      );
    }
    const rows = await selectNewcomerRecords(tx)
      .where(and(...conditions))
      .orderBy(...order)
      .limit(NEWCOMER_PAGE_SIZE + 1);
    const items = rows
      .slice(0, NEWCOMER_PAGE_SIZE)
      .map((r) => presentNewcomer(actor, toRecord(r), ["basic"]));
    await recordAudit(
      tx,
      ctx,
      ...items.map((n) => ({
        action: "list",
        resourceType: "newcomer",
        resourceId: n.id,
        subjectKind: "newcomer",
        subjectId: n.id,
        organisationId: n.organisationId,
        dataClasses: n.dataClasses,
        purpose: NEWCOMER_PURPOSE,
        legalBasis: "wettelijke_taak" as const,
        ...(search === "none" ? {} : { details: { search } }),
      })),
    );
    const more = search === "none" && rows.length > NEWCOMER_PAGE_SIZE;
    return { items, next: more ? items.at(-1)?.id : undefined, search };
  });
}

/**
 * One newcomer as the actor may see them. Throws NotFoundError when the record does not exist or
 * the actor may see nothing of it (another organisation must not learn it exists); such an attempt
 * is still recorded, as refused. Audits the data classes shown, in the same transaction.
 */
export async function getNewcomer(
  db: Db,
  ctx: AuditContext,
  id: string,
): Promise<PresentedNewcomer> {
  const shown = await db.transaction(async (tx) => {
    const row = await findNewcomerRecord(tx, id);
    if (!row) return undefined;
    const entry = {
      action: "read",
      resourceType: "newcomer",
      resourceId: row.id,
      subjectKind: "newcomer",
      subjectId: row.id,
      organisationId: row.organisationId,
      purpose: NEWCOMER_PURPOSE,
      legalBasis: "wettelijke_taak",
    } as const;
    if (!newcomerPolicy.can(ctx.actor, "newcomer.read", row)) {
      await recordAudit(tx, ctx, { ...entry, dataClasses: [], outcome: "denied" });
      return undefined;
    }
    const presented = presentNewcomer(ctx.actor, row);
    await recordAudit(tx, ctx, { ...entry, dataClasses: presented.dataClasses });
    return presented;
  });
  if (!shown) throw new NotFoundError("newcomer");
  return shown;
}

/** The consultants and team leads of an organisation a newcomer can be assigned to. */
export async function assignableConsultants(
  db: DbOrTx,
  organisationId: string,
): Promise<{ id: string; name: string }[]> {
  return db
    .selectDistinct({ id: accounts.id, name: accounts.name })
    .from(memberships)
    .innerJoin(accounts, eq(accounts.id, memberships.accountId))
    .where(
      and(
        eq(memberships.organisationId, organisationId),
        inArray(memberships.role, ["consulent", "teamleider"]),
        eq(accounts.status, "active"),
      ),
    )
    .orderBy(accounts.name, accounts.id);
}
