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
import { newcomers } from "../newcomers/schema.ts";
import { organisations } from "../organisations/schema.ts";

// The brede intake (Wet inburgering 2021, art. 14-15; Besluit inburgering 2021 art. 2.2-2.3):
// conversations, the three statutory parts, the practice domains, the newcomer's own words,
// the duties checklist and the non-cooperation ladder. Every table knows its organisation.

const ids = {
  id: uuid().primaryKey().defaultRandom(),
  organisationId: uuid()
    .notNull()
    .references(() => organisations.id),
  newcomerId: uuid()
    .notNull()
    .references(() => newcomers.id, { onDelete: "cascade" }),
};
const stamps = {
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  createdBy: uuid().references(() => accounts.id),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  /** Optimistic concurrency: an update must name the version it read. */
  version: integer().notNull().default(1),
};

/** Who took part in a conversation besides the newcomer and the consultant. */
export interface ConversationAttendees {
  interpreter?: { present: boolean; name?: string; language?: string };
  keyPerson?: { present: boolean; name?: string; accountId?: string };
  /** The law requires offering a conversation without the partner present. */
  partnerPresent?: boolean;
  others?: string;
}

export const conversationKind = pgEnum("conversation_kind", ["intake", "voortgang", "overig"]);

/** A conversation (gesprek) with the newcomer: intake conversations and later ones. */
export const conversations = pgTable(
  "conversations",
  {
    ...ids,
    kind: conversationKind().notNull().default("intake"),
    heldOn: date().notNull(),
    attendees: jsonb().$type<ConversationAttendees>().notNull().default({}),
    /** Notes of the conversation (data class "plan": what was discussed, not diagnoses). */
    notes: text(),
    ...stamps,
  },
  (t) => [index("conversations_newcomer").on(t.newcomerId, t.heldOn)],
);

/** An image attached to a conversation (the keyboard alternative to the sketch pad). */
export const attachments = pgTable("attachments", {
  ...ids,
  conversationId: uuid().references(() => conversations.id, { onDelete: "cascade" }),
  fileName: text().notNull(),
  mediaType: text().notNull(),
  /** Base64 of the file (small images only; size-limited at the edge). */
  contentBase64: text().notNull(),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  createdBy: uuid().references(() => accounts.id),
});

export const learnabilityStatus = pgEnum("learnability_status", [
  "gepland",
  "afgenomen",
  "niet_afgenomen",
]);
export const notTakenReason = pgEnum("learnability_not_taken_reason", [
  "zintuiglijke_beperking",
  "anders",
]);

/**
 * Statutory part 1: the learnability test (leerbaarheidstoets, LBT) taken on DUO's platform.
 * `score` is the reported result; the consultant weighs it with everything else.
 */
export const learnabilityTests = pgTable("learnability_tests", {
  ...ids,
  status: learnabilityStatus().notNull(),
  takenOn: date(),
  /** The LBT result as a score (0-100, as reported) and the indication it gives. */
  score: integer(),
  indication: text(),
  notTakenReason: notTakenReason(),
  notTakenNote: text(),
  ...stamps,
});

export const educationLevel = pgEnum("education_level", [
  "geen",
  "basis",
  "voortgezet",
  "beroeps",
  "hoger_beroeps",
  "universitair",
]);
export const diplomaValuation = pgEnum("diploma_valuation", [
  "geen_diploma",
  "niet_aangevraagd",
  "aangevraagd",
  "gewaardeerd",
  "erkend",
]);

/** Statutory part 2a: education, including in the country of origin (diploma valuation). */
export const educationEntries = pgTable(
  "education_entries",
  {
    ...ids,
    country: text(),
    level: educationLevel().notNull(),
    field: text(),
    diploma: text(),
    valuation: diplomaValuation().notNull().default("geen_diploma"),
    years: integer(),
    ...stamps,
  },
  (t) => [index("education_newcomer").on(t.newcomerId)],
);

/** Statutory part 2b: work experience by sector and years. */
export const workEntries = pgTable(
  "work_entries",
  {
    ...ids,
    country: text(),
    sector: text().notNull(),
    role: text(),
    years: integer(),
    ...stamps,
  },
  (t) => [index("work_newcomer").on(t.newcomerId)],
);

/**
 * Statutory part 3: personal circumstances. Health is its own data class: only the assigned
 * consultant (and whom the policy allows) reads `healthNeeds` and `healthReferrals`.
 * Koers asks for needs and referrals, not diagnoses.
 */
export const personalCircumstances = pgTable("personal_circumstances", {
  ...ids,
  /** Household, childcare, finances, housing in the consultant's words (data class "plan"). */
  situation: text(),
  /** Acute debts (e.g. eviction or cut-off threatens): "basis op orde" puts this first. */
  acuteDebts: boolean().notNull().default(false),
  healthNeeds: text(),
  /** An acute health need (data class "health"): "basis op orde" puts this first. */
  acuteHealthNeeds: boolean().notNull().default(false),
  healthReferrals: text(),
  ...stamps,
});

/** The practice domains of the intake, each with a pictogram and a 1-5 self-reliance score. */
export const domains = [
  "taal",
  "digitale_vaardigheden",
  "financien",
  "huisvesting",
  "inkomen",
  "zorgverzekering",
  "gezin_kinderopvang",
  "sociaal_netwerk",
  "dagbesteding",
  "werk_opleiding",
  "motivatie_interesses",
] as const;
export type Domain = (typeof domains)[number];
export const domainEnum = pgEnum("intake_domain", domains);

/** One scoring of one domain: the consultant's view and the newcomer's own, side by side. */
export const domainScores = pgTable(
  "domain_scores",
  {
    ...ids,
    domain: domainEnum().notNull(),
    consultantScore: integer(),
    newcomerScore: integer(),
    note: text(),
    /** Where it was scored: an intake conversation or a progress review. */
    conversationId: uuid().references(() => conversations.id, { onDelete: "set null" }),
    reviewId: uuid(),
    scoredOn: date().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    createdBy: uuid().references(() => accounts.id),
  },
  (t) => [index("domain_scores_newcomer").on(t.newcomerId, t.domain, t.scoredOn)],
);

/**
 * The intake as a whole: the newcomer's own words, the duties checklist, and completion.
 * One row per newcomer.
 */
export const intakes = pgTable("intakes", {
  ...ids,
  startedOn: date(),
  completedOn: date(),
  /** "Make a realistic plan, but keep dreaming": ambitions and dreams in their own words. */
  ambitions: text(),
  /** The realistic next step. */
  nextStep: text(),
  /** Duty: parents told about early-childhood education (vve) — date, when there are young children. */
  vveInformedOn: date(),
  hasYoungChildren: boolean(),
  /** Duty: a conversation without the partner offered — date, and whether it was accepted. */
  withoutPartnerOfferedOn: date(),
  withoutPartnerAccepted: boolean(),
  ...stamps,
});

export const enforcementStep = pgEnum("enforcement_step", [
  "uitnodiging",
  "tweede_uitnodiging_waarschuwing",
  "eerste_boete_derde_uitnodiging",
  "tweede_boete",
]);

/** The non-cooperation ladder (art. 29 Wi2021): each step with its date, amount and letter. */
export const enforcementSteps = pgTable(
  "enforcement_steps",
  {
    ...ids,
    step: enforcementStep().notNull(),
    takenOn: date().notNull(),
    /** Fine in euro cents (configurable amounts; €250 at the time of writing). */
    amountCents: integer(),
    letterText: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    createdBy: uuid().references(() => accounts.id),
  },
  (t) => [index("enforcement_newcomer").on(t.newcomerId, t.takenOn)],
);
