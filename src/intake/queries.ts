import { and, asc, desc, eq } from "drizzle-orm";
import { type AuditContext, recordAudit } from "../audit/index.ts";
// Tables from their schema files (as the newcomers capability's own queries do).
import { householdMembers, newcomers } from "../newcomers/schema.ts";
import { findOrganisation } from "../organisations/index.ts";
import type { Actor } from "../platform/authz/actor.ts";
import { NotFoundError } from "../platform/authz/index.ts";
import type { Db, DbOrTx, Tx } from "../platform/db/client.ts";
import {
  auditBase,
  fullName,
  isId,
  type NewcomerFacts,
  Refusal,
  shown,
  withIntake,
} from "./access.ts";
import { type IntakeDataClass, type IntakeRef, intakePolicy } from "./policy.ts";
import {
  type PresentedAttachment,
  type PresentedCircumstances,
  type PresentedConversation,
  type PresentedEducation,
  type PresentedEnforcementStep,
  type PresentedIntake,
  type PresentedLearnability,
  type PresentedScore,
  type PresentedWork,
  presentAttachment,
  presentCircumstances,
  presentConversation,
  presentEducation,
  presentEnforcementStep,
  presentIntake,
  presentLearnability,
  presentScore,
  presentWork,
} from "./presenter.ts";
import {
  type BasisItem,
  basisOpOrde,
  type DutyState,
  dutiesStatus,
  type EducationLevel,
  type EnforcementStep,
  type HouseholdMember,
  highestEducationLevel,
  type IntakePart,
  type IntakeProgress,
  missingForCompletion,
  nextEnforcementStep,
  todayInNetherlands,
  withoutPartnerDutyApplies,
  youngChildren,
} from "./rules.ts";
import {
  attachments,
  conversations,
  type Domain,
  domainScores,
  educationEntries,
  enforcementSteps,
  intakes,
  learnabilityTests,
  personalCircumstances,
  workEntries,
} from "./schema.ts";

/** What every intake page knows: whose intake, and what the viewer may do with health. */
export interface IntakePage {
  newcomerId: string;
  name: string;
  preferredLanguage: string;
  canUpdate: boolean;
  canReadHealth: boolean;
}

export const pageOf = (actor: Actor, n: NewcomerFacts): IntakePage => ({
  newcomerId: n.id,
  name: fullName(n),
  preferredLanguage: n.preferredLanguage,
  canUpdate: intakePolicy.can(actor, "intake.update", n),
  canReadHealth: intakePolicy.can(actor, "intake.health.read", n),
});

const readAccess = (resourceType: string) =>
  ({ action: "intake.read", resourceType, auditAction: "read" }) as const;

async function audited(
  tx: Tx,
  ctx: AuditContext,
  n: NewcomerFacts,
  resourceType: string,
  classes: IntakeDataClass[],
  resourceId?: string,
): Promise<void> {
  await recordAudit(tx, ctx, {
    ...auditBase(n, resourceType, resourceId),
    action: "read",
    dataClasses: shown(...classes),
  });
}

// ─── Reads other capabilities use (not authorized or audited: callers do both) ──────────────

/**
 * The newest scoring of each domain for a newcomer: the consultant's and the newcomer's own view.
 * For the PIP and the progress reviews. Not authorized or audited: call it inside the caller's
 * transaction, after its policy check, and name data class "plan" in the caller's audit record.
 */
export async function latestDomainScores(
  db: DbOrTx,
  newcomerId: string,
): Promise<Partial<Record<Domain, PresentedScore>>> {
  const rows = await db
    .selectDistinctOn([domainScores.domain])
    .from(domainScores)
    .where(eq(domainScores.newcomerId, newcomerId))
    .orderBy(domainScores.domain, desc(domainScores.scoredOn), desc(domainScores.createdAt));
  return Object.fromEntries(rows.map((r) => [r.domain, presentScore(r)]));
}

async function householdOf(tx: DbOrTx, newcomerId: string): Promise<HouseholdMember[]> {
  return tx
    .select({ relation: householdMembers.relation, birthDate: householdMembers.birthDate })
    .from(householdMembers)
    .where(eq(householdMembers.newcomerId, newcomerId));
}

async function intakeRow(tx: DbOrTx, newcomerId: string) {
  const [row] = await tx.select().from(intakes).where(eq(intakes.newcomerId, newcomerId));
  return row;
}

async function circumstancesRow(tx: DbOrTx, newcomerId: string) {
  const [row] = await tx
    .select()
    .from(personalCircumstances)
    .where(eq(personalCircumstances.newcomerId, newcomerId));
  return row;
}

async function learnabilityRow(tx: DbOrTx, newcomerId: string) {
  const [row] = await tx
    .select()
    .from(learnabilityTests)
    .where(eq(learnabilityTests.newcomerId, newcomerId));
  return row;
}

async function conversationRows(tx: DbOrTx, newcomerId: string) {
  return tx
    .select()
    .from(conversations)
    .where(eq(conversations.newcomerId, newcomerId))
    .orderBy(desc(conversations.heldOn), desc(conversations.createdAt));
}

async function educationRows(tx: DbOrTx, newcomerId: string) {
  return tx
    .select()
    .from(educationEntries)
    .where(eq(educationEntries.newcomerId, newcomerId))
    .orderBy(asc(educationEntries.createdAt));
}

async function workRows(tx: DbOrTx, newcomerId: string) {
  return tx
    .select()
    .from(workEntries)
    .where(eq(workEntries.newcomerId, newcomerId))
    .orderBy(asc(workEntries.createdAt));
}

async function enforcementRows(tx: DbOrTx, newcomerId: string) {
  return tx
    .select()
    .from(enforcementSteps)
    .where(eq(enforcementSteps.newcomerId, newcomerId))
    .orderBy(asc(enforcementSteps.takenOn), asc(enforcementSteps.createdAt));
}

/** The duties checklist worked out from the household, the conversations and what was recorded. */
async function dutiesFor(tx: DbOrTx, newcomerId: string, intake: PresentedIntake) {
  const household = await householdOf(tx, newcomerId);
  const partnerAttended = (await conversationRows(tx, newcomerId)).some(
    (c) => c.attendees.partnerPresent === true,
  );
  const young = youngChildren(household, todayInNetherlands(), intake.hasYoungChildren);
  const withoutPartnerApplies = withoutPartnerDutyApplies(household, partnerAttended);
  return {
    youngChildren: young,
    withoutPartnerApplies,
    ...dutiesStatus({
      youngChildren: young,
      vveInformedOn: intake.vveInformedOn,
      withoutPartnerApplies,
      withoutPartnerOfferedOn: intake.withoutPartnerOfferedOn,
    }),
  };
}

/** How far the intake's parts are, for missingForCompletion (inside the caller's transaction). */
export async function intakeProgress(tx: DbOrTx, newcomerId: string): Promise<IntakeProgress> {
  const intakeConversations = (await conversationRows(tx, newcomerId)).filter(
    (c) => c.kind === "intake",
  );
  const lbt = await learnabilityRow(tx, newcomerId);
  return {
    conversations: intakeConversations.length,
    learnability: lbt?.status ?? null,
    educationAndWorkEntries:
      (await educationRows(tx, newcomerId)).length + (await workRows(tx, newcomerId)).length,
    circumstancesRecorded: !!(await circumstancesRow(tx, newcomerId)),
    scoredDomains: Object.keys(await latestDomainScores(tx, newcomerId)) as Domain[],
  };
}

/** Only whose intake it is: for the forms that add something new. Audited as a read of "basic". */
export async function getIntakePage(
  db: Db,
  ctx: AuditContext,
  newcomerId: string,
): Promise<IntakePage> {
  return withIntake(db, ctx, newcomerId, readAccess("intake"), async (tx, n) => {
    await audited(tx, ctx, n, "intake", []);
    return pageOf(ctx.actor, n);
  });
}

// ─── The overview ──────────────────────────────────────────────────────────────────────────

export interface IntakeOverview {
  page: IntakePage;
  intake: PresentedIntake;
  /** When the intake started: recorded, else the first intake conversation. */
  startedOn: string | null;
  conversations: { count: number; lastHeldOn: string | null };
  learnability: PresentedLearnability | null;
  educationEntries: number;
  workEntries: number;
  circumstancesRecorded: boolean;
  scoredDomains: Domain[];
  basis: BasisItem[];
  duties: { vve: DutyState; withoutPartner: DutyState };
  missing: IntakePart[];
  enforcement: { last: EnforcementStep | null; next: EnforcementStep | null };
}

/** The intake at a glance: each part's state, "basis op orde", open duties. One audited read. */
export async function getIntakeOverview(
  db: Db,
  ctx: AuditContext,
  newcomerId: string,
): Promise<IntakeOverview> {
  return withIntake(db, ctx, newcomerId, readAccess("intake"), async (tx, n) => {
    const page = pageOf(ctx.actor, n);
    const intake = presentIntake(await intakeRow(tx, n.id));
    const convs = await conversationRows(tx, n.id);
    const intakeConversations = convs.filter((c) => c.kind === "intake");
    const lbt = await learnabilityRow(tx, n.id);
    const circumstances = await circumstancesRow(tx, n.id);
    const latest = await latestDomainScores(tx, n.id);
    const steps = await enforcementRows(tx, n.id);
    const educationCount = (await educationRows(tx, n.id)).length;
    const workCount = (await workRows(tx, n.id)).length;
    const scoredDomains = Object.keys(latest) as Domain[];
    const progress = await intakeProgress(tx, n.id);
    const duties = await dutiesFor(tx, n.id, intake);
    const basis = basisOpOrde(latest, {
      acuteDebts: circumstances?.acuteDebts,
      acuteHealthNeeds: page.canReadHealth ? circumstances?.acuteHealthNeeds : undefined,
    });
    await audited(tx, ctx, n, "intake", [
      "plan",
      "education",
      ...(page.canReadHealth ? (["health"] as const) : []),
    ]);
    return {
      page,
      intake,
      startedOn: intake.startedOn ?? intakeConversations.at(-1)?.heldOn ?? null,
      conversations: {
        count: intakeConversations.length,
        lastHeldOn: intakeConversations[0]?.heldOn ?? null,
      },
      learnability: lbt ? presentLearnability(lbt) : null,
      educationEntries: educationCount,
      workEntries: workCount,
      circumstancesRecorded: !!circumstances,
      scoredDomains,
      basis,
      duties: { vve: duties.vve, withoutPartner: duties.withoutPartner },
      missing: missingForCompletion(progress),
      enforcement: {
        last: steps.at(-1)?.step ?? null,
        next: nextEnforcementStep(steps.map((s) => s.step)),
      },
    };
  });
}

// ─── Conversations, drawings and images ─────────────────────────────────────────────────────

export interface ConversationSummary extends PresentedConversation {
  attachmentCount: number;
}

export async function listConversations(
  db: Db,
  ctx: AuditContext,
  newcomerId: string,
): Promise<{ page: IntakePage; conversations: ConversationSummary[] }> {
  return withIntake(db, ctx, newcomerId, readAccess("intake_conversation"), async (tx, n) => {
    const rows = await conversationRows(tx, n.id);
    const files = await tx
      .select({ conversationId: attachments.conversationId })
      .from(attachments)
      .where(eq(attachments.newcomerId, n.id));
    await audited(tx, ctx, n, "intake_conversation", ["plan"]);
    return {
      page: pageOf(ctx.actor, n),
      conversations: rows.map((r) => ({
        ...presentConversation(r),
        attachmentCount: files.filter((f) => f.conversationId === r.id).length,
      })),
    };
  });
}

/** One conversation, for which the caller's work also needs the newcomer (not found across newcomers). */
export async function findConversation(tx: DbOrTx, newcomerId: string, conversationId: string) {
  if (!isId(conversationId)) return undefined;
  const [row] = await tx
    .select()
    .from(conversations)
    .where(and(eq(conversations.id, conversationId), eq(conversations.newcomerId, newcomerId)));
  return row;
}

export async function attachmentsOf(
  tx: DbOrTx,
  newcomerId: string,
  conversationId: string,
): Promise<PresentedAttachment[]> {
  const rows = await tx
    .select({
      id: attachments.id,
      organisationId: attachments.organisationId,
      newcomerId: attachments.newcomerId,
      conversationId: attachments.conversationId,
      fileName: attachments.fileName,
      mediaType: attachments.mediaType,
      createdAt: attachments.createdAt,
      createdBy: attachments.createdBy,
    })
    .from(attachments)
    .where(
      and(eq(attachments.newcomerId, newcomerId), eq(attachments.conversationId, conversationId)),
    )
    .orderBy(asc(attachments.createdAt));
  return rows.map(presentAttachment);
}

export interface ConversationDetail {
  page: IntakePage;
  conversation: PresentedConversation;
  attachments: PresentedAttachment[];
}

export async function getConversation(
  db: Db,
  ctx: AuditContext,
  newcomerId: string,
  conversationId: string,
): Promise<ConversationDetail> {
  return withIntake(db, ctx, newcomerId, readAccess("intake_conversation"), async (tx, n) => {
    const row = await findConversation(tx, n.id, conversationId);
    if (!row) return new Refusal(new NotFoundError("conversation"));
    await audited(tx, ctx, n, "intake_conversation", ["plan"], row.id);
    return {
      page: pageOf(ctx.actor, n),
      conversation: presentConversation(row),
      attachments: await attachmentsOf(tx, n.id, row.id),
    };
  });
}

/** A stored drawing or image, with its content, for whom may read the conversation. */
export async function getAttachment(
  db: Db,
  ctx: AuditContext,
  newcomerId: string,
  attachmentId: string,
): Promise<{ fileName: string; mediaType: string; content: Buffer }> {
  return withIntake(db, ctx, newcomerId, readAccess("intake_attachment"), async (tx, n) => {
    if (!isId(attachmentId)) return new Refusal(new NotFoundError("attachment"));
    const [row] = await tx
      .select()
      .from(attachments)
      .where(and(eq(attachments.id, attachmentId), eq(attachments.newcomerId, n.id)));
    if (!row) return new Refusal(new NotFoundError("attachment"));
    await audited(tx, ctx, n, "intake_attachment", ["plan"], row.id);
    return {
      fileName: row.fileName,
      mediaType: row.mediaType,
      content: Buffer.from(row.contentBase64, "base64"),
    };
  });
}

// ─── The statutory parts ────────────────────────────────────────────────────────────────────

export async function getLearnability(
  db: Db,
  ctx: AuditContext,
  newcomerId: string,
): Promise<{ page: IntakePage; learnability: PresentedLearnability | null }> {
  return withIntake(db, ctx, newcomerId, readAccess("intake_learnability"), async (tx, n) => {
    const row = await learnabilityRow(tx, n.id);
    await audited(tx, ctx, n, "intake_learnability", ["education"]);
    return { page: pageOf(ctx.actor, n), learnability: row ? presentLearnability(row) : null };
  });
}

export async function getEducationAndWork(
  db: Db,
  ctx: AuditContext,
  newcomerId: string,
): Promise<{ page: IntakePage; education: PresentedEducation[]; work: PresentedWork[] }> {
  return withIntake(db, ctx, newcomerId, readAccess("intake_education"), async (tx, n) => {
    const education = (await educationRows(tx, n.id)).map(presentEducation);
    const work = (await workRows(tx, n.id)).map(presentWork);
    await audited(tx, ctx, n, "intake_education", ["education"]);
    return { page: pageOf(ctx.actor, n), education, work };
  });
}

/**
 * Education and work as a key person or partner sees them under the newcomer's consent for
 * "education" (`consents` loaded with the record in the caller's transaction); undefined when the
 * policy says no. Not audited here: the caller records the whole shared read, "education" included.
 */
export async function sharedEducationAndWork(
  tx: DbOrTx,
  actor: Actor,
  n: IntakeRef & { id: string },
): Promise<{ education: PresentedEducation[]; work: PresentedWork[] } | undefined> {
  if (!intakePolicy.can(actor, "intake.education.readShared", n)) return undefined;
  const education = (await educationRows(tx, n.id)).map(presentEducation);
  return { education, work: (await workRows(tx, n.id)).map(presentWork) };
}

export async function findEducationEntry(tx: DbOrTx, newcomerId: string, id: string) {
  if (!isId(id)) return undefined;
  const [row] = await tx
    .select()
    .from(educationEntries)
    .where(and(eq(educationEntries.id, id), eq(educationEntries.newcomerId, newcomerId)));
  return row;
}

export async function findWorkEntry(tx: DbOrTx, newcomerId: string, id: string) {
  if (!isId(id)) return undefined;
  const [row] = await tx
    .select()
    .from(workEntries)
    .where(and(eq(workEntries.id, id), eq(workEntries.newcomerId, newcomerId)));
  return row;
}

export async function getEducationEntry(
  db: Db,
  ctx: AuditContext,
  newcomerId: string,
  entryId: string,
): Promise<{ page: IntakePage; entry: PresentedEducation }> {
  return withIntake(db, ctx, newcomerId, readAccess("intake_education"), async (tx, n) => {
    const row = await findEducationEntry(tx, n.id, entryId);
    if (!row) return new Refusal(new NotFoundError("education entry"));
    await audited(tx, ctx, n, "intake_education", ["education"], row.id);
    return { page: pageOf(ctx.actor, n), entry: presentEducation(row) };
  });
}

export async function getWorkEntry(
  db: Db,
  ctx: AuditContext,
  newcomerId: string,
  entryId: string,
): Promise<{ page: IntakePage; entry: PresentedWork }> {
  return withIntake(db, ctx, newcomerId, readAccess("intake_work"), async (tx, n) => {
    const row = await findWorkEntry(tx, n.id, entryId);
    if (!row) return new Refusal(new NotFoundError("work entry"));
    await audited(tx, ctx, n, "intake_work", ["education"], row.id);
    return { page: pageOf(ctx.actor, n), entry: presentWork(row) };
  });
}

/** The personal circumstances; health needs and referrals only for whom may read health. */
export async function getCircumstances(
  db: Db,
  ctx: AuditContext,
  newcomerId: string,
): Promise<{ page: IntakePage; circumstances: PresentedCircumstances | null }> {
  return withIntake(db, ctx, newcomerId, readAccess("intake_circumstances"), async (tx, n) => {
    const page = pageOf(ctx.actor, n);
    const row = await circumstancesRow(tx, n.id);
    await audited(tx, ctx, n, "intake_circumstances", [
      "plan",
      ...(page.canReadHealth ? (["health"] as const) : []),
    ]);
    return { page, circumstances: row ? presentCircumstances(row, page.canReadHealth) : null };
  });
}

// ─── Domains, own words, duties ─────────────────────────────────────────────────────────────

export interface DomainScoresView {
  page: IntakePage;
  latest: Partial<Record<Domain, PresentedScore>>;
  /** Every scoring, newest first: scores are kept over time. */
  history: PresentedScore[];
}

export async function getDomainScores(
  db: Db,
  ctx: AuditContext,
  newcomerId: string,
): Promise<DomainScoresView> {
  return withIntake(db, ctx, newcomerId, readAccess("intake_domains"), async (tx, n) => {
    const history = await tx
      .select()
      .from(domainScores)
      .where(eq(domainScores.newcomerId, n.id))
      .orderBy(desc(domainScores.scoredOn), desc(domainScores.createdAt));
    await audited(tx, ctx, n, "intake_domains", ["plan"]);
    return {
      page: pageOf(ctx.actor, n),
      latest: await latestDomainScores(tx, n.id),
      history: history.map(presentScore),
    };
  });
}

/** The side-by-side screen of one conversation: the conversation and the latest scores. */
export async function getSideBySide(
  db: Db,
  ctx: AuditContext,
  newcomerId: string,
  conversationId: string,
): Promise<{
  page: IntakePage;
  conversation: PresentedConversation;
  latest: Partial<Record<Domain, PresentedScore>>;
}> {
  return withIntake(db, ctx, newcomerId, readAccess("intake_domains"), async (tx, n) => {
    const row = await findConversation(tx, n.id, conversationId);
    if (!row) return new Refusal(new NotFoundError("conversation"));
    await audited(tx, ctx, n, "intake_domains", ["plan"], row.id);
    return {
      page: pageOf(ctx.actor, n),
      conversation: presentConversation(row),
      latest: await latestDomainScores(tx, n.id),
    };
  });
}

export interface IntakeRecordView {
  page: IntakePage;
  intake: PresentedIntake;
  youngChildren: boolean | "onbekend";
  withoutPartnerApplies: boolean;
  duties: { vve: DutyState; withoutPartner: DutyState };
}

/** The intake row (own words, duties, dates) with the duties worked out. */
export async function getIntakeRecord(
  db: Db,
  ctx: AuditContext,
  newcomerId: string,
): Promise<IntakeRecordView> {
  return withIntake(db, ctx, newcomerId, readAccess("intake"), async (tx, n) => {
    const intake = presentIntake(await intakeRow(tx, n.id));
    const d = await dutiesFor(tx, n.id, intake);
    await audited(tx, ctx, n, "intake", ["plan"]);
    return {
      page: pageOf(ctx.actor, n),
      intake,
      youngChildren: d.youngChildren,
      withoutPartnerApplies: d.withoutPartnerApplies,
      duties: { vve: d.vve, withoutPartner: d.withoutPartner },
    };
  });
}

// ─── The non-cooperation ladder ─────────────────────────────────────────────────────────────

export async function getEnforcement(
  db: Db,
  ctx: AuditContext,
  newcomerId: string,
): Promise<{
  page: IntakePage;
  steps: PresentedEnforcementStep[];
  next: EnforcementStep | null;
  canEnforce: boolean;
}> {
  return withIntake(db, ctx, newcomerId, readAccess("intake_enforcement"), async (tx, n) => {
    const steps = await enforcementRows(tx, n.id);
    await audited(tx, ctx, n, "intake_enforcement", ["plan"]);
    return {
      page: pageOf(ctx.actor, n),
      steps: steps.map(presentEnforcementStep),
      next: nextEnforcementStep(steps.map((s) => s.step)),
      canEnforce: intakePolicy.can(ctx.actor, "intake.enforce", n),
    };
  });
}

export interface LetterView {
  page: IntakePage;
  step: PresentedEnforcementStep;
  municipality: string;
  address: string | null;
}

/** One letter of the ladder, with what its letterhead and address block need. */
export async function getEnforcementLetter(
  db: Db,
  ctx: AuditContext,
  newcomerId: string,
  stepId: string,
): Promise<LetterView> {
  return withIntake(db, ctx, newcomerId, readAccess("intake_enforcement"), async (tx, n) => {
    if (!isId(stepId)) return new Refusal(new NotFoundError("letter"));
    const [row] = await tx
      .select()
      .from(enforcementSteps)
      .where(and(eq(enforcementSteps.id, stepId), eq(enforcementSteps.newcomerId, n.id)));
    if (!row) return new Refusal(new NotFoundError("letter"));
    const [contact] = await tx
      .select({ address: newcomers.address })
      .from(newcomers)
      .where(eq(newcomers.id, n.id));
    const organisation = await findOrganisation(tx, n.organisationId);
    await recordAudit(tx, ctx, {
      ...auditBase(n, "intake_enforcement", row.id),
      action: "read",
      dataClasses: ["basic", "contact", "plan"],
    });
    return {
      page: pageOf(ctx.actor, n),
      step: presentEnforcementStep(row),
      municipality: organisation?.name ?? "",
      address: contact?.address ?? null,
    };
  });
}

// ─── For the PIP ────────────────────────────────────────────────────────────────────────────

/** What the PIP takes from the intake. Age comes from the newcomer's record itself. */
export interface IntakeSummary {
  learnability: Omit<PresentedLearnability, "version"> | null;
  highestEducationLevel: EducationLevel | null;
  /** "Basis op orde": what the plan must put first (acute health only for whom may read health). */
  basisOpOrde: BasisItem[];
  ambitions: string | null;
  nextStep: string | null;
  completedOn: string | null;
}

/**
 * The intake summary the PIP needs: learnability test, highest education, "basis op orde" and the
 * newcomer's own words. Authorized (NotFoundError when the actor may not see the intake) and
 * audited as one read of data classes plan and education (and health, when the acute health flag
 * was weighed).
 */
export async function intakeSummaryFor(
  db: Db,
  ctx: AuditContext,
  newcomerId: string,
): Promise<IntakeSummary> {
  return withIntake(db, ctx, newcomerId, readAccess("intake_summary"), async (tx, n) => {
    const canReadHealth = intakePolicy.can(ctx.actor, "intake.health.read", n);
    const lbt = await learnabilityRow(tx, n.id);
    const levels = (await educationRows(tx, n.id)).map((e) => e.level);
    const circumstances = await circumstancesRow(tx, n.id);
    const intake = presentIntake(await intakeRow(tx, n.id));
    const basis = basisOpOrde(await latestDomainScores(tx, n.id), {
      acuteDebts: circumstances?.acuteDebts,
      acuteHealthNeeds: canReadHealth ? circumstances?.acuteHealthNeeds : undefined,
    });
    await audited(tx, ctx, n, "intake_summary", [
      "plan",
      "education",
      ...(canReadHealth ? (["health"] as const) : []),
    ]);
    const withoutVersion = ({ version: _version, ...rest }: PresentedLearnability) => rest;
    return {
      learnability: lbt ? withoutVersion(presentLearnability(lbt)) : null,
      highestEducationLevel: highestEducationLevel(levels),
      basisOpOrde: basis,
      ambitions: intake.ambitions,
      nextStep: intake.nextStep,
      completedOn: intake.completedOn,
    };
  });
}
