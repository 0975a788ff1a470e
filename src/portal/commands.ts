import { and, eq, gt, inArray, isNull, ne, sql } from "drizzle-orm";
// Account internals by file: accounts/index.ts would pull in route modules (as plans/queries.ts).
import { passwordProblem } from "../accounts/rules.ts";
import { accountIdentities, accounts, memberships } from "../accounts/schema.ts";
import { hashPassword } from "../accounts/secrets.ts";
import { type AuditContext, recordAudit } from "../audit/index.ts";
import { newcomers, todayInNetherlands } from "../newcomers/index.ts";
import { planVersions } from "../plans/index.ts";
import type { Db, Tx } from "../platform/db/client.ts";
import { digidLinksOf, type InviteRef, OWN_ACCESS } from "./queries.ts";
import { hashCode, INVITATION_DAYS, newInvitationCode } from "./rules.ts";
import { newcomerInvitations, newcomerVoices, planReactions } from "./schema.ts";

/** An account made for a letter has no e-mail address yet: a reserved domain that never delivers. */
export const PLACEHOLDER_DOMAIN = "nieuwkomer.koers.invalid";
export const hasPlaceholderEmail = (email: string) => email.endsWith(`@${PLACEHOLDER_DOMAIN}`);

/** Thrown when an input breaks a rule; `field` names the form field, `key` the message. */
export class PortalInputError extends Error {
  constructor(
    readonly field: string,
    readonly key: string,
  ) {
    super(key);
    this.name = "PortalInputError";
  }
}

/**
 * Ends the DigiD links of a newcomer's account (a DigiD that is not theirs, a new BSN, a phone in
 * the wrong hands). Password and passkeys stay; a new letter accepted with DigiD links again.
 * Returns how many links ended (0: there were none). The caller has authorized "portal.invite".
 */
export async function unlinkDigid(db: Db, ctx: AuditContext, ref: InviteRef): Promise<number> {
  const accountId = ref.accountId;
  if (!accountId) return 0;
  return db.transaction(async (tx) => {
    const links = await digidLinksOf(tx, accountId);
    if (links.length === 0) return 0;
    await tx.delete(accountIdentities).where(
      inArray(
        accountIdentities.id,
        links.map((l) => l.id),
      ),
    );
    await recordAudit(tx, ctx, {
      purpose: "uitvoering_wet_inburgering",
      legalBasis: "wettelijke_taak",
      dataClasses: ["account"],
      action: "unlink_digid",
      resourceType: "account",
      subjectKind: "newcomer",
      subjectId: ref.id,
      organisationId: ref.organisationId,
      details: { links: links.length, step: "digid" },
    });
    return links.length;
  });
}

/**
 * Invites a newcomer: makes (or reuses) their account with the role "nieuwkomer" in the holding
 * municipality, links it to the record, and issues a new one-time code (earlier unused codes stop
 * working). Returns the code, to print or to mail; only its hash is stored.
 */
export async function inviteNewcomer(
  db: Db,
  ctx: AuditContext,
  input: { newcomerId: string; email?: string | undefined; now?: Date },
): Promise<{ code: string; accountId: string; expiresAt: Date; email: string }> {
  const now = input.now ?? new Date();
  return db.transaction(async (tx) => {
    const [n] = await tx
      .select({
        organisationId: newcomers.organisationId,
        accountId: newcomers.accountId,
        givenNames: newcomers.givenNames,
        familyName: newcomers.familyName,
        preferredLanguage: newcomers.preferredLanguage,
      })
      .from(newcomers)
      .where(eq(newcomers.id, input.newcomerId))
      .for("update");
    if (!n) throw new Error("newcomer not found");
    let accountId = n.accountId;
    const email = input.email?.trim().toLowerCase();
    if (email) {
      const [taken] = await tx
        .select({ id: accounts.id })
        .from(accounts)
        .where(
          and(
            sql`lower(${accounts.email}) = ${email}`,
            accountId ? ne(accounts.id, accountId) : undefined,
          ),
        );
      if (taken) throw new PortalInputError("email", "portal:invite.emailTaken");
    }
    if (!accountId) {
      const [account] = await tx
        .insert(accounts)
        .values({
          email: email ?? `${crypto.randomUUID()}@${PLACEHOLDER_DOMAIN}`,
          name: `${n.givenNames} ${n.familyName}`,
          organisationId: n.organisationId,
          locale: n.preferredLanguage,
          status: "invited",
        })
        .returning({ id: accounts.id });
      if (!account) throw new Error("insert failed");
      accountId = account.id;
      await tx
        .insert(memberships)
        .values({ accountId, organisationId: n.organisationId, role: "nieuwkomer" })
        .onConflictDoNothing();
      await tx
        .update(newcomers)
        .set({ accountId, updatedAt: now, version: sql`${newcomers.version} + 1` })
        .where(eq(newcomers.id, input.newcomerId));
    } else if (email) {
      await tx.update(accounts).set({ email, updatedAt: now }).where(eq(accounts.id, accountId));
    }
    const [account] = await tx
      .select({ email: accounts.email })
      .from(accounts)
      .where(eq(accounts.id, accountId));
    // One valid code at a time: a new letter makes the old one worthless.
    await tx
      .update(newcomerInvitations)
      .set({ usedAt: now })
      .where(and(eq(newcomerInvitations.accountId, accountId), isNull(newcomerInvitations.usedAt)));
    const code = newInvitationCode();
    const expiresAt = new Date(now.getTime() + INVITATION_DAYS * 24 * 3_600_000);
    await tx.insert(newcomerInvitations).values({
      organisationId: n.organisationId,
      newcomerId: input.newcomerId,
      accountId,
      codeHash: hashCode(code),
      expiresAt,
      createdBy: ctx.actor.accountId ?? null,
    });
    await recordAudit(tx, ctx, {
      purpose: "uitvoering_wet_inburgering",
      legalBasis: "wettelijke_taak",
      dataClasses: ["basic", "account"],
      action: "invite",
      resourceType: "newcomer_invitation",
      subjectKind: "newcomer",
      subjectId: input.newcomerId,
      organisationId: n.organisationId,
      details: { by: email ? "mail" : "letter" },
    });
    return { code, accountId, expiresAt, email: account?.email ?? "" };
  });
}

/** A valid, unused code's account; undefined when the code is wrong, used or expired. */
export async function findInvitation(db: Db, code: string, now = new Date()) {
  const [row] = await db
    .select({
      id: newcomerInvitations.id,
      accountId: newcomerInvitations.accountId,
      organisationId: newcomerInvitations.organisationId,
      newcomerId: newcomerInvitations.newcomerId,
      email: accounts.email,
    })
    .from(newcomerInvitations)
    .innerJoin(accounts, eq(accounts.id, newcomerInvitations.accountId))
    .where(
      and(
        eq(newcomerInvitations.codeHash, hashCode(code)),
        isNull(newcomerInvitations.usedAt),
        gt(newcomerInvitations.expiresAt, now),
      ),
    );
  return row;
}

/**
 * The part every way of accepting a letter shares: uses the code up and activates the account in
 * the chosen language (with `set`: what this way adds, e.g. e-mail and password). The code is
 * marked first, conditionally, so a double submit or callback is harmless: undefined when the code
 * was used meanwhile. Returns the account's session epoch. Call inside the accepting transaction.
 */
export async function claimInvitation(
  tx: Tx,
  invitation: { id: string; accountId: string },
  input: {
    now: Date;
    locale: string;
    set?: Partial<Pick<typeof accounts.$inferInsert, "email" | "passwordHash">>;
  },
): Promise<number | undefined> {
  const used = await tx
    .update(newcomerInvitations)
    .set({ usedAt: input.now })
    .where(and(eq(newcomerInvitations.id, invitation.id), isNull(newcomerInvitations.usedAt)))
    .returning({ id: newcomerInvitations.id });
  if (used.length === 0) return undefined;
  const [account] = await tx
    .update(accounts)
    .set({
      ...input.set,
      status: "active",
      locale: input.locale,
      failedSignIns: 0,
      lockedUntil: null,
      updatedAt: input.now,
    })
    .where(eq(accounts.id, invitation.accountId))
    .returning({ epoch: accounts.sessionEpoch });
  return account?.epoch ?? 0;
}

/**
 * Accepts an invitation: sets the e-mail address (the sign-in name) and the password, the
 * chosen language, activates the account and uses up the code — all or nothing.
 */
export async function acceptInvitation(
  db: Db,
  ctx: AuditContext,
  input: { code: string; email: string; password: string; locale: string; now?: Date },
): Promise<{ accountId: string; organisationId: string; epoch: number }> {
  const now = input.now ?? new Date();
  const invitation = await findInvitation(db, input.code, now);
  if (!invitation) throw new PortalInputError("code", "portal:welcome.codeInvalid");
  const email = input.email.trim().toLowerCase();
  const problem = passwordProblem(input.password, email);
  if (problem) throw new PortalInputError("password", problem);
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    const [taken] = await tx
      .select({ id: accounts.id })
      .from(accounts)
      .where(and(sql`lower(${accounts.email}) = ${email}`, ne(accounts.id, invitation.accountId)));
    if (taken) throw new PortalInputError("email", "portal:welcome.emailTaken");
    const epoch = await claimInvitation(tx, invitation, {
      now,
      locale: input.locale,
      set: { email, passwordHash },
    });
    if (epoch === undefined) throw new PortalInputError("code", "portal:welcome.codeInvalid");
    await recordAudit(tx, ctx, {
      purpose: "beveiliging",
      legalBasis: "beveiliging",
      dataClasses: ["account"],
      action: "accept_invitation",
      resourceType: "account",
      subjectKind: "account",
      subjectId: invitation.accountId,
      organisationId: invitation.organisationId,
    });
    return {
      accountId: invitation.accountId,
      organisationId: invitation.organisationId,
      epoch,
    };
  });
}

/** What the newcomer says: a dream, an own goal, a comment on a goal, a proposed change. */
export interface VoiceInput {
  newcomerId: string;
  organisationId: string;
  kind: "droom" | "doel" | "opmerking" | "wijzigingsvoorstel";
  text: string;
  goalId?: string | undefined;
  planVersionId?: string | undefined;
  locale: string;
}

/** Records what the newcomer says, in their own words and language. */
export async function addVoice(db: Db, ctx: AuditContext, input: VoiceInput): Promise<string> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(newcomerVoices)
      .values({
        organisationId: input.organisationId,
        newcomerId: input.newcomerId,
        kind: input.kind,
        goalId: input.goalId ?? null,
        planVersionId: input.planVersionId ?? null,
        text: input.text,
        locale: input.locale,
        authorAccountId: ctx.actor.accountId ?? null,
      })
      .returning({ id: newcomerVoices.id });
    if (!row) throw new Error("insert failed");
    await recordAudit(tx, ctx, {
      ...OWN_ACCESS,
      action: "create",
      resourceType: "newcomer_voice",
      resourceId: row.id,
      subjectKind: "newcomer",
      subjectId: input.newcomerId,
      organisationId: input.organisationId,
      dataClasses: ["plan"],
      details: { kind: input.kind },
    });
    return row.id;
  });
}

/**
 * Records agreement or disagreement with a set plan version. Returns the assigned consultant's
 * e-mail address when they must be told (a disagreement), so the route can mail them.
 */
export async function reactToPlan(
  db: Db,
  ctx: AuditContext,
  input: {
    newcomerId: string;
    organisationId: string;
    planVersionId: string;
    agrees: boolean;
    explanation?: string | undefined;
    locale: string;
  },
): Promise<{ notify: string | null }> {
  return db.transaction(async (tx) => {
    const [version] = await tx
      .select({ id: planVersions.id })
      .from(planVersions)
      .where(
        and(
          eq(planVersions.id, input.planVersionId),
          eq(planVersions.newcomerId, input.newcomerId),
          eq(planVersions.status, "vastgesteld"),
        ),
      );
    if (!version) throw new PortalInputError("agrees", "portal:react.noPlan");
    const [row] = await tx
      .insert(planReactions)
      .values({
        organisationId: input.organisationId,
        newcomerId: input.newcomerId,
        planVersionId: input.planVersionId,
        agrees: input.agrees,
        explanation: input.explanation || null,
        locale: input.locale,
        authorAccountId: ctx.actor.accountId ?? null,
      })
      .returning({ id: planReactions.id });
    await recordAudit(tx, ctx, {
      ...OWN_ACCESS,
      action: "create",
      resourceType: "plan_reaction",
      resourceId: row?.id,
      subjectKind: "newcomer",
      subjectId: input.newcomerId,
      organisationId: input.organisationId,
      dataClasses: ["plan"],
      details: { agrees: input.agrees, on: todayInNetherlands() },
    });
    if (input.agrees) return { notify: null };
    const [consultant] = await tx
      .select({ email: accounts.email })
      .from(newcomers)
      .innerJoin(accounts, eq(accounts.id, newcomers.assignedConsultantId))
      .where(eq(newcomers.id, input.newcomerId));
    return { notify: consultant?.email ?? null };
  });
}

/**
 * Remembers the language the newcomer reads in on their account (the language switcher only sets
 * a cookie), so a new phone or browser opens in it and mails are written in it.
 */
export async function rememberLocale(
  db: Db,
  ctx: AuditContext,
  input: { accountId: string; organisationId: string; locale: string },
): Promise<void> {
  await db.transaction(async (tx) => {
    await tx
      .update(accounts)
      .set({ locale: input.locale, updatedAt: new Date() })
      .where(eq(accounts.id, input.accountId));
    await recordAudit(tx, ctx, {
      purpose: "beheer_accounts",
      legalBasis: "gerechtvaardigd_belang",
      dataClasses: ["account"],
      action: "update",
      resourceType: "account",
      subjectKind: "account",
      subjectId: input.accountId,
      organisationId: input.organisationId,
      details: { fields: ["locale"] },
    });
  });
}
