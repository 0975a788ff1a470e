import {
  bigint,
  bigserial,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uuid,
} from "drizzle-orm/pg-core";

/**
 * The logboek dataverwerkingen: one row per read or change of personal data, and per security
 * event. Append-only: triggers refuse UPDATE, DELETE and TRUNCATE, and chain each row to the one
 * before by a SHA-256 hash (migration 0002_audit_chain.sql; decision 0005).
 */
export const auditEvents = pgTable(
  "audit_events",
  {
    id: bigserial({ mode: "number" }).primaryKey(),
    /** Position in the hash chain; assigned by the trigger under a lock. */
    seq: bigint({ mode: "number" }).notNull().unique().default(0),
    at: timestamp({ withTimezone: true }).notNull().defaultNow(),
    actorAccountId: uuid(),
    actorOrganisationId: uuid(),
    actorRole: text(),
    /** staff | newcomer | participant | api | system | anonymous */
    actorKind: text().notNull(),
    /** Whose data: e.g. "account", "newcomer". */
    subjectKind: text(),
    subjectId: uuid(),
    /** The organisation that holds the data. */
    organisationId: uuid(),
    /** read | create | update | delete | export | sign_in | … */
    action: text().notNull(),
    dataClasses: text().array().notNull().default([]),
    purpose: text().notNull(),
    legalBasis: text().notNull(),
    resourceType: text().notNull(),
    resourceId: text(),
    requestId: text(),
    outcome: text().notNull().default("allowed"),
    details: jsonb().$type<Record<string, unknown>>(),
    prevHash: text().notNull().default(""),
    hash: text().notNull().default(""),
  },
  (t) => [
    index("audit_subject").on(t.subjectId, t.at),
    index("audit_actor").on(t.actorAccountId, t.at),
    index("audit_organisation").on(t.organisationId, t.at),
  ],
);

/** The head of the hash chain: one row, locked by every insert so the chain has one order. */
export const auditChainHead = pgTable("audit_chain_head", {
  id: integer().primaryKey(),
  seq: bigint({ mode: "number" }).notNull(),
  hash: text().notNull(),
});
