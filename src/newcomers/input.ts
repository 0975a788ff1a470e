import { z } from "zod";
import { type Locale, languages } from "../platform/i18n/languages.ts";
import { isPlausibleBirthDate, isValidBsn, normaliseBsn, todayInNetherlands } from "./rules.ts";
import { targetGroups } from "./schema.ts";

const localeCodes = languages.map((l) => l.code) as [Locale, ...Locale[]];

/**
 * The fields of a newcomer's record as people and partner systems send them. One schema for the
 * form and the API (which derives its OpenAPI document from it). Custom messages are i18n keys.
 */
export const newcomerFields = {
  givenNames: z.string().min(1).max(200),
  familyName: z.string().min(1).max(200),
  birthDate: z.iso
    .date()
    .refine((d) => isPlausibleBirthDate(d, todayInNetherlands()), {
      message: "newcomers:errors.birthDate",
    })
    .optional(),
  bsn: z
    .string()
    .max(20)
    .transform(normaliseBsn)
    .refine(isValidBsn, { message: "newcomers:errors.bsn" })
    .optional(),
  countryOfOrigin: z.string().max(100).optional(),
  targetGroup: z.enum(targetGroups).optional(),
  phone: z
    .string()
    .max(40)
    .regex(/^\+?[0-9][0-9 ()-]{5,}$/, { message: "newcomers:errors.phone" })
    .optional(),
  email: z.email().max(254).optional(),
  preferredLanguage: z.enum(localeCodes).default("nl"),
  assignedConsultantId: z.guid().optional(),
};

export const newcomerInputSchema = z.object(newcomerFields);
/** What a new record holds. Absent optional fields are stored as empty. */
export type NewcomerInput = z.infer<typeof newcomerInputSchema>;

export const newcomerUpdateSchema = z.object({
  ...newcomerFields,
  healthNotes: z.string().max(4000).optional(),
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
  version: number;
};
