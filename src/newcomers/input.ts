import { z } from "zod";
import { type Locale, languages } from "../platform/i18n/languages.ts";
import {
  isCalendarDate,
  isPlausibleBirthDate,
  isValidBsn,
  normaliseBsn,
  todayInNetherlands,
} from "./rules.ts";
import {
  householdRelation,
  involvementRole,
  keyDateKinds,
  languageLevel,
  literacyEnum,
  targetGroups,
} from "./schema.ts";

const localeCodes = languages.map((l) => l.code) as [Locale, ...Locale[]];

/** Yes or no: a boolean from the API, "ja"/"nee" from a form's radio buttons. */
const yesNo = z.union([z.boolean(), z.enum(["ja", "nee"]).transform((v) => v === "ja")]);

const bsnField = z
  .string()
  .max(20)
  .transform(normaliseBsn)
  .refine(isValidBsn, { message: "newcomers:errors.bsn" });

/** A calendar date (YYYY-MM-DD) that really exists. */
export const calendarDate = z.string().refine(isCalendarDate, { message: "validation:format" });

/**
 * The fields of a newcomer's record as people and partner systems send them. One schema for the
 * form and the API (which derives its OpenAPI document from it). Custom messages are i18n keys.
 * Names are written as in the BRP: given names, voorvoegsel, family name.
 */
export const newcomerFields = {
  givenNames: z.string().min(1).max(200),
  familyNamePrefix: z.string().max(50).optional(),
  familyName: z.string().min(1).max(200),
  birthDate: z.iso
    .date()
    .refine((d) => isPlausibleBirthDate(d, todayInNetherlands()), {
      message: "newcomers:errors.birthDate",
    })
    .optional(),
  bsn: bsnField.optional(),
  countryOfOrigin: z.string().max(100).optional(),
  targetGroup: z.enum(targetGroups).optional(),
  phone: z
    .string()
    .max(40)
    .regex(/^\+?[0-9][0-9 ()-]{5,}$/, { message: "newcomers:errors.phone" })
    .optional(),
  email: z.email().max(254).optional(),
  address: z.string().max(300).optional(),
  preferredLanguage: z.enum(localeCodes).default("nl"),
  /** The language letters are written in, when it differs from the one Koers speaks to them in. */
  letterLanguage: z.enum(localeCodes).optional(),
  interpreterNeeded: yesNo.optional(),
  interpreterLanguage: z.string().max(100).optional(),
  literacy: z.enum(literacyEnum.enumValues).optional(),
  latinScript: yesNo.optional(),
  socialAssistance: yesNo.optional(),
  assignedConsultantId: z.guid().optional(),
};

export const newcomerInputSchema = z.object(newcomerFields);
/** What a new record holds. Absent optional fields are stored as empty. */
export type NewcomerInput = z.infer<typeof newcomerInputSchema>;

export const newcomerUpdateSchema = z.object({
  ...newcomerFields,
  healthNotes: z.string().max(4000).optional(),
  closedOn: calendarDate.optional(),
  closedReason: z.string().max(500).optional(),
  /** The version the person saw: a change to an older version is refused (409). */
  version: z.coerce.number().int().positive(),
});

/**
 * A change to a record: a field left out (undefined) stays as it is, null empties it. The version
 * is the one the change is based on (optimistic concurrency).
 */
export type NewcomerChanges = {
  [K in keyof Omit<NewcomerInput, "givenNames" | "familyName" | "preferredLanguage">]?:
    | NewcomerInput[K]
    | null;
} & {
  givenNames?: string;
  familyName?: string;
  preferredLanguage?: Locale;
  healthNotes?: string | null;
  closedOn?: string | null;
  closedReason?: string | null;
  version: number;
};

/**
 * Languages a newcomer may speak, as ISO 639 codes; the page names them in the reader's language
 * (Intl.DisplayNames). "prs" is Dari, "ckb" Sorani and "kmr" Kurmanji Kurdish.
 */
export const spokenLanguageCodes = [
  "ar",
  "ti",
  "prs",
  "fa",
  "ps",
  "so",
  "am",
  "om",
  "ckb",
  "kmr",
  "tr",
  "uk",
  "ru",
  "en",
  "fr",
  "es",
  "pt",
  "ur",
  "bn",
  "hi",
  "zh",
  "sw",
  "ha",
  "nl",
  "de",
  "pl",
  "ro",
  "bg",
] as const;

export const languageInputSchema = z.object({
  language: z.enum(spokenLanguageCodes),
  level: z.enum(languageLevel.enumValues),
});
export type LanguageInput = z.infer<typeof languageInputSchema>;

export const householdInputSchema = z.object({
  name: z.string().min(1).max(200),
  relation: z.enum(householdRelation.enumValues),
  birthDate: z.iso
    .date()
    .refine((d) => isPlausibleBirthDate(d, todayInNetherlands()), {
      message: "newcomers:errors.birthDate",
    })
    .optional(),
  /** When the member is obliged to integrate too: their BSN links their own record. */
  linkedBsn: bsnField.optional(),
});
export type HouseholdInput = z.infer<typeof householdInputSchema>;

/** The sources a person can name by hand; "import" is only set by a file import. */
export const manualKeyDateSources = ["duo", "brp", "coa", "consulent"] as const;

export const keyDateInputSchema = z.object({
  kind: z.enum(keyDateKinds),
  date: calendarDate,
  source: z.enum(manualKeyDateSources),
  note: z.string().max(500).optional(),
});
export type KeyDateInput = z.infer<typeof keyDateInputSchema>;

export const withdrawKeyDateSchema = z.object({
  reason: z.string().min(1).max(500),
});

export const extensionInputSchema = z.object({
  months: z.coerce.number().int().min(1).max(36),
  reason: z.string().min(1).max(1000),
  decidedOn: calendarDate,
});
export type ExtensionInput = z.infer<typeof extensionInputSchema>;

export const transferInputSchema = z.object({
  consultantId: z.guid(),
  note: z.string().max(1000).optional(),
  version: z.coerce.number().int().positive(),
});
export type TransferInput = z.infer<typeof transferInputSchema>;

export const involvementInputSchema = z
  .object({
    role: z.enum(involvementRole.enumValues),
    /** A key person with an account of the municipality. */
    accountId: z.guid().optional(),
    /** A chain partner organisation (COA, maatschappelijke begeleiding, language school …). */
    partnerOrganisationId: z.guid().optional(),
    /** The person's name: a key person without an account, or the contact at the partner. */
    name: z.string().max(200).optional(),
    since: calendarDate,
    remark: z.string().max(500).optional(),
  })
  .superRefine((v, ctx) => {
    if (v.role === "ketenpartner" && !v.partnerOrganisationId)
      ctx.addIssue({
        code: "custom",
        path: ["partnerOrganisationId"],
        message: "newcomers:errors.partnerRequired",
      });
    if (v.role === "sleutelpersoon" && !v.accountId && !v.name)
      ctx.addIssue({
        code: "custom",
        path: ["name"],
        message: "newcomers:errors.keyPersonRequired",
      });
  });
export type InvolvementInput = z.infer<typeof involvementInputSchema>;

export const endInvolvementSchema = z.object({ until: calendarDate });
