// Passkeys (WebAuthn): an alternative to the password for any signed-in account (issue 4,
// docs/decisions/0012-newcomer-portal.md, addendum "Passkeys").
import {
  type AuthenticationResponseJSON,
  generateAuthenticationOptions,
  generateRegistrationOptions,
  type PublicKeyCredentialCreationOptionsJSON,
  type PublicKeyCredentialRequestOptionsJSON,
  type RegistrationResponseJSON,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
} from "@simplewebauthn/server";
import { and, asc, eq } from "drizzle-orm";
import { z } from "zod";
import { accounts, membershipsOf, type Role } from "../accounts/index.ts";
import { type AuditContext, recordAudit } from "../audit/record.ts";
import type { Actor } from "../platform/authz/actor.ts";
import { createAuthorizer, isSignedIn } from "../platform/authz/index.ts";
import type { Db, DbOrTx } from "../platform/db/client.ts";
import { passkeys } from "./schema.ts";

const security = {
  purpose: "beveiliging",
  legalBasis: "beveiliging",
  dataClasses: ["account"],
} as const;

/** The relying party: Koers at its public address. The browser binds every passkey to this host. */
export interface RelyingParty {
  id: string;
  name: string;
  origin: string;
}

export function relyingParty(publicUrl: string): RelyingParty {
  const url = new URL(publicUrl);
  return { id: url.hostname, name: "Koers", origin: url.origin };
}

/** A passkey as the account's own page shows it: never the key material. */
export interface PasskeyRef {
  id: string;
  accountId: string;
}

/** Who may do what with passkeys. Deny by default (createAuthorizer). */
export const passkeyPolicy = createAuthorizer({
  /** See and add passkeys for one's own account. */
  "passkey.manageOwn": (a: Actor, _none: null) => isSignedIn(a) && !!a.accountId,
  /** Remove a passkey: only the account it belongs to. */
  "passkey.remove": (a: Actor, key: PasskeyRef) =>
    isSignedIn(a) && !!a.accountId && a.accountId === key.accountId,
});

/**
 * Whether the signature counter the authenticator reports may follow the stored one. Authenticators
 * that do not count report 0 every time; any other value must go up, or the key may be cloned.
 */
export function counterAcceptable(stored: number, received: number): boolean {
  if (stored === 0 && received === 0) return true;
  return received > stored;
}

/** Whether a signed-in session from this passkey counts as two factors (decision 0012, addendum). */
export function passkeyCountsAsTwoFactors(userVerified: boolean): boolean {
  return userVerified;
}

/**
 * What follows a valid passkey: roles that need two factors (every role but nieuwkomer) still give
 * their TOTP code, or set it up, unless the authenticator verified the person.
 */
export function afterPasskey(input: {
  roles: readonly Role[];
  userVerified: boolean;
  totpEnabled: boolean;
}): "signed_in" | "second_factor" | "enrol" {
  const needs = input.roles.some((r) => r !== "nieuwkomer");
  if (!needs || passkeyCountsAsTwoFactors(input.userVerified)) return "signed_in";
  return input.totpEnabled ? "second_factor" : "enrol";
}

// The browser's JSON form of a credential, checked at the edge before the library sees it.
const base64url = z
  .string()
  .max(16_384)
  .regex(/^[A-Za-z0-9_-]*$/);
const transport = z.enum(["ble", "cable", "hybrid", "internal", "nfc", "smart-card", "usb"]);
const common = {
  id: base64url.min(1).max(1_400),
  rawId: base64url.min(1).max(1_400),
  type: z.literal("public-key"),
  authenticatorAttachment: z.enum(["platform", "cross-platform"]).optional(),
  clientExtensionResults: z.object({}).default({}),
};
const registrationSchema = z.object({
  ...common,
  response: z.object({
    clientDataJSON: base64url,
    attestationObject: base64url,
    transports: z.array(transport).max(8).optional(),
  }),
});
const authenticationSchema = z.object({
  ...common,
  response: z.object({
    clientDataJSON: base64url,
    authenticatorData: base64url,
    signature: base64url,
    userHandle: base64url.optional(),
  }),
});

function parseJson<T>(schema: z.ZodType<T>, text: string): T | undefined {
  try {
    const parsed = schema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** The registration response the browser posted, or undefined when it is not one. */
export const parseRegistration = (text: string): RegistrationResponseJSON | undefined =>
  parseJson(registrationSchema, text);
/** The authentication response the browser posted, or undefined when it is not one. */
export const parseAuthentication = (text: string): AuthenticationResponseJSON | undefined =>
  parseJson(authenticationSchema, text);

/** The account's passkeys, oldest first. */
export async function listPasskeys(db: DbOrTx, accountId: string) {
  return db
    .select({
      id: passkeys.id,
      accountId: passkeys.accountId,
      name: passkeys.name,
      createdAt: passkeys.createdAt,
      lastUsedAt: passkeys.lastUsedAt,
    })
    .from(passkeys)
    .where(eq(passkeys.accountId, accountId))
    .orderBy(asc(passkeys.createdAt));
}

/** One passkey's owner, for the policy; undefined when there is no such passkey. */
export async function findPasskeyRef(db: DbOrTx, id: string): Promise<PasskeyRef | undefined> {
  const [row] = await db
    .select({ id: passkeys.id, accountId: passkeys.accountId })
    .from(passkeys)
    .where(eq(passkeys.id, id));
  return row;
}

/** Options for creating a passkey; the account's existing passkeys are excluded (no duplicates). */
export async function registrationOptions(
  db: DbOrTx,
  rp: RelyingParty,
  accountId: string,
): Promise<PublicKeyCredentialCreationOptionsJSON> {
  const [account] = await db
    .select({ email: accounts.email, name: accounts.name })
    .from(accounts)
    .where(eq(accounts.id, accountId));
  const existing = await db
    .select({ credentialId: passkeys.credentialId, transports: passkeys.transports })
    .from(passkeys)
    .where(eq(passkeys.accountId, accountId));
  return generateRegistrationOptions({
    rpName: rp.name,
    rpID: rp.id,
    // The user handle is the account id: the sign-in checks it against the passkey's account.
    userID: new TextEncoder().encode(accountId),
    userName: account?.email ?? accountId,
    userDisplayName: account?.name ?? "",
    attestationType: "none",
    excludeCredentials: existing.map((e) => ({
      id: e.credentialId,
      ...(e.transports ? { transports: e.transports } : {}),
    })),
    authenticatorSelection: { residentKey: "preferred", userVerification: "preferred" },
  });
}

/** Verifies a new passkey against the challenge given out and stores it. Audited. */
export async function registerPasskey(
  db: Db,
  ctx: AuditContext,
  input: {
    rp: RelyingParty;
    accountId: string;
    organisationId: string | undefined;
    expectedChallenge: string;
    response: RegistrationResponseJSON;
    name: string;
  },
): Promise<"ok" | "invalid"> {
  let credential: { id: string; publicKey: Uint8Array; counter: number };
  try {
    const result = await verifyRegistrationResponse({
      response: input.response,
      expectedChallenge: input.expectedChallenge,
      expectedOrigin: input.rp.origin,
      expectedRPID: input.rp.id,
      requireUserVerification: false,
    });
    if (!result.verified) return "invalid";
    credential = result.registrationInfo.credential;
  } catch {
    return "invalid";
  }
  const [account] = await db
    .select({ organisationId: accounts.organisationId })
    .from(accounts)
    .where(eq(accounts.id, input.accountId));
  const organisationId = input.organisationId ?? account?.organisationId;
  if (!organisationId) return "invalid";
  return db.transaction(async (tx) => {
    const inserted = await tx
      .insert(passkeys)
      .values({
        organisationId,
        accountId: input.accountId,
        credentialId: credential.id,
        publicKey: Buffer.from(credential.publicKey).toString("base64url"),
        counter: credential.counter,
        transports: input.response.response.transports ?? [],
        name: input.name,
      })
      .onConflictDoNothing()
      .returning({ id: passkeys.id });
    const id = inserted[0]?.id;
    if (!id) return "invalid";
    await recordAudit(tx, ctx, {
      ...security,
      action: "create",
      resourceType: "passkey",
      resourceId: id,
      subjectKind: "account",
      subjectId: input.accountId,
      organisationId,
    });
    return "ok";
  });
}

/** Removes a passkey (the route has authorized it). Audited. */
export async function removePasskey(db: Db, ctx: AuditContext, key: PasskeyRef): Promise<void> {
  await db.transaction(async (tx) => {
    const [row] = await tx
      .delete(passkeys)
      .where(and(eq(passkeys.id, key.id), eq(passkeys.accountId, key.accountId)))
      .returning({ organisationId: passkeys.organisationId });
    if (!row) return;
    await recordAudit(tx, ctx, {
      ...security,
      action: "delete",
      resourceType: "passkey",
      resourceId: key.id,
      subjectKind: "account",
      subjectId: key.accountId,
      organisationId: row.organisationId,
    });
  });
}

/** Options for signing in: any passkey of this site (discoverable credentials, no account named). */
export function authenticationOptions(
  rp: RelyingParty,
): Promise<PublicKeyCredentialRequestOptionsJSON> {
  return generateAuthenticationOptions({ rpID: rp.id, userVerification: "preferred" });
}

/** Audits a refused passkey sign-in (like a refused password: action "sign_in", outcome denied). */
export async function refusePasskeySignIn(
  db: DbOrTx,
  ctx: AuditContext,
  reason: string,
  account?: { id: string; organisationId: string },
): Promise<void> {
  await recordAudit(db, ctx, {
    ...security,
    action: "sign_in",
    resourceType: "account",
    subjectKind: account ? "account" : undefined,
    subjectId: account?.id,
    organisationId: account?.organisationId,
    outcome: "denied",
    details: { step: "passkey", reason },
  });
}

export type PasskeySignIn =
  | {
      outcome: "ok";
      accountId: string;
      organisationId: string | undefined;
      epoch: number;
      locale: string;
      /** The authenticator checked the person (PIN, fingerprint, face): two factors in one. */
      userVerified: boolean;
      /** Without user verification, roles that need two factors must still give a TOTP code. */
      needsSecondFactor: boolean;
      needsEnrolment: boolean;
    }
  | { outcome: "invalid" };

/**
 * Signs in with a passkey: the signature is checked against the stored public key and the challenge
 * given out, the counter must go up (a cloned key shows up as a counter that does not), and the
 * account must be active and not locked. Success and refusal are audited like the password flow.
 */
export async function signInWithPasskey(
  db: Db,
  ctx: AuditContext,
  input: { rp: RelyingParty; expectedChallenge: string; response: AuthenticationResponseJSON },
  now = new Date(),
): Promise<PasskeySignIn> {
  const [key] = await db
    .select()
    .from(passkeys)
    .where(eq(passkeys.credentialId, input.response.id));
  const [account] = key
    ? await db.select().from(accounts).where(eq(accounts.id, key.accountId))
    : [];
  const deny = async (reason: string) => {
    await refusePasskeySignIn(db, ctx, reason, account);
    return { outcome: "invalid" } as const;
  };
  if (!key || !account) return deny("unknown_passkey");
  if (account.status !== "active") return deny("inactive");
  if (account.lockedUntil && account.lockedUntil > now) return deny("locked");
  const userHandle = input.response.response.userHandle;
  if (userHandle && Buffer.from(userHandle, "base64url").toString("utf8") !== account.id)
    return deny("user_handle");
  let info: { newCounter: number; userVerified: boolean };
  try {
    const result = await verifyAuthenticationResponse({
      response: input.response,
      expectedChallenge: input.expectedChallenge,
      expectedOrigin: input.rp.origin,
      expectedRPID: input.rp.id,
      credential: {
        id: key.credentialId,
        publicKey: new Uint8Array(Buffer.from(key.publicKey, "base64url")),
        counter: key.counter,
        transports: key.transports ?? [],
      },
      requireUserVerification: false,
    });
    if (!result.verified) return deny("signature");
    info = result.authenticationInfo;
  } catch {
    return deny("signature");
  }
  if (!counterAcceptable(key.counter, info.newCounter)) return deny("counter");
  const roles = await membershipsOf(db, account.id);
  const next = afterPasskey({
    roles: roles.map((r) => r.role as Role),
    userVerified: info.userVerified,
    totpEnabled: !!account.totpEnabledAt,
  });
  const updated = await db.transaction(async (tx) => {
    // Compare-and-set: two sign-ins racing with one counter value cannot both succeed.
    const rows = await tx
      .update(passkeys)
      .set({ counter: info.newCounter, lastUsedAt: now })
      .where(and(eq(passkeys.id, key.id), eq(passkeys.counter, key.counter)))
      .returning({ id: passkeys.id });
    if (rows.length === 0) return false;
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
        details: { step: "passkey", userVerified: info.userVerified },
      },
    );
    return true;
  });
  if (!updated) return deny("counter");
  return {
    outcome: "ok",
    accountId: account.id,
    organisationId: roles[0]?.organisationId,
    epoch: account.sessionEpoch,
    locale: account.locale,
    userVerified: info.userVerified,
    needsSecondFactor: next === "second_factor",
    needsEnrolment: next === "enrol",
  };
}
