import {
  date,
  index,
  integer,
  jsonb,
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

// The PIP (persoonlijk Plan Inburgering en Participatie) is a formal decision (beschikking):
// versioned, each version with its own date, open to objection and appeal (art. 16 Wi2021).

export const leerroutes = ["b1", "onderwijs", "zelfredzaamheid"] as const;
export type Leerroute = (typeof leerroutes)[number];
export const leerrouteEnum = pgEnum("leerroute", leerroutes);

export const planStatus = pgEnum("plan_version_status", [
  "concept",
  "besproken",
  "vastgesteld",
  "vervangen",
]);

export const legalRemedyStatus = pgEnum("legal_remedy_status", [
  "geen",
  "bezwaar_ingediend",
  "bezwaar_beslist",
  "beroep_ingesteld",
  "beroep_beslist",
]);

/** A concrete step towards a goal: what, who, by when, status. */
export interface PlanStep {
  id: string;
  what: string;
  who: string;
  dueOn?: string;
  status: "open" | "bezig" | "klaar" | "vervallen";
}

/** A participation goal (work, education, volunteering, …) with its steps. */
export interface PlanGoal {
  id: string;
  kind:
    | "werk"
    | "opleiding"
    | "vrijwilligerswerk"
    | "taal"
    | "zelfredzaamheid"
    | "gezondheid"
    | "anders";
  description: string;
  steps: PlanStep[];
}

/** The structured parts of one PIP version (immutable once set). */
export interface PlanContent {
  leerroute: Leerroute;
  /** The route advice that the rules computed, kept with the plan; deviation needs a reason. */
  routeAdvice: { route: Leerroute; reasons: string[] };
  deviationReason?: string;
  /** Dutch at B1 with the option to lower a part to A2 after substantial effort (B1-route). */
  a2Option?: boolean;
  languageProvider?: { organisationId?: string; name: string };
  hoursPerWeek?: number;
  /** Components from route and target group (rules.ts), with chosen intensities. */
  components: {
    knm: boolean;
    pvt: { applies: boolean; hours: number };
    map: { applies: boolean; hours: number };
    zRouteHours?: { course: number; participation: number };
    ontzorgen: { applies: boolean; months: number; costs: string[] };
    paidBy: "gemeente" | "inburgeraar_duo_lening";
  };
  preconditions: { childcare?: string; travel?: string; other?: string };
  guidance: string;
  goals: PlanGoal[];
  /** Agreed progress reviews: dates, and how the municipality monitors progress. */
  reviewSchedule: { dueOn: string; note?: string }[];
  monitoring: string;
}

/** One PIP per newcomer; its versions carry the content. */
export const plans = pgTable(
  "plans",
  {
    id: uuid().primaryKey().defaultRandom(),
    organisationId: uuid()
      .notNull()
      .references(() => organisations.id),
    newcomerId: uuid()
      .notNull()
      .references(() => newcomers.id, { onDelete: "cascade" }),
    /** The date of the first set version: the three-year term starts the day after. */
    firstSetOn: date(),
    legalRemedy: legalRemedyStatus().notNull().default("geen"),
    legalRemedyOn: date(),
    legalRemedyNote: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    version: integer().notNull().default(1),
  },
  (t) => [uniqueIndex("plans_newcomer_unique").on(t.newcomerId)],
);

export const planVersions = pgTable(
  "plan_versions",
  {
    id: uuid().primaryKey().defaultRandom(),
    organisationId: uuid()
      .notNull()
      .references(() => organisations.id),
    planId: uuid()
      .notNull()
      .references(() => plans.id, { onDelete: "cascade" }),
    newcomerId: uuid()
      .notNull()
      .references(() => newcomers.id, { onDelete: "cascade" }),
    /** 1, 2, 3 … in the order they were made. */
    number: integer().notNull(),
    status: planStatus().notNull().default("concept"),
    content: jsonb().$type<PlanContent>().notNull(),
    /** The date of the decision (beschikking) for a set version. */
    setOn: date(),
    discussedOn: date(),
    /** Why this version changes the previous one. */
    changeReason: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    createdBy: uuid().references(() => accounts.id),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    version: integer().notNull().default(1),
  },
  (t) => [
    uniqueIndex("plan_versions_number").on(t.planId, t.number),
    index("plan_versions_newcomer").on(t.newcomerId),
  ],
);
