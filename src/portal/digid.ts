// DigiD for newcomers through the municipality's OpenID Connect broker (issue 4, "Getting in";
// docs/decisions/0017-digid.md): accepting the invitation with DigiD, and signing in with it.
// The protocol (discovery, PKCE, state, nonce, token checks) is accounts/oidc.ts, through
// openid-client; this file decides what a checked answer may do.

import { timingSafeEqual } from "node:crypto";
import { and, asc, eq, gt, isNull, ne } from "drizzle-orm";
// Account internals by file: accounts/index.ts would pull in route modules (as commands.ts).
import {
  acrValuesToRequest,
  checkLevel,
  claimValue,
  type DigidLevel,
  defaultAcrMapping,
  defaultBsnClaim,
  digidScope,
  linkedSubject,
  lowestTwoFactorLevel,
  meetsLevel,
} from "../accounts/digid.ts";
import type {
  AuthorizationRequest,
  IdentityProviderRow,
  VerifiedClaims,
} from "../accounts/oidc.ts";
import { accountIdentities, accounts, identityProviders } from "../accounts/schema.ts";
import { type AuditContext, recordAudit } from "../audit/index.ts";
import { isValidBsn, newcomers, normaliseBsn } from "../newcomers/index.ts";
import type { Db, DbOrTx } from "../platform/db/client.ts";
import { claimInvitation } from "./commands.ts";
import { newcomerInvitations } from "./schema.ts";

/** Why a DigiD answer was refused. Recorded in the audit trail; the page says it in plain words. */
export type DigidRefusal =
  | "invalid_response"
  | "provider_unavailable"
  | "level_unknown"
  | "level_too_low"
  | "invitation_invalid"
  | "other_municipality"
  | "no_bsn_in_record"
  | "no_bsn_from_digid"
  | "bsn_mismatch"
  | "linked_elsewhere"
  | "no_account"
  | "account_inactive";

/** What a checked DigiD answer proves, once its level has been found high enough. */
export interface DigidAnswer {
  providerId: string;
  organisationId: string;
  issuer: string;
  /** The pseudonym stored in account_identities.subject (never the broker's subject itself). */
  linkedSubject: string;
  /** The BSN from the configured claim, when it holds a valid one. Never stored. */
  bsn: string | undefined;
  level: DigidLevel;
}

// ---------------------------------------------------------------------------------------------
// Rules (pure)

/**
 * The BSN in a claim's value: nine digits passing the 11-check, from a string or number, with
 * spaces, dots or dashes, eight digits padded with a leading zero, or in the sector form of DigiD's
 * SAML NameID ("s00000000:123456782"). Undefined when the value holds no valid BSN.
 */
export function bsnFromClaim(value: unknown): string | undefined {
  let text: string;
  if (typeof value === "string") text = value.trim();
  else if (typeof value === "number" && Number.isSafeInteger(value) && value > 0)
    text = String(value);
  else return undefined;
  const sector = /^s00000000:(.+)$/i.exec(text);
  if (sector?.[1]) text = sector[1];
  const bsn = normaliseBsn(text);
  return isValidBsn(bsn) ? bsn : undefined;
}

/** Whether the BSN from DigiD is the one in the newcomer's record. */
export function sameBsn(fromDigid: string, inRecord: string | null | undefined): boolean {
  if (!inRecord) return false;
  const a = Buffer.from(fromDigid);
  const b = Buffer.from(normaliseBsn(inRecord));
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The level a broker requires: as configured, but never below Midden (defence in depth). */
export function requiredLevel(provider: Pick<IdentityProviderRow, "minimumLevel">): DigidLevel {
  const configured = provider.minimumLevel ?? lowestTwoFactorLevel;
  return meetsLevel(configured, lowestTwoFactorLevel) ? configured : lowestTwoFactorLevel;
}

/** What Koers asks a DigiD broker for: its scopes, and the accepted levels as acr_values. */
export function digidAuthorizationRequest(provider: IdentityProviderRow): AuthorizationRequest {
  const mapping = provider.acrMapping ?? defaultAcrMapping;
  return {
    scope: digidScope(provider.extraScopes),
    acrValues: (supported) => acrValuesToRequest(mapping, requiredLevel(provider), supported),
  };
}

/** The claims to look up at UserInfo when the ID token lacks them (the BSN claim). */
export function wantedClaims(provider: Pick<IdentityProviderRow, "bsnClaim">): string[] {
  return [provider.bsnClaim ?? defaultBsnClaim];
}

/**
 * Reads a checked answer (openid-client has verified signature, issuer, audience, nonce, state
 * and PKCE): the level from `acr` must be high enough; the BSN is taken from the configured claim;
 * the subject becomes its pseudonym.
 */
export function readDigidAnswer(
  provider: IdentityProviderRow,
  verified: VerifiedClaims,
  linkKey: Buffer,
): { ok: true; answer: DigidAnswer } | { ok: false; reason: DigidRefusal } {
  const level = checkLevel(
    claimValue(verified.claims, "acr"),
    provider.acrMapping ?? defaultAcrMapping,
    requiredLevel(provider),
  );
  if (!level.ok) return { ok: false, reason: level.reason };
  return {
    ok: true,
    answer: {
      providerId: provider.id,
      organisationId: provider.organisationId,
      issuer: verified.issuer,
      linkedSubject: linkedSubject(linkKey, {
        issuer: verified.issuer,
        organisationId: provider.organisationId,
        subject: verified.subject,
      }),
      bsn: bsnFromClaim(claimValue(verified.claims, provider.bsnClaim ?? defaultBsnClaim)),
      level: level.level,
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Queries

/**
 * An enabled DigiD broker: a municipality's (there is at most one), or one by id. Undefined for a
 * disabled broker or any other kind of provider.
 */
export async function enabledDigidProvider(
  db: DbOrTx,
  by: { organisationId: string } | { id: string },
): Promise<IdentityProviderRow | undefined> {
  const [row] = await db
    .select()
    .from(identityProviders)
    .where(
      and(
        "id" in by
          ? eq(identityProviders.id, by.id)
          : eq(identityProviders.organisationId, by.organisationId),
        eq(identityProviders.purpose, "digid"),
        eq(identityProviders.enabled, true),
      ),
    )
    .orderBy(asc(identityProviders.createdAt))
    .limit(1);
  return row;
}

/** Whether any municipality has an enabled DigiD broker (the welcome page then mentions DigiD). */
export async function anyDigidProvider(db: DbOrTx): Promise<boolean> {
  const [row] = await db
    .select({ id: identityProviders.id })
    .from(identityProviders)
    .where(and(eq(identityProviders.purpose, "digid"), eq(identityProviders.enabled, true)))
    .limit(1);
  return !!row;
}

// ---------------------------------------------------------------------------------------------
// Commands

const security = {
  purpose: "beveiliging",
  legalBasis: "beveiliging",
  resourceType: "account",
} as const;

/** Records a refused DigiD attempt: the reason and the broker, never the BSN or the subject. */
export async function recordDigidRefusal(
  db: Db,
  ctx: AuditContext,
  input: {
    action: "sign_in" | "accept_invitation";
    provider: Pick<IdentityProviderRow, "id" | "organisationId">;
    reason: DigidRefusal;
    accountId?: string | undefined;
  },
): Promise<void> {
  await db.transaction(async (tx) => {
    await recordAudit(tx, ctx, {
      ...security,
      action: input.action,
      dataClasses: ["account"],
      subjectKind: input.accountId ? "account" : undefined,
      subjectId: input.accountId,
      organisationId: input.provider.organisationId,
      outcome: "denied",
      details: { step: "digid", providerId: input.provider.id, reason: input.reason },
    });
  });
}

export type DigidResult =
  | { outcome: "ok"; accountId: string; organisationId: string; epoch: number; locale: string }
  | { outcome: "refused"; reason: DigidRefusal; accountId?: string | undefined };

/**
 * Accepts an invitation with DigiD: the BSN DigiD gives must be the BSN in the newcomer's record
 * of the same municipality. Then — all or nothing — the code is used up, the account is active in
 * the chosen language, and the DigiD identity is linked (replacing an earlier DigiD link of this
 * account at this broker). On any refusal nothing changes and the attempt is audited.
 */
export async function acceptInvitationWithDigid(
  db: Db,
  ctx: AuditContext,
  input: { invitationId: string; answer: DigidAnswer; locale: string; now?: Date },
): Promise<DigidResult> {
  const now = input.now ?? new Date();
  const { answer } = input;
  const result = await db.transaction(async (tx): Promise<DigidResult> => {
    const [invitation] = await tx
      .select({
        id: newcomerInvitations.id,
        accountId: newcomerInvitations.accountId,
        organisationId: newcomerInvitations.organisationId,
        newcomerId: newcomerInvitations.newcomerId,
      })
      .from(newcomerInvitations)
      .where(
        and(
          eq(newcomerInvitations.id, input.invitationId),
          isNull(newcomerInvitations.usedAt),
          gt(newcomerInvitations.expiresAt, now),
        ),
      )
      .for("update");
    if (!invitation) return { outcome: "refused", reason: "invitation_invalid" };
    const refuse = (reason: DigidRefusal): DigidResult => ({
      outcome: "refused",
      reason,
      accountId: invitation.accountId,
    });
    const [newcomer] = await tx
      .select({
        bsn: newcomers.bsn,
        organisationId: newcomers.organisationId,
        accountId: newcomers.accountId,
      })
      .from(newcomers)
      .where(eq(newcomers.id, invitation.newcomerId));
    if (!newcomer || newcomer.accountId !== invitation.accountId)
      return refuse("invitation_invalid");
    // Only the municipality that holds the record (and sent the letter) can vouch with its broker.
    if (
      invitation.organisationId !== answer.organisationId ||
      newcomer.organisationId !== answer.organisationId
    )
      return refuse("other_municipality");
    if (!newcomer.bsn) return refuse("no_bsn_in_record");
    if (!answer.bsn) return refuse("no_bsn_from_digid");
    if (!sameBsn(answer.bsn, newcomer.bsn)) return refuse("bsn_mismatch");
    const [linked] = await tx
      .select({ accountId: accountIdentities.accountId })
      .from(accountIdentities)
      .where(
        and(
          eq(accountIdentities.issuer, answer.issuer),
          eq(accountIdentities.subject, answer.linkedSubject),
        ),
      );
    if (linked && linked.accountId !== invitation.accountId) return refuse("linked_elsewhere");
    const epoch = await claimInvitation(tx, invitation, { now, locale: input.locale });
    if (epoch === undefined) return refuse("invitation_invalid");
    if (!linked) {
      // A new letter accepted with DigiD again re-links: the earlier link at this broker goes.
      await tx
        .delete(accountIdentities)
        .where(
          and(
            eq(accountIdentities.accountId, invitation.accountId),
            eq(accountIdentities.issuer, answer.issuer),
            ne(accountIdentities.subject, answer.linkedSubject),
          ),
        );
      await tx.insert(accountIdentities).values({
        accountId: invitation.accountId,
        organisationId: answer.organisationId,
        issuer: answer.issuer,
        subject: answer.linkedSubject,
      });
    }
    await recordAudit(
      tx,
      { ...ctx, actor: { ...ctx.actor, accountId: invitation.accountId } },
      {
        ...security,
        action: "accept_invitation",
        // The BSN in the record was compared with DigiD's: a use of identity data.
        dataClasses: ["account", "identity"],
        subjectKind: "account",
        subjectId: invitation.accountId,
        organisationId: answer.organisationId,
        details: {
          step: "digid",
          providerId: answer.providerId,
          level: answer.level,
          newcomerId: invitation.newcomerId,
        },
      },
    );
    return {
      outcome: "ok",
      accountId: invitation.accountId,
      organisationId: answer.organisationId,
      epoch,
      locale: input.locale,
    };
  });
  if (result.outcome === "refused")
    await recordDigidRefusal(db, ctx, {
      action: "accept_invitation",
      provider: { id: answer.providerId, organisationId: answer.organisationId },
      reason: result.reason,
      accountId: result.accountId,
    });
  return result;
}

/**
 * Signs a newcomer in with DigiD: by the linked identity only (never by BSN alone: an account
 * becomes reachable through DigiD by accepting an invitation with it). The linked account must be
 * active and still hold a newcomer record at this municipality whose BSN is DigiD's — a BSN
 * corrected after linking ends the link's use. Refusals are audited.
 */
export async function signInWithDigid(
  db: Db,
  ctx: AuditContext,
  answer: DigidAnswer,
): Promise<DigidResult> {
  const result = await db.transaction(async (tx): Promise<DigidResult> => {
    const [linked] = await tx
      .select({
        accountId: accounts.id,
        status: accounts.status,
        epoch: accounts.sessionEpoch,
        locale: accounts.locale,
        organisationId: accountIdentities.organisationId,
      })
      .from(accountIdentities)
      .innerJoin(accounts, eq(accounts.id, accountIdentities.accountId))
      .where(
        and(
          eq(accountIdentities.issuer, answer.issuer),
          eq(accountIdentities.subject, answer.linkedSubject),
        ),
      );
    if (!linked) return { outcome: "refused", reason: "no_account" };
    const refuse = (reason: DigidRefusal): DigidResult => ({
      outcome: "refused",
      reason,
      accountId: linked.accountId,
    });
    if (linked.organisationId !== answer.organisationId) return refuse("other_municipality");
    if (linked.status !== "active") return refuse("account_inactive");
    const [newcomer] = await tx
      .select({ bsn: newcomers.bsn })
      .from(newcomers)
      .where(
        and(
          eq(newcomers.accountId, linked.accountId),
          eq(newcomers.organisationId, answer.organisationId),
        ),
      );
    if (!newcomer) return refuse("other_municipality");
    if (!newcomer.bsn) return refuse("no_bsn_in_record");
    if (!answer.bsn) return refuse("no_bsn_from_digid");
    if (!sameBsn(answer.bsn, newcomer.bsn)) return refuse("bsn_mismatch");
    await recordAudit(
      tx,
      { ...ctx, actor: { ...ctx.actor, accountId: linked.accountId } },
      {
        ...security,
        action: "sign_in",
        dataClasses: ["account", "identity"],
        subjectKind: "account",
        subjectId: linked.accountId,
        organisationId: answer.organisationId,
        details: { step: "digid", providerId: answer.providerId, level: answer.level },
      },
    );
    return {
      outcome: "ok",
      accountId: linked.accountId,
      organisationId: answer.organisationId,
      epoch: linked.epoch,
      locale: linked.locale,
    };
  });
  if (result.outcome === "refused")
    await recordDigidRefusal(db, ctx, {
      action: "sign_in",
      provider: { id: answer.providerId, organisationId: answer.organisationId },
      reason: result.reason,
      accountId: result.accountId,
    });
  return result;
}
