import { and, eq, ne, sql } from "drizzle-orm";
import { type AuditContext, type AuditEntry, recordAudit } from "../audit/index.ts";
import { ForbiddenError, NotFoundError } from "../platform/authz/index.ts";
import type { Db, Tx } from "../platform/db/client.ts";
import { ConflictError } from "../platform/http/errors.ts";
import type { NewcomerChanges, NewcomerInput } from "./input.ts";
import { NEWCOMER_PURPOSE, newcomerPolicy, writableDataClasses } from "./policy.ts";
import { newcomerFieldClasses, type PresentedNewcomer, presentNewcomer } from "./presenter.ts";
import { assignableConsultants, findNewcomerRecord } from "./queries.ts";
import { isValidBsn } from "./rules.ts";
import { newcomers } from "./schema.ts";

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
        familyName: input.familyName,
        birthDate: input.birthDate ?? null,
        bsn: input.bsn ?? null,
        countryOfOrigin: input.countryOfOrigin ?? null,
        targetGroup: input.targetGroup ?? null,
        phone: input.phone ?? null,
        email: input.email ?? null,
        preferredLanguage: input.preferredLanguage,
        assignedConsultantId: input.assignedConsultantId ?? null,
      })
      .returning({ id: newcomers.id });
    if (!row) throw new Error("insert returned nothing");
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

type UpdateOutcome =
  | { kind: "updated"; presented: PresentedNewcomer }
  | { kind: "hidden" }
  | { kind: "forbidden" }
  | { kind: "conflict" };

/**
 * Changes a record, field by field within the data classes the actor may change (health only by
 * the assigned consultant). Optimistic concurrency: `changes.version` must be the stored version,
 * else ConflictError. NotFoundError when the actor may not see the record (also across
 * organisations); ForbiddenError when they send a field they may not change. Refused attempts are
 * audited as "denied"; a change records which fields changed (never their values).
 */
export async function updateNewcomer(
  db: Db,
  ctx: AuditContext,
  id: string,
  changes: NewcomerChanges,
): Promise<PresentedNewcomer> {
  const { actor } = ctx;
  const outcome = await db.transaction(async (tx): Promise<UpdateOutcome> => {
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

    const changed = sent.filter((f) => (changes[f] ?? null) !== (row[f] ?? null));
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
      const values = Object.fromEntries(changed.map((f) => [f, changes[f] ?? null]));
      await tx
        .update(newcomers)
        .set({ ...values, version: sql`${newcomers.version} + 1`, updatedAt: new Date() })
        .where(and(eq(newcomers.id, row.id), eq(newcomers.version, changes.version)));
    }
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
    return { kind: "updated", presented };
  });
  switch (outcome.kind) {
    case "updated":
      return outcome.presented;
    case "hidden":
      throw new NotFoundError("newcomer");
    case "forbidden":
      throw new ForbiddenError("newcomer.update");
    case "conflict":
      // No current data in the error: it would be shown without an audit record.
      throw new ConflictError();
  }
}
