import { and, eq, sql } from "drizzle-orm";
import { type AuditContext, recordAudit } from "../audit/index.ts";
import { findOrganisation } from "../organisations/index.ts";
import { ForbiddenError, NotFoundError } from "../platform/authz/index.ts";
import type { Db, Tx } from "../platform/db/client.ts";
import { ConflictError } from "../platform/http/errors.ts";
import {
  type Access,
  auditBase,
  fullName,
  InvalidIntakeError,
  isId,
  type NewcomerFacts,
  Refusal,
  shown,
  withIntake,
} from "./access.ts";
import type {
  CircumstancesInput,
  CompletionInput,
  ConversationInput,
  DomainScoresInput,
  DutiesInput,
  EducationInput,
  EnforcementInput,
  LearnabilityInput,
  OwnWordsInput,
  WorkInput,
} from "./input.ts";
import { healthFields } from "./input.ts";
import { enforcementLetter } from "./letters.ts";
import { type IntakeDataClass, intakePolicy } from "./policy.ts";
import {
  presentCircumstances,
  presentConversation,
  presentEducation,
  presentEnforcementStep,
  presentIntake,
  presentLearnability,
  presentWork,
} from "./presenter.ts";
import { findConversation, findEducationEntry, findWorkEntry, intakeProgress } from "./queries.ts";
import { fineFor, invites, missingForCompletion, nextEnforcementStep } from "./rules.ts";
import {
  attachments,
  type ConversationAttendees,
  conversations,
  domainScores,
  educationEntries,
  enforcementSteps,
  intakes,
  learnabilityTests,
  personalCircumstances,
  workEntries,
} from "./schema.ts";

const writeAccess = (resourceType: string, auditAction: "create" | "update" | "delete") =>
  ({ action: "intake.update", resourceType, auditAction, write: true }) as const satisfies Access;

async function audit(
  tx: Tx,
  ctx: AuditContext,
  n: NewcomerFacts,
  entry: {
    action: "create" | "update" | "delete" | "read";
    resourceType: string;
    resourceId?: string | undefined;
    classes: IntakeDataClass[];
    details?: Record<string, unknown>;
  },
): Promise<void> {
  await recordAudit(tx, ctx, {
    ...auditBase(n, entry.resourceType, entry.resourceId),
    action: entry.action,
    dataClasses: shown(...entry.classes),
    ...(entry.details ? { details: entry.details } : {}),
  });
}

/**
 * A save based on an old version: the current record is shown next to what the person typed, so
 * it is read — and audited as read — before the refusal (ConflictError carries it to the page).
 */
async function conflict(
  tx: Tx,
  ctx: AuditContext,
  n: NewcomerFacts,
  resourceType: string,
  resourceId: string | undefined,
  classes: IntakeDataClass[],
  current: unknown,
): Promise<Refusal> {
  await audit(tx, ctx, n, {
    action: "read",
    resourceType,
    resourceId,
    classes,
    details: { reason: "conflict" },
  });
  return new Refusal(new ConflictError(current));
}

const bump = () => ({ version: sql`version + 1`, updatedAt: new Date() });
const owned = (n: NewcomerFacts, ctx: AuditContext) => ({
  organisationId: n.organisationId,
  newcomerId: n.id,
  createdBy: ctx.actor.accountId ?? null,
});

// ─── Conversations ──────────────────────────────────────────────────────────────────────────

/**
 * The intake started with its first intake conversation: keep the earliest date. Not a person's
 * edit, so the version stays — it must not make someone's open own-words form stale.
 */
async function markStarted(tx: Tx, ctx: AuditContext, n: NewcomerFacts, heldOn: string) {
  const [row] = await tx.select().from(intakes).where(eq(intakes.newcomerId, n.id));
  if (!row) {
    // Version 0: the row exists, but nobody has edited it yet (forms of a missing row send 0).
    await tx.insert(intakes).values({ ...owned(n, ctx), startedOn: heldOn, version: 0 });
  } else if (!row.startedOn || row.startedOn > heldOn) {
    await tx.update(intakes).set({ startedOn: heldOn }).where(eq(intakes.id, row.id));
  }
}

const attendeesOf = (input: ConversationInput): ConversationAttendees => ({
  interpreter: {
    present: input.interpreterPresent === "ja",
    ...(input.interpreterPresent === "ja" && input.interpreterLanguage
      ? { language: input.interpreterLanguage }
      : {}),
    ...(input.interpreterPresent === "ja" && input.interpreterName
      ? { name: input.interpreterName }
      : {}),
  },
  keyPerson: {
    present: input.keyPersonPresent === "ja",
    ...(input.keyPersonPresent === "ja" && input.keyPersonName
      ? { name: input.keyPersonName }
      : {}),
  },
  ...(input.partnerPresent ? { partnerPresent: input.partnerPresent === "ja" } : {}),
  ...(input.others ? { others: input.others } : {}),
});

/**
 * Records a conversation, or changes one (then `input.version` must be the stored version, else
 * ConflictError with the current conversation). Returns the conversation's id.
 */
export async function saveConversation(
  db: Db,
  ctx: AuditContext,
  newcomerId: string,
  conversationId: string | undefined,
  input: ConversationInput,
): Promise<string> {
  const type = "intake_conversation";
  return withIntake(
    db,
    ctx,
    newcomerId,
    writeAccess(type, conversationId ? "update" : "create"),
    async (tx, n) => {
      const values = {
        kind: input.kind,
        heldOn: input.heldOn,
        attendees: attendeesOf(input),
        notes: input.notes ?? null,
      };
      let id: string;
      if (!conversationId) {
        const [row] = await tx
          .insert(conversations)
          .values({ ...owned(n, ctx), ...values })
          .returning({ id: conversations.id });
        if (!row) throw new Error("insert returned nothing");
        id = row.id;
      } else {
        const row = await findConversation(tx, n.id, conversationId);
        if (!row) return new Refusal(new NotFoundError("conversation"));
        if (row.version !== input.version)
          return conflict(tx, ctx, n, type, row.id, ["plan"], presentConversation(row));
        await tx
          .update(conversations)
          .set({ ...values, ...bump() })
          .where(eq(conversations.id, row.id));
        id = row.id;
      }
      if (input.kind === "intake") await markStarted(tx, ctx, n, input.heldOn);
      await audit(tx, ctx, n, {
        action: conversationId ? "update" : "create",
        resourceType: type,
        resourceId: id,
        classes: ["plan"],
      });
      return id;
    },
  );
}

/** A drawing (sanitised SVG) or an image attached to a conversation. */
export interface AttachmentInput {
  fileName: string;
  mediaType: "image/svg+xml" | "image/png" | "image/jpeg";
  content: Buffer;
}

/**
 * Adds a drawing or an image to a conversation. Attachments are only ever added or removed, never
 * changed, so two people drawing at once lose nothing. The SVG must already be sanitised.
 */
export async function addAttachment(
  db: Db,
  ctx: AuditContext,
  newcomerId: string,
  conversationId: string,
  input: AttachmentInput,
): Promise<string> {
  const type = "intake_attachment";
  return withIntake(db, ctx, newcomerId, writeAccess(type, "create"), async (tx, n) => {
    const conversation = await findConversation(tx, n.id, conversationId);
    if (!conversation) return new Refusal(new NotFoundError("conversation"));
    const [row] = await tx
      .insert(attachments)
      .values({
        organisationId: n.organisationId,
        newcomerId: n.id,
        conversationId: conversation.id,
        fileName: input.fileName,
        mediaType: input.mediaType,
        contentBase64: input.content.toString("base64"),
        createdBy: ctx.actor.accountId ?? null,
      })
      .returning({ id: attachments.id });
    if (!row) throw new Error("insert returned nothing");
    await audit(tx, ctx, n, {
      action: "create",
      resourceType: type,
      resourceId: row.id,
      classes: ["plan"],
      details: {
        conversationId: conversation.id,
        mediaType: input.mediaType,
        bytes: input.content.length,
      },
    });
    return row.id;
  });
}

/** Removes a drawing or image (e.g. a photo attached by mistake). Returns its conversation's id. */
export async function removeAttachment(
  db: Db,
  ctx: AuditContext,
  newcomerId: string,
  attachmentId: string,
): Promise<string | null> {
  const type = "intake_attachment";
  return withIntake(db, ctx, newcomerId, writeAccess(type, "delete"), async (tx, n) => {
    if (!isId(attachmentId)) return new Refusal(new NotFoundError("attachment"));
    const [row] = await tx
      .delete(attachments)
      .where(and(eq(attachments.id, attachmentId), eq(attachments.newcomerId, n.id)))
      .returning({ id: attachments.id, conversationId: attachments.conversationId });
    if (!row) return new Refusal(new NotFoundError("attachment"));
    await audit(tx, ctx, n, {
      action: "delete",
      resourceType: type,
      resourceId: row.id,
      classes: ["plan"],
    });
    return row.conversationId;
  });
}

// ─── The statutory parts ────────────────────────────────────────────────────────────────────

/** Saves the learnability test (one per newcomer). Version 0 creates it. */
export async function saveLearnability(
  db: Db,
  ctx: AuditContext,
  newcomerId: string,
  input: LearnabilityInput,
): Promise<void> {
  const type = "intake_learnability";
  await withIntake(db, ctx, newcomerId, writeAccess(type, "update"), async (tx, n) => {
    const taken = input.status === "afgenomen";
    const notTaken = input.status === "niet_afgenomen";
    const values = {
      status: input.status,
      takenOn: input.takenOn ?? null,
      score: taken ? (input.score ?? null) : null,
      indication: taken ? (input.indication ?? null) : null,
      notTakenReason: notTaken ? (input.notTakenReason ?? null) : null,
      notTakenNote: notTaken ? (input.notTakenNote ?? null) : null,
    };
    const [row] = await tx
      .select()
      .from(learnabilityTests)
      .where(eq(learnabilityTests.newcomerId, n.id));
    if ((row?.version ?? 0) !== input.version)
      return conflict(
        tx,
        ctx,
        n,
        type,
        row?.id,
        ["education"],
        row ? presentLearnability(row) : null,
      );
    if (row)
      await tx
        .update(learnabilityTests)
        .set({ ...values, ...bump() })
        .where(eq(learnabilityTests.id, row.id));
    else await tx.insert(learnabilityTests).values({ ...owned(n, ctx), ...values });
    await audit(tx, ctx, n, {
      action: row ? "update" : "create",
      resourceType: type,
      resourceId: row?.id,
      classes: ["education"],
    });
  });
}

/**
 * Adds a row of an intake list (education or work), or changes one with optimistic concurrency.
 * Shared by both lists: the only differences are the table, the values and the presenter.
 */
async function saveListEntry<Row extends { id: string; version: number }>(
  db: Db,
  ctx: AuditContext,
  newcomerId: string,
  entryId: string | undefined,
  version: number | undefined,
  list: {
    type: "intake_education" | "intake_work";
    insert: (tx: Tx, n: NewcomerFacts) => Promise<string>;
    find: (tx: Tx, newcomerId: string, entryId: string) => Promise<Row | undefined>;
    update: (tx: Tx, id: string) => Promise<void>;
    present: (row: Row) => unknown;
  },
): Promise<string> {
  const { type } = list;
  return withIntake(
    db,
    ctx,
    newcomerId,
    writeAccess(type, entryId ? "update" : "create"),
    async (tx, n) => {
      let id: string;
      if (!entryId) {
        id = await list.insert(tx, n);
      } else {
        const row = await list.find(tx, n.id, entryId);
        if (!row) return new Refusal(new NotFoundError(type));
        if (row.version !== version)
          return conflict(tx, ctx, n, type, row.id, ["education"], list.present(row));
        await list.update(tx, row.id);
        id = row.id;
      }
      await audit(tx, ctx, n, {
        action: entryId ? "update" : "create",
        resourceType: type,
        resourceId: id,
        classes: ["education"],
      });
      return id;
    },
  );
}

/** Adds an education entry, or changes one (optimistic concurrency). Returns its id. */
export async function saveEducationEntry(
  db: Db,
  ctx: AuditContext,
  newcomerId: string,
  entryId: string | undefined,
  input: EducationInput,
): Promise<string> {
  const values = {
    country: input.country ?? null,
    level: input.level,
    field: input.field ?? null,
    diploma: input.diploma ?? null,
    valuation: input.valuation,
    years: input.years ?? null,
  };
  return saveListEntry(db, ctx, newcomerId, entryId, input.version, {
    type: "intake_education",
    async insert(tx, n) {
      const [row] = await tx
        .insert(educationEntries)
        .values({ ...owned(n, ctx), ...values })
        .returning({ id: educationEntries.id });
      if (!row) throw new Error("insert returned nothing");
      return row.id;
    },
    find: findEducationEntry,
    async update(tx, id) {
      await tx
        .update(educationEntries)
        .set({ ...values, ...bump() })
        .where(eq(educationEntries.id, id));
    },
    present: presentEducation,
  });
}

/** Adds a work entry, or changes one (optimistic concurrency). Returns its id. */
export async function saveWorkEntry(
  db: Db,
  ctx: AuditContext,
  newcomerId: string,
  entryId: string | undefined,
  input: WorkInput,
): Promise<string> {
  const values = {
    country: input.country ?? null,
    sector: input.sector,
    role: input.role ?? null,
    years: input.years ?? null,
  };
  return saveListEntry(db, ctx, newcomerId, entryId, input.version, {
    type: "intake_work",
    async insert(tx, n) {
      const [row] = await tx
        .insert(workEntries)
        .values({ ...owned(n, ctx), ...values })
        .returning({ id: workEntries.id });
      if (!row) throw new Error("insert returned nothing");
      return row.id;
    },
    find: findWorkEntry,
    async update(tx, id) {
      await tx
        .update(workEntries)
        .set({ ...values, ...bump() })
        .where(eq(workEntries.id, id));
    },
    present: presentWork,
  });
}

/** Removes an education or work entry; the version must be the one the person saw. */
export async function removeEntry(
  db: Db,
  ctx: AuditContext,
  newcomerId: string,
  kind: "education" | "work",
  entryId: string,
  version: number,
): Promise<void> {
  const type = kind === "education" ? "intake_education" : "intake_work";
  await withIntake(db, ctx, newcomerId, writeAccess(type, "delete"), async (tx, n) => {
    const row =
      kind === "education"
        ? await findEducationEntry(tx, n.id, entryId)
        : await findWorkEntry(tx, n.id, entryId);
    if (!row) return new Refusal(new NotFoundError(`${kind} entry`));
    if (row.version !== version) {
      const current =
        kind === "education"
          ? presentEducation(row as typeof educationEntries.$inferSelect)
          : presentWork(row as typeof workEntries.$inferSelect);
      return conflict(tx, ctx, n, type, row.id, ["education"], current);
    }
    const table = kind === "education" ? educationEntries : workEntries;
    await tx.delete(table).where(eq(table.id, row.id));
    await audit(tx, ctx, n, {
      action: "delete",
      resourceType: type,
      resourceId: row.id,
      classes: ["education"],
    });
  });
}

/**
 * Saves the personal circumstances (one per newcomer; version 0 creates them). Health needs and
 * referrals only by whom the policy lets change health: anyone else sending a health field is
 * refused (ForbiddenError, audited), and their save leaves the health fields as they were.
 */
export async function saveCircumstances(
  db: Db,
  ctx: AuditContext,
  newcomerId: string,
  input: CircumstancesInput,
): Promise<void> {
  const type = "intake_circumstances";
  await withIntake(db, ctx, newcomerId, writeAccess(type, "update"), async (tx, n) => {
    const mayHealth = intakePolicy.can(ctx.actor, "intake.health.update", n);
    if (!mayHealth && healthFields.some((f) => input[f] !== undefined)) {
      await recordAudit(tx, ctx, {
        ...auditBase(n, type),
        action: "update",
        dataClasses: [],
        outcome: "denied",
        details: { reason: "health_not_allowed" },
      });
      return new Refusal(new ForbiddenError("intake.health.update"));
    }
    const classes: IntakeDataClass[] = mayHealth ? ["plan", "health"] : ["plan"];
    const values = {
      situation: input.situation ?? null,
      acuteDebts: input.acuteDebts === "ja",
      ...(mayHealth
        ? {
            healthNeeds: input.healthNeeds ?? null,
            healthReferrals: input.healthReferrals ?? null,
            acuteHealthNeeds: input.acuteHealthNeeds === "ja",
          }
        : {}),
    };
    const [row] = await tx
      .select()
      .from(personalCircumstances)
      .where(eq(personalCircumstances.newcomerId, n.id));
    if ((row?.version ?? 0) !== input.version)
      return conflict(
        tx,
        ctx,
        n,
        type,
        row?.id,
        classes,
        row ? presentCircumstances(row, mayHealth) : null,
      );
    if (row)
      await tx
        .update(personalCircumstances)
        .set({ ...values, ...bump() })
        .where(eq(personalCircumstances.id, row.id));
    else await tx.insert(personalCircumstances).values({ ...owned(n, ctx), ...values });
    await audit(tx, ctx, n, {
      action: row ? "update" : "create",
      resourceType: type,
      resourceId: row?.id,
      classes,
    });
  });
}

// ─── Domains ────────────────────────────────────────────────────────────────────────────────

/**
 * Records a scoring of the domains: a new row per domain scored, so scores are kept over time.
 * From the side-by-side screen the scoring belongs to that conversation.
 */
export async function recordDomainScores(
  db: Db,
  ctx: AuditContext,
  newcomerId: string,
  input: DomainScoresInput & { conversationId?: string | undefined },
): Promise<void> {
  const type = "intake_domains";
  await withIntake(db, ctx, newcomerId, writeAccess(type, "create"), async (tx, n) => {
    let conversationId: string | null = null;
    if (input.conversationId) {
      const conversation = await findConversation(tx, n.id, input.conversationId);
      if (!conversation) return new Refusal(new NotFoundError("conversation"));
      conversationId = conversation.id;
    }
    await tx.insert(domainScores).values(
      input.scores.map((s) => ({
        organisationId: n.organisationId,
        newcomerId: n.id,
        domain: s.domain,
        consultantScore: s.consultantScore,
        newcomerScore: s.newcomerScore,
        note: s.note,
        conversationId,
        scoredOn: input.scoredOn,
        createdBy: ctx.actor.accountId ?? null,
      })),
    );
    await audit(tx, ctx, n, {
      action: "create",
      resourceType: type,
      classes: ["plan"],
      details: { domains: input.scores.map((s) => s.domain), conversationId },
    });
  });
}

// ─── The intake row: own words, duties, completion ──────────────────────────────────────────

async function saveIntakeRow(
  db: Db,
  ctx: AuditContext,
  newcomerId: string,
  version: number,
  values: Partial<typeof intakes.$inferInsert>,
  check?: (tx: Tx, n: NewcomerFacts) => Promise<void>,
): Promise<void> {
  const type = "intake";
  await withIntake(db, ctx, newcomerId, writeAccess(type, "update"), async (tx, n) => {
    const [row] = await tx.select().from(intakes).where(eq(intakes.newcomerId, n.id));
    if ((row?.version ?? 0) !== version)
      return conflict(tx, ctx, n, type, row?.id, ["plan"], presentIntake(row));
    if (check) await check(tx, n);
    if (row)
      await tx
        .update(intakes)
        .set({ ...values, ...bump() })
        .where(eq(intakes.id, row.id));
    else await tx.insert(intakes).values({ ...owned(n, ctx), ...values });
    await audit(tx, ctx, n, {
      action: row ? "update" : "create",
      resourceType: type,
      resourceId: row?.id,
      classes: ["plan"],
      details: { fields: Object.keys(values) },
    });
  });
}

/** "Make a realistic plan, but keep dreaming": ambitions and dreams, and the realistic next step. */
export async function saveOwnWords(
  db: Db,
  ctx: AuditContext,
  newcomerId: string,
  input: OwnWordsInput,
): Promise<void> {
  await saveIntakeRow(db, ctx, newcomerId, input.version, {
    ambitions: input.ambitions ?? null,
    nextStep: input.nextStep ?? null,
  });
}

const yesNo = (v: "ja" | "nee" | undefined) => (v === undefined ? null : v === "ja");

/** The duties checklist: vve information and the offer of a conversation without the partner. */
export async function saveDuties(
  db: Db,
  ctx: AuditContext,
  newcomerId: string,
  input: DutiesInput,
): Promise<void> {
  await saveIntakeRow(db, ctx, newcomerId, input.version, {
    hasYoungChildren: yesNo(input.hasYoungChildren),
    vveInformedOn: input.vveInformedOn ?? null,
    withoutPartnerOfferedOn: input.withoutPartnerOfferedOn ?? null,
    withoutPartnerAccepted: yesNo(input.withoutPartnerAccepted),
  });
}

/**
 * Completes the intake (refused with InvalidIntakeError while a required part is missing, see
 * missingForCompletion) or opens it again.
 */
export async function setCompletion(
  db: Db,
  ctx: AuditContext,
  newcomerId: string,
  input: CompletionInput,
): Promise<void> {
  if (input.action === "heropenen") {
    await saveIntakeRow(db, ctx, newcomerId, input.version, { completedOn: null });
    return;
  }
  // Checked in the same transaction as the save, on the locked newcomer.
  await saveIntakeRow(
    db,
    ctx,
    newcomerId,
    input.version,
    { completedOn: input.completedOn },
    async (tx, n) => {
      if (missingForCompletion(await intakeProgress(tx, n.id)).length > 0)
        throw new InvalidIntakeError({ completedOn: "intake:errors.incomplete" });
    },
  );
}

// ─── The non-cooperation ladder ─────────────────────────────────────────────────────────────

/**
 * Records the next step of the non-cooperation ladder with its letter. `input.step` must be the
 * step that is next now (else ConflictError: someone recorded it meanwhile). The letter text is
 * generated and stored, so it can be printed again exactly as sent. Returns the step's id.
 */
export async function recordEnforcementStep(
  db: Db,
  ctx: AuditContext,
  newcomerId: string,
  input: EnforcementInput,
  options: { fineAmountCents: number },
): Promise<string> {
  const type = "intake_enforcement";
  const access = {
    action: "intake.enforce",
    resourceType: type,
    auditAction: "create",
    write: true,
  } as const;
  return withIntake(db, ctx, newcomerId, access, async (tx, n) => {
    const steps = await tx
      .select()
      .from(enforcementSteps)
      .where(eq(enforcementSteps.newcomerId, n.id))
      .orderBy(enforcementSteps.takenOn, enforcementSteps.createdAt);
    const next = nextEnforcementStep(steps.map((s) => s.step));
    if (next !== input.step)
      return conflict(tx, ctx, n, type, undefined, ["plan"], steps.map(presentEnforcementStep));
    const errors: Record<string, string> = {};
    const last = steps.at(-1);
    if (last && input.takenOn < last.takenOn) errors.takenOn = "intake:errors.beforeLastStep";
    if (invites(next) && input.appointmentOn && input.appointmentOn < input.takenOn)
      errors.appointmentOn = "intake:errors.appointmentBeforeLetter";
    if (!input.appointmentOn && (input.appointmentTime || input.location))
      errors.appointmentOn = "intake:errors.appointmentDate";
    if (Object.keys(errors).length > 0) throw new InvalidIntakeError(errors);
    const organisation = await findOrganisation(tx, n.organisationId);
    const amountCents = fineFor(next, options.fineAmountCents);
    const letterText = enforcementLetter({
      step: next,
      municipality: organisation?.name ?? "",
      newcomerName: fullName(n),
      letterDate: input.takenOn,
      amountCents,
      appointment:
        invites(next) && input.appointmentOn
          ? { date: input.appointmentOn, time: input.appointmentTime, location: input.location }
          : undefined,
      earlier: steps.map((s) => ({ step: s.step, takenOn: s.takenOn })),
    });
    const [row] = await tx
      .insert(enforcementSteps)
      .values({
        organisationId: n.organisationId,
        newcomerId: n.id,
        step: next,
        takenOn: input.takenOn,
        amountCents,
        letterText,
        createdBy: ctx.actor.accountId ?? null,
      })
      .returning({ id: enforcementSteps.id });
    if (!row) throw new Error("insert returned nothing");
    await audit(tx, ctx, n, {
      action: "create",
      resourceType: type,
      resourceId: row.id,
      classes: ["plan"],
      details: { step: next, amountCents },
    });
    return row.id;
  });
}
