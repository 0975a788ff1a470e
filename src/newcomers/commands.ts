import { and, eq, isNull, ne, sql } from "drizzle-orm";
import { accounts, memberships } from "../accounts/schema.ts";
import { type AuditContext, type AuditEntry, recordAudit } from "../audit/index.ts";
import { organisations } from "../organisations/schema.ts";
import { ForbiddenError, NotFoundError } from "../platform/authz/index.ts";
import type { Db, Tx } from "../platform/db/client.ts";
import { ConflictError } from "../platform/http/errors.ts";
import type {
  ExtensionInput,
  HouseholdInput,
  InvolvementInput,
  KeyDateInput,
  LanguageInput,
  NewcomerChanges,
  NewcomerInput,
  TransferInput,
} from "./input.ts";
import {
  NEWCOMER_PURPOSE,
  type NewcomerAction,
  type NewcomerDataClass,
  newcomerPolicy,
  writableDataClasses,
} from "./policy.ts";
import {
  keyDateClasses,
  type NewcomerRecord,
  newcomerFieldClasses,
  type PresentedNewcomer,
  presentNewcomer,
} from "./presenter.ts";
import {
  assignableConsultants,
  findNewcomerRecord,
  isNewcomerId,
  partnerKinds,
} from "./queries.ts";
import { isValidBsn } from "./rules.ts";
import {
  consultantAssignments,
  householdMembers,
  involvements,
  keyDates,
  newcomerLanguages,
  newcomers,
  termExtensions,
} from "./schema.ts";

/**
 * Input that breaks a rule only the database can check (a BSN already registered, a consultant
 * who does not work here). Field → i18n key; pages show them as field errors, the API as 422.
 */
export class InvalidNewcomerError extends Error {
  readonly statusCode = 422;
  constructor(readonly fields: Record<string, string>) {
    super(`Invalid newcomer: ${Object.keys(fields).join(", ")}`);
    this.name = "InvalidNewcomerError";
  }
}

type Field = keyof typeof newcomerFieldClasses;

const baseEntry = (id: string, organisationId: string) =>
  ({
    resourceType: "newcomer",
    resourceId: id,
    subjectKind: "newcomer",
    subjectId: id,
    organisationId,
    purpose: NEWCOMER_PURPOSE,
    legalBasis: "wettelijke_taak",
  }) as const;

/** Rules that need the database: one record per BSN per municipality; a real colleague assigned. */
async function checkAgainstDatabase(
  tx: Tx,
  organisationId: string,
  values: { bsn?: string | null; assignedConsultantId?: string | null },
  exceptId?: string,
): Promise<void> {
  const errors: Record<string, string> = {};
  if (values.bsn) {
    if (!isValidBsn(values.bsn)) errors.bsn = "newcomers:errors.bsn";
    else {
      const [taken] = await tx
        .select({ id: newcomers.id })
        .from(newcomers)
        .where(
          and(
            eq(newcomers.organisationId, organisationId),
            eq(newcomers.bsn, values.bsn),
            exceptId ? ne(newcomers.id, exceptId) : undefined,
          ),
        );
      if (taken) errors.bsn = "newcomers:errors.bsnTaken";
    }
  }
  if (values.assignedConsultantId) {
    const colleagues = await assignableConsultants(tx, organisationId);
    if (!colleagues.some((c) => c.id === values.assignedConsultantId))
      errors.assignedConsultantId = "newcomers:errors.unknownConsultant";
  }
  if (Object.keys(errors).length > 0) throw new InvalidNewcomerError(errors);
}

/**
 * Registers a newcomer in the actor's municipality. Authorizes (ForbiddenError), checks the
 * rules above (InvalidNewcomerError) and audits the creation with the data classes shown back.
 * An assigned consultant starts the assignment history.
 */
export async function createNewcomer(
  db: Db,
  ctx: AuditContext,
  input: NewcomerInput,
): Promise<PresentedNewcomer> {
  const { actor } = ctx;
  const organisationId = actor.organisationId;
  if (!organisationId) throw new ForbiddenError("newcomer.create");
  newcomerPolicy.authorize(actor, "newcomer.create", { organisationId });
  return db.transaction(async (tx) => {
    await checkAgainstDatabase(tx, organisationId, input);
    const [row] = await tx
      .insert(newcomers)
      .values({
        organisationId,
        givenNames: input.givenNames,
        familyNamePrefix: input.familyNamePrefix ?? null,
        familyName: input.familyName,
        birthDate: input.birthDate ?? null,
        bsn: input.bsn ?? null,
        countryOfOrigin: input.countryOfOrigin ?? null,
        targetGroup: input.targetGroup ?? null,
        phone: input.phone ?? null,
        email: input.email ?? null,
        address: input.address ?? null,
        preferredLanguage: input.preferredLanguage,
        letterLanguage: input.letterLanguage ?? null,
        interpreterNeeded: input.interpreterNeeded ?? false,
        interpreterLanguage: input.interpreterLanguage ?? null,
        literacy: input.literacy ?? null,
        latinScript: input.latinScript ?? null,
        socialAssistance: input.socialAssistance ?? null,
        assignedConsultantId: input.assignedConsultantId ?? null,
      })
      .returning({ id: newcomers.id });
    if (!row) throw new Error("insert returned nothing");
    if (input.assignedConsultantId)
      await tx.insert(consultantAssignments).values({
        organisationId,
        newcomerId: row.id,
        consultantId: input.assignedConsultantId,
        assignedBy: actor.accountId ?? null,
      });
    const record = await findNewcomerRecord(tx, row.id);
    if (!record) throw new Error("new record not found");
    const presented = presentNewcomer(actor, record);
    await recordAudit(tx, ctx, {
      ...baseEntry(row.id, organisationId),
      action: "create",
      dataClasses: presented.dataClasses,
    });
    return presented;
  });
}

/** Fields that cannot be empty in the table: an emptied field falls back to its default. */
const notNullDefaults: Partial<Record<Field, unknown>> = { interpreterNeeded: false };

type Outcome<T> =
  | { kind: "done"; value: T }
  | { kind: "hidden" }
  | { kind: "forbidden" }
  | { kind: "conflict" };

/** Turns an outcome into its value or the error for it (outside the transaction, so refusals stay audited). */
function settle<T>(outcome: Outcome<T>, action: string): T {
  switch (outcome.kind) {
    case "done":
      return outcome.value;
    case "hidden":
      throw new NotFoundError("newcomer");
    case "forbidden":
      throw new ForbiddenError(action);
    case "conflict":
      // No current data in the error: it would be shown without an audit record.
      throw new ConflictError();
  }
}

/**
 * Changes a record, field by field within the data classes the actor may change (health only by
 * the assigned consultant). Optimistic concurrency: `changes.version` must be the stored version,
 * else ConflictError. NotFoundError when the actor may not see the record (also across
 * organisations); ForbiddenError when they send a field they may not change. Refused attempts are
 * audited as "denied"; a change records which fields changed (never their values). A change of
 * the assigned consultant is added to the assignment history.
 */
export async function updateNewcomer(
  db: Db,
  ctx: AuditContext,
  id: string,
  changes: NewcomerChanges,
): Promise<PresentedNewcomer> {
  const { actor } = ctx;
  const outcome = await db.transaction(async (tx): Promise<Outcome<PresentedNewcomer>> => {
    const row = await findNewcomerRecord(tx, id, { forUpdate: true });
    if (!row) return { kind: "hidden" };
    const entry = baseEntry(row.id, row.organisationId);
    const refuse = async (kind: "hidden" | "forbidden", reason: string) => {
      await recordAudit(tx, ctx, {
        ...entry,
        action: "update",
        dataClasses: [],
        outcome: "denied",
        details: { reason },
      });
      return { kind };
    };
    if (!newcomerPolicy.can(actor, "newcomer.read", row)) return refuse("hidden", "not_visible");
    const writable = writableDataClasses(actor, row);
    const sent = (Object.keys(newcomerFieldClasses) as Field[]).filter(
      (f) => changes[f] !== undefined,
    );
    const notAllowed = sent.filter((f) => !writable.includes(newcomerFieldClasses[f]));
    if (writable.length === 0 || notAllowed.length > 0)
      return refuse("forbidden", `fields: ${notAllowed.join(",") || "all"}`);
    if (row.version !== changes.version) return { kind: "conflict" };

    const newValue = (f: Field) => changes[f] ?? notNullDefaults[f] ?? null;
    const changed = sent.filter((f) => newValue(f) !== (row[f] ?? null));
    await checkAgainstDatabase(
      tx,
      row.organisationId,
      {
        bsn: changed.includes("bsn") ? changes.bsn : undefined,
        assignedConsultantId: changed.includes("assignedConsultantId")
          ? changes.assignedConsultantId
          : undefined,
      },
      row.id,
    );
    if (changed.length > 0) {
      const values = Object.fromEntries(changed.map((f) => [f, newValue(f)]));
      await tx
        .update(newcomers)
        .set({ ...values, version: sql`${newcomers.version} + 1`, updatedAt: new Date() })
        .where(and(eq(newcomers.id, row.id), eq(newcomers.version, changes.version)));
    }
    if (changed.includes("assignedConsultantId") && changes.assignedConsultantId)
      await tx.insert(consultantAssignments).values({
        organisationId: row.organisationId,
        newcomerId: row.id,
        consultantId: changes.assignedConsultantId,
        assignedBy: actor.accountId ?? null,
      });
    const record = (await findNewcomerRecord(tx, row.id)) ?? row;
    const presented = presentNewcomer(actor, record);
    const changedClasses = [...new Set(changed.map((f) => newcomerFieldClasses[f]))];
    const audit: AuditEntry = {
      ...entry,
      action: "update",
      dataClasses: presented.dataClasses,
      details: { changedFields: changed, changedDataClasses: changedClasses },
    };
    await recordAudit(tx, ctx, audit);
    return { kind: "done", value: presented };
  });
  return settle(outcome, "newcomer.update");
}

/** What a change to one part of a record needs to know besides the change itself. */
interface PartChange {
  /** The policy action; "newcomer.update" for most parts. */
  action: NewcomerAction & ("newcomer.update" | "newcomer.transfer");
  /** The data class the part belongs to: the actor must be allowed to change it. */
  dataClass: NewcomerDataClass;
  /** What the audit record says about the change (never the values). */
  details: Record<string, unknown>;
}

/**
 * The shape of every change to a part of a record (languages, household, key dates, extensions,
 * assignment, involvements): lock the newcomer, check the policy and the data class, make the
 * change, and audit it — a refusal as "denied" — in one transaction.
 */
async function changePart<T>(
  db: Db,
  ctx: AuditContext,
  id: string,
  part: PartChange,
  change: (tx: Tx, row: NewcomerRecord) => Promise<T | { conflict: true }>,
): Promise<T> {
  const { actor } = ctx;
  const outcome = await db.transaction(async (tx): Promise<Outcome<T>> => {
    const row = await findNewcomerRecord(tx, id, { forUpdate: true });
    if (!row) return { kind: "hidden" };
    const entry = { ...baseEntry(row.id, row.organisationId), action: "update" } as const;
    const visible = newcomerPolicy.can(actor, "newcomer.read", row);
    const allowed =
      visible &&
      newcomerPolicy.can(actor, part.action, row) &&
      writableDataClasses(actor, row).includes(part.dataClass);
    if (!allowed) {
      await recordAudit(tx, ctx, {
        ...entry,
        dataClasses: [],
        outcome: "denied",
        details: { ...part.details, reason: visible ? "not_allowed" : "not_visible" },
      });
      return { kind: visible ? "forbidden" : "hidden" };
    }
    const value = await change(tx, row);
    if (typeof value === "object" && value !== null && "conflict" in value)
      return { kind: "conflict" };
    await recordAudit(tx, ctx, { ...entry, dataClasses: [part.dataClass], details: part.details });
    return { kind: "done", value: value as T };
  });
  return settle(outcome, part.action);
}

/** A change that touched no row of this newcomer: roll back (no audit) and answer 404. */
function expectOne(rows: readonly unknown[], what: string): void {
  if (rows.length === 0) throw new NotFoundError(what);
}

/** Adds a language the newcomer speaks, with their level. */
export async function addLanguage(
  db: Db,
  ctx: AuditContext,
  id: string,
  input: LanguageInput,
): Promise<void> {
  await changePart(
    db,
    ctx,
    id,
    {
      action: "newcomer.update",
      dataClass: "basic",
      details: { part: "languages", change: "add" },
    },
    async (tx, row) => {
      await tx.insert(newcomerLanguages).values({
        organisationId: row.organisationId,
        newcomerId: row.id,
        language: input.language,
        level: input.level,
      });
    },
  );
}

/** Removes a language from the record (NotFoundError when it is not this newcomer's). */
export async function removeLanguage(
  db: Db,
  ctx: AuditContext,
  id: string,
  languageId: string,
): Promise<void> {
  if (!isNewcomerId(languageId)) throw new NotFoundError("language");
  await changePart(
    db,
    ctx,
    id,
    {
      action: "newcomer.update",
      dataClass: "basic",
      details: { part: "languages", change: "remove" },
    },
    async (tx, row) =>
      expectOne(
        await tx
          .delete(newcomerLanguages)
          .where(
            and(eq(newcomerLanguages.id, languageId), eq(newcomerLanguages.newcomerId, row.id)),
          )
          .returning({ id: newcomerLanguages.id }),
        "language",
      ),
  );
}

/**
 * Adds a household member. With `linkedBsn` the member is obliged to integrate too: their own
 * record is looked up by BSN in the same municipality only (InvalidNewcomerError when there is none).
 */
export async function addHouseholdMember(
  db: Db,
  ctx: AuditContext,
  id: string,
  input: HouseholdInput,
): Promise<void> {
  await changePart(
    db,
    ctx,
    id,
    {
      action: "newcomer.update",
      dataClass: "basic",
      details: { part: "household", change: "add" },
    },
    async (tx, row) => {
      let linkedNewcomerId: string | null = null;
      if (input.linkedBsn) {
        const [linked] = await tx
          .select({ id: newcomers.id })
          .from(newcomers)
          .where(
            and(
              eq(newcomers.organisationId, row.organisationId),
              eq(newcomers.bsn, input.linkedBsn),
              ne(newcomers.id, row.id),
            ),
          );
        if (!linked) throw new InvalidNewcomerError({ linkedBsn: "newcomers:errors.noSuchBsn" });
        linkedNewcomerId = linked.id;
      }
      await tx.insert(householdMembers).values({
        organisationId: row.organisationId,
        newcomerId: row.id,
        name: input.name,
        relation: input.relation,
        birthDate: input.birthDate ?? null,
        linkedNewcomerId,
      });
    },
  );
}

/** Removes a household member (NotFoundError when it is not this newcomer's). */
export async function removeHouseholdMember(
  db: Db,
  ctx: AuditContext,
  id: string,
  memberId: string,
): Promise<void> {
  if (!isNewcomerId(memberId)) throw new NotFoundError("household member");
  await changePart(
    db,
    ctx,
    id,
    {
      action: "newcomer.update",
      dataClass: "basic",
      details: { part: "household", change: "remove" },
    },
    async (tx, row) =>
      expectOne(
        await tx
          .delete(householdMembers)
          .where(and(eq(householdMembers.id, memberId), eq(householdMembers.newcomerId, row.id)))
          .returning({ id: householdMembers.id }),
        "household member",
      ),
  );
}

/**
 * Records a key date. A correction is recorded the same way: the newer row becomes the current
 * value and the older one stays in the history.
 */
export async function recordKeyDate(
  db: Db,
  ctx: AuditContext,
  id: string,
  input: KeyDateInput,
): Promise<void> {
  await changePart(
    db,
    ctx,
    id,
    {
      action: "newcomer.update",
      dataClass: keyDateClasses[input.kind],
      details: { part: "key_dates", change: "record", kind: input.kind, source: input.source },
    },
    async (tx, row) => {
      await tx.insert(keyDates).values({
        organisationId: row.organisationId,
        newcomerId: row.id,
        kind: input.kind,
        date: input.date,
        source: input.source,
        note: input.note ?? null,
        recordedBy: ctx.actor.accountId ?? null,
      });
    },
  );
}

/**
 * Marks a recorded key date as withdrawn (a DUO signal taken back), with the reason. The row is
 * kept: the history shows it struck through. NotFoundError when it is not this newcomer's or was
 * already withdrawn.
 */
export async function withdrawKeyDate(
  db: Db,
  ctx: AuditContext,
  id: string,
  keyDateId: string,
  reason: string,
): Promise<void> {
  if (!isNewcomerId(keyDateId)) throw new NotFoundError("key date");
  const row = await findNewcomerRecord(db, id);
  const [target] = row
    ? await db
        .select({ kind: keyDates.kind })
        .from(keyDates)
        .where(and(eq(keyDates.id, keyDateId), eq(keyDates.newcomerId, row.id)))
    : [];
  const kind = target?.kind ?? "kennisgeving_duo";
  await changePart(
    db,
    ctx,
    id,
    {
      action: "newcomer.update",
      dataClass: keyDateClasses[kind],
      details: { part: "key_dates", change: "withdraw", kind },
    },
    async (tx, newcomer) =>
      expectOne(
        await tx
          .update(keyDates)
          .set({ withdrawnAt: new Date(), withdrawnReason: reason })
          .where(
            and(
              eq(keyDates.id, keyDateId),
              eq(keyDates.newcomerId, newcomer.id),
              isNull(keyDates.withdrawnAt),
            ),
          )
          .returning({ id: keyDates.id }),
        "key date",
      ),
  );
}

/** Extends the term by a number of months, with the reason and the date of the decision. */
export async function addTermExtension(
  db: Db,
  ctx: AuditContext,
  id: string,
  input: ExtensionInput,
): Promise<void> {
  await changePart(
    db,
    ctx,
    id,
    {
      action: "newcomer.update",
      dataClass: "basic",
      details: { part: "term_extensions", change: "add", months: input.months },
    },
    async (tx, row) => {
      await tx.insert(termExtensions).values({
        organisationId: row.organisationId,
        newcomerId: row.id,
        months: input.months,
        reason: input.reason,
        decidedOn: input.decidedOn,
        createdBy: ctx.actor.accountId ?? null,
      });
    },
  );
}

/**
 * Hands the newcomer to a colleague of the same municipality, with a note for the history.
 * Optimistic concurrency on the record's version (ConflictError); InvalidNewcomerError for
 * someone who is not an active consultant or team lead here, or who is already assigned.
 */
export async function transferNewcomer(
  db: Db,
  ctx: AuditContext,
  id: string,
  input: TransferInput,
): Promise<void> {
  await changePart(
    db,
    ctx,
    id,
    { action: "newcomer.transfer", dataClass: "basic", details: { part: "assignment" } },
    async (tx, row) => {
      if (row.version !== input.version) return { conflict: true } as const;
      const colleagues = await assignableConsultants(tx, row.organisationId);
      if (!colleagues.some((c) => c.id === input.consultantId))
        throw new InvalidNewcomerError({ consultantId: "newcomers:errors.unknownConsultant" });
      if (row.assignedConsultantId === input.consultantId)
        throw new InvalidNewcomerError({ consultantId: "newcomers:errors.alreadyAssigned" });
      await tx
        .update(newcomers)
        .set({
          assignedConsultantId: input.consultantId,
          version: sql`${newcomers.version} + 1`,
          updatedAt: new Date(),
        })
        .where(eq(newcomers.id, row.id));
      await tx.insert(consultantAssignments).values({
        organisationId: row.organisationId,
        newcomerId: row.id,
        consultantId: input.consultantId,
        note: input.note ?? null,
        assignedBy: ctx.actor.accountId ?? null,
      });
    },
  );
}

/**
 * Involves a key person (an account with the sleutelpersoon role in the municipality, or a person
 * named) or a chain partner organisation. What they may then see is a consent matter (issue 4).
 */
export async function addInvolvement(
  db: Db,
  ctx: AuditContext,
  id: string,
  input: InvolvementInput,
): Promise<void> {
  await changePart(
    db,
    ctx,
    id,
    {
      action: "newcomer.update",
      dataClass: "basic",
      details: { part: "involvements", change: "add", role: input.role },
    },
    async (tx, row) => {
      let name = input.name ?? "";
      let accountId: string | null = null;
      let partnerOrganisationId: string | null = null;
      if (input.role === "sleutelpersoon" && input.accountId) {
        const [keyPerson] = await tx
          .select({ id: memberships.accountId })
          .from(memberships)
          .where(
            and(
              eq(memberships.accountId, input.accountId),
              eq(memberships.organisationId, row.organisationId),
              eq(memberships.role, "sleutelpersoon"),
            ),
          );
        if (!keyPerson)
          throw new InvalidNewcomerError({ accountId: "newcomers:errors.unknownKeyPerson" });
        accountId = keyPerson.id;
      }
      if (input.role === "ketenpartner" && input.partnerOrganisationId) {
        const [partner] = await tx
          .select({ id: organisations.id, name: organisations.name, kind: organisations.kind })
          .from(organisations)
          .where(eq(organisations.id, input.partnerOrganisationId));
        if (!partner || !(partnerKinds as readonly string[]).includes(partner.kind))
          throw new InvalidNewcomerError({
            partnerOrganisationId: "newcomers:errors.unknownPartner",
          });
        partnerOrganisationId = partner.id;
        if (!name) name = partner.name;
      }
      if (accountId && !name) {
        const [person] = await tx
          .select({ name: accounts.name })
          .from(accounts)
          .where(eq(accounts.id, accountId));
        name = person?.name ?? "";
      }
      await tx.insert(involvements).values({
        organisationId: row.organisationId,
        newcomerId: row.id,
        role: input.role,
        accountId,
        partnerOrganisationId,
        name,
        since: input.since,
        note: input.remark ?? null,
      });
    },
  );
}

/** Ends an involvement on a date (NotFoundError when it is not this newcomer's or already ended). */
export async function endInvolvement(
  db: Db,
  ctx: AuditContext,
  id: string,
  involvementId: string,
  until: string,
): Promise<void> {
  if (!isNewcomerId(involvementId)) throw new NotFoundError("involvement");
  await changePart(
    db,
    ctx,
    id,
    {
      action: "newcomer.update",
      dataClass: "basic",
      details: { part: "involvements", change: "end" },
    },
    async (tx, row) =>
      expectOne(
        await tx
          .update(involvements)
          .set({ until })
          .where(
            and(
              eq(involvements.id, involvementId),
              eq(involvements.newcomerId, row.id),
              isNull(involvements.until),
            ),
          )
          .returning({ id: involvements.id }),
        "involvement",
      ),
  );
}
