import { setTimeout as sleep } from "node:timers/promises";
import { and, eq, gt, isNull, lt, ne, or, sql } from "drizzle-orm";
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
  totpStep,
  verifyPassword,
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
      /** The language the account chose, applied on a browser that has not chosen one. */
      locale: string;
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
    locale: account.locale,
  };
}

/**
 * Marks a code's time step as used, if it is later than the last one used: a code seen once (by
 * an onlooker, or replayed) is refused within its 90 seconds of validity. One conditional update,
 * so two requests racing with the same code cannot both pass.
 */
async function useTotpStep(db: Db, accountId: string, step: number): Promise<boolean> {
  const fresh = await db
    .update(accounts)
    .set({ totpLastStep: step })
    .where(
      and(
        eq(accounts.id, accountId),
        or(isNull(accounts.totpLastStep), lt(accounts.totpLastStep, step)),
      ),
    )
    .returning({ id: accounts.id });
  return fresh.length > 0;
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
  const step = account.totpSecret ? totpStep(account.totpSecret, input.code, now.getTime()) : null;
  if (step !== null && (await useTotpStep(db, account.id, step))) method = "totp";
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
  const step = totpStep(secret, code);
  if (step === null) return null;
  return db.transaction(async (tx) => {
    const [account] = await tx
      .update(accounts)
      .set({
        totpSecret: secret,
        totpEnabledAt: new Date(),
        totpLastStep: step,
        updatedAt: new Date(),
      })
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
      // A disabled account stays disabled: an old invitation or reset link must not revive it.
      .where(and(eq(accounts.id, found.accountId), ne(accounts.status, "disabled")))
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

// ——— Account administration (beheer) and the person's own account settings ———

const accountAdministration = {
  purpose: "beheer_accounts",
  legalBasis: "gerechtvaardigd_belang",
  dataClasses: ["account"],
} as const;

/** Gives an account a role in an organisation. */
export async function grantRole(
  db: Db,
  ctx: AuditContext,
  input: { accountId: string; organisationId: string; role: Role },
): Promise<"granted" | "already_held"> {
  return db.transaction(async (tx) => {
    const [inserted] = await tx
      .insert(memberships)
      .values(input)
      .onConflictDoNothing()
      .returning({ id: memberships.id });
    if (!inserted) return "already_held";
    await recordAudit(tx, ctx, {
      ...accountAdministration,
      action: "grant_role",
      resourceType: "membership",
      resourceId: inserted.id,
      subjectKind: "account",
      subjectId: input.accountId,
      organisationId: input.organisationId,
      details: { role: input.role },
    });
    return "granted";
  });
}

/** Takes a role away. Refuses to take the last one: an account without a role belongs nowhere (disable it instead). */
export async function revokeRole(
  db: Db,
  ctx: AuditContext,
  input: { accountId: string; organisationId: string; role: Role },
): Promise<"revoked" | "not_held" | "last_role"> {
  return db.transaction(async (tx) => {
    const held = await tx
      .select({
        id: memberships.id,
        organisationId: memberships.organisationId,
        role: memberships.role,
      })
      .from(memberships)
      .where(eq(memberships.accountId, input.accountId))
      .for("update");
    const target = held.find(
      (m) => m.organisationId === input.organisationId && m.role === input.role,
    );
    if (!target) return "not_held";
    if (held.length === 1) return "last_role";
    await tx.delete(memberships).where(eq(memberships.id, target.id));
    await recordAudit(tx, ctx, {
      ...accountAdministration,
      action: "revoke_role",
      resourceType: "membership",
      resourceId: target.id,
      subjectKind: "account",
      subjectId: input.accountId,
      organisationId: input.organisationId,
      details: { role: input.role },
    });
    return "revoked";
  });
}

/**
 * Disables an account (its sessions end and its outstanding e-mailed links stop working) or
 * enables it again: active when it has a password, otherwise back to invited.
 * Returns the resulting status, or undefined for an unknown account.
 */
export async function setAccountEnabled(
  db: Db,
  ctx: AuditContext,
  input: { accountId: string; enabled: boolean },
): Promise<"invited" | "active" | "disabled" | undefined> {
  return db.transaction(async (tx) => {
    const [current] = await tx
      .select({
        status: accounts.status,
        hasPassword: sql<boolean>`${accounts.passwordHash} is not null`,
        organisationId: accounts.organisationId,
      })
      .from(accounts)
      .where(eq(accounts.id, input.accountId))
      .for("update");
    if (!current) return undefined;
    const status = input.enabled ? (current.hasPassword ? "active" : "invited") : "disabled";
    if (status === current.status) return status;
    const now = new Date();
    await tx
      .update(accounts)
      .set({
        status,
        updatedAt: now,
        version: sql`${accounts.version} + 1`,
        ...(input.enabled ? {} : { sessionEpoch: sql`${accounts.sessionEpoch} + 1` }),
      })
      .where(eq(accounts.id, input.accountId));
    if (!input.enabled) {
      await tx.delete(sessions).where(eq(sessions.accountId, input.accountId));
      await expireTokens(tx, input.accountId, now);
    }
    await recordAudit(tx, ctx, {
      ...accountAdministration,
      action: input.enabled ? "enable" : "disable",
      resourceType: "account",
      subjectKind: "account",
      subjectId: input.accountId,
      organisationId: current.organisationId,
      details: { from: current.status, to: status },
    });
    return status;
  });
}

/** Makes the account's unused e-mailed links (of one purpose, or all) stop working now. */
async function expireTokens(
  tx: DbOrTx,
  accountId: string,
  now: Date,
  purpose?: "invitation" | "password_reset",
) {
  await tx
    .update(oneTimeTokens)
    .set({ expiresAt: now })
    .where(
      and(
        eq(oneTimeTokens.accountId, accountId),
        isNull(oneTimeTokens.usedAt),
        gt(oneTimeTokens.expiresAt, now),
        purpose ? eq(oneTimeTokens.purpose, purpose) : undefined,
      ),
    );
}

/** Lifts a lock after failed sign-ins. Returns false for an unknown account. */
export async function unlockAccount(
  db: Db,
  ctx: AuditContext,
  input: { accountId: string },
): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [account] = await tx
      .update(accounts)
      .set({ lockedUntil: null, failedSignIns: 0, updatedAt: new Date() })
      .where(eq(accounts.id, input.accountId))
      .returning({ email: accounts.email, organisationId: accounts.organisationId });
    if (!account) return false;
    // The lock is also derived from the failures still in the window (throttle/recentFailures):
    // forget this address's failures, or the next typo would lock it again at once. The audit
    // trail keeps a record of every failure.
    await tx
      .delete(signInAttempts)
      .where(
        and(
          eq(signInAttempts.email, account.email.toLowerCase()),
          eq(signInAttempts.succeeded, false),
        ),
      );
    await recordAudit(tx, ctx, {
      ...accountAdministration,
      action: "unlock",
      resourceType: "account",
      subjectKind: "account",
      subjectId: input.accountId,
      organisationId: account.organisationId,
    });
    return true;
  });
}

/**
 * Sends an invited person a new invitation link. Earlier links stop working, so only the newest
 * mail opens the account: a forwarded or intercepted older mail is useless. The mail is written in
 * the invitee's own language (`texts` receives the account's locale and name).
 */
export async function resendInvitation(
  db: Db,
  ctx: AuditContext,
  mailer: Mailer,
  input: { accountId: string; publicUrl: string },
  texts: (invitee: { locale: string; name: string }) => {
    subject: string;
    body: (link: string) => string;
  },
): Promise<"sent" | "not_invited"> {
  const mail = await db.transaction(async (tx) => {
    const [account] = await tx
      .select({
        email: accounts.email,
        name: accounts.name,
        locale: accounts.locale,
        status: accounts.status,
        organisationId: accounts.organisationId,
      })
      .from(accounts)
      .where(eq(accounts.id, input.accountId))
      .for("update");
    if (account?.status !== "invited") return undefined;
    const now = new Date();
    await expireTokens(tx, input.accountId, now, "invitation");
    const { token, hash } = newToken();
    await tx.insert(oneTimeTokens).values({
      accountId: input.accountId,
      organisationId: account.organisationId,
      purpose: "invitation",
      tokenHash: hash,
      createdBy: ctx.actor.accountId ?? null,
      expiresAt: new Date(now.getTime() + 7 * 24 * 3_600_000),
    });
    await recordAudit(tx, ctx, {
      ...accountAdministration,
      action: "resend_invitation",
      resourceType: "account",
      subjectKind: "account",
      subjectId: input.accountId,
      organisationId: account.organisationId,
    });
    const text = texts(account);
    return {
      to: account.email,
      subject: text.subject,
      text: text.body(`${input.publicUrl}/uitnodiging/${token}`),
      organisationId: account.organisationId,
    };
  });
  if (!mail) return "not_invited";
  await mailer.send(mail);
  return "sent";
}

/**
 * Clears the second factor (lost phone): the TOTP secret and recovery codes go, every session
 * ends, and the person must set up a new authenticator at their next sign-in.
 */
export async function resetSecondFactor(
  db: Db,
  ctx: AuditContext,
  input: { accountId: string },
): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [account] = await tx
      .update(accounts)
      .set({
        totpSecret: null,
        totpEnabledAt: null,
        sessionEpoch: sql`${accounts.sessionEpoch} + 1`,
        updatedAt: new Date(),
      })
      .where(eq(accounts.id, input.accountId))
      .returning({ organisationId: accounts.organisationId });
    if (!account) return false;
    await tx.delete(recoveryCodes).where(eq(recoveryCodes.accountId, input.accountId));
    await tx.delete(sessions).where(eq(sessions.accountId, input.accountId));
    await recordAudit(tx, ctx, {
      ...accountAdministration,
      action: "reset_second_factor",
      resourceType: "account",
      subjectKind: "account",
      subjectId: input.accountId,
      organisationId: account.organisationId,
    });
    return true;
  });
}

/**
 * Changes a signed-in person's password after checking the current one. A wrong current password
 * counts as a failed sign-in (so a stolen session cannot guess it freely). Every other session of
 * the account ends; the one given in keepSessionId carries on under the returned epoch.
 */
export async function changePassword(
  db: Db,
  ctx: AuditContext,
  input: {
    accountId: string;
    currentPassword: string;
    newPassword: string;
    keepSessionId: string;
    ip: string;
  },
  now = new Date(),
): Promise<{ outcome: "changed"; epoch: number } | { outcome: "wrong_password" }> {
  const [account] = await db.select().from(accounts).where(eq(accounts.id, input.accountId));
  if (!account) return { outcome: "wrong_password" };
  if (!(await verifyPassword(account.passwordHash, input.currentPassword))) {
    await failAttempt(db, ctx, account.email, input.ip, account.id, "change_password", now);
    return { outcome: "wrong_password" };
  }
  const passwordHash = await hashPassword(input.newPassword);
  return db.transaction(async (tx) => {
    const [changed] = await tx
      .update(accounts)
      .set({
        passwordHash,
        sessionEpoch: sql`${accounts.sessionEpoch} + 1`,
        updatedAt: now,
      })
      .where(eq(accounts.id, input.accountId))
      .returning({ epoch: accounts.sessionEpoch });
    if (!changed) return { outcome: "wrong_password" } as const;
    await tx
      .delete(sessions)
      .where(and(eq(sessions.accountId, input.accountId), ne(sessions.id, input.keepSessionId)));
    await expireTokens(tx, input.accountId, now, "password_reset");
    await recordAudit(tx, ctx, {
      ...security,
      action: "change_password",
      resourceType: "account",
      subjectKind: "account",
      subjectId: input.accountId,
      organisationId: account.organisationId,
    });
    return { outcome: "changed", epoch: changed.epoch } as const;
  });
}

/** Saves the language a person prefers: mails to them are written in it. */
export async function setPreferredLocale(
  db: Db,
  ctx: AuditContext,
  input: { accountId: string; locale: string },
): Promise<void> {
  await db.transaction(async (tx) => {
    const [account] = await tx
      .update(accounts)
      .set({ locale: input.locale, updatedAt: new Date() })
      .where(eq(accounts.id, input.accountId))
      .returning({ organisationId: accounts.organisationId });
    await recordAudit(tx, ctx, {
      ...accountAdministration,
      action: "update",
      resourceType: "account",
      subjectKind: "account",
      subjectId: input.accountId,
      organisationId: account?.organisationId,
      details: { fields: ["locale"] },
    });
  });
}
