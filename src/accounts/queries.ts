import { and, eq, gt, inArray, isNull, or, sql } from "drizzle-orm";
import { type AuditContext, recordAudit } from "../audit/record.ts";
import { organisations } from "../organisations/schema.ts";
import type { Actor } from "../platform/authz/actor.ts";
import type { Db, DbOrTx } from "../platform/db/client.ts";
import type { AccountScope } from "./policy.ts";
import {
  accounts,
  memberships,
  oneTimeTokens,
  type Role,
  recoveryCodes,
  sessions,
  signInAttempts,
} from "./schema.ts";

export type AccountRow = typeof accounts.$inferSelect;

export async function findAccountByEmail(
  db: DbOrTx,
  email: string,
): Promise<AccountRow | undefined> {
  const [row] = await db
    .select()
    .from(accounts)
    .where(sql`lower(${accounts.email}) = ${email.toLowerCase()}`);
  return row;
}

export async function findAccount(db: DbOrTx, id: string): Promise<AccountRow | undefined> {
  const [row] = await db.select().from(accounts).where(eq(accounts.id, id));
  return row;
}

/** The account's memberships with their organisations, first the one it belongs to. */
export async function membershipsOf(db: DbOrTx, accountId: string) {
  return db
    .select({
      organisationId: memberships.organisationId,
      role: memberships.role,
      organisationName: organisations.name,
      organisationKind: organisations.kind,
    })
    .from(memberships)
    .innerJoin(organisations, eq(organisations.id, memberships.organisationId))
    .where(eq(memberships.accountId, accountId))
    .orderBy(organisations.name, memberships.role);
}

/**
 * Loads the actor for a signed-in session in one query. Undefined when the account is gone,
 * disabled, or signed out everywhere since (session epoch).
 */
export async function loadActor(
  db: DbOrTx,
  session: {
    accountId: string;
    organisationId?: string | undefined;
    mfa?: boolean | undefined;
    epoch?: number | undefined;
  },
): Promise<Actor | undefined> {
  const rows = await db
    .select({
      id: accounts.id,
      name: accounts.name,
      status: accounts.status,
      epoch: accounts.sessionEpoch,
      organisationId: memberships.organisationId,
      role: memberships.role,
      organisationName: organisations.name,
      organisationKind: organisations.kind,
    })
    .from(accounts)
    .leftJoin(memberships, eq(memberships.accountId, accounts.id))
    .leftJoin(organisations, eq(organisations.id, memberships.organisationId))
    .where(eq(accounts.id, session.accountId));
  const first = rows[0];
  if (first?.status !== "active" || first.epoch !== (session.epoch ?? 0)) return undefined;
  const orgId = session.organisationId ?? first.organisationId ?? undefined;
  const inOrg = rows.filter((r) => r.organisationId === orgId);
  const roles = inOrg.map((r) => r.role).filter((r): r is Role => !!r);
  return {
    kind: roles.length === 1 && roles[0] === "nieuwkomer" ? "newcomer" : "staff",
    accountId: first.id,
    name: first.name,
    organisationId: orgId,
    organisationName: inOrg[0]?.organisationName ?? undefined,
    organisationKind: inOrg[0]?.organisationKind ?? undefined,
    roles,
    mfa: session.mfa === true,
  };
}

/** Failed sign-ins in the lockout window, for this e-mail address and for this network address. */
export async function recentFailures(db: DbOrTx, email: string, ip: string, since: Date) {
  const [row] = await db
    .select({
      account:
        sql<number>`count(*) filter (where ${signInAttempts.email} = ${email.toLowerCase()})`.mapWith(
          Number,
        ),
      address: sql<number>`count(*) filter (where ${signInAttempts.ip} = ${ip})`.mapWith(Number),
    })
    .from(signInAttempts)
    .where(
      and(
        eq(signInAttempts.succeeded, false),
        gt(signInAttempts.at, since),
        sql`(${signInAttempts.email} = ${email.toLowerCase()} or ${signInAttempts.ip} = ${ip})`,
      ),
    );
  return { accountFailures: row?.account ?? 0, addressFailures: row?.address ?? 0 };
}

// ——— Account administration and "my account" ———

const accountAdministration = {
  purpose: "beheer_accounts",
  legalBasis: "gerechtvaardigd_belang",
  dataClasses: ["account"],
} as const;

/**
 * What policies need to know about an account: who manages it and where it holds roles. Ids only,
 * so it can be loaded before deciding whether the actor may read anything else.
 */
export async function accountScope(
  db: DbOrTx,
  accountId: string,
): Promise<AccountScope | undefined> {
  const rows = await db
    .select({
      id: accounts.id,
      organisationId: accounts.organisationId,
      memberOf: memberships.organisationId,
      role: memberships.role,
      kind: organisations.kind,
    })
    .from(accounts)
    .leftJoin(memberships, eq(memberships.accountId, accounts.id))
    .leftJoin(organisations, eq(organisations.id, memberships.organisationId))
    .where(eq(accounts.id, accountId));
  const first = rows[0];
  if (!first) return undefined;
  return {
    id: first.id,
    organisationId: first.organisationId,
    memberOrganisationIds: [
      ...new Set(rows.map((r) => r.memberOf).filter((o): o is string => !!o)),
    ],
    platformAdministrator: rows.some((r) => r.kind === "beheer" && r.role === "beheerder"),
  };
}

/** One role of an account, with the organisation it is held in. */
export interface RoleHeld {
  organisationId: string;
  organisationName: string;
  role: Role;
}

/** An account as the administrators' list shows it. */
export interface AccountListItem {
  id: string;
  name: string;
  email: string;
  status: "invited" | "active" | "disabled";
  secondFactor: boolean;
  lockedUntil: Date | null;
  roles: RoleHeld[];
}

async function rolesOf(db: DbOrTx, accountIds: string[]): Promise<Map<string, RoleHeld[]>> {
  const byAccount = new Map<string, RoleHeld[]>();
  if (accountIds.length === 0) return byAccount;
  const rows = await db
    .select({
      accountId: memberships.accountId,
      organisationId: memberships.organisationId,
      organisationName: organisations.name,
      role: memberships.role,
    })
    .from(memberships)
    .innerJoin(organisations, eq(organisations.id, memberships.organisationId))
    .where(inArray(memberships.accountId, accountIds))
    .orderBy(organisations.name, memberships.role);
  for (const { accountId, ...held } of rows) {
    const list = byAccount.get(accountId) ?? [];
    list.push(held);
    byAccount.set(accountId, list);
  }
  return byAccount;
}

/**
 * A page of the accounts of one organisation (managed by it or holding a role in it), or of all
 * organisations when none is given. Each listed person is a read of personal data: one audit
 * record per person, in the same transaction, so each can later see who looked them up.
 */
export async function listAccounts(
  db: Db,
  ctx: AuditContext,
  input: { organisationId?: string | undefined; offset: number; limit: number },
): Promise<{ items: AccountListItem[]; more: boolean }> {
  return db.transaction(async (tx) => {
    const orgId = input.organisationId;
    const rows = await tx
      .select({
        id: accounts.id,
        name: accounts.name,
        email: accounts.email,
        status: accounts.status,
        organisationId: accounts.organisationId,
        totpEnabledAt: accounts.totpEnabledAt,
        lockedUntil: accounts.lockedUntil,
      })
      .from(accounts)
      .where(
        orgId
          ? or(
              eq(accounts.organisationId, orgId),
              inArray(
                accounts.id,
                tx
                  .select({ id: memberships.accountId })
                  .from(memberships)
                  .where(eq(memberships.organisationId, orgId)),
              ),
            )
          : undefined,
      )
      .orderBy(accounts.name, accounts.email)
      .offset(input.offset)
      .limit(input.limit + 1);
    const page = rows.slice(0, input.limit);
    const roles = await rolesOf(
      tx,
      page.map((r) => r.id),
    );
    const now = new Date();
    const items = page.map((r) => ({
      id: r.id,
      name: r.name,
      email: r.email,
      status: r.status,
      secondFactor: !!r.totpEnabledAt,
      lockedUntil: r.lockedUntil && r.lockedUntil > now ? r.lockedUntil : null,
      // Within one organisation, only the roles held there are its business.
      roles: (roles.get(r.id) ?? []).filter((h) => !orgId || h.organisationId === orgId),
    }));
    await recordAudit(
      tx,
      ctx,
      ...page.map((r) => ({
        ...accountAdministration,
        action: "list",
        resourceType: "account",
        subjectKind: "account",
        subjectId: r.id,
        organisationId: orgId ?? r.organisationId,
      })),
    );
    return { items, more: rows.length > input.limit };
  });
}

/** An account as its administrator's detail page shows it. */
export interface AccountDetails extends AccountListItem {
  locale: string;
  organisationId: string;
  organisationName: string;
  createdAt: Date;
  /** When the newest invitation link stops working (invited accounts only). */
  invitationExpiresAt: Date | null;
}

/** One account for its administrator (audited read). Undefined when it does not exist. */
export async function accountDetails(
  db: Db,
  ctx: AuditContext,
  input: { accountId: string },
): Promise<AccountDetails | undefined> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select({
        id: accounts.id,
        name: accounts.name,
        email: accounts.email,
        status: accounts.status,
        locale: accounts.locale,
        organisationId: accounts.organisationId,
        organisationName: organisations.name,
        totpEnabledAt: accounts.totpEnabledAt,
        lockedUntil: accounts.lockedUntil,
        createdAt: accounts.createdAt,
      })
      .from(accounts)
      .innerJoin(organisations, eq(organisations.id, accounts.organisationId))
      .where(eq(accounts.id, input.accountId));
    if (!row) return undefined;
    const [invitation] = await tx
      .select({ expiresAt: sql<Date>`max(${oneTimeTokens.expiresAt})`.mapWith(toDate) })
      .from(oneTimeTokens)
      .where(
        and(
          eq(oneTimeTokens.accountId, row.id),
          eq(oneTimeTokens.purpose, "invitation"),
          isNull(oneTimeTokens.usedAt),
          gt(oneTimeTokens.expiresAt, new Date()),
        ),
      );
    const roles = await rolesOf(tx, [row.id]);
    await recordAudit(tx, ctx, {
      ...accountAdministration,
      action: "read",
      resourceType: "account",
      subjectKind: "account",
      subjectId: row.id,
      organisationId: row.organisationId,
    });
    const now = new Date();
    return {
      id: row.id,
      name: row.name,
      email: row.email,
      status: row.status,
      locale: row.locale,
      organisationId: row.organisationId,
      organisationName: row.organisationName,
      secondFactor: !!row.totpEnabledAt,
      lockedUntil: row.lockedUntil && row.lockedUntil > now ? row.lockedUntil : null,
      createdAt: row.createdAt,
      invitationExpiresAt: row.status === "invited" ? (invitation?.expiresAt ?? null) : null,
      roles: roles.get(row.id) ?? [],
    };
  });
}

const toDate = (v: unknown): Date | null =>
  v === null || v === undefined ? null : new Date(v as string);

/** What a signed-in person sees about their own account. */
export interface OwnAccount {
  name: string;
  email: string;
  locale: string;
  hasPassword: boolean;
  secondFactor: boolean;
  unusedRecoveryCodes: number;
  activeSessions: number;
  roles: RoleHeld[];
}

/** A person's own account (audited as a read by the person themselves). */
export async function ownAccount(
  db: Db,
  ctx: AuditContext,
  input: { accountId: string },
): Promise<OwnAccount | undefined> {
  return db.transaction(async (tx) => {
    const now = new Date();
    const [row] = await tx
      .select({
        name: accounts.name,
        email: accounts.email,
        locale: accounts.locale,
        organisationId: accounts.organisationId,
        hasPassword: sql<boolean>`${accounts.passwordHash} is not null`,
        totpEnabledAt: accounts.totpEnabledAt,
      })
      .from(accounts)
      .where(eq(accounts.id, input.accountId));
    if (!row) return undefined;
    const count = sql<number>`count(*)`.mapWith(Number);
    const [codes] = await tx
      .select({ n: count })
      .from(recoveryCodes)
      .where(and(eq(recoveryCodes.accountId, input.accountId), isNull(recoveryCodes.usedAt)));
    const [live] = await tx
      .select({ n: count })
      .from(sessions)
      .where(and(eq(sessions.accountId, input.accountId), gt(sessions.expiresAt, now)));
    const roles = await rolesOf(tx, [input.accountId]);
    await recordAudit(tx, ctx, {
      purpose: "eigen_inzage",
      legalBasis: "wettelijke_taak",
      dataClasses: ["account"],
      action: "read",
      resourceType: "account",
      subjectKind: "account",
      subjectId: input.accountId,
      organisationId: row.organisationId,
    });
    return {
      name: row.name,
      email: row.email,
      locale: row.locale,
      hasPassword: row.hasPassword,
      secondFactor: !!row.totpEnabledAt,
      unusedRecoveryCodes: codes?.n ?? 0,
      activeSessions: live?.n ?? 0,
      roles: roles.get(input.accountId) ?? [],
    };
  });
}

/** Organisations to choose from (platform administrators: invite into, filter by). */
export async function organisationOptions(db: DbOrTx): Promise<{ id: string; name: string }[]> {
  return db
    .select({ id: organisations.id, name: organisations.name })
    .from(organisations)
    .orderBy(organisations.name);
}
