import {
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
import { planVersions } from "../plans/schema.ts";

export const reviewKind = pgEnum("review_kind", ["gepland", "tussentijds"]);

/** Progress on one goal of the plan version under review. */
export interface GoalProgress {
  goalId: string;
  progress: "niet_begonnen" | "op_schema" | "achter" | "behaald";
  note?: string;
}

/** A progress review (voortgangsgesprek): scheduled from the plan, or ad hoc. */
export const reviews = pgTable(
  "reviews",
  {
    id: uuid().primaryKey().defaultRandom(),
    organisationId: uuid()
      .notNull()
      .references(() => organisations.id),
    newcomerId: uuid()
      .notNull()
      .references(() => newcomers.id, { onDelete: "cascade" }),
    planVersionId: uuid().references(() => planVersions.id),
    kind: reviewKind().notNull().default("gepland"),
    dueOn: date(),
    heldOn: date(),
    goalProgress: jsonb().$type<GoalProgress[]>().notNull().default([]),
    whatChanged: text(),
    /** The new plan version this review led to, if any. */
    resultingPlanVersionId: uuid().references(() => planVersions.id),
    /** When the reminder to the consultant was sent (so it is sent once). */
    remindedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    createdBy: uuid().references(() => accounts.id),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    version: integer().notNull().default(1),
  },
  (t) => [
    index("reviews_newcomer").on(t.newcomerId, t.dueOn),
    index("reviews_due").on(t.organisationId, t.dueOn),
  ],
);
