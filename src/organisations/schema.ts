import { sql } from "drizzle-orm";
import {
  type AnyPgColumn,
  date,
  integer,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";

/** The kinds of organisation in the inburgering chain (domain.md, "Who uses Koers"). */
export const organisationKinds = [
  "gemeente",
  "provincie",
  "coa",
  "maatschappelijke_begeleiding",
  "taalaanbieder",
  "werkgever",
  "lokaal_initiatief",
  "kennisinstelling",
  "beheer",
] as const;
export type OrganisationKind = (typeof organisationKinds)[number];
export const organisationKind = pgEnum("organisation_kind", organisationKinds);

/** CBS reference data: the twelve provinces (code PV20…PV31). Loaded from data/reference. */
export const refProvinces = pgTable("ref_provinces", {
  code: text().primaryKey(),
  name: text().notNull(),
});

/** CBS reference data: municipalities (code GM0000), with the period they existed. */
export const refMunicipalities = pgTable("ref_municipalities", {
  code: text().primaryKey(),
  name: text().notNull(),
  provinceCode: text()
    .notNull()
    .references(() => refProvinces.code),
  validFrom: date(),
  validUntil: date(),
});

/** A region that groups organisations, e.g. arbeidsmarktregio Food Valley. */
export const regions = pgTable("regions", {
  id: uuid().primaryKey().defaultRandom(),
  name: text().notNull().unique(),
  provinceCode: text().references(() => refProvinces.code),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

/** The municipalities a region covers (CBS codes), whether or not they use Koers themselves. */
export const regionMunicipalities = pgTable(
  "region_municipalities",
  {
    regionId: uuid()
      .notNull()
      .references(() => regions.id, { onDelete: "cascade" }),
    municipalityCode: text()
      .notNull()
      .references(() => refMunicipalities.code),
  },
  (t) => [primaryKey({ columns: [t.regionId, t.municipalityCode] })],
);

export const organisations = pgTable(
  "organisations",
  {
    id: uuid().primaryKey().defaultRandom(),
    kind: organisationKind().notNull(),
    name: text().notNull(),
    /** CBS code for a gemeente (GM…) or provincie (PV…). */
    cbsCode: text(),
    parentId: uuid().references((): AnyPgColumn => organisations.id),
    regionId: uuid().references(() => regions.id),
    contactEmail: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    /** Optimistic concurrency: every update must name the version it read. */
    version: integer().notNull().default(1),
  },
  (t) => [
    uniqueIndex("organisations_cbs_code_unique").on(t.cbsCode).where(sql`${t.cbsCode} is not null`),
    uniqueIndex("organisations_name_unique").on(sql`lower(${t.name})`),
  ],
);
