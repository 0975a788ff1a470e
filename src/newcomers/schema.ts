import { sql } from "drizzle-orm";
import {
  boolean,
  date,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uuid,
} from "drizzle-orm/pg-core";
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

export const literacyEnum = pgEnum("literacy", [
  "geletterd",
  "beperkt_geletterd",
  "niet_geletterd",
]);

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
    /** Voorvoegsel of the family name as in the BRP ("van", "el"). */
    familyNamePrefix: text(),
    address: text(),
    /** Language for letters (may differ from the language the newcomer reads Koers in). */
    letterLanguage: text(),
    interpreterNeeded: boolean().notNull().default(false),
    interpreterLanguage: text(),
    literacy: literacyEnum(),
    /** Can read and write the Latin script (matters for the learning route). */
    latinScript: boolean(),
    /** Social assistance (bijstand): together with the target group it decides ontzorgen. */
    socialAssistance: boolean(),
    /** When the obligation ended or the file was closed, and why. */
    closedOn: date(),
    closedReason: text(),
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
    // The caseload's "mine" filter (src/caseload/queries.ts).
    index("newcomers_consultant").on(t.organisationId, t.assignedConsultantId),
    index("newcomers_name_trgm").using(
      "gin",
      sql`(lower(${t.givenNames} || ' ' || ${t.familyName})) gin_trgm_ops`,
    ),
  ],
);

const belongs = {
  id: uuid().primaryKey().defaultRandom(),
  organisationId: uuid()
    .notNull()
    .references(() => organisations.id),
  newcomerId: uuid()
    .notNull()
    .references(() => newcomers.id, { onDelete: "cascade" }),
};

export const languageLevel = pgEnum("language_level", ["moedertaal", "goed", "redelijk", "beetje"]);

/** Languages the newcomer speaks, with level. */
export const newcomerLanguages = pgTable(
  "newcomer_languages",
  {
    ...belongs,
    /** ISO 639-1 or -3 code, e.g. "ar", "ti", "prs". */
    language: text().notNull(),
    level: languageLevel().notNull(),
  },
  (t) => [index("newcomer_languages_newcomer").on(t.newcomerId)],
);

export const householdRelation = pgEnum("household_relation", [
  "partner",
  "kind",
  "ouder",
  "anders",
]);

/** Household members; linked to their own record when they are obliged to integrate themselves. */
export const householdMembers = pgTable(
  "household_members",
  {
    ...belongs,
    name: text().notNull(),
    relation: householdRelation().notNull(),
    birthDate: date(),
    linkedNewcomerId: uuid().references(() => newcomers.id, { onDelete: "set null" }),
  },
  (t) => [
    index("household_newcomer").on(t.newcomerId),
    index("household_linked").on(t.linkedNewcomerId),
  ],
);

/** The dates that drive deadlines (domain.md, "Dates that matter"). */
export const keyDateKinds = [
  "start_plicht",
  "kennisgeving_duo",
  "inschrijving_brp",
  "koppeling",
  "huisvesting",
  "eerste_pip",
] as const;
export type KeyDateKind = (typeof keyDateKinds)[number];
export const keyDateKind = pgEnum("key_date_kind", keyDateKinds);
export const keyDateSource = pgEnum("key_date_source", [
  "duo",
  "brp",
  "coa",
  "consulent",
  "import",
]);

/**
 * Key dates with their history: a correction adds a row; a withdrawn DUO signal is marked, never
 * deleted. The current value of a kind is its newest row that is not withdrawn.
 */
export const keyDates = pgTable(
  "key_dates",
  {
    ...belongs,
    kind: keyDateKind().notNull(),
    date: date().notNull(),
    source: keyDateSource().notNull(),
    note: text(),
    recordedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    recordedBy: uuid().references(() => accounts.id),
    withdrawnAt: timestamp({ withTimezone: true }),
    withdrawnReason: text(),
  },
  (t) => [
    index("key_dates_newcomer").on(t.newcomerId, t.kind, t.recordedAt),
    // The caseload reads the current dates of a whole municipality at once.
    index("key_dates_organisation_current")
      .on(t.organisationId, t.kind, t.newcomerId, t.recordedAt)
      .where(sql`${t.withdrawnAt} is null`),
  ],
);

/** Extensions of the three-year term (art. 7 Wi2021), with reason. */
export const termExtensions = pgTable(
  "term_extensions",
  {
    ...belongs,
    months: integer().notNull(),
    reason: text().notNull(),
    decidedOn: date().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    createdBy: uuid().references(() => accounts.id),
  },
  (t) => [index("term_extensions_newcomer").on(t.newcomerId)],
);

/** Who was the assigned consultant when: transfers to a colleague, with a note. */
export const consultantAssignments = pgTable(
  "consultant_assignments",
  {
    ...belongs,
    consultantId: uuid()
      .notNull()
      .references(() => accounts.id),
    note: text(),
    assignedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    assignedBy: uuid().references(() => accounts.id),
  },
  (t) => [index("assignments_newcomer").on(t.newcomerId, t.assignedAt)],
);

export const involvementRole = pgEnum("involvement_role", ["sleutelpersoon", "ketenpartner"]);

/** Key persons and chain partners involved with a newcomer (what they may see is a policy/consent matter). */
export const involvements = pgTable(
  "involvements",
  {
    ...belongs,
    role: involvementRole().notNull(),
    accountId: uuid().references(() => accounts.id),
    partnerOrganisationId: uuid().references(() => organisations.id),
    name: text().notNull(),
    since: date().notNull(),
    until: date(),
    note: text(),
  },
  (t) => [
    index("involvements_newcomer").on(t.newcomerId),
    index("involvements_account").on(t.accountId),
  ],
);

/** A CSV import of DUO/COA notifications: all rows or none, with per-row errors. */
export const importRuns = pgTable("import_runs", {
  id: uuid().primaryKey().defaultRandom(),
  organisationId: uuid()
    .notNull()
    .references(() => organisations.id),
  source: keyDateSource().notNull(),
  fileName: text().notNull(),
  status: text().notNull().default("bezig"),
  totalRows: integer().notNull().default(0),
  processedRows: integer().notNull().default(0),
  createdCount: integer().notNull().default(0),
  errors: jsonb().$type<{ row: number; field?: string; message: string }[]>().notNull().default([]),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  createdBy: uuid().references(() => accounts.id),
  finishedAt: timestamp({ withTimezone: true }),
});
