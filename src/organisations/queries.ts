import { and, asc, eq, ilike, isNull, or, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { accounts, memberships, type Role } from "../accounts/index.ts";
import { type AuditContext, recordAudit } from "../audit/index.ts";
import type { Db, DbOrTx } from "../platform/db/client.ts";
import {
  type OrganisationKind,
  organisations,
  refMunicipalities,
  refProvinces,
  regionMunicipalities,
  regions,
} from "./schema.ts";

export type OrganisationRow = typeof organisations.$inferSelect;

// Lookups of organisation data take no audit context: organisations are not people, and reading
// them is not recorded. What is personal (the people in an organisation) is read through
// readOrganisationDetail, which records it.

/** One organisation by id, or undefined. */
export async function findOrganisation(
  db: DbOrTx,
  id: string,
): Promise<OrganisationRow | undefined> {
  const [row] = await db.select().from(organisations).where(eq(organisations.id, id));
  return row;
}

export interface OrganisationFilter {
  /** Part of the name or the CBS code, any case. */
  q?: string | undefined;
  kind?: OrganisationKind | undefined;
  limit?: number;
}

const parents = alias(organisations, "parent");

/** Organisations by name, with their parent's and region's names, optionally filtered. */
export async function listOrganisations(db: DbOrTx, filter: OrganisationFilter = {}) {
  const pattern = filter.q ? `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : undefined;
  return db
    .select({
      id: organisations.id,
      kind: organisations.kind,
      name: organisations.name,
      cbsCode: organisations.cbsCode,
      parentId: organisations.parentId,
      parentName: parents.name,
      regionId: organisations.regionId,
      regionName: regions.name,
    })
    .from(organisations)
    .leftJoin(parents, eq(parents.id, organisations.parentId))
    .leftJoin(regions, eq(regions.id, organisations.regionId))
    .where(
      and(
        filter.kind ? eq(organisations.kind, filter.kind) : undefined,
        pattern
          ? or(ilike(organisations.name, pattern), ilike(organisations.cbsCode, pattern))
          : undefined,
      ),
    )
    .orderBy(asc(organisations.name))
    .limit(filter.limit ?? 500);
}

/** The people of an organisation with their roles in it, by name. */
export interface AccountInOrganisation {
  id: string;
  name: string;
  roles: Role[];
}

/**
 * Everything the organisation page shows, read in one transaction. When `withAccounts` is set the
 * organisation's people (names and roles: personal data) are read too, and that read is recorded
 * in the audit trail in the same transaction.
 */
export async function readOrganisationDetail(
  db: Db,
  ctx: AuditContext,
  input: { id: string; withAccounts: boolean },
) {
  return db.transaction(async (tx) => {
    const organisation = await findOrganisation(tx, input.id);
    if (!organisation) return undefined;
    const [parent] = organisation.parentId
      ? await tx
          .select({ id: organisations.id, name: organisations.name, kind: organisations.kind })
          .from(organisations)
          .where(eq(organisations.id, organisation.parentId))
      : [];
    const [region] = organisation.regionId
      ? await tx
          .select({ id: regions.id, name: regions.name })
          .from(regions)
          .where(eq(regions.id, organisation.regionId))
      : [];
    const children = await tx
      .select({ id: organisations.id, name: organisations.name, kind: organisations.kind })
      .from(organisations)
      .where(eq(organisations.parentId, organisation.id))
      .orderBy(asc(organisations.name));
    let people: AccountInOrganisation[] | undefined;
    if (input.withAccounts) {
      people = await accountsOf(tx, organisation.id);
      await recordAudit(tx, ctx, {
        action: "list",
        resourceType: "account",
        subjectKind: "account",
        organisationId: organisation.id,
        dataClasses: ["account"],
        purpose: "beheer_organisaties",
        legalBasis: "gerechtvaardigd_belang",
        details: { accountIds: people.map((p) => p.id) },
      });
    }
    return { organisation, parent, region, children, accounts: people };
  });
}

async function accountsOf(tx: DbOrTx, organisationId: string): Promise<AccountInOrganisation[]> {
  const rows = await tx
    .select({ id: accounts.id, name: accounts.name, role: memberships.role })
    .from(memberships)
    .innerJoin(accounts, eq(accounts.id, memberships.accountId))
    .where(eq(memberships.organisationId, organisationId))
    .orderBy(asc(accounts.name), asc(accounts.id), asc(memberships.role));
  const byId = new Map<string, AccountInOrganisation>();
  for (const r of rows) {
    const found = byId.get(r.id);
    if (found) found.roles.push(r.role);
    else byId.set(r.id, { id: r.id, name: r.name, roles: [r.role] });
  }
  return [...byId.values()];
}

/** The CBS provinces, by name. */
export async function listProvinces(db: DbOrTx) {
  return db
    .select({ code: refProvinces.code, name: refProvinces.name })
    .from(refProvinces)
    .orderBy(asc(refProvinces.name));
}

/** The municipalities that exist today (CBS), by province and name. */
export async function listMunicipalities(db: DbOrTx) {
  return db
    .select({
      code: refMunicipalities.code,
      name: refMunicipalities.name,
      provinceCode: refMunicipalities.provinceCode,
    })
    .from(refMunicipalities)
    .where(isNull(refMunicipalities.validUntil))
    .orderBy(asc(refMunicipalities.name));
}

/** Regions by name, with their province, the municipalities they cover and how many organisations are in them. */
export async function listRegions(db: DbOrTx) {
  const rows = await db
    .select({
      id: regions.id,
      name: regions.name,
      provinceName: refProvinces.name,
      municipalities: sql<string[]>`coalesce((
        select array_agg(m.name order by m.name)
        from ${regionMunicipalities} rm join ${refMunicipalities} m on m.code = rm.municipality_code
        where rm.region_id = ${regions.id}), '{}')`,
      organisationCount: sql<number>`(
        select count(*) from ${organisations} o where o.region_id = ${regions.id})`.mapWith(Number),
    })
    .from(regions)
    .leftJoin(refProvinces, eq(refProvinces.code, regions.provinceCode))
    .orderBy(asc(regions.name));
  return rows;
}

/** Regions as choices for a form. */
export async function regionOptions(db: DbOrTx) {
  return db.select({ id: regions.id, name: regions.name }).from(regions).orderBy(asc(regions.name));
}
