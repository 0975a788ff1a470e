import { index, integer, jsonb, pgEnum, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { accounts } from "../accounts/schema.ts";
import { newcomers } from "../newcomers/schema.ts";
import { organisations } from "../organisations/schema.ts";

// Consent for optional sharing (domain.md, "Privacy"): processing under the legal task needs no
// consent; sharing with a key person, a local initiative, an employer or a volunteer buddy does.
// Consent is per purpose and data class, time-limited, revocable in one tap, and versioned.

export const consentPurposes = [
  "sleutelpersoon",
  "lokaal_initiatief",
  "werkgever",
  "buddy",
] as const;
export type ConsentPurpose = (typeof consentPurposes)[number];
export const consentPurpose = pgEnum("consent_purpose", consentPurposes);

/** What the newcomer was shown when they decided: kept so the consent can be proven later. */
export interface ConsentText {
  /** The language the text was shown in. */
  locale: string;
  /** The exact text shown, in that language. */
  text: string;
  /** Version of the consent text template. */
  templateVersion: number;
}

/**
 * One consent: the newcomer lets a person or organisation see some data classes for a purpose,
 * from a date until a date. Revoking sets revokedAt; the row stays (versioned history).
 */
export const consents = pgTable(
  "consents",
  {
    id: uuid().primaryKey().defaultRandom(),
    /** The municipality that holds the newcomer's record. */
    organisationId: uuid()
      .notNull()
      .references(() => organisations.id),
    newcomerId: uuid()
      .notNull()
      .references(() => newcomers.id, { onDelete: "cascade" }),
    purpose: consentPurpose().notNull(),
    /** Who receives access: an account (a key person) and/or an organisation (a partner). */
    granteeAccountId: uuid().references(() => accounts.id),
    granteeOrganisationId: uuid().references(() => organisations.id),
    granteeName: text().notNull(),
    dataClasses: text().array().notNull(),
    validFrom: timestamp({ withTimezone: true }).notNull().defaultNow(),
    validUntil: timestamp({ withTimezone: true }).notNull(),
    revokedAt: timestamp({ withTimezone: true }),
    /** What was shown, in which language. */
    shown: jsonb().$type<ConsentText>().notNull(),
    /** Who witnessed or interpreted when consent was given (name and role), if anyone. */
    witness: text(),
    /** Who recorded it: the newcomer themselves, or a consultant on their behalf. */
    recordedBy: uuid().references(() => accounts.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    version: integer().notNull().default(1),
  },
  (t) => [
    index("consents_newcomer").on(t.newcomerId),
    index("consents_grantee_account").on(t.granteeAccountId),
    index("consents_grantee_organisation").on(t.granteeOrganisationId),
  ],
);
