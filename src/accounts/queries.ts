import { and, eq, gt, sql } from "drizzle-orm";
import { organisations } from "../organisations/schema.ts";
import type { Actor } from "../platform/authz/actor.ts";
import type { DbOrTx } from "../platform/db/client.ts";
import { accounts, memberships, type Role, signInAttempts } from "./schema.ts";

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
