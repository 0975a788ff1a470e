import { z } from "zod";
import { todayInNetherlands } from "./rules.ts";
import {
  conversationKind,
  type Domain,
  diplomaValuation,
  domains,
  educationLevel,
  enforcementStep,
  learnabilityStatus,
  notTakenReason,
} from "./schema.ts";

// The intake's forms as schemas. Custom messages are i18n keys (namespace "intake").

const text = (max: number) => z.string().max(max).optional();
const yesNo = z.enum(["ja", "nee"]);
const notInFuture = z.iso
  .date()
  .refine((d) => d <= todayInNetherlands(), { message: "intake:errors.future" });
/** The version the person saw; 0 when the record did not exist yet. */
const version = z.coerce.number().int().min(0);

export const conversationSchema = z
  .object({
    heldOn: notInFuture,
    kind: z.enum(conversationKind.enumValues).default("intake"),
    interpreterPresent: yesNo.default("nee"),
    interpreterLanguage: text(100),
    interpreterName: text(200),
    keyPersonPresent: yesNo.default("nee"),
    keyPersonName: text(200),
    partnerPresent: yesNo.optional(),
    others: text(500),
    notes: text(20_000),
    version: version.optional(),
  })
  .superRefine((v, ctx) => {
    if (v.interpreterPresent === "ja" && !v.interpreterLanguage)
      ctx.addIssue({
        code: "custom",
        path: ["interpreterLanguage"],
        message: "intake:errors.interpreterLanguage",
      });
  });
export type ConversationInput = z.infer<typeof conversationSchema>;

export const lbtIndications = ["hoog", "midden", "laag"] as const;

export const learnabilitySchema = z
  .object({
    status: z.enum(learnabilityStatus.enumValues),
    takenOn: z.iso.date().optional(),
    score: z.coerce.number().int().min(0).max(100).optional(),
    indication: z.enum(lbtIndications).optional(),
    notTakenReason: z.enum(notTakenReason.enumValues).optional(),
    notTakenNote: text(1000),
    version,
  })
  .superRefine((v, ctx) => {
    if (v.status === "afgenomen" && !v.takenOn)
      ctx.addIssue({ code: "custom", path: ["takenOn"], message: "intake:errors.takenOn" });
    if (v.status === "afgenomen" && v.takenOn && v.takenOn > todayInNetherlands())
      ctx.addIssue({ code: "custom", path: ["takenOn"], message: "intake:errors.future" });
    if (v.status === "niet_afgenomen" && !v.notTakenReason)
      ctx.addIssue({
        code: "custom",
        path: ["notTakenReason"],
        message: "intake:errors.notTakenReason",
      });
    if (v.status === "niet_afgenomen" && v.notTakenReason === "anders" && !v.notTakenNote)
      ctx.addIssue({
        code: "custom",
        path: ["notTakenNote"],
        message: "intake:errors.notTakenNote",
      });
  });
export type LearnabilityInput = z.infer<typeof learnabilitySchema>;

export const educationSchema = z.object({
  country: text(100),
  level: z.enum(educationLevel.enumValues),
  field: text(200),
  diploma: text(200),
  valuation: z.enum(diplomaValuation.enumValues).default("geen_diploma"),
  years: z.coerce.number().int().min(0).max(40).optional(),
  version: version.optional(),
});
export type EducationInput = z.infer<typeof educationSchema>;

export const workSchema = z.object({
  country: text(100),
  sector: z.string().min(1).max(200),
  role: text(200),
  years: z.coerce.number().int().min(0).max(60).optional(),
  version: version.optional(),
});
export type WorkInput = z.infer<typeof workSchema>;

export const removeSchema = z.object({ version });

export const circumstancesSchema = z.object({
  situation: text(10_000),
  acuteDebts: z.literal("ja").optional(),
  healthNeeds: text(5_000),
  healthReferrals: text(5_000),
  acuteHealthNeeds: z.literal("ja").optional(),
  version,
});
export type CircumstancesInput = z.infer<typeof circumstancesSchema>;

/** The health fields of the personal circumstances: only the assigned consultant sends them. */
export const healthFields = ["healthNeeds", "healthReferrals", "acuteHealthNeeds"] as const;

/** One domain's scoring as the form sends it. */
export interface DomainScoreInput {
  domain: Domain;
  consultantScore: number | null;
  newcomerScore: number | null;
  note: string | null;
}

/** Field names of the scoring form, per domain. */
export const scoreFieldNames = (d: Domain) => ({
  consultant: `consultant_${d}`,
  newcomer: `newcomer_${d}`,
  note: `note_${d}`,
});

const score = z.coerce.number().int().min(1).max(5).optional();

/**
 * The scoring form: for every domain the consultant's score, the newcomer's own score and a note.
 * Domains left empty are not scored this time; at least one domain must be.
 */
export const domainScoresSchema = z
  .object({
    scoredOn: notInFuture,
    ...Object.fromEntries(
      domains.flatMap((d) => {
        const f = scoreFieldNames(d);
        return [
          [f.consultant, score],
          [f.newcomer, score],
          [f.note, text(2_000)],
        ];
      }),
    ),
  })
  .transform((v, ctx): { scoredOn: string; scores: DomainScoreInput[] } => {
    const values = v as Record<string, string | number | undefined>;
    const scores: DomainScoreInput[] = [];
    for (const domain of domains) {
      const f = scoreFieldNames(domain);
      const consultantScore = (values[f.consultant] as number | undefined) ?? null;
      const newcomerScore = (values[f.newcomer] as number | undefined) ?? null;
      const note = (values[f.note] as string | undefined) ?? null;
      if (consultantScore === null && newcomerScore === null) {
        if (note)
          ctx.addIssue({
            code: "custom",
            path: [f.note],
            message: "intake:errors.noteWithoutScore",
          });
        continue;
      }
      scores.push({ domain, consultantScore, newcomerScore, note });
    }
    if (scores.length === 0)
      ctx.addIssue({ code: "custom", path: [], message: "intake:errors.nothingScored" });
    return { scoredOn: String(values.scoredOn), scores };
  });
export type DomainScoresInput = z.infer<typeof domainScoresSchema>;

export const ownWordsSchema = z.object({
  ambitions: text(5_000),
  nextStep: text(2_000),
  version,
});
export type OwnWordsInput = z.infer<typeof ownWordsSchema>;

export const dutiesSchema = z
  .object({
    hasYoungChildren: yesNo.optional(),
    vveInformedOn: notInFuture.optional(),
    withoutPartnerOfferedOn: notInFuture.optional(),
    withoutPartnerAccepted: yesNo.optional(),
    version,
  })
  .superRefine((v, ctx) => {
    if (v.withoutPartnerAccepted && !v.withoutPartnerOfferedOn)
      ctx.addIssue({
        code: "custom",
        path: ["withoutPartnerOfferedOn"],
        message: "intake:errors.offeredOn",
      });
  });
export type DutiesInput = z.infer<typeof dutiesSchema>;

export const completionSchema = z.discriminatedUnion("action", [
  z.object({ action: z.literal("afronden"), completedOn: notInFuture, version }),
  z.object({ action: z.literal("heropenen"), version }),
]);
export type CompletionInput = z.infer<typeof completionSchema>;

export const enforcementSchema = z.object({
  /** The step the person saw as next: a different next step means someone else was quicker (409). */
  step: z.enum(enforcementStep.enumValues),
  takenOn: z.iso.date(),
  appointmentOn: z.iso.date().optional(),
  appointmentTime: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, { message: "intake:errors.time" })
    .optional(),
  location: text(300),
});
export type EnforcementInput = z.infer<typeof enforcementSchema>;
