// Every capability's tables, in one place for Drizzle. One schema, one set of migrations,
// for PGlite and for a PostgreSQL server alike (decision 0002).
export * from "../../accounts/schema.ts";
export * from "../../api/schema.ts";
export * from "../../audit/schema.ts";
export * from "../../consent/schema.ts";
export * from "../../intake/schema.ts";
export * from "../../newcomers/schema.ts";
export * from "../../organisations/schema.ts";
export * from "../../plans/schema.ts";
export * from "../../portal/schema.ts";
export * from "../../reviews/schema.ts";
export * from "../../sessions/schema.ts";
export * from "../mail/schema.ts";
