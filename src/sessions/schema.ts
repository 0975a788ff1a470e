import {
  type AnyPgColumn,
  boolean,
  date,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  text,
  time,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { accounts } from "../accounts/schema.ts";
import { organisations, regions } from "../organisations/schema.ts";

// Maaksessies (issue 5): plan a session, register, listen live, group notes into vraagstukken,
// write the actie-agenda. Every table knows the organising organisation.

/** The shared, extendable list of themes. */
export const themes = pgTable("session_themes", {
  id: uuid().primaryKey().defaultRandom(),
  /** A stable key, e.g. "werk", "gezondheid_ggz". */
  key: text().notNull().unique(),
  name: text().notNull(),
});

export const sessionPhase = pgEnum("session_phase", [
  "voorbereiding",
  "welkom",
  "luisteren",
  "groeperen",
  "stemmen",
  "actie",
  "afgerond",
]);

/** A programme item: time, title and who. */
export interface ProgrammeItem {
  start: string;
  end?: string;
  title: string;
  who?: string;
}

/** A maaksessie, or (with parentId) one of its deelsessies (breakouts). */
export const maaksessies = pgTable(
  "maaksessies",
  {
    id: uuid().primaryKey().defaultRandom(),
    /** The organiser (a province, municipality or partner). */
    organisationId: uuid()
      .notNull()
      .references(() => organisations.id),
    parentId: uuid().references((): AnyPgColumn => maaksessies.id, { onDelete: "cascade" }),
    /** A deelsessie's host organisation. */
    hostOrganisationId: uuid().references(() => organisations.id),
    title: text().notNull(),
    description: text(),
    themeIds: uuid().array().notNull().default([]),
    regionId: uuid().references(() => regions.id),
    date: date().notNull(),
    startsAt: time().notNull(),
    endsAt: time().notNull(),
    place: text(),
    room: text(),
    onlineUrl: text(),
    programme: jsonb().$type<ProgrammeItem[]>().notNull().default([]),
    partnerOrganisationIds: uuid().array().notNull().default([]),
    capacity: integer(),
    languages: text().array().notNull().default(["nl"]),
    interpreters: text(),
    /** Registration open to the public (the event page). */
    registrationOpen: boolean().notNull().default(true),
    /** The short code participants type on their phone to join the live board. */
    joinCode: text().notNull(),
    phase: sessionPhase().notNull().default("voorbereiding"),
    /** When the current phase's timer ends, if one runs. */
    timerEndsAt: timestamp({ withTimezone: true }),
    /** Dots each participant may place on vraagstukken. */
    voteBudget: integer().notNull().default(3),
    participantsMayGroup: boolean().notNull().default(false),
    createdBy: uuid().references(() => accounts.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    version: integer().notNull().default(1),
  },
  (t) => [
    uniqueIndex("maaksessies_join_code").on(t.joinCode),
    index("maaksessies_organisation").on(t.organisationId, t.date),
  ],
);

export const participantRoles = [
  "nieuwkomer",
  "beleidsmaker",
  "professional",
  "maatschappelijke_organisatie",
  "vrijwilliger",
  "onderzoeker",
] as const;
export type ParticipantRole = (typeof participantRoles)[number];
export const participantRole = pgEnum("participant_role", participantRoles);

export const registrationStatus = pgEnum("registration_status", [
  "aangemeld",
  "wachtlijst",
  "geannuleerd",
]);

/** A registration for a session (personal data: policies and the audit trail apply). */
export const registrations = pgTable(
  "registrations",
  {
    id: uuid().primaryKey().defaultRandom(),
    organisationId: uuid()
      .notNull()
      .references(() => organisations.id),
    sessionId: uuid()
      .notNull()
      .references(() => maaksessies.id, { onDelete: "cascade" }),
    /** The chosen deelsessie, if any. */
    breakoutId: uuid().references(() => maaksessies.id, { onDelete: "set null" }),
    name: text().notNull(),
    email: text().notNull(),
    affiliation: text(),
    role: participantRole().notNull(),
    locale: text().notNull().default("nl"),
    needs: jsonb()
      .$type<{ interpreter?: string; accessibility?: string; childcare?: boolean }>()
      .notNull()
      .default({}),
    status: registrationStatus().notNull(),
    /** Position on the waiting list: earlier first. */
    waitlistedAt: timestamp({ withTimezone: true }),
    /** Hash of the secret in the cancel link. */
    cancelTokenHash: text().notNull(),
    /** Short code for check-in on the day (also in a QR). */
    checkInCode: text().notNull(),
    checkedInAt: timestamp({ withTimezone: true }),
    remindedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("registrations_session").on(t.sessionId, t.status),
    uniqueIndex("registrations_check_in").on(t.sessionId, t.checkInCode),
  ],
);

/** An interviewed experience expert or professional whose story participants listen to. */
export const stories = pgTable("stories", {
  id: uuid().primaryKey().defaultRandom(),
  organisationId: uuid()
    .notNull()
    .references(() => organisations.id),
  sessionId: uuid()
    .notNull()
    .references(() => maaksessies.id, { onDelete: "cascade" }),
  /** A name or a pseudonym. */
  teller: text().notNull(),
  tellerRole: participantRole().notNull(),
  /** Consent per story: may be quoted, and may be named. */
  mayQuote: boolean().notNull().default(false),
  mayName: boolean().notNull().default(false),
  summary: text(),
  position: integer().notNull().default(0),
});

/** A participant on the live board: no account; a role, optionally a name, a language. */
export const boardParticipants = pgTable(
  "board_participants",
  {
    id: uuid().primaryKey().defaultRandom(),
    organisationId: uuid()
      .notNull()
      .references(() => organisations.id),
    sessionId: uuid()
      .notNull()
      .references(() => maaksessies.id, { onDelete: "cascade" }),
    role: participantRole().notNull(),
    displayName: text(),
    locale: text().notNull(),
    /** Hash of the participant's secret (kept in their cookie). */
    secretHash: text().notNull().unique(),
    joinedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("board_participants_session").on(t.sessionId)],
);

export const noteCategories = [
  "positief",
  "negatief",
  "onderzoeksvraag",
  "les_instituties",
  "les_nieuwkomers",
] as const;
export type NoteCategory = (typeof noteCategories)[number];
export const noteCategory = pgEnum("note_category", noteCategories);

/** A listening note, in the writer's own language; a Dutch version may be added and is marked. */
export const notes = pgTable(
  "notes",
  {
    id: uuid().primaryKey().defaultRandom(),
    organisationId: uuid()
      .notNull()
      .references(() => organisations.id),
    sessionId: uuid()
      .notNull()
      .references(() => maaksessies.id, { onDelete: "cascade" }),
    participantId: uuid().references(() => boardParticipants.id, { onDelete: "set null" }),
    /** Set by the client so a resend after a lost connection does not make a second note. */
    clientId: text().notNull(),
    category: noteCategory().notNull(),
    storyId: uuid().references(() => stories.id, { onDelete: "set null" }),
    text: text().notNull(),
    locale: text().notNull(),
    /** The writer's role, always shown; the name only when they chose to give it. */
    role: participantRole().notNull(),
    authorName: text(),
    dutchText: text(),
    /** Who added the Dutch version: writer | tolk | procesbegeleider | machine. */
    dutchBy: text(),
    /** Private until revealed (write privately, then reveal). */
    revealed: boolean().notNull().default(false),
    hiddenAt: timestamp({ withTimezone: true }),
    hiddenBy: uuid().references(() => accounts.id),
    groupId: uuid(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("notes_session").on(t.sessionId, t.createdAt),
    uniqueIndex("notes_client_id").on(t.sessionId, t.clientId),
  ],
);

export const groupKind = pgEnum("note_group_kind", ["groep", "sleutelinzicht", "vraagstuk"]);

/** A group of notes; titled, it becomes a key insight or a vraagstuk (problem statement). */
export const noteGroups = pgTable(
  "note_groups",
  {
    id: uuid().primaryKey().defaultRandom(),
    organisationId: uuid()
      .notNull()
      .references(() => organisations.id),
    sessionId: uuid()
      .notNull()
      .references(() => maaksessies.id, { onDelete: "cascade" }),
    kind: groupKind().notNull().default("groep"),
    title: text().notNull(),
    description: text(),
    /** The deelsessie that works the vraagstuk out into actions. */
    breakoutId: uuid().references(() => maaksessies.id, { onDelete: "set null" }),
    position: integer().notNull().default(0),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    version: integer().notNull().default(1),
  },
  (t) => [index("note_groups_session").on(t.sessionId)],
);

/** One dot on a vraagstuk, by one participant (budget per participant: maaksessies.voteBudget). */
export const votes = pgTable(
  "votes",
  {
    id: uuid().primaryKey().defaultRandom(),
    organisationId: uuid()
      .notNull()
      .references(() => organisations.id),
    sessionId: uuid()
      .notNull()
      .references(() => maaksessies.id, { onDelete: "cascade" }),
    groupId: uuid()
      .notNull()
      .references(() => noteGroups.id, { onDelete: "cascade" }),
    participantId: uuid()
      .notNull()
      .references(() => boardParticipants.id, { onDelete: "cascade" }),
    role: participantRole().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("votes_session").on(t.sessionId, t.participantId)],
);

export const actionStatus = pgEnum("action_status", ["gepland", "bezig", "afgerond", "gestopt"]);

/** An action on the actie-agenda, traced to the vraagstuk it came from. */
export const sessionActions = pgTable(
  "session_actions",
  {
    id: uuid().primaryKey().defaultRandom(),
    organisationId: uuid()
      .notNull()
      .references(() => organisations.id),
    sessionId: uuid()
      .notNull()
      .references(() => maaksessies.id, { onDelete: "cascade" }),
    groupId: uuid().references(() => noteGroups.id, { onDelete: "set null" }),
    what: text().notNull(),
    ownerName: text().notNull(),
    ownerOrganisationId: uuid().references(() => organisations.id),
    ownerOrganisationName: text(),
    coOwnerOrganisations: text().array().notNull().default([]),
    stakeholders: text(),
    firstStep: text(),
    dueOn: date(),
    status: actionStatus().notNull().default("gepland"),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    createdBy: uuid().references(() => accounts.id),
    version: integer().notNull().default(1),
  },
  (t) => [index("session_actions_session").on(t.sessionId)],
);
