import { and, asc, desc, eq, inArray, isNotNull } from "drizzle-orm";
import { type AuditContext, type AuditEntry, recordAudit } from "../audit/index.ts";
import { type Domain, domains } from "../intake/index.ts";
// HOOK (intake/index.ts): the intake capability owns domain_scores; its index does not export
// the table yet. Reviews add scorings of their own (reviewId set) and read the whole history.
import { domainScores } from "../intake/schema.ts";
import { newcomers } from "../newcomers/index.ts";
// Only a version's number, goal ids and schedule are read here, to check recorded progress against
// the plan; the plan itself is read (and its reads audited) through the plans capability.
import { type PlanContent, plans, planVersions } from "../plans/index.ts";
import type { DataClass } from "../platform/authz/data-classes.ts";
import { NotFoundError } from "../platform/authz/index.ts";
import type { Db, DbOrTx } from "../platform/db/client.ts";
import { REVIEW_DATA_CLASSES, REVIEW_PURPOSE, type ReviewRef, reviewPolicy } from "./policy.ts";
import { historyByDay, type ScorePoint } from "./rules.ts";
import { type GoalProgress, reviews } from "./schema.ts";

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Ids come from URLs: anything that is not a uuid simply does not exist. */
export const isId = (id: string): boolean => uuidPattern.test(id);

/** The newcomer as reviews need them: the policy's facts and the name shown above the page. */
export interface ReviewNewcomer extends ReviewRef {
  id: string;
  assignedConsultantId: string | null;
  givenNames: string;
  familyName: string;
}

/** Loads the newcomer's facts. Not authorized: callers decide (and must not show the name unless allowed). */
export async function findReviewNewcomer(
  db: DbOrTx,
  newcomerId: string,
): Promise<ReviewNewcomer | undefined> {
  if (!isId(newcomerId)) return undefined;
  const [row] = await db
    .select({
      id: newcomers.id,
      organisationId: newcomers.organisationId,
      assignedConsultantId: newcomers.assignedConsultantId,
      givenNames: newcomers.givenNames,
      familyName: newcomers.familyName,
    })
    .from(newcomers)
    .where(eq(newcomers.id, newcomerId));
  return row;
}

/** One domain's scores given in a review. */
export interface ReviewScore {
  domain: Domain;
  consultantScore: number | null;
  newcomerScore: number | null;
}

/** A review as pages and the API show it. */
export interface PresentedReview {
  id: string;
  newcomerId: string;
  kind: "gepland" | "tussentijds";
  dueOn: string | null;
  heldOn: string | null;
  planVersionId: string | null;
  /** The number of the plan version reviewed (1, 2, …), when there is one. */
  planVersionNumber: number | null;
  goalProgress: GoalProgress[];
  whatChanged: string | null;
  scores: ReviewScore[];
  resultingPlanVersionId: string | null;
  resultingPlanVersionNumber: number | null;
  createdAt: Date;
  updatedAt: Date;
  /** Optimistic concurrency: a change must name the version it read. */
  version: number;
}

type ReviewRow = typeof reviews.$inferSelect;

/** Loads reviews (by newcomer, or one by id) with their scores and plan version numbers. */
export async function loadReviews(
  db: DbOrTx,
  where: { newcomerId: string; reviewId?: string },
): Promise<PresentedReview[]> {
  const rows = await db
    .select()
    .from(reviews)
    .where(
      and(
        eq(reviews.newcomerId, where.newcomerId),
        where.reviewId ? eq(reviews.id, where.reviewId) : undefined,
      ),
    )
    // Held reviews by the day they were held, the ones to come by their date; newest last.
    .orderBy(asc(reviews.heldOn), asc(reviews.dueOn), asc(reviews.createdAt));
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const scoreRows = await db
    .select({
      reviewId: domainScores.reviewId,
      domain: domainScores.domain,
      consultantScore: domainScores.consultantScore,
      newcomerScore: domainScores.newcomerScore,
    })
    .from(domainScores)
    .where(and(eq(domainScores.newcomerId, where.newcomerId), inArray(domainScores.reviewId, ids)));
  const versionIds = rows.flatMap((r) =>
    [r.planVersionId, r.resultingPlanVersionId].filter((v): v is string => !!v),
  );
  const numbers = new Map(
    versionIds.length === 0
      ? []
      : (
          await db
            .select({ id: planVersions.id, number: planVersions.number })
            .from(planVersions)
            .where(inArray(planVersions.id, versionIds))
        ).map((v) => [v.id, v.number]),
  );
  const order = (d: Domain) => domains.indexOf(d);
  return rows.map((r: ReviewRow) => ({
    id: r.id,
    newcomerId: r.newcomerId,
    kind: r.kind,
    dueOn: r.dueOn,
    heldOn: r.heldOn,
    planVersionId: r.planVersionId,
    planVersionNumber: r.planVersionId ? (numbers.get(r.planVersionId) ?? null) : null,
    goalProgress: r.goalProgress,
    whatChanged: r.whatChanged,
    scores: scoreRows
      .filter((s) => s.reviewId === r.id)
      .map(({ domain, consultantScore, newcomerScore }) => ({
        domain,
        consultantScore,
        newcomerScore,
      }))
      .sort((a, b) => order(a.domain) - order(b.domain)),
    resultingPlanVersionId: r.resultingPlanVersionId,
    resultingPlanVersionNumber: r.resultingPlanVersionId
      ? (numbers.get(r.resultingPlanVersionId) ?? null)
      : null,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
    version: r.version,
  }));
}

/** Every scoring of every domain for a newcomer (intake and reviews), one point per day. */
export async function loadScoreHistory(
  db: DbOrTx,
  newcomerId: string,
): Promise<Partial<Record<Domain, ScorePoint[]>>> {
  const rows = await db
    .select({
      domain: domainScores.domain,
      scoredOn: domainScores.scoredOn,
      consultantScore: domainScores.consultantScore,
      newcomerScore: domainScores.newcomerScore,
      reviewId: domainScores.reviewId,
    })
    .from(domainScores)
    .where(eq(domainScores.newcomerId, newcomerId))
    .orderBy(asc(domainScores.scoredOn), asc(domainScores.createdAt));
  const history: Partial<Record<Domain, ScorePoint[]>> = {};
  for (const domain of domains) {
    const points = rows
      .filter((r) => r.domain === domain)
      .map((r) => ({
        scoredOn: r.scoredOn,
        consultantScore: r.consultantScore,
        newcomerScore: r.newcomerScore,
        source: r.reviewId ? ("review" as const) : ("intake" as const),
      }));
    if (points.length > 0) history[domain] = historyByDay(points);
  }
  return history;
}

/** The plan version a review is held against, as far as checking progress needs it. */
export interface ReviewedVersion {
  id: string;
  number: number;
  goalIds: string[];
  reviewSchedule: PlanContent["reviewSchedule"];
}

const toReviewed = (v: { id: string; number: number; content: PlanContent }): ReviewedVersion => ({
  id: v.id,
  number: v.number,
  goalIds: v.content.goals.map((g) => g.id),
  reviewSchedule: v.content.reviewSchedule,
});

/**
 * The plan version a review checks progress against: the given one (a scheduled review keeps the
 * version it was planned for), or else the newcomer's version in force (newest set one).
 */
export async function findReviewedVersion(
  db: DbOrTx,
  newcomerId: string,
  planVersionId: string | null,
): Promise<ReviewedVersion | undefined> {
  const columns = {
    id: planVersions.id,
    number: planVersions.number,
    content: planVersions.content,
  };
  if (planVersionId) {
    const [v] = await db
      .select(columns)
      .from(planVersions)
      .where(and(eq(planVersions.id, planVersionId), eq(planVersions.newcomerId, newcomerId)));
    return v && toReviewed(v);
  }
  const [v] = await db
    .select(columns)
    .from(planVersions)
    .innerJoin(plans, eq(plans.id, planVersions.planId))
    .where(
      and(
        eq(plans.newcomerId, newcomerId),
        eq(planVersions.status, "vastgesteld"),
        isNotNull(planVersions.setOn),
      ),
    )
    .orderBy(desc(planVersions.number))
    .limit(1);
  return v && toReviewed(v);
}

/** The audit entry for a newcomer's reviews. */
export const reviewAudit = (
  newcomer: { id: string; organisationId: string },
  action: AuditEntry["action"],
  extra: Partial<AuditEntry> = {},
): AuditEntry => ({
  action,
  resourceType: "review",
  subjectKind: "newcomer",
  subjectId: newcomer.id,
  organisationId: newcomer.organisationId,
  dataClasses: REVIEW_DATA_CLASSES,
  purpose: REVIEW_PURPOSE,
  legalBasis: "wettelijke_taak",
  ...extra,
});

/** What the progress page shows: the newcomer's name, the reviews, each domain's score history. */
export interface ProgressFile {
  newcomer: { id: string; organisationId: string; name?: string };
  reviews: PresentedReview[];
  history: Partial<Record<Domain, ScorePoint[]>>;
}

/**
 * Runs `read` for a newcomer whose reviews the actor may read, in one transaction with its audit
 * record. Another municipality (or a newcomer that does not exist) gets NotFoundError — it must
 * not learn the record exists — and the attempt is recorded as refused.
 */
async function readAudited<T>(
  db: Db,
  ctx: AuditContext,
  newcomerId: string,
  read: (
    newcomer: ReviewNewcomer,
    tx: DbOrTx,
  ) => Promise<{ result: T | undefined; entry?: Partial<AuditEntry> }>,
): Promise<T> {
  const outcome = await db.transaction(async (tx) => {
    const newcomer = await findReviewNewcomer(tx, newcomerId);
    if (!newcomer) return undefined;
    if (!reviewPolicy.can(ctx.actor, "review.read", newcomer)) {
      await recordAudit(
        tx,
        ctx,
        reviewAudit(newcomer, "read", { dataClasses: [], outcome: "denied" }),
      );
      return undefined;
    }
    const { result, entry } = await read(newcomer, tx);
    if (result === undefined) return undefined;
    await recordAudit(tx, ctx, reviewAudit(newcomer, "read", entry));
    return { result };
  });
  if (!outcome) throw new NotFoundError("reviews");
  return outcome.result;
}

const WITH_NAME: readonly DataClass[] = ["basic", ...REVIEW_DATA_CLASSES];

/**
 * A newcomer's reviews and score history. `withName` adds the newcomer's name (data class
 * "basic") for the page header; the API leaves it out. Audited with the classes shown.
 */
export async function getProgress(
  db: Db,
  ctx: AuditContext,
  newcomerId: string,
  options: { withName?: boolean; withHistory?: boolean } = {},
): Promise<ProgressFile> {
  return readAudited(db, ctx, newcomerId, async (newcomer, tx) => ({
    result: {
      newcomer: {
        id: newcomer.id,
        organisationId: newcomer.organisationId,
        ...(options.withName ? { name: `${newcomer.givenNames} ${newcomer.familyName}` } : {}),
      },
      reviews: await loadReviews(tx, { newcomerId: newcomer.id }),
      history: options.withHistory === false ? {} : await loadScoreHistory(tx, newcomer.id),
    },
    entry: {
      action: "read",
      resourceType: "reviews",
      dataClasses: options.withName ? WITH_NAME : REVIEW_DATA_CLASSES,
    },
  }));
}

/**
 * One review, audited; with the newcomer's name (data class "basic") for pages, without it for
 * the API. NotFoundError when it is not this newcomer's review.
 */
export async function getReview(
  db: Db,
  ctx: AuditContext,
  newcomerId: string,
  reviewId: string,
  options: { withName?: boolean } = { withName: true },
): Promise<{
  newcomer: { id: string; organisationId: string; name: string };
  review: PresentedReview;
}> {
  if (!isId(reviewId)) throw new NotFoundError("review");
  return readAudited(db, ctx, newcomerId, async (newcomer, tx) => {
    const [review] = await loadReviews(tx, { newcomerId: newcomer.id, reviewId });
    return {
      result: review && {
        newcomer: {
          id: newcomer.id,
          organisationId: newcomer.organisationId,
          name: options.withName ? `${newcomer.givenNames} ${newcomer.familyName}` : "",
        },
        review,
      },
      entry: {
        resourceId: reviewId,
        dataClasses: options.withName ? WITH_NAME : REVIEW_DATA_CLASSES,
      },
    };
  });
}
