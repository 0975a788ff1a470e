import { and, eq, inArray, sql } from "drizzle-orm";
import { type AuditContext, recordAudit } from "../audit/index.ts";
// HOOK (intake/index.ts): the table is not exported from the intake's index yet (see queries.ts).
import { domainScores } from "../intake/schema.ts";
import { createPlanVersion, type PlanContent } from "../plans/index.ts";
import { ForbiddenError, NotFoundError } from "../platform/authz/index.ts";
import type { Db, DbOrTx, Tx } from "../platform/db/client.ts";
import { ConflictError } from "../platform/http/errors.ts";
import { reviewPolicy } from "./policy.ts";
import {
  findReviewedVersion,
  findReviewNewcomer,
  isId,
  loadReviews,
  type PresentedReview,
  type ReviewNewcomer,
  type ReviewScore,
  reviewAudit,
} from "./queries.ts";
import { progressForGoals, scheduleChanges } from "./rules.ts";
import { type GoalProgress, reviews } from "./schema.ts";

/** What is recorded in a review: when, progress per goal, the scores again, what changed. */
export interface ReviewInput {
  heldOn: string;
  goalProgress: GoalProgress[];
  /** Domains scored in this review; a domain with neither score is left out. */
  scores: ReviewScore[];
  whatChanged?: string | null | undefined;
}

/**
 * Loads the newcomer and checks the actor may record their reviews: NotFoundError when they may
 * see nothing of them (another organisation must not learn the record exists), ForbiddenError when
 * they may read but not record. Refusals are audited in the same transaction.
 */
async function authorizeRecording(
  tx: Tx,
  ctx: AuditContext,
  newcomerId: string,
  action: "create" | "update",
): Promise<ReviewNewcomer> {
  const newcomer = await findReviewNewcomer(tx, newcomerId);
  if (!newcomer) throw new NotFoundError("newcomer");
  if (reviewPolicy.can(ctx.actor, "review.record", newcomer)) return newcomer;
  const visible = reviewPolicy.can(ctx.actor, "review.read", newcomer);
  await recordAudit(tx, ctx, reviewAudit(newcomer, action, { dataClasses: [], outcome: "denied" }));
  throw visible ? new ForbiddenError("review.record") : new NotFoundError("newcomer");
}

/** Replaces the domain scores given in a review (new rows of the intake's domain_scores). */
async function writeScores(
  tx: DbOrTx,
  ctx: AuditContext,
  newcomer: ReviewNewcomer,
  reviewId: string,
  input: ReviewInput,
): Promise<void> {
  await tx.delete(domainScores).where(eq(domainScores.reviewId, reviewId));
  const given = input.scores.filter((s) => s.consultantScore !== null || s.newcomerScore !== null);
  if (given.length === 0) return;
  await tx.insert(domainScores).values(
    given.map((s) => ({
      organisationId: newcomer.organisationId,
      newcomerId: newcomer.id,
      domain: s.domain,
      consultantScore: s.consultantScore,
      newcomerScore: s.newcomerScore,
      reviewId,
      scoredOn: input.heldOn,
      createdBy: ctx.actor.accountId ?? null,
    })),
  );
}

const details = (kind: string, input: ReviewInput) => ({
  kind,
  goals: input.goalProgress.length,
  scores: input.scores.length,
});

/**
 * Records an ad-hoc review (tussentijds voortgangsgesprek), held against the plan version in
 * force (if a plan is set). Progress on goals the plan does not have is dropped. Audited.
 */
export async function recordAdHocReview(
  db: Db,
  ctx: AuditContext,
  newcomerId: string,
  input: ReviewInput,
): Promise<PresentedReview> {
  return db.transaction(async (tx) => {
    const newcomer = await authorizeRecording(tx, ctx, newcomerId, "create");
    const plan = await findReviewedVersion(tx, newcomer.id, null);
    const [row] = await tx
      .insert(reviews)
      .values({
        organisationId: newcomer.organisationId,
        newcomerId: newcomer.id,
        planVersionId: plan?.id ?? null,
        kind: "tussentijds",
        heldOn: input.heldOn,
        goalProgress: progressForGoals(plan?.goalIds ?? [], input.goalProgress),
        whatChanged: input.whatChanged ?? null,
        createdBy: ctx.actor.accountId ?? null,
      })
      .returning({ id: reviews.id });
    if (!row) throw new Error("insert returned nothing");
    await writeScores(tx, ctx, newcomer, row.id, input);
    await recordAudit(
      tx,
      ctx,
      reviewAudit(newcomer, "create", {
        resourceId: row.id,
        details: details("tussentijds", input),
      }),
    );
    const [review] = await loadReviews(tx, { newcomerId: newcomer.id, reviewId: row.id });
    if (!review) throw new Error("new review not found");
    return review;
  });
}

/**
 * Records a scheduled review, or corrects one already recorded. Optimistic concurrency:
 * `version` must be the stored version, else ConflictError carrying the review as stored now,
 * so the page can show both. NotFoundError when the review is not this newcomer's. Audited.
 */
export async function recordReview(
  db: Db,
  ctx: AuditContext,
  newcomerId: string,
  reviewId: string,
  input: ReviewInput & { version: number },
): Promise<PresentedReview> {
  if (!isId(reviewId)) throw new NotFoundError("review");
  return db.transaction(async (tx) => {
    const newcomer = await authorizeRecording(tx, ctx, newcomerId, "update");
    const [stored] = await loadReviews(tx, { newcomerId: newcomer.id, reviewId });
    if (!stored) throw new NotFoundError("review");
    const plan = await findReviewedVersion(tx, newcomer.id, stored.planVersionId);
    const [updated] = await tx
      .update(reviews)
      .set({
        heldOn: input.heldOn,
        goalProgress: progressForGoals(plan?.goalIds ?? [], input.goalProgress),
        whatChanged: input.whatChanged ?? null,
        planVersionId: stored.planVersionId ?? plan?.id ?? null,
        updatedAt: new Date(),
        version: sql`${reviews.version} + 1`,
      })
      .where(and(eq(reviews.id, reviewId), eq(reviews.version, input.version)))
      .returning({ id: reviews.id });
    if (!updated) {
      // Read again: a save that committed while this one waited is what "stored now" must show.
      const [now] = await loadReviews(tx, { newcomerId: newcomer.id, reviewId });
      throw new ConflictError(now ?? stored);
    }
    await writeScores(tx, ctx, newcomer, reviewId, input);
    await recordAudit(
      tx,
      ctx,
      reviewAudit(newcomer, "update", {
        resourceId: reviewId,
        details: { ...details(stored.kind, input), firstRecorded: stored.heldOn === null },
      }),
    );
    const [review] = await loadReviews(tx, { newcomerId: newcomer.id, reviewId });
    if (!review) throw new Error("review vanished");
    return review;
  });
}

/** A plan version as scheduleReviewsFor needs it. */
export interface SetPlanVersion {
  id: string;
  newcomerId: string;
  organisationId: string;
  content: Pick<PlanContent, "reviewSchedule">;
}

/**
 * Brings the newcomer's scheduled reviews in line with a plan version that has just been set
 * (see rules.ts scheduleChanges): open reviews on agreed dates stay and follow the new version,
 * others go, new dates get a row — which is what the caseload ("review due") and the reminders
 * read. Call it in the transaction that sets the version; it does not authorize (setting the plan
 * was authorized) but it does audit the change. Safe to call twice.
 */
export async function scheduleReviewsFor(
  tx: DbOrTx,
  ctx: AuditContext,
  version: SetPlanVersion,
): Promise<{ added: number; removed: number; kept: number }> {
  const existing = await tx
    .select({
      id: reviews.id,
      dueOn: reviews.dueOn,
      heldOn: reviews.heldOn,
      planVersionId: reviews.planVersionId,
    })
    .from(reviews)
    .where(and(eq(reviews.newcomerId, version.newcomerId), eq(reviews.kind, "gepland")));
  const changes = scheduleChanges(
    existing.flatMap((r) => (r.dueOn ? [{ id: r.id, dueOn: r.dueOn, held: !!r.heldOn }] : [])),
    version.content.reviewSchedule,
  );
  const repointed = existing.filter(
    (r) => changes.keep.includes(r.id) && r.planVersionId !== version.id,
  );
  if (changes.remove.length > 0)
    await tx.delete(reviews).where(inArray(reviews.id, changes.remove));
  if (repointed.length > 0)
    await tx
      .update(reviews)
      .set({
        planVersionId: version.id,
        updatedAt: new Date(),
        version: sql`${reviews.version} + 1`,
      })
      .where(
        inArray(
          reviews.id,
          repointed.map((r) => r.id),
        ),
      );
  if (changes.add.length > 0)
    await tx.insert(reviews).values(
      changes.add.map((dueOn) => ({
        organisationId: version.organisationId,
        newcomerId: version.newcomerId,
        planVersionId: version.id,
        kind: "gepland" as const,
        dueOn,
        createdBy: ctx.actor.accountId ?? null,
      })),
    );
  const result = {
    added: changes.add.length,
    removed: changes.remove.length,
    kept: changes.keep.length,
  };
  if (result.added + result.removed + repointed.length > 0)
    await recordAudit(
      tx,
      ctx,
      reviewAudit({ id: version.newcomerId, organisationId: version.organisationId }, "update", {
        resourceType: "review_schedule",
        resourceId: version.id,
        details: result,
      }),
    );
  return result;
}

/** What starting a plan change from a review gave: the new concept version (or the one already made). */
export interface PlanChangeStarted {
  planVersionId: string;
  number: number;
  /** False when the review had already led to this version (a second click changes nothing). */
  created: boolean;
}

/**
 * "Change the plan" after a review: makes a new concept version of the PIP through the plans
 * capability (a copy of the version in force, with `changeReason`) and links it to the review
 * (resultingPlanVersionId), in one transaction. The plans capability applies its own policy and
 * rules (InvalidPlanError, e.g. while another version is being prepared). Only a review that was
 * held can lead to a change.
 */
export async function startPlanChange(
  db: Db,
  ctx: AuditContext,
  newcomerId: string,
  reviewId: string,
  changeReason: string,
): Promise<PlanChangeStarted> {
  if (!isId(reviewId)) throw new NotFoundError("review");
  return db.transaction(async (tx) => {
    const newcomer = await findReviewNewcomer(tx, newcomerId);
    if (!newcomer || !reviewPolicy.can(ctx.actor, "review.read", newcomer))
      throw new NotFoundError("newcomer");
    reviewPolicy.authorize(ctx.actor, "review.changePlan", newcomer);
    const [review] = await loadReviews(tx, { newcomerId: newcomer.id, reviewId });
    if (!review?.heldOn) throw new NotFoundError("review");
    if (review.resultingPlanVersionId && review.resultingPlanVersionNumber !== null)
      return {
        planVersionId: review.resultingPlanVersionId,
        number: review.resultingPlanVersionNumber,
        created: false,
      };
    // A savepoint inside this transaction: the version and the link commit together.
    const version = await createPlanVersion(tx, ctx, { newcomerId: newcomer.id, changeReason });
    await tx
      .update(reviews)
      .set({
        resultingPlanVersionId: version.id,
        updatedAt: new Date(),
        version: sql`${reviews.version} + 1`,
      })
      .where(eq(reviews.id, review.id));
    await recordAudit(
      tx,
      ctx,
      reviewAudit(newcomer, "update", {
        resourceId: review.id,
        details: { planChange: version.number },
      }),
    );
    return { planVersionId: version.id, number: version.number, created: true };
  });
}
