import { and, asc, desc, eq, ne, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { accounts, memberships, type Role } from "../accounts/index.ts";
import { type AuditContext, recordAudit } from "../audit/index.ts";
import { organisations } from "../organisations/index.ts";
import type { Db, DbOrTx } from "../platform/db/client.ts";
import { apiTokens } from "./schema.ts";

export type ApiTokenRow = typeof apiTokens.$inferSelect;

/** A token as the admin list shows it (never its hash). */
export interface ApiTokenListItem {
  id: string;
  organisationId: string;
  organisationName: string;
  name: string;
  prefix: string;
  scopes: string[];
  createdByName: string | null;
  createdAt: Date;
  expiresAt: Date | null;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

/** Tokens of one organisation, or of every organisation when none is given; newest first. */
export async function listApiTokens(
  db: DbOrTx,
  filter: { organisationId?: string | undefined },
): Promise<ApiTokenListItem[]> {
  const creator = alias(accounts, "creator");
  return db
    .select({
      id: apiTokens.id,
      organisationId: apiTokens.organisationId,
      organisationName: organisations.name,
      name: apiTokens.name,
      prefix: apiTokens.prefix,
      scopes: apiTokens.scopes,
      createdByName: creator.name,
      createdAt: apiTokens.createdAt,
      expiresAt: apiTokens.expiresAt,
      lastUsedAt: apiTokens.lastUsedAt,
      revokedAt: apiTokens.revokedAt,
    })
    .from(apiTokens)
    .innerJoin(organisations, eq(organisations.id, apiTokens.organisationId))
    .leftJoin(creator, eq(creator.id, apiTokens.createdBy))
    .where(filter.organisationId ? eq(apiTokens.organisationId, filter.organisationId) : undefined)
    .orderBy(desc(apiTokens.createdAt), asc(apiTokens.id));
}

export async function findApiToken(db: DbOrTx, id: string): Promise<ApiTokenRow | undefined> {
  const [row] = await db.select().from(apiTokens).where(eq(apiTokens.id, id));
  return row;
}

/** The token with this hash and the organisation it acts for (bearer authentication). */
export async function findTokenByHash(db: DbOrTx, tokenHash: string) {
  const [row] = await db
    .select({
      id: apiTokens.id,
      organisationId: apiTokens.organisationId,
      organisationName: organisations.name,
      organisationKind: organisations.kind,
      name: apiTokens.name,
      scopes: apiTokens.scopes,
      expiresAt: apiTokens.expiresAt,
      lastUsedAt: apiTokens.lastUsedAt,
      revokedAt: apiTokens.revokedAt,
    })
    .from(apiTokens)
    .innerJoin(organisations, eq(organisations.id, apiTokens.organisationId))
    .where(eq(apiTokens.tokenHash, tokenHash));
  return row;
}

/** Organisations to choose from as a token's owner (platform administrator only). */
export async function organisationChoices(db: DbOrTx) {
  return db
    .select({ id: organisations.id, name: organisations.name })
    .from(organisations)
    .orderBy(asc(organisations.name));
}

export type OrganisationRow = typeof organisations.$inferSelect;

export async function findOrganisation(
  db: DbOrTx,
  id: string,
): Promise<OrganisationRow | undefined> {
  const [row] = await db.select().from(organisations).where(eq(organisations.id, id));
  return row;
}

export interface StaffMember {
  id: string;
  name: string;
  status: "invited" | "active" | "disabled";
  roles: Role[];
}

/**
 * One page of an organisation's staff: accounts with a role there other than newcomer (a newcomer's
 * account is not a colleague, and listing it would disclose who is integrating). The read is
 * audited in the same transaction, naming every account shown.
 */
export async function listStaff(
  db: Db,
  ctx: AuditContext,
  input: { organisationId: string; page: number; pageSize: number; tokenId?: string | undefined },
): Promise<{ items: StaffMember[]; hasNextPage: boolean }> {
  return db.transaction(async (tx) => {
    const rows = await tx
      .select({
        id: accounts.id,
        name: accounts.name,
        status: accounts.status,
        roles: sql<Role[]>`array_agg(${memberships.role}::text order by ${memberships.role})`,
      })
      .from(memberships)
      .innerJoin(accounts, eq(accounts.id, memberships.accountId))
      .where(
        and(
          eq(memberships.organisationId, input.organisationId),
          ne(memberships.role, "nieuwkomer"),
        ),
      )
      .groupBy(accounts.id)
      .orderBy(asc(accounts.name), asc(accounts.id))
      .limit(input.pageSize + 1)
      .offset((input.page - 1) * input.pageSize);
    const items = rows.slice(0, input.pageSize);
    await recordAudit(tx, ctx, {
      action: "list",
      resourceType: "account",
      subjectKind: "account",
      organisationId: input.organisationId,
      dataClasses: ["account"],
      purpose: "koppeling_partner",
      legalBasis: "gerechtvaardigd_belang",
      details: {
        ...(input.tokenId ? { tokenId: input.tokenId } : {}),
        accountIds: items.map((i) => i.id),
      },
    });
    return { items, hasNextPage: rows.length > input.pageSize };
  });
}
