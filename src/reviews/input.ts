import { z } from "zod";
import { type Domain, domains } from "../intake/index.ts";
import { optionalText } from "../platform/http/forms.ts";
import type { ReviewInput } from "./commands.ts";
import { goalProgressValues, todayInNetherlands } from "./rules.ts";

// The review form works without JavaScript: one radio group per goal (progress.<goalId>) with a
// note (note.<goalId>), and per domain a score from the consultant and one from the newcomer
// (consultant.<domain>, newcomer.<domain>). The JSON API takes the same in structured form.

const MAX_NOTE = 2000;
const MAX_WHAT_CHANGED = 4000;
const MAX_GOALS = 40;

const scoreText = z.enum(["1", "2", "3", "4", "5"]);
const notInFuture = (date: string) => date <= todayInNetherlands();

/** The date a review was held: a real date, not in the future. */
const heldOn = z.iso.date().refine(notInFuture, { message: "reviews:errors.future" });

/** The fields of the review form for a plan with these goal ids. */
export function reviewFormSchema(goalIds: readonly string[], options: { planChange: boolean }) {
  const shape: Record<string, z.ZodType> = {
    version: z.coerce.number().int().min(1).optional(),
    heldOn,
    whatChanged: optionalText(MAX_WHAT_CHANGED),
    next: z.enum(["plan"]).optional(),
  };
  for (const id of goalIds) {
    shape[`progress.${id}`] = z.enum(goalProgressValues).optional();
    shape[`note.${id}`] = optionalText(MAX_NOTE);
  }
  for (const domain of domains) {
    shape[`consultant.${domain}`] = scoreText.optional();
    shape[`newcomer.${domain}`] = scoreText.optional();
  }
  return z.object(shape).superRefine((data, ctx) => {
    // Changing the plan needs a reason (plans: changeReason); what changed in the review is it.
    if (options.planChange && data.next === "plan" && !data.whatChanged)
      ctx.addIssue({
        code: "custom",
        path: ["whatChanged"],
        message: "reviews:errors.reasonRequired",
      });
  });
}

export type ReviewFormData = Record<string, string | number | undefined>;

/** Turns the posted form into the command's input. */
export function inputFromForm(data: ReviewFormData, goalIds: readonly string[]): ReviewInput {
  const text = (key: string) => {
    const v = data[key];
    return typeof v === "string" ? v : undefined;
  };
  const score = (key: string) => {
    const v = text(key);
    return v ? Number(v) : null;
  };
  return {
    heldOn: text("heldOn") ?? "",
    whatChanged: text("whatChanged") ?? null,
    goalProgress: goalIds.flatMap((goalId) => {
      const progress = text(`progress.${goalId}`) as
        | (typeof goalProgressValues)[number]
        | undefined;
      const note = text(`note.${goalId}`);
      return progress ? [{ goalId, progress, ...(note ? { note } : {}) }] : [];
    }),
    scores: domains.map((domain: Domain) => ({
      domain,
      consultantScore: score(`consultant.${domain}`),
      newcomerScore: score(`newcomer.${domain}`),
    })),
  };
}

/** The form's values for a stored review (to edit it, or to show it beside the user's input). */
export function formFromReview(review: {
  heldOn: string | null;
  whatChanged: string | null;
  goalProgress: ReviewInput["goalProgress"];
  scores: ReviewInput["scores"];
}): Record<string, string | undefined> {
  const values: Record<string, string | undefined> = {
    heldOn: review.heldOn ?? undefined,
    whatChanged: review.whatChanged ?? undefined,
  };
  for (const p of review.goalProgress) {
    values[`progress.${p.goalId}`] = p.progress;
    values[`note.${p.goalId}`] = p.note;
  }
  for (const s of review.scores) {
    values[`consultant.${s.domain}`] = s.consultantScore?.toString();
    values[`newcomer.${s.domain}`] = s.newcomerScore?.toString();
  }
  return values;
}

const score = z.number().int().min(1).max(5).nullable().optional();

/** A review as a partner system records it through the API (unknown fields are refused). */
export const reviewInputSchema = z.strictObject({
  heldOn: heldOn.meta({ description: "De dag van het gesprek (niet in de toekomst)." }),
  goalProgress: z
    .array(
      z.strictObject({
        goalId: z
          .string()
          .min(1)
          .max(100)
          .meta({ description: "Het id van een doel in het plan." }),
        progress: z.enum(goalProgressValues),
        note: z.string().max(MAX_NOTE).optional(),
      }),
    )
    .max(MAX_GOALS)
    .default([])
    .meta({ description: "Voortgang per doel; doelen die het plan niet heeft, vervallen." }),
  scores: z
    .array(
      z.strictObject({
        domain: z.enum(domains),
        consultantScore: score,
        newcomerScore: score,
      }),
    )
    .max(domains.length)
    .default([])
    .refine((list) => new Set(list.map((s) => s.domain)).size === list.length, {
      message: "reviews:errors.domainTwice",
    })
    .meta({
      description: "Zelfredzaamheid per domein (1-5), van de consulent en van de nieuwkomer.",
    }),
  whatChanged: z.string().max(MAX_WHAT_CHANGED).nullable().optional(),
});

export type ReviewApiInput = z.output<typeof reviewInputSchema>;

/** The API's input as the command takes it. */
export const inputFromApi = (body: ReviewApiInput): ReviewInput => ({
  heldOn: body.heldOn,
  whatChanged: body.whatChanged ?? null,
  goalProgress: body.goalProgress.map((p) => ({
    goalId: p.goalId,
    progress: p.progress,
    ...(p.note ? { note: p.note } : {}),
  })),
  scores: body.scores.map((s) => ({
    domain: s.domain,
    consultantScore: s.consultantScore ?? null,
    newcomerScore: s.newcomerScore ?? null,
  })),
});
