import {
  boolean,
  index,
  integer,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { accounts } from "../accounts/schema.ts";
import { newcomers } from "../newcomers/schema.ts";
import { organisations } from "../organisations/schema.ts";
import { planVersions } from "../plans/schema.ts";

// The newcomer's own space (issue 4): their voice on the plan, their requests, and what they saw.

const belongs = {
  id: uuid().primaryKey().defaultRandom(),
  organisationId: uuid()
    .notNull()
    .references(() => organisations.id),
  newcomerId: uuid()
    .notNull()
    .references(() => newcomers.id, { onDelete: "cascade" }),
};

export const voiceKind = pgEnum("newcomer_voice_kind", [
  "droom",
  "doel",
  "opmerking",
  "wijzigingsvoorstel",
]);

/** What the newcomer adds in their own words: a dream, an own goal, a comment on a goal, a proposed change. */
export const newcomerVoices = pgTable(
  "newcomer_voices",
  {
    ...belongs,
    kind: voiceKind().notNull(),
    /** The goal (PlanGoal.id) a comment or proposal is about. */
    goalId: text(),
    planVersionId: uuid().references(() => planVersions.id),
    text: text().notNull(),
    /** The language it was written in. */
    locale: text().notNull(),
    authorAccountId: uuid().references(() => accounts.id),
    /** When the consultant read it (shown in their caseload until then). */
    seenByConsultantAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("newcomer_voices_newcomer").on(t.newcomerId, t.createdAt)],
);

/** Agreement or disagreement with a plan version, recorded with time. */
export const planReactions = pgTable(
  "plan_reactions",
  {
    ...belongs,
    planVersionId: uuid()
      .notNull()
      .references(() => planVersions.id),
    agrees: boolean().notNull(),
    explanation: text(),
    locale: text().notNull(),
    authorAccountId: uuid().references(() => accounts.id),
    seenByConsultantAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("plan_reactions_newcomer").on(t.newcomerId, t.createdAt)],
);

/** A request to correct data (AVG art. 16), which becomes a task for the consultant. */
export const correctionRequests = pgTable("correction_requests", {
  ...belongs,
  text: text().notNull(),
  locale: text().notNull(),
  status: text().notNull().default("open"),
  handledBy: uuid().references(() => accounts.id),
  handledAt: timestamp({ withTimezone: true }),
  answer: text(),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  version: integer().notNull().default(1),
});

/** When the newcomer last looked at their plan: drives the "changed since you last looked" markers. */
export const planViews = pgTable(
  "plan_views",
  {
    ...belongs,
    accountId: uuid()
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    lastSeenAt: timestamp({ withTimezone: true }).notNull(),
    lastSeenPlanVersionId: uuid().references(() => planVersions.id),
  },
  (t) => [uniqueIndex("plan_views_unique").on(t.newcomerId, t.accountId)],
);

/** A translation of a free text the consultant wrote, marked human or machine, reviewed or not. */
export const textTranslations = pgTable(
  "text_translations",
  {
    ...belongs,
    /** Which text: e.g. "plan:<versionId>:goal:<goalId>". */
    sourceKey: text().notNull(),
    /** The Dutch source as it was when translated, so an outdated translation can be marked. */
    sourceText: text().notNull(),
    locale: text().notNull(),
    text: text().notNull(),
    method: text().notNull(),
    reviewed: boolean().notNull().default(false),
    createdBy: uuid().references(() => accounts.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("text_translations_key").on(t.newcomerId, t.sourceKey, t.locale)],
);

/** WebAuthn passkeys (an alternative to the password), per account. */
export const passkeys = pgTable(
  "passkeys",
  {
    id: uuid().primaryKey().defaultRandom(),
    organisationId: uuid()
      .notNull()
      .references(() => organisations.id),
    accountId: uuid()
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    credentialId: text().notNull(),
    publicKey: text().notNull(),
    counter: integer().notNull().default(0),
    transports: text().array(),
    name: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    lastUsedAt: timestamp({ withTimezone: true }),
  },
  (t) => [uniqueIndex("passkeys_credential").on(t.credentialId)],
);

/** A printed invitation letter's one-time code for a newcomer (hash only), valid for a time. */
export const newcomerInvitations = pgTable("newcomer_invitations", {
  ...belongs,
  accountId: uuid()
    .notNull()
    .references(() => accounts.id, { onDelete: "cascade" }),
  codeHash: text().notNull().unique(),
  expiresAt: timestamp({ withTimezone: true }).notNull(),
  usedAt: timestamp({ withTimezone: true }),
  createdBy: uuid().references(() => accounts.id),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});
