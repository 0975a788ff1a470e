import { and, eq, isNull, sql } from "drizzle-orm";
import { accounts } from "../accounts/schema.ts";
import { type AuditContext, type AuditEntry, recordAudit } from "../audit/index.ts";
import { involvements } from "../newcomers/schema.ts";
import { NotFoundError } from "../platform/authz/index.ts";
import type { Db, DbOrTx } from "../platform/db/client.ts";
import { correctionRequests, newcomerVoices } from "../portal/schema.ts";
import { consentPolicy } from "./policy.ts";
import { findOwnRecord, findRecordById, getSharedViewAccess, type OwnRecord } from "./queries.ts";
import {
  CONSENT_TEXT_VERSION,
  type ConsentPurpose,
  endOfDay,
  personPurposes,
  type ShareableDataClass,
} from "./rules.ts";
import { consents } from "./schema.ts";

/** A choice the newcomer (or the consultant, from paper) made, with the text that was shown. */
export interface GrantInput {
  involvementId: string;
  purpose: ConsentPurpose;
  dataClasses: ShareableDataClass[];
  /** The last day (YYYY-MM-DD), already checked against MAX_CONSENT_DAYS. */
  until: string;
  /** The exact text shown, given the grantee's name as recorded, and its language. */
  shownText: (granteeName: string) => string;
  locale: string;
  witness?: string | undefined;
}

/** Thrown when a choice does not fit: the field it concerns and a message key (namespace consent). */
export class InvalidConsentError extends Error {
  readonly statusCode = 422;
  constructor(
    readonly field: string,
    readonly messageKey: string,
  ) {
    super(`invalid consent: ${field}`);
    this.name = "InvalidConsentError";
  }
}

const consentAudit = (
  record: { id: string; organisationId: string },
  action: AuditEntry["action"],
  consentId: string,
  extra: Partial<AuditEntry> = {},
): AuditEntry => ({
  action,
  resourceType: "consent",
  resourceId: consentId,
  subjectKind: "newcomer",
  subjectId: record.id,
  organisationId: record.organisationId,
  dataClasses: ["basic"],
  purpose: "koppeling_partner",
  legalBasis: "toestemming",
  ...extra,
});

async function insertConsent(
  tx: DbOrTx,
  ctx: AuditContext,
  record: OwnRecord,
  input: GrantInput,
): Promise<{ id: string; granteeName: string }> {
  const [involved] = await tx
    .select()
    .from(involvements)
    .where(and(eq(involvements.id, input.involvementId), eq(involvements.newcomerId, record.id)));
  if (!involved) throw new InvalidConsentError("ontvanger", "consent:errors.grantee");
  const toPerson = personPurposes.includes(input.purpose);
  if (toPerson ? !involved.accountId : !involved.partnerOrganisationId)
    throw new InvalidConsentError("doel", "consent:errors.purposeForGrantee");
  const [row] = await tx
    .insert(consents)
    .values({
      organisationId: record.organisationId,
      newcomerId: record.id,
      purpose: input.purpose,
      granteeAccountId: toPerson ? involved.accountId : null,
      granteeOrganisationId: toPerson ? null : involved.partnerOrganisationId,
      granteeName: involved.name,
      dataClasses: [...input.dataClasses],
      validUntil: endOfDay(input.until),
      shown: {
        locale: input.locale,
        text: input.shownText(involved.name),
        templateVersion: CONSENT_TEXT_VERSION,
      },
      witness: input.witness ?? null,
      recordedBy: ctx.actor.accountId ?? null,
    })
    .returning({ id: consents.id });
  if (!row) throw new Error("insert failed");
  await recordAudit(
    tx,
    ctx,
    consentAudit(record, "create", row.id, {
      details: {
        purpose: input.purpose,
        dataClasses: input.dataClasses,
        until: input.until,
        onPaper: ctx.actor.kind !== "newcomer",
      },
    }),
  );
  return { id: row.id, granteeName: involved.name };
}

/** The newcomer gives consent themself. Returns the consent's id and the grantee's name. */
export async function grantConsent(
  db: Db,
  ctx: AuditContext,
  input: GrantInput,
): Promise<{ id: string; granteeName: string }> {
  return db.transaction(async (tx) => {
    const record = await findOwnRecord(tx, ctx.actor);
    if (!record) throw new NotFoundError("own record");
    consentPolicy.authorize(ctx.actor, "consent.grant", record);
    return insertConsent(tx, ctx, record, input);
  });
}

/** A consultant records a consent the newcomer gave on paper, with who witnessed or interpreted. */
export async function recordPaperConsent(
  db: Db,
  ctx: AuditContext,
  newcomerId: string,
  input: GrantInput,
): Promise<{ id: string; granteeName: string }> {
  return db.transaction(async (tx) => {
    const record = await findRecordById(tx, newcomerId);
    // Another organisation must not learn the record exists: 404, not 403.
    if (!record || !consentPolicy.can(ctx.actor, "consent.recordOnPaper", record))
      throw new NotFoundError("newcomer");
    return insertConsent(tx, ctx, record, input);
  });
}

/**
 * Revokes a consent at once: from the commit on, every query that loads consents (in its own
 * transaction) no longer finds it, so the partner's next page is refused. The row stays.
 */
export async function revokeConsent(
  db: Db,
  ctx: AuditContext,
  consentId: string,
  newcomerId?: string,
): Promise<void> {
  await db.transaction(async (tx) => {
    const record = newcomerId
      ? await findRecordById(tx, newcomerId)
      : await findOwnRecord(tx, ctx.actor);
    if (!record || !consentPolicy.can(ctx.actor, "consent.revoke", record))
      throw new NotFoundError("newcomer");
    const [row] = await tx
      .update(consents)
      .set({ revokedAt: sql`now()`, version: sql`${consents.version} + 1` })
      .where(
        and(
          eq(consents.id, consentId),
          eq(consents.newcomerId, record.id),
          isNull(consents.revokedAt),
        ),
      )
      .returning({ id: consents.id });
    if (!row) throw new NotFoundError("consent");
    await recordAudit(
      tx,
      ctx,
      consentAudit(record, "update", row.id, { details: { revoked: true } }),
    );
  });
}

/**
 * The newcomer asks for a correction (AVG art. 16): a task for the consultant. Returns the
 * assigned consultant's e-mail address (for a notice without personal data), if there is one.
 */
export async function requestCorrection(
  db: Db,
  ctx: AuditContext,
  input: { text: string; locale: string },
): Promise<{ newcomerId: string; consultantEmail: string | null; organisationId: string }> {
  return db.transaction(async (tx) => {
    const record = await findOwnRecord(tx, ctx.actor);
    if (!record) throw new NotFoundError("own record");
    consentPolicy.authorize(ctx.actor, "mydata.correction", record);
    const [row] = await tx
      .insert(correctionRequests)
      .values({
        organisationId: record.organisationId,
        newcomerId: record.id,
        text: input.text,
        locale: input.locale,
      })
      .returning({ id: correctionRequests.id });
    if (!row) throw new Error("insert failed");
    await recordAudit(tx, ctx, {
      action: "create",
      resourceType: "correction_request",
      resourceId: row.id,
      subjectKind: "newcomer",
      subjectId: record.id,
      organisationId: record.organisationId,
      dataClasses: ["basic"],
      purpose: "eigen_inzage",
      legalBasis: "wettelijke_taak",
    });
    const [consultant] = record.assignedConsultantId
      ? await tx
          .select({ email: accounts.email })
          .from(accounts)
          .where(and(eq(accounts.id, record.assignedConsultantId), eq(accounts.status, "active")))
      : [];
    return {
      newcomerId: record.id,
      consultantEmail: consultant?.email ?? null,
      organisationId: record.organisationId,
    };
  });
}

/**
 * A key person adds a note to a newcomer they have consent for (any data class in force). Stored
 * as a comment ("opmerking") with the key person as author, so the consultant sees it with the
 * newcomer's own words and can tell who wrote it.
 */
export async function addKeyPersonNote(
  db: Db,
  ctx: AuditContext,
  newcomerId: string,
  input: { text: string; locale: string },
): Promise<void> {
  await db.transaction(async (tx) => {
    const access = await getSharedViewAccess(tx, ctx.actor, newcomerId);
    if (!access) throw new NotFoundError("newcomer");
    const [row] = await tx
      .insert(newcomerVoices)
      .values({
        organisationId: access.organisationId,
        newcomerId: access.id,
        kind: "opmerking",
        text: input.text,
        locale: input.locale,
        authorAccountId: ctx.actor.accountId ?? null,
      })
      .returning({ id: newcomerVoices.id });
    await recordAudit(tx, ctx, {
      action: "create",
      resourceType: "newcomer_note",
      resourceId: row?.id ?? access.id,
      subjectKind: "newcomer",
      subjectId: access.id,
      organisationId: access.organisationId,
      dataClasses: ["plan"],
      purpose: "koppeling_partner",
      legalBasis: "toestemming",
    });
  });
}
