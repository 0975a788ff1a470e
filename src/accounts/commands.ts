import { setTimeout as sleep } from "node:timers/promises";
import { and, eq, gt, isNull, sql } from "drizzle-orm";
import { type AuditContext, recordAudit } from "../audit/record.ts";
import type { Db, DbOrTx } from "../platform/db/client.ts";
import type { Mailer } from "../platform/mail/mailer.ts";
import { findAccountByEmail, membershipsOf, recentFailures } from "./queries.ts";
import { LOCKOUT, lockAfterFailure, requiresSecondFactor, throttle } from "./rules.ts";
import {
  accounts,
  memberships,
  oneTimeTokens,
  type Role,
  recoveryCodes,
  sessions,
  signInAttempts,
} from "./schema.ts";
import {
  hashPassword,
  hashToken,
  newRecoveryCodes,
  newToken,
  normaliseRecoveryCode,
  verifyPassword,
  verifyTotp,
} from "./secrets.ts";

const security = {
  purpose: "beveiliging",
  legalBasis: "beveiliging",
  dataClasses: ["account"],
} as const;

export type SignInResult =
  | {
      outcome: "ok";
      accountId: string;
      organisationId: string | undefined;
      epoch: number;
      /** The account must give a TOTP or recovery code next. */
      needsSecondFactor: boolean;
      /** The account's roles require a second factor it has not set up yet. */
      needsEnrolment: boolean;
    }
  | { outcome: "invalid" }
  | { outcome: "locked" };

async function logAttempt(db: DbOrTx, email: string, ip: string, succeeded: boolean) {
  await db.insert(signInAttempts).values({ email: email.toLowerCase(), ip, succeeded });
}

/** Records a failed attempt and locks the account when it crosses the limit. Returns whether it is now locked. */
async function failAttempt(
  db: Db,
  ctx: AuditContext,
  email: string,
  ip: string,
  accountId: string | undefined,
  step: string,
  now: Date,
) {
  return db.transaction(async (tx) => {
    await logAttempt(tx, email, ip, false);
    let locked = false;
    if (accountId) {
      const { accountFailures } = await recentFailures(
        tx,
        email,
        ip,
        new Date(now.getTime() - LOCKOUT.windowMinutes * 60_000),
      );
      const until = lockAfterFailure(accountFailures, now);
      if (until) {
        locked = true;
        await tx
          .update(accounts)
          .set({ lockedUntil: until, failedSignIns: accountFailures })
          .where(eq(accounts.id, accountId));
      } else {
        await tx
          .update(accounts)
          .set({ failedSignIns: accountFailures })
          .where(eq(accounts.id, accountId));
      }
    }
    await recordAudit(tx, ctx, {
      ...security,
      action: "sign_in",
      resourceType: "account",
      subjectKind: accountId ? "account" : undefined,
      subjectId: accountId,
      outcome: "denied",
      details: { step, locked },
    });
    return locked;
  });
}

/** Step one of signing in: e-mail and password, slowed and locked after repeated failures. */
export async function signInWithPassword(
  db: Db,
  ctx: AuditContext,
  input: { email: string; password: string; ip: string },
  now = new Date(),
): Promise<SignInResult> {
  const since = new Date(now.getTime() - LOCKOUT.windowMinutes * 60_000);
  const [counts, account] = await Promise.all([
    recentFailures(db, input.email, input.ip, since),
    findAccountByEmail(db, input.email),
  ]);
  const decision = throttle(counts, account?.lockedUntil ?? null, now);
  if (decision.delayMs > 0) await sleep(decision.delayMs);
  if (decision.refused) {
    await failAttempt(
      db,
      ctx,
      input.email,
      input.ip,
      account?.id,
      decision.accountLocked ? "locked" : "address_blocked",
      now,
    );
    return { outcome: "locked" };
  }
  const passwordOk = await verifyPassword(account?.passwordHash ?? null, input.password);
  if (!account || !passwordOk || account.status !== "active") {
    const locked = await failAttempt(db, ctx, input.email, input.ip, account?.id, "password", now);
    return locked ? { outcome: "locked" } : { outcome: "invalid" };
  }
  const roles = await membershipsOf(db, account.id);
  const needs = requiresSecondFactor(roles.map((r) => r.role as Role));
  await db.transaction(async (tx) => {
    await logAttempt(tx, input.email, input.ip, true);
    await tx
      .update(accounts)
      .set({ failedSignIns: 0, lockedUntil: null })
      .where(eq(accounts.id, account.id));
    await recordAudit(
      tx,
      { ...ctx, actor: { ...ctx.actor, accountId: account.id } },
      {
        ...security,
        action: "sign_in",
        resourceType: "account",
        subjectKind: "account",
        subjectId: account.id,
        organisationId: account.organisationId,
        details: { step: "password" },
      },
    );
  });
  return {
    outcome: "ok",
    accountId: account.id,
    organisationId: roles[0]?.organisationId,
    epoch: account.sessionEpoch,
    needsSecondFactor: needs && !!account.totpEnabledAt,
    needsEnrolment: needs && !account.totpEnabledAt,
  };
}

/** Step two: a TOTP code, or one unused recovery code (which is then used up). */
export async function verifySecondFactor(
  db: Db,
  ctx: AuditContext,
  input: { accountId: string; code: string; ip: string },
  now = new Date(),
): Promise<"ok" | "invalid" | "locked"> {
  const [account] = await db.select().from(accounts).where(eq(accounts.id, input.accountId));
  if (account?.status !== "active") return "invalid";
  if (account.lockedUntil && account.lockedUntil > now) return "locked";
  let method: "totp" | "recovery_code" | undefined;
  if (account.totpSecret && verifyTotp(account.totpSecret, input.code, now.getTime()))
    method = "totp";
  else {
    const used = await db
      .update(recoveryCodes)
      .set({ usedAt: now })
      .where(
        and(
          eq(recoveryCodes.accountId, account.id),
          eq(recoveryCodes.codeHash, hashToken(normaliseRecoveryCode(input.code))),
          isNull(recoveryCodes.usedAt),
        ),
      )
      .returning({ id: recoveryCodes.id });
    if (used.length > 0) method = "recovery_code";
  }
  if (!method) {
    const locked = await failAttempt(
      db,
      ctx,
      account.email,
      input.ip,
      account.id,
      "second_factor",
      now,
    );
    return locked ? "locked" : "invalid";
  }
  await db.transaction(async (tx) => {
    await logAttempt(tx, account.email, input.ip, true);
    await recordAudit(
      tx,
      { ...ctx, actor: { ...ctx.actor, accountId: account.id } },
      {
        ...security,
        action: "sign_in",
        resourceType: "account",
        subjectKind: "account",
        subjectId: account.id,
        organisationId: account.organisationId,
        details: { step: method },
      },
    );
  });
  return "ok";
}

/** Saves a confirmed TOTP secret and returns fresh recovery codes (shown once). */
export async function enableTotp(
  db: Db,
  ctx: AuditContext,
  accountId: string,
  secret: string,
  code: string,
): Promise<string[] | null> {
  if (!verifyTotp(secret, code)) return null;
  return db.transaction(async (tx) => {
    const [account] = await tx
      .update(accounts)
      .set({ totpSecret: secret, totpEnabledAt: new Date(), updatedAt: new Date() })
      .where(eq(accounts.id, accountId))
      .returning({ organisationId: accounts.organisationId });
    if (!account) return null;
    const codes = await replaceRecoveryCodes(tx, accountId, account.organisationId);
    await recordAudit(tx, ctx, {
      ...security,
      action: "enable_totp",
      resourceType: "account",
      subjectKind: "account",
      subjectId: accountId,
      organisationId: account.organisationId,
    });
    return codes;
  });
}

async function replaceRecoveryCodes(
  tx: DbOrTx,
  accountId: string,
  organisationId: string,
): Promise<string[]> {
  const codes = newRecoveryCodes();
  await tx.delete(recoveryCodes).where(eq(recoveryCodes.accountId, accountId));
  await tx.insert(recoveryCodes).values(
    codes.map((c) => ({
      accountId,
      organisationId,
      codeHash: hashToken(normaliseRecoveryCode(c)),
    })),
  );
  return codes;
}

/** New recovery codes; the old ones stop working. */
export async function regenerateRecoveryCodes(
  db: Db,
  ctx: AuditContext,
  accountId: string,
): Promise<string[]> {
  return db.transaction(async (tx) => {
    const [account] = await tx
      .select({ organisationId: accounts.organisationId })
      .from(accounts)
      .where(eq(accounts.id, accountId));
    if (!account) throw new Error("account not found");
    const codes = await replaceRecoveryCodes(tx, accountId, account.organisationId);
    await recordAudit(tx, ctx, {
      ...security,
      action: "regenerate_recovery_codes",
      resourceType: "account",
      subjectKind: "account",
      subjectId: accountId,
      organisationId: account.organisationId,
    });
    return codes;
  });
}

export async function unusedRecoveryCodeCount(db: DbOrTx, accountId: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)`.mapWith(Number) })
    .from(recoveryCodes)
    .where(and(eq(recoveryCodes.accountId, accountId), isNull(recoveryCodes.usedAt)));
  return row?.n ?? 0;
}

/** Ends every session of the account on every device (bumps the epoch, deletes the sessions). */
export async function signOutEverywhere(
  db: Db,
  ctx: AuditContext,
  accountId: string,
): Promise<void> {
  await db.transaction(async (tx) => {
    const [account] = await tx
      .update(accounts)
      .set({ sessionEpoch: sql`${accounts.sessionEpoch} + 1` })
      .where(eq(accounts.id, accountId))
      .returning({ organisationId: accounts.organisationId });
    await tx.delete(sessions).where(eq(sessions.accountId, accountId));
    await recordAudit(tx, ctx, {
      ...security,
      action: "sign_out_everywhere",
      resourceType: "account",
      subjectKind: "account",
      subjectId: accountId,
      organisationId: account?.organisationId,
    });
  });
}

export async function activeSessionCount(db: DbOrTx, accountId: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)`.mapWith(Number) })
    .from(sessions)
    .where(and(eq(sessions.accountId, accountId), gt(sessions.expiresAt, new Date())));
  return row?.n ?? 0;
}

export type InviteResult =
  | { outcome: "invited"; accountId: string }
  | { outcome: "added"; accountId: string }
  | { outcome: "already_member" };

/**
 * Invites a person to an organisation with a role: creates the account (or adds the membership to
 * an existing one) and e-mails a single-use link valid for seven days.
 */
export async function inviteAccount(
  db: Db,
  ctx: AuditContext,
  mailer: Mailer,
  input: {
    email: string;
    name: string;
    organisationId: string;
    role: Role;
    locale: string;
    publicUrl: string;
    inviterName: string;
    organisationName: string;
  },
  texts: {
    subject: string;
    body: (link: string) => string;
    addedSubject: string;
    addedBody: string;
  },
): Promise<InviteResult> {
  const { result, mail } = await db.transaction(async (tx) => {
    const existing = await findAccountByEmail(tx, input.email);
    if (existing) {
      const inserted = await tx
        .insert(memberships)
        .values({ accountId: existing.id, organisationId: input.organisationId, role: input.role })
        .onConflictDoNothing()
        .returning({ id: memberships.id });
      if (inserted.length === 0)
        return { result: { outcome: "already_member" } as const, mail: undefined };
      await recordAudit(tx, ctx, {
        purpose: "beheer_accounts",
        legalBasis: "gerechtvaardigd_belang",
        dataClasses: ["account"],
        action: "add_membership",
        resourceType: "account",
        subjectKind: "account",
        subjectId: existing.id,
        organisationId: input.organisationId,
        details: { role: input.role },
      });
      return {
        result: { outcome: "added", accountId: existing.id } as const,
        mail: { to: existing.email, subject: texts.addedSubject, text: texts.addedBody },
      };
    }
    const [account] = await tx
      .insert(accounts)
      .values({
        email: input.email,
        name: input.name,
        organisationId: input.organisationId,
        locale: input.locale,
        status: "invited",
      })
      .returning({ id: accounts.id });
    if (!account) throw new Error("insert failed");
    await tx
      .insert(memberships)
      .values({ accountId: account.id, organisationId: input.organisationId, role: input.role });
    const { token, hash } = newToken();
    await tx.insert(oneTimeTokens).values({
      accountId: account.id,
      organisationId: input.organisationId,
      purpose: "invitation",
      tokenHash: hash,
      createdBy: ctx.actor.accountId ?? null,
      expiresAt: new Date(Date.now() + 7 * 24 * 3_600_000),
    });
    await recordAudit(tx, ctx, {
      purpose: "beheer_accounts",
      legalBasis: "gerechtvaardigd_belang",
      dataClasses: ["account"],
      action: "invite",
      resourceType: "account",
      subjectKind: "account",
      subjectId: account.id,
      organisationId: input.organisationId,
      details: { role: input.role },
    });
    const link = `${input.publicUrl}/uitnodiging/${token}`;
    return {
      result: { outcome: "invited", accountId: account.id } as const,
      mail: { to: input.email, subject: texts.subject, text: texts.body(link) },
    };
  });
  if (mail) await mailer.send({ ...mail, organisationId: input.organisationId });
  return result;
}

/** Finds a valid (unused, unexpired) single-use token. */
export async function findValidToken(
  db: DbOrTx,
  token: string,
  purpose: "invitation" | "password_reset",
) {
  const [row] = await db
    .select({
      id: oneTimeTokens.id,
      accountId: oneTimeTokens.accountId,
      email: accounts.email,
      name: accounts.name,
      organisationId: oneTimeTokens.organisationId,
    })
    .from(oneTimeTokens)
    .innerJoin(accounts, eq(accounts.id, oneTimeTokens.accountId))
    .where(
      and(
        eq(oneTimeTokens.tokenHash, hashToken(token)),
        eq(oneTimeTokens.purpose, purpose),
        isNull(oneTimeTokens.usedAt),
        gt(oneTimeTokens.expiresAt, new Date()),
      ),
    );
  return row;
}

/**
 * Uses an invitation or reset token to set a password: activates the account, ends its other
 * sessions, and spends the token. Returns the account id, or undefined for a bad token.
 */
export async function setPasswordWithToken(
  db: Db,
  ctx: AuditContext,
  token: string,
  purpose: "invitation" | "password_reset",
  password: string,
): Promise<{ accountId: string; epoch: number } | undefined> {
  const found = await findValidToken(db, token, purpose);
  if (!found) return undefined;
  const passwordHash = await hashPassword(password);
  return db.transaction(async (tx) => {
    const spent = await tx
      .update(oneTimeTokens)
      .set({ usedAt: new Date() })
      .where(and(eq(oneTimeTokens.id, found.id), isNull(oneTimeTokens.usedAt)))
      .returning({ id: oneTimeTokens.id });
    if (spent.length === 0) return undefined;
    const [account] = await tx
      .update(accounts)
      .set({
        passwordHash,
        status: "active",
        lockedUntil: null,
        failedSignIns: 0,
        sessionEpoch: sql`${accounts.sessionEpoch} + 1`,
        updatedAt: new Date(),
      })
      .where(eq(accounts.id, found.accountId))
      .returning({
        id: accounts.id,
        epoch: accounts.sessionEpoch,
        organisationId: accounts.organisationId,
      });
    if (!account) return undefined;
    await tx.delete(sessions).where(eq(sessions.accountId, account.id));
    await recordAudit(
      tx,
      { ...ctx, actor: { ...ctx.actor, accountId: account.id } },
      {
        ...security,
        action: purpose === "invitation" ? "accept_invitation" : "reset_password",
        resourceType: "account",
        subjectKind: "account",
        subjectId: account.id,
        organisationId: account.organisationId,
      },
    );
    return { accountId: account.id, epoch: account.epoch };
  });
}

/** Mails a password-reset link (valid one hour) when the address belongs to an active account. Silent otherwise. */
export async function requestPasswordReset(
  db: Db,
  ctx: AuditContext,
  mailer: Mailer,
  email: string,
  publicUrl: string,
  texts: { subject: string; body: (link: string) => string },
): Promise<void> {
  const account = await findAccountByEmail(db, email);
  if (account?.status !== "active") return;
  const { token, hash } = newToken();
  await db.transaction(async (tx) => {
    await tx.insert(oneTimeTokens).values({
      accountId: account.id,
      organisationId: account.organisationId,
      purpose: "password_reset",
      tokenHash: hash,
      expiresAt: new Date(Date.now() + 3_600_000),
    });
    await recordAudit(tx, ctx, {
      ...security,
      action: "request_password_reset",
      resourceType: "account",
      subjectKind: "account",
      subjectId: account.id,
      organisationId: account.organisationId,
    });
  });
  await mailer.send({
    to: account.email,
    subject: texts.subject,
    text: texts.body(`${publicUrl}/wachtwoord-herstellen/${token}`),
    organisationId: account.organisationId,
  });
}

/** Creates an active account directly (CLI, seed). The password is hashed here. */
export async function createAccount(
  db: DbOrTx,
  input: {
    email: string;
    name: string;
    organisationId: string;
    roles: Role[];
    password: string;
    totpSecret?: string;
    locale?: string;
  },
): Promise<string> {
  const passwordHash = await hashPassword(input.password);
  const [account] = await db
    .insert(accounts)
    .values({
      email: input.email,
      name: input.name,
      organisationId: input.organisationId,
      passwordHash,
      status: "active",
      locale: input.locale ?? "nl",
      totpSecret: input.totpSecret ?? null,
      totpEnabledAt: input.totpSecret ? new Date() : null,
    })
    .returning({ id: accounts.id });
  if (!account) throw new Error("insert failed");
  await db.insert(memberships).values(
    input.roles.map((role) => ({
      accountId: account.id,
      organisationId: input.organisationId,
      role,
    })),
  );
  return account.id;
}
