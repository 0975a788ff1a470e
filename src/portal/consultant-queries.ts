// The consultant's side of the newcomer's voice (issue 4): what the newcomer and their key persons
// wrote about the plan, and marking it read (which ends the caseload's "reactie" signal).
import { and, eq, inArray, isNull } from "drizzle-orm";
// Tables from their schema files: accounts/index.ts would pull in route modules (as queries.ts).
import { accounts } from "../accounts/schema.ts";
import { type AuditContext, type AuditEntry, recordAudit } from "../audit/index.ts";
import { newcomers } from "../newcomers/index.ts";
import { type PlanAction, planPolicy, planVersions } from "../plans/index.ts";
import { NotFoundError } from "../platform/authz/index.ts";
import type { Db, DbOrTx } from "../platform/db/client.ts";
import { newcomerVoices, planReactions } from "./schema.ts";

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** What a reaction is: one of the newcomer's voice kinds, or agreeing or not with a plan version. */
export type ReactionKind =
  | "droom"
  | "doel"
  | "opmerking"
  | "wijzigingsvoorstel"
  | "eens"
  | "oneens";

/** One thing the newcomer or a key person wrote, as the consultant sees it. */
export interface NewcomerReaction {
  id: string;
  /** Which table: mark-as-read names the ids per source. */
  source: "voice" | "reaction";
  kind: ReactionKind;
  createdAt: Date;
  /** The original words (a reaction's explanation may be missing). */
  text: string | null;
  /** The language it was written in. */
  locale: string;
  planVersion: { number: number } | null;
  /** The goal a comment or proposal is about, as described in that plan version. */
  goal: { id: string; description: string | null } | null;
  /** The newcomer themselves, or someone else (a key person) by name. */
  author: { self: true } | { self: false; name: string };
  seen: boolean;
}

/** The newcomer as the reactions page names them. */
export interface ReactionsNewcomer {
  id: string;
  organisationId: string;
  givenNames: string;
  familyNamePrefix: string | null;
  familyName: string;
}

const REACTIONS_PURPOSE = {
  purpose: "uitvoering_wet_inburgering",
  legalBasis: "wettelijke_taak",
} as const;

const reactionsAudit = (
  n: { id: string; organisationId: string },
  action: AuditEntry["action"],
  extra: Partial<AuditEntry> = {},
): AuditEntry => ({
  ...REACTIONS_PURPOSE,
  action,
  resourceType: "newcomer_reactions",
  resourceId: n.id,
  subjectKind: "newcomer",
  subjectId: n.id,
  organisationId: n.organisationId,
  dataClasses: ["plan"],
  ...extra,
});

/**
 * The newcomer when the actor may do `action` on their plan; otherwise undefined, the refusal
 * audited (callers answer 404: another municipality must not learn the record exists). No consents are loaded:
 * this is the municipality's own work, never a key person's or partner's view.
 */
async function newcomerFor(
  tx: DbOrTx,
  ctx: AuditContext,
  newcomerId: string,
  action: PlanAction,
): Promise<ReactionsNewcomer | undefined> {
  const [n] = uuidPattern.test(newcomerId)
    ? await tx
        .select({
          id: newcomers.id,
          organisationId: newcomers.organisationId,
          givenNames: newcomers.givenNames,
          familyNamePrefix: newcomers.familyNamePrefix,
          familyName: newcomers.familyName,
        })
        .from(newcomers)
        .where(eq(newcomers.id, newcomerId))
    : [];
  if (!n) return undefined;
  if (!planPolicy.can(ctx.actor, action, { organisationId: n.organisationId })) {
    const attempted = action === "plan.read" ? "read" : "update";
    await recordAudit(
      tx,
      ctx,
      reactionsAudit(n, attempted, { dataClasses: [], outcome: "denied" }),
    );
    return undefined;
  }
  return n;
}

/**
 * Everything the newcomer and their key persons wrote, newest first, with the plan version and
 * goal it is about. Needs plan.read; audited in the same transaction.
 */
export async function getNewcomerReactions(
  db: Db,
  ctx: AuditContext,
  newcomerId: string,
): Promise<{ newcomer: ReactionsNewcomer; items: NewcomerReaction[] }> {
  const outcome = await db.transaction(async (tx) => {
    // A refusal ends the transaction normally, so its audit record is kept.
    const newcomer = await newcomerFor(tx, ctx, newcomerId, "plan.read");
    if (!newcomer) return undefined;
    const [owner] = await tx
      .select({ accountId: newcomers.accountId })
      .from(newcomers)
      .where(eq(newcomers.id, newcomer.id));
    const voices = await tx
      .select({ v: newcomerVoices, authorName: accounts.name })
      .from(newcomerVoices)
      .leftJoin(accounts, eq(accounts.id, newcomerVoices.authorAccountId))
      .where(eq(newcomerVoices.newcomerId, newcomer.id));
    const reactions = await tx
      .select({ r: planReactions, authorName: accounts.name })
      .from(planReactions)
      .leftJoin(accounts, eq(accounts.id, planReactions.authorAccountId))
      .where(eq(planReactions.newcomerId, newcomer.id));
    const versionIds = [
      ...new Set([
        ...voices.flatMap(({ v }) => (v.planVersionId ? [v.planVersionId] : [])),
        ...reactions.map(({ r }) => r.planVersionId),
      ]),
    ];
    const versions = versionIds.length
      ? await tx
          .select({
            id: planVersions.id,
            number: planVersions.number,
            content: planVersions.content,
          })
          .from(planVersions)
          .where(
            and(eq(planVersions.newcomerId, newcomer.id), inArray(planVersions.id, versionIds)),
          )
      : [];
    const versionById = new Map(versions.map((v) => [v.id, v]));
    // No author recorded (or the newcomer's own account): the newcomer wrote it themselves.
    const authorOf = (accountId: string | null, name: string | null): NewcomerReaction["author"] =>
      !accountId || accountId === owner?.accountId
        ? { self: true }
        : { self: false, name: name ?? "" };

    const items: NewcomerReaction[] = [
      ...voices.map(({ v, authorName }): NewcomerReaction => {
        const version = v.planVersionId ? versionById.get(v.planVersionId) : undefined;
        const goal = v.goalId
          ? {
              id: v.goalId,
              description:
                version?.content.goals.find((g) => g.id === v.goalId)?.description ?? null,
            }
          : null;
        return {
          id: v.id,
          source: "voice",
          kind: v.kind,
          createdAt: v.createdAt,
          text: v.text,
          locale: v.locale,
          planVersion: version ? { number: version.number } : null,
          goal,
          author: authorOf(v.authorAccountId, authorName),
          seen: v.seenByConsultantAt !== null,
        };
      }),
      ...reactions.map(({ r, authorName }): NewcomerReaction => {
        const version = versionById.get(r.planVersionId);
        return {
          id: r.id,
          source: "reaction",
          kind: r.agrees ? "eens" : "oneens",
          createdAt: r.createdAt,
          text: r.explanation,
          locale: r.locale,
          planVersion: version ? { number: version.number } : null,
          goal: null,
          author: authorOf(r.authorAccountId, authorName),
          seen: r.seenByConsultantAt !== null,
        };
      }),
    ].sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());

    await recordAudit(
      tx,
      ctx,
      reactionsAudit(newcomer, "read", { details: { count: items.length } }),
    );
    return { newcomer, items };
  });
  if (!outcome) throw new NotFoundError("newcomer");
  return outcome;
}

/** The items the consultant saw on the page and now marks read. */
export interface MarkSeenInput {
  newcomerId: string;
  voiceIds: readonly string[];
  reactionIds: readonly string[];
  now?: Date;
}

/**
 * Marks the shown reactions read — only those ids, so one that arrived after the page was loaded
 * keeps its signal. Needs plan.edit (the consultant's work on the plan); audited. Returns how many
 * were newly marked.
 */
export async function markReactionsSeen(
  db: Db,
  ctx: AuditContext,
  input: MarkSeenInput,
): Promise<number> {
  const now = input.now ?? new Date();
  const outcome = await db.transaction(async (tx) => {
    const newcomer = await newcomerFor(tx, ctx, input.newcomerId, "plan.edit");
    if (!newcomer) return undefined;
    const voiceIds = input.voiceIds.length
      ? await tx
          .update(newcomerVoices)
          .set({ seenByConsultantAt: now })
          .where(
            and(
              eq(newcomerVoices.newcomerId, newcomer.id),
              inArray(newcomerVoices.id, [...input.voiceIds]),
              isNull(newcomerVoices.seenByConsultantAt),
            ),
          )
          .returning({ id: newcomerVoices.id })
      : [];
    const reactionIds = input.reactionIds.length
      ? await tx
          .update(planReactions)
          .set({ seenByConsultantAt: now })
          .where(
            and(
              eq(planReactions.newcomerId, newcomer.id),
              inArray(planReactions.id, [...input.reactionIds]),
              isNull(planReactions.seenByConsultantAt),
            ),
          )
          .returning({ id: planReactions.id })
      : [];
    const count = voiceIds.length + reactionIds.length;
    await recordAudit(tx, ctx, reactionsAudit(newcomer, "update", { details: { seen: count } }));
    return { count };
  });
  if (!outcome) throw new NotFoundError("newcomer");
  return outcome.count;
}
