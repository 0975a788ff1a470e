import { and, asc, desc, eq, inArray, type SQL, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
// Tables from their schema files: accounts/index.ts would pull in route modules (see audit/queries.ts).
import { accounts, memberships } from "../accounts/schema.ts";
import { type AuditContext, recordAudit } from "../audit/index.ts";
import { organisations } from "../organisations/schema.ts";
// Read-only: the date of the first PIP (the plans capability owns the table).
import { plans } from "../plans/schema.ts";
import { ForbiddenError, NotFoundError } from "../platform/authz/index.ts";
import type { Db, DbOrTx } from "../platform/db/client.ts";
import { inSequence } from "../platform/db/sequence.ts";
import { NEWCOMER_PURPOSE, type NewcomerDataClass, newcomerPolicy } from "./policy.ts";
import {
  keyDateClasses,
  type NewcomerRecord,
  type PresentedNewcomer,
  presentNewcomer,
} from "./presenter.ts";
import {
  currentKeyDate,
  type Deadlines,
  deadlinesFor,
  looksLikeBsn,
  normaliseBsn,
} from "./rules.ts";
import {
  consultantAssignments,
  householdMembers,
  involvements,
  type KeyDateKind,
  keyDateKinds,
  keyDates,
  newcomerLanguages,
  newcomers,
  termExtensions,
} from "./schema.ts";

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

/** One recorded key date as pages show it, with who recorded it. */
export interface KeyDateView {
  id: string;
  kind: KeyDateKind;
  date: string;
  source: (typeof keyDates.$inferSelect)["source"];
  note: string | null;
  recordedAt: Date;
  recordedByName: string | null;
  withdrawnAt: Date | null;
  withdrawnReason: string | null;
}

/** A newcomer's whole record: the person, and what belongs to them, as the actor may see it. */
export interface NewcomerFile {
  newcomer: PresentedNewcomer;
  languages: { id: string; language: string; level: string }[];
  household: {
    id: string;
    name: string;
    relation: string;
    birthDate: string | null;
    linkedNewcomerId: string | null;
  }[];
  /** Every recorded key date of the kinds the actor may see, newest first. */
  keyDates: KeyDateView[];
  /** The current value of each kind (newest row not withdrawn). */
  current: Partial<Record<KeyDateKind, KeyDateView>>;
  /** The date of the first PIP: the plan's firstSetOn when there is one, else the key date. */
  firstPip: { date: string; from: "plan" | "key_date" } | undefined;
  deadlines: Deadlines;
  extensions: {
    id: string;
    months: number;
    reason: string;
    decidedOn: string;
    createdByName: string | null;
  }[];
  assignments: {
    id: string;
    consultantName: string;
    note: string | null;
    assignedAt: Date;
    assignedByName: string | null;
  }[];
  involvements: {
    id: string;
    role: "sleutelpersoon" | "ketenpartner";
    name: string;
    accountId: string | null;
    partnerName: string | null;
    since: string;
    until: string | null;
    note: string | null;
  }[];
}

const recorders = alias(accounts, "recorder");

/** Loads the parts of a record (not authorized, not audited: getNewcomerFile does both). */
async function loadParts(tx: DbOrTx, row: NewcomerRecord, classes: readonly NewcomerDataClass[]) {
  const id = row.id;
  const basic = classes.includes("basic");
  const visibleKinds = keyDateKinds.filter((k) => classes.includes(keyDateClasses[k]));
  const [languages, household, dates, plan, extensions, assignments, involved] = await inSequence(
    () =>
      basic
        ? tx
            .select({
              id: newcomerLanguages.id,
              language: newcomerLanguages.language,
              level: newcomerLanguages.level,
            })
            .from(newcomerLanguages)
            .where(eq(newcomerLanguages.newcomerId, id))
            .orderBy(newcomerLanguages.level, newcomerLanguages.language)
        : [],
    () =>
      basic
        ? tx
            .select({
              id: householdMembers.id,
              name: householdMembers.name,
              relation: householdMembers.relation,
              birthDate: householdMembers.birthDate,
              linkedNewcomerId: householdMembers.linkedNewcomerId,
            })
            .from(householdMembers)
            .where(eq(householdMembers.newcomerId, id))
            .orderBy(householdMembers.relation, householdMembers.name)
        : [],
    () =>
      visibleKinds.length > 0
        ? tx
            .select({
              id: keyDates.id,
              kind: keyDates.kind,
              date: keyDates.date,
              source: keyDates.source,
              note: keyDates.note,
              recordedAt: keyDates.recordedAt,
              recordedByName: recorders.name,
              withdrawnAt: keyDates.withdrawnAt,
              withdrawnReason: keyDates.withdrawnReason,
            })
            .from(keyDates)
            .leftJoin(recorders, eq(recorders.id, keyDates.recordedBy))
            .where(and(eq(keyDates.newcomerId, id), inArray(keyDates.kind, visibleKinds)))
            .orderBy(desc(keyDates.recordedAt))
        : [],
    () => tx.select({ firstSetOn: plans.firstSetOn }).from(plans).where(eq(plans.newcomerId, id)),
    () =>
      basic
        ? tx
            .select({
              id: termExtensions.id,
              months: termExtensions.months,
              reason: termExtensions.reason,
              decidedOn: termExtensions.decidedOn,
              createdByName: recorders.name,
            })
            .from(termExtensions)
            .leftJoin(recorders, eq(recorders.id, termExtensions.createdBy))
            .where(eq(termExtensions.newcomerId, id))
            .orderBy(termExtensions.decidedOn, termExtensions.createdAt)
        : [],
    () =>
      basic
        ? tx
            .select({
              id: consultantAssignments.id,
              consultantName: accounts.name,
              note: consultantAssignments.note,
              assignedAt: consultantAssignments.assignedAt,
              assignedByName: recorders.name,
            })
            .from(consultantAssignments)
            .innerJoin(accounts, eq(accounts.id, consultantAssignments.consultantId))
            .leftJoin(recorders, eq(recorders.id, consultantAssignments.assignedBy))
            .where(eq(consultantAssignments.newcomerId, id))
            .orderBy(desc(consultantAssignments.assignedAt))
        : [],
    () =>
      basic
        ? tx
            .select({
              id: involvements.id,
              role: involvements.role,
              name: involvements.name,
              accountId: involvements.accountId,
              partnerName: organisations.name,
              since: involvements.since,
              until: involvements.until,
              note: involvements.note,
            })
            .from(involvements)
            .leftJoin(organisations, eq(organisations.id, involvements.partnerOrganisationId))
            .where(eq(involvements.newcomerId, id))
            .orderBy(involvements.role, involvements.since)
        : [],
  );
  return { languages, household, dates, plan: plan[0], extensions, assignments, involved };
}

/**
 * A newcomer's whole record for the detail page: the person (presented per data class), languages,
 * household, key dates with their full history, the derived deadlines, term extensions, who was
 * assigned when, key persons and chain partners. NotFoundError as getNewcomer; the read is audited
 * with the data classes shown, in the same transaction.
 */
export async function getNewcomerFile(
  db: Db,
  ctx: AuditContext,
  id: string,
): Promise<NewcomerFile> {
  const file = await db.transaction(async (tx) => {
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
    const newcomer = presentNewcomer(ctx.actor, row);
    const parts = await loadParts(tx, row, newcomer.dataClasses);
    const keyDateRows: KeyDateView[] = parts.dates;
    const current: NewcomerFile["current"] = {};
    for (const kind of keyDateKinds) {
      const value = currentKeyDate(keyDateRows, kind);
      if (value) current[kind] = value;
    }
    const planDate = parts.plan?.firstSetOn ?? null;
    const keyDatePip = current.eerste_pip?.date;
    const firstPip: NewcomerFile["firstPip"] = planDate
      ? { date: planDate, from: "plan" }
      : keyDatePip
        ? { date: keyDatePip, from: "key_date" }
        : undefined;
    const deadlines = newcomer.dataClasses.includes("basic")
      ? deadlinesFor({
          kennisgeving: current.kennisgeving_duo?.date,
          firstPip: firstPip?.date,
          extensionMonths: parts.extensions.map((e) => e.months),
        })
      : {};
    await recordAudit(tx, ctx, { ...entry, dataClasses: newcomer.dataClasses });
    return {
      newcomer,
      languages: parts.languages,
      household: parts.household,
      keyDates: keyDateRows,
      current,
      firstPip,
      deadlines,
      extensions: parts.extensions,
      assignments: parts.assignments,
      involvements: parts.involved,
    } satisfies NewcomerFile;
  });
  if (!file) throw new NotFoundError("newcomer");
  return file;
}

/** Key persons of the municipality (accounts with the sleutelpersoon role) to involve by account. */
export async function keyPersonAccounts(
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
        eq(memberships.role, "sleutelpersoon"),
        eq(accounts.status, "active"),
      ),
    )
    .orderBy(accounts.name, accounts.id);
}

/** The kinds of organisation that can be a chain partner of a newcomer. */
export const partnerKinds = [
  "coa",
  "maatschappelijke_begeleiding",
  "taalaanbieder",
  "werkgever",
  "lokaal_initiatief",
  "kennisinstelling",
] as const;

/** Organisations that can be involved as a chain partner. */
export async function partnerOrganisations(db: DbOrTx): Promise<{ id: string; name: string }[]> {
  return db
    .select({ id: organisations.id, name: organisations.name })
    .from(organisations)
    .where(inArray(organisations.kind, [...partnerKinds]))
    .orderBy(organisations.name)
    .limit(1000);
}
