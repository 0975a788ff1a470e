import { sql } from "drizzle-orm";
import { date, index, integer, pgEnum, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { accounts } from "../accounts/schema.ts";
import { organisations } from "../organisations/schema.ts";

export const targetGroups = [
  "asielstatushouder",
  "gezinsvormer",
  "gezinshereniger",
  "overige_migrant",
] as const;
export type TargetGroup = (typeof targetGroups)[number];
export const targetGroup = pgEnum("target_group", targetGroups);

/**
 * A person obliged to integrate (inburgeraar), held by one municipality.
 * Data classes: basic (name, birth date, languages), identity (BSN), contact,
 * residence (target group / residence status) and health — see src/platform/authz/data-classes.ts.
 */
export const newcomers = pgTable(
  "newcomers",
  {
    id: uuid().primaryKey().defaultRandom(),
    organisationId: uuid()
      .notNull()
      .references(() => organisations.id),
    givenNames: text().notNull(),
    familyName: text().notNull(),
    birthDate: date(),
    /** Burgerservicenummer; validated with the 11-check, never shown in lists. */
    bsn: text(),
    countryOfOrigin: text(),
    targetGroup: targetGroup(),
    phone: text(),
    email: text(),
    preferredLanguage: text().notNull().default("nl"),
    /** Needs and referrals rather than diagnoses (issue 3). Only the assigned consultant reads it. */
    healthNotes: text(),
    assignedConsultantId: uuid().references(() => accounts.id),
    /** The newcomer's own account, once they have accepted an invitation. */
    accountId: uuid().references(() => accounts.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    version: integer().notNull().default(1),
  },
  (t) => [
    index("newcomers_organisation").on(t.organisationId),
    index("newcomers_bsn").on(t.organisationId, t.bsn),
    index("newcomers_name_trgm").using(
      "gin",
      sql`(lower(${t.givenNames} || ' ' || ${t.familyName})) gin_trgm_ops`,
    ),
  ],
);
