import { and, asc, desc, eq, getTableName, gt, isNull, lte, sql } from "drizzle-orm";
// Tables from their schema files: the capabilities' index files would import route modules in a
// cycle (see audit/queries.ts), and several tables are not exported there.
import { accounts } from "../accounts/schema.ts";
import {
  type AccessLogEntry,
  type AuditContext,
  accessLogForSubject,
  recordAudit,
} from "../audit/index.ts";
import { sharedEducationAndWork } from "../intake/queries.ts";
import {
  type NewcomerRecord,
  newcomerPolicy,
  type PresentedNewcomer,
  presentNewcomer,
} from "../newcomers/index.ts";
import {
  householdMembers,
  involvements,
  keyDates,
  newcomerLanguages,
  newcomers,
} from "../newcomers/schema.ts";
import { organisations } from "../organisations/schema.ts";
import { planPolicy } from "../plans/policy.ts";
import { type PlanContent, plans, planVersions } from "../plans/schema.ts";
import type { Actor } from "../platform/authz/actor.ts";
import { NotFoundError } from "../platform/authz/index.ts";
import type { Db, DbOrTx } from "../platform/db/client.ts";
import { inSequence } from "../platform/db/sequence.ts";
import { correctionRequests, newcomerVoices } from "../portal/schema.ts";
import {
  type ExportRow,
  loadSections,
  type SectionName,
  sectionTables,
} from "./export-sections.ts";
import { type ConsentSubject, consentPolicy } from "./policy.ts";
import { type ActiveConsent, consentedDataClasses, consentsCovering } from "./rules.ts";
import { consents } from "./schema.ts";

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (id: string): boolean => uuidPattern.test(id);

const activeConsentColumns = {
  id: consents.id,
  purpose: consents.purpose,
  granteeAccountId: consents.granteeAccountId,
  granteeOrganisationId: consents.granteeOrganisationId,
  dataClasses: consents.dataClasses,
  validFrom: consents.validFrom,
  validUntil: consents.validUntil,
  revokedAt: consents.revokedAt,
};

/**
 * The consents of a newcomer in force now, for policies: load them in the same transaction as the
 * record they guard, so a revocation committed a moment ago is already seen (decision 0013).
 */
export async function loadActiveConsents(db: DbOrTx, newcomerId: string): Promise<ActiveConsent[]> {
  return db
    .select(activeConsentColumns)
    .from(consents)
    .where(
      and(
        eq(consents.newcomerId, newcomerId),
        isNull(consents.revokedAt),
        lte(consents.validFrom, sql`now()`),
        gt(consents.validUntil, sql`now()`),
      ),
    );
}

/** The newcomer's record as the consent policy and the own-data pages need it. */
export type OwnRecord = NewcomerRecord & ConsentSubject & { organisationName: string };

async function findRecord(
  db: DbOrTx,
  where: ReturnType<typeof eq>,
): Promise<OwnRecord | undefined> {
  const [row] = await db
    .select({
      newcomer: newcomers,
      assignedConsultantName: accounts.name,
      organisationName: organisations.name,
    })
    .from(newcomers)
    .innerJoin(organisations, eq(organisations.id, newcomers.organisationId))
    .leftJoin(accounts, eq(accounts.id, newcomers.assignedConsultantId))
    .where(where);
  return (
    row && {
      ...row.newcomer,
      assignedConsultantName: row.assignedConsultantName,
      organisationName: row.organisationName,
    }
  );
}

/** The record linked to the signed-in newcomer's account. Not authorized: callers decide. */
export async function findOwnRecord(db: DbOrTx, actor: Actor): Promise<OwnRecord | undefined> {
  if (actor.kind !== "newcomer" || !actor.accountId) return undefined;
  return findRecord(db, eq(newcomers.accountId, actor.accountId));
}

/** A record by id (from a URL). Not authorized: callers decide. */
export async function findRecordById(db: DbOrTx, id: string): Promise<OwnRecord | undefined> {
  return isUuid(id) ? findRecord(db, eq(newcomers.id, id)) : undefined;
}

/** One consent as the pages show it: to whom, what, why, from when until when, and its record. */
export interface ConsentView {
  id: string;
  purpose: ActiveConsent["purpose"];
  granteeName: string;
  granteeOrganisationName: string | null;
  dataClasses: string[];
  validFrom: Date;
  validUntil: Date;
  revokedAt: Date | null;
  shown: { locale: string; text: string; templateVersion: number };
  witness: string | null;
  recordedByName: string | null;
  createdAt: Date;
  inForce: boolean;
}

const recorder = sql<
  string | null
>`(select name from accounts r where r.id = ${consents.recordedBy})`;

async function consentViews(db: DbOrTx, newcomerId: string): Promise<ConsentView[]> {
  const rows = await db
    .select({
      c: consents,
      granteeOrganisationName: organisations.name,
      recordedByName: recorder,
      inForce: sql<boolean>`(${consents.revokedAt} is null and ${consents.validFrom} <= now() and ${consents.validUntil} > now())`,
    })
    .from(consents)
    .leftJoin(organisations, eq(organisations.id, consents.granteeOrganisationId))
    .where(eq(consents.newcomerId, newcomerId))
    .orderBy(desc(consents.createdAt), desc(consents.id));
  return rows.map(({ c, granteeOrganisationName, recordedByName, inForce }) => ({
    id: c.id,
    purpose: c.purpose,
    granteeName: c.granteeName,
    granteeOrganisationName,
    dataClasses: c.dataClasses,
    validFrom: c.validFrom,
    validUntil: c.validUntil,
    revokedAt: c.revokedAt,
    shown: c.shown,
    witness: c.witness,
    recordedByName,
    createdAt: c.createdAt,
    inForce: inForce === true,
  }));
}

/** Someone the newcomer can give access to: a key person or partner the municipality involved. */
export interface GranteeOption {
  involvementId: string;
  kind: "person" | "organisation";
  name: string;
}

/** The people and organisations involved with the newcomer now, with an account or organisation. */
export async function granteeOptions(db: DbOrTx, newcomerId: string): Promise<GranteeOption[]> {
  const rows = await db
    .select({
      id: involvements.id,
      accountId: involvements.accountId,
      partnerOrganisationId: involvements.partnerOrganisationId,
      name: involvements.name,
      organisationName: organisations.name,
    })
    .from(involvements)
    .leftJoin(organisations, eq(organisations.id, involvements.partnerOrganisationId))
    .where(
      and(
        eq(involvements.newcomerId, newcomerId),
        sql`(${involvements.until} is null or ${involvements.until} >= current_date)`,
      ),
    )
    .orderBy(asc(involvements.name));
  return rows.flatMap((r): GranteeOption[] => {
    if (r.accountId) return [{ involvementId: r.id, kind: "person", name: r.name }];
    if (r.partnerOrganisationId)
      return [{ involvementId: r.id, kind: "organisation", name: r.organisationName ?? r.name }];
    return [];
  });
}

/** Everything the "who may see my data" page shows. */
export interface AccessOverview {
  record: OwnRecord;
  consents: ConsentView[];
  options: GranteeOption[];
}

const ownAudit = (record: OwnRecord, action: string, resourceType: string) => ({
  action,
  resourceType,
  resourceId: record.id,
  subjectKind: "newcomer",
  subjectId: record.id,
  organisationId: record.organisationId,
  purpose: "eigen_inzage" as const,
  // The right of access (AVG art. 15) is a duty of the municipality, not a consent.
  legalBasis: "wettelijke_taak" as const,
});

/** Loads the signed-in newcomer's own record and authorizes `action` on it; 404 for anyone else. */
async function ownRecordFor(
  tx: DbOrTx,
  actor: Actor,
  action: "consent.viewOwn" | "consent.grant" | "mydata.export" | "mydata.correction",
): Promise<OwnRecord> {
  const record = await findOwnRecord(tx, actor);
  if (!record) throw new NotFoundError("own record");
  consentPolicy.authorize(actor, action, record);
  return record;
}

/** Who may see the newcomer's data, and what they can give access to. Audited. */
export async function getAccessOverview(db: Db, ctx: AuditContext): Promise<AccessOverview> {
  return db.transaction(async (tx) => {
    const record = await ownRecordFor(tx, ctx.actor, "consent.viewOwn");
    const result = {
      record,
      consents: await consentViews(tx, record.id),
      options: await granteeOptions(tx, record.id),
    };
    await recordAudit(tx, ctx, { ...ownAudit(record, "read", "consent"), dataClasses: ["basic"] });
    return result;
  });
}

/** The access log of the newcomer's own record. Audited (looking at the log is a read too). */
export async function getOwnAccessLog(
  db: Db,
  ctx: AuditContext,
): Promise<{ record: OwnRecord; entries: AccessLogEntry[] }> {
  return db.transaction(async (tx) => {
    const record = await ownRecordFor(tx, ctx.actor, "consent.viewOwn");
    const entries = await accessLogForSubject(tx, record.id, { limit: 200 });
    await recordAudit(tx, ctx, {
      ...ownAudit(record, "read", "audit_log"),
      dataClasses: ["account"],
    });
    return { record, entries };
  });
}

/**
 * Every table with rows about one newcomer that the export reads (the record itself aside). A test
 * compares this with the database: a new table with a newcomer_id must join the export.
 */
export const exportedTables: string[] = [
  ...sectionTables,
  ...[
    newcomerLanguages,
    householdMembers,
    keyDates,
    planVersions,
    consents,
    correctionRequests,
    newcomerVoices,
  ].map((table) => getTableName(table)),
];

/** One access-log entry in the export: people are named as on "who looked at my data". */
export interface ExportedAccess {
  at: Date;
  /** The person, when they work for the municipality that holds the record; else only the organisation. */
  person: string | null;
  organisation: string | null;
  action: string;
  dataClasses: string[];
  purpose: string | null;
  legalBasis: string | null;
  /** "denied" for a refused attempt. */
  outcome: string;
}

function exportedAccess(entry: AccessLogEntry, municipality: string): ExportedAccess {
  const organisation = entry.actorOrganisationName ?? entry.organisationName ?? null;
  return {
    at: entry.at,
    person: organisation === municipality ? (entry.actorName ?? null) : null,
    organisation,
    action: entry.action,
    dataClasses: entry.dataClasses,
    purpose: entry.purpose,
    legalBasis: entry.legalBasis,
    outcome: entry.outcome,
  };
}

/** Everything Koers holds about the newcomer, machine-readable (AVG art. 15 and 20). */
export interface MyDataExport {
  exportedAt: string;
  municipality: string;
  /** The record's own fields (everything, health included: it is their data). */
  record: Record<string, unknown>;
  languages: { language: string; level: string }[];
  household: unknown[];
  keyDates: unknown[];
  plan: { number: number; status: string; setOn: string | null; content: PlanContent }[];
  consents: Omit<ConsentView, "inForce">[];
  correctionRequests: { text: string; status: string; createdAt: Date; answer: string | null }[];
  ownWords: { kind: string; text: string; createdAt: Date }[];
  /** Everything else held about them, table by table (export-sections.ts). */
  sections: Record<SectionName, ExportRow[]>;
  /** Who read or changed their data, as on "who looked at my data". */
  accessLog: ExportedAccess[];
}

/** Builds the newcomer's data export and records it as an "export" in the same transaction. */
export async function exportMyData(
  db: Db,
  ctx: AuditContext,
  format: "json" | "print" | "pdf",
): Promise<MyDataExport> {
  return db.transaction(async (tx) => {
    const record = await ownRecordFor(tx, ctx.actor, "mydata.export");
    const {
      accountId: _a,
      assignedConsultantId: _c,
      assignedConsultantName,
      organisationName,
      ...fields
    } = record;
    const id = record.id;
    const [languages, household, dates, versions, consentList, corrections, voices, sections] =
      await inSequence(
        () =>
          tx
            .select({ language: newcomerLanguages.language, level: newcomerLanguages.level })
            .from(newcomerLanguages)
            .where(eq(newcomerLanguages.newcomerId, id)),
        () => tx.select().from(householdMembers).where(eq(householdMembers.newcomerId, id)),
        () =>
          tx
            .select({ kind: keyDates.kind, date: keyDates.date, withdrawnAt: keyDates.withdrawnAt })
            .from(keyDates)
            .where(eq(keyDates.newcomerId, id)),
        () =>
          tx
            .select({
              number: planVersions.number,
              status: planVersions.status,
              setOn: planVersions.setOn,
              content: planVersions.content,
            })
            .from(planVersions)
            .where(eq(planVersions.newcomerId, id))
            .orderBy(asc(planVersions.number)),
        () => consentViews(tx, id),
        () =>
          tx
            .select({
              text: correctionRequests.text,
              status: correctionRequests.status,
              createdAt: correctionRequests.createdAt,
              answer: correctionRequests.answer,
            })
            .from(correctionRequests)
            .where(eq(correctionRequests.newcomerId, id)),
        () =>
          tx
            .select({
              kind: newcomerVoices.kind,
              text: newcomerVoices.text,
              createdAt: newcomerVoices.createdAt,
            })
            .from(newcomerVoices)
            .where(eq(newcomerVoices.newcomerId, id)),
        () => loadSections(tx, id, record.accountId),
      );
    // Read before this export's own record, so the log shows what happened up to now.
    const accessLog = (await accessLogForSubject(tx, id, { limit: 10_000 })).map((entry) =>
      exportedAccess(entry, organisationName),
    );
    await recordAudit(tx, ctx, {
      ...ownAudit(record, "export", "newcomer"),
      dataClasses: ["basic", "identity", "contact", "residence", "health", "plan", "education"],
      details: { format },
    });
    return {
      exportedAt: new Date().toISOString(),
      municipality: organisationName,
      record: { ...fields, assignedConsultant: assignedConsultantName },
      languages,
      household: household.map(({ organisationId: _o, newcomerId: _n, ...h }) => h),
      keyDates: dates,
      plan: versions,
      consents: consentList.map(({ inForce: _i, ...c }) => c),
      correctionRequests: corrections,
      ownWords: voices,
      sections,
      accessLog,
    };
  });
}

/** What a key person or partner may see of a newcomer, through the same presenter and policies. */
export interface SharedView {
  newcomer: PresentedNewcomer;
  /** The data classes the consents grant this actor (what the page lists). */
  granted: string[];
  /** The plan in force, when "plan" is granted and a version is set. */
  plan: { number: number; setOn: string | null; content: PlanContent } | undefined;
  /** Education and work from the intake, when "education" is granted. */
  educationAndWork: Awaited<ReturnType<typeof sharedEducationAndWork>>;
  /** Until when the actor's access runs (the latest end of the consents that name them). */
  until: Date;
}

/**
 * A newcomer as a key person or partner may see them under the newcomer's consent. Loads the
 * record and the consents in force in one transaction, decides with the newcomer and plan
 * policies, and audits the read with legal basis "toestemming". Without a consent in force:
 * NotFoundError (the newcomer's existence is not revealed), recorded as refused.
 */
export async function getSharedView(
  db: Db,
  ctx: AuditContext,
  newcomerId: string,
): Promise<SharedView> {
  const { actor } = ctx;
  const shown = await db.transaction(async (tx) => {
    const row = await findRecordById(tx, newcomerId);
    if (!row) return undefined;
    const active = await loadActiveConsents(tx, row.id);
    const ref = { ...row, consents: active };
    const entry = {
      action: "read",
      resourceType: "newcomer_shared",
      resourceId: row.id,
      subjectKind: "newcomer",
      subjectId: row.id,
      organisationId: row.organisationId,
      purpose: "koppeling_partner",
      legalBasis: "toestemming",
    } as const;
    const granted = consentedDataClasses(active, actor);
    if (granted.length === 0 || !newcomerPolicy.can(actor, "newcomer.read", ref)) {
      await recordAudit(tx, ctx, { ...entry, dataClasses: [], outcome: "denied" });
      return undefined;
    }
    const newcomer = presentNewcomer(actor, ref);
    let plan: SharedView["plan"];
    if (
      planPolicy.can(actor, "plan.read", { organisationId: row.organisationId, consents: active })
    ) {
      const [current] = await tx
        .select({
          number: planVersions.number,
          setOn: planVersions.setOn,
          content: planVersions.content,
        })
        .from(planVersions)
        .innerJoin(plans, eq(plans.id, planVersions.planId))
        .where(and(eq(plans.newcomerId, row.id), eq(planVersions.status, "vastgesteld")))
        .orderBy(desc(planVersions.number))
        .limit(1);
      plan = current;
    }
    const educationAndWork = await sharedEducationAndWork(tx, actor, ref);
    const mine = active.filter((c) =>
      granted.some((dc) => consentsCovering([c], actor, dc).length),
    );
    const until = new Date(Math.max(...mine.map((c) => c.validUntil.getTime())));
    const dataClasses = [
      ...newcomer.dataClasses,
      ...(plan ? (["plan"] as const) : []),
      ...(educationAndWork ? (["education"] as const) : []),
    ];
    await recordAudit(tx, ctx, {
      ...entry,
      dataClasses,
      details: { consents: mine.map((c) => c.id) },
    });
    return { newcomer, granted, plan, educationAndWork, until };
  });
  if (!shown) throw new NotFoundError("newcomer");
  return shown;
}

/**
 * Whether the actor has any consent in force for this newcomer (for adding a note). Loads the
 * record and consents in the caller's transaction. Not audited: the caller records what it does.
 */
export async function getSharedViewAccess(
  tx: DbOrTx,
  actor: Actor,
  newcomerId: string,
): Promise<{ id: string; organisationId: string } | undefined> {
  const row = await findRecordById(tx, newcomerId);
  if (!row) return undefined;
  const active = await loadActiveConsents(tx, row.id);
  const ref = { ...row, consents: active };
  if (consentedDataClasses(active, actor).length === 0) return undefined;
  if (!newcomerPolicy.can(actor, "newcomer.read", ref)) return undefined;
  return { id: row.id, organisationId: row.organisationId };
}

/** A newcomer who shares data with the actor, for the key person's or partner's list. */
export interface SharingNewcomer {
  id: string;
  /** The name, only when the consent grants basic data. */
  name: string | undefined;
  granted: string[];
}

/**
 * The newcomers who share data with this key person or partner now. Names only where "basic"
 * is granted; each one shown is audited as a list read under consent.
 */
export async function listSharingNewcomers(db: Db, ctx: AuditContext): Promise<SharingNewcomer[]> {
  const { actor } = ctx;
  if (actor.kind !== "staff" || !actor.accountId) return [];
  return db.transaction(async (tx) => {
    const rows = await tx
      .select({
        consent: activeConsentColumns,
        newcomerId: consents.newcomerId,
        organisationId: consents.organisationId,
        givenNames: newcomers.givenNames,
        familyNamePrefix: newcomers.familyNamePrefix,
        familyName: newcomers.familyName,
      })
      .from(consents)
      .innerJoin(newcomers, eq(newcomers.id, consents.newcomerId))
      .where(
        and(
          sql`(${consents.granteeAccountId} = ${actor.accountId} or ${consents.granteeOrganisationId} = ${actor.organisationId ?? null})`,
          isNull(consents.revokedAt),
          lte(consents.validFrom, sql`now()`),
          gt(consents.validUntil, sql`now()`),
        ),
      )
      .orderBy(asc(newcomers.familyName), asc(newcomers.id));
    const byNewcomer = new Map<string, { row: (typeof rows)[number]; consents: ActiveConsent[] }>();
    for (const row of rows) {
      const entry = byNewcomer.get(row.newcomerId) ?? { row, consents: [] };
      entry.consents.push(row.consent);
      byNewcomer.set(row.newcomerId, entry);
    }
    const shown: (SharingNewcomer & { organisationId: string })[] = [];
    for (const { row, consents: list } of byNewcomer.values()) {
      const granted = consentedDataClasses(list, actor);
      if (granted.length === 0) continue;
      shown.push({
        id: row.newcomerId,
        organisationId: row.organisationId,
        name: granted.includes("basic")
          ? [row.givenNames, row.familyNamePrefix, row.familyName].filter(Boolean).join(" ")
          : undefined,
        granted,
      });
    }
    await recordAudit(
      tx,
      ctx,
      ...shown.map((n) => ({
        action: "list",
        resourceType: "newcomer_shared",
        resourceId: n.id,
        subjectKind: "newcomer",
        subjectId: n.id,
        organisationId: n.organisationId,
        dataClasses: n.name ? (["basic"] as const) : ([] as const),
        purpose: "koppeling_partner" as const,
        legalBasis: "toestemming" as const,
      })),
    );
    return shown.map(({ organisationId: _o, ...n }) => n);
  });
}

/** An open correction request as the consultant sees it. */
export interface CorrectionRequestView {
  id: string;
  text: string;
  locale: string;
  createdAt: Date;
}

/**
 * The open correction requests of a newcomer, for the consultant's newcomer page (a task each).
 * Authorizes (ForbiddenError) and audits the read in one transaction.
 */
export async function openCorrectionRequests(
  db: Db,
  ctx: AuditContext,
  newcomerId: string,
): Promise<CorrectionRequestView[]> {
  return db.transaction(async (tx) => {
    const record = await findRecordById(tx, newcomerId);
    if (!record) throw new NotFoundError("newcomer");
    consentPolicy.authorize(ctx.actor, "correction.list", record);
    const rows = await tx
      .select({
        id: correctionRequests.id,
        text: correctionRequests.text,
        locale: correctionRequests.locale,
        createdAt: correctionRequests.createdAt,
      })
      .from(correctionRequests)
      .where(
        and(eq(correctionRequests.newcomerId, record.id), eq(correctionRequests.status, "open")),
      )
      .orderBy(asc(correctionRequests.createdAt));
    if (rows.length > 0)
      await recordAudit(tx, ctx, {
        action: "read",
        resourceType: "correction_request",
        resourceId: record.id,
        subjectKind: "newcomer",
        subjectId: record.id,
        organisationId: record.organisationId,
        dataClasses: ["basic"],
        purpose: "uitvoering_wet_inburgering",
        legalBasis: "wettelijke_taak",
      });
    return rows;
  });
}

/** The consultant's consent page: the newcomer's name, every consent with its record, open corrections. */
export async function getConsentFile(
  db: Db,
  ctx: AuditContext,
  newcomerId: string,
): Promise<{ record: PresentedNewcomer; consents: ConsentView[]; options: GranteeOption[] }> {
  const file = await db.transaction(async (tx) => {
    const row = await findRecordById(tx, newcomerId);
    if (!row || !consentPolicy.can(ctx.actor, "consent.list", row)) {
      if (row)
        await recordAudit(tx, ctx, {
          action: "read",
          resourceType: "consent",
          resourceId: row.id,
          subjectKind: "newcomer",
          subjectId: row.id,
          organisationId: row.organisationId,
          dataClasses: [],
          purpose: "uitvoering_wet_inburgering",
          legalBasis: "wettelijke_taak",
          outcome: "denied",
        });
      return undefined;
    }
    const result = {
      record: presentNewcomer(ctx.actor, row, ["basic"]),
      consents: await consentViews(tx, row.id),
      options: await granteeOptions(tx, row.id),
    };
    await recordAudit(tx, ctx, {
      action: "read",
      resourceType: "consent",
      resourceId: row.id,
      subjectKind: "newcomer",
      subjectId: row.id,
      organisationId: row.organisationId,
      dataClasses: ["basic"],
      purpose: "uitvoering_wet_inburgering",
      legalBasis: "wettelijke_taak",
    });
    return result;
  });
  if (!file) throw new NotFoundError("newcomer");
  return file;
}

/**
 * Checks that the actor is a newcomer with a linked record they may act on (NotFoundError for
 * anyone else: staff have no "own record" here). Reads nothing it shows, so it records nothing.
 */
export async function authorizeOwn(
  db: Db,
  actor: Actor,
  action: "consent.viewOwn" | "consent.grant" | "mydata.export" | "mydata.correction",
): Promise<void> {
  await ownRecordFor(db, actor, action);
}
