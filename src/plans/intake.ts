import type { AuditContext } from "../audit/index.ts";
import { intakeSummaryFor } from "../intake/index.ts";
import { NotFoundError } from "../platform/authz/index.ts";
import type { Db } from "../platform/db/client.ts";
import type { IntakeFacts } from "./rules.ts";

/**
 * What the plan needs from the brede intake, through the intake's own audited summary: the
 * learnability test, the highest education, "basis op orde" and the newcomer's own words.
 * `undefined` when nothing of it is recorded yet (or the actor may not see the intake): the
 * advice then says what is unknown.
 */
export async function readIntakeFacts(
  db: Db,
  ctx: AuditContext,
  newcomerId: string,
): Promise<IntakeFacts | undefined> {
  let summary: Awaited<ReturnType<typeof intakeSummaryFor>>;
  try {
    summary = await intakeSummaryFor(db, ctx, newcomerId);
  } catch (error) {
    if (error instanceof NotFoundError) return undefined;
    throw error;
  }
  const lbt = summary.learnability;
  const recorded =
    lbt || summary.highestEducationLevel || summary.basisOpOrde.length > 0 || summary.ambitions;
  if (!recorded) return undefined;
  return {
    learnability: {
      score: lbt?.status === "afgenomen" ? (lbt.score ?? undefined) : undefined,
      indication: lbt?.status === "afgenomen" ? (lbt.indication ?? undefined) : undefined,
      notTaken: lbt?.status === "niet_afgenomen",
    },
    highestEducation: summary.highestEducationLevel ?? undefined,
    basisNotInOrder: summary.basisOpOrde,
    ambitions: summary.ambitions ?? undefined,
    nextStep: summary.nextStep ?? undefined,
  };
}
