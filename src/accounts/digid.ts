import { createHmac, hkdfSync } from "node:crypto";
import { type DigidLevel, digidLevels } from "./schema.ts";

// DigiD through a municipality's OpenID Connect broker: the pure rules (decision 0017).
// The protocol is the one staff use (oidc.ts); what differs is what the answer must prove.

export { type DigidLevel, digidLevels };

/**
 * The `acr` values DigiD brokers commonly pass on from DigiD's SAML assurance classes. A broker
 * that uses other values (eIDAS levels, its own URNs) is configured with its own mapping.
 */
export const defaultAcrMapping: Record<DigidLevel, string[]> = {
  basis: ["urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport"],
  midden: ["urn:oasis:names:tc:SAML:2.0:ac:classes:MobileTwoFactorContract"],
  substantieel: ["urn:oasis:names:tc:SAML:2.0:ac:classes:Smartcard"],
  hoog: ["urn:oasis:names:tc:SAML:2.0:ac:classes:SmartcardPKI"],
};

/** The claim that carries the BSN when nothing else is configured. */
export const defaultBsnClaim = "sub";

/** The lowest level that counts as two factors: DigiD Midden (app or SMS check on top of the password). */
export const lowestTwoFactorLevel: DigidLevel = "midden";

function rank(level: DigidLevel): number {
  return digidLevels.indexOf(level);
}

/** Levels a municipality may require: only those that count as two factors. */
export const requirableLevels: readonly DigidLevel[] = digidLevels.filter((l) =>
  countsAsTwoFactors(l),
);

export function isDigidLevel(value: unknown): value is DigidLevel {
  return typeof value === "string" && (digidLevels as readonly string[]).includes(value);
}

/** Whether a sign-in at this level is two factors (Midden or higher; Basis is a password only). */
export function countsAsTwoFactors(level: DigidLevel): boolean {
  return rank(level) >= rank(lowestTwoFactorLevel);
}

/** Whether `level` is at least `minimum`. */
export function meetsLevel(level: DigidLevel, minimum: DigidLevel): boolean {
  return rank(level) >= rank(minimum);
}

/**
 * The DigiD level an `acr` value stands for under a mapping; undefined when the value is missing
 * or unknown (which is refused like a level that is too low). When a value appears under two
 * levels by mistake, the lower one counts.
 */
export function levelOfAcr(
  acr: unknown,
  mapping: Record<DigidLevel, readonly string[]>,
): DigidLevel | undefined {
  if (typeof acr !== "string" || acr === "") return undefined;
  return digidLevels.find((level) => mapping[level]?.includes(acr));
}

/**
 * The outcome of checking the level of a DigiD sign-in: the level when it is high enough,
 * else why not. A level below Midden is refused even if a provider were set lower.
 */
export function checkLevel(
  acr: unknown,
  mapping: Record<DigidLevel, readonly string[]>,
  minimum: DigidLevel,
): { ok: true; level: DigidLevel } | { ok: false; reason: "level_unknown" | "level_too_low" } {
  const level = levelOfAcr(acr, mapping);
  if (!level) return { ok: false, reason: "level_unknown" };
  if (!countsAsTwoFactors(level) || !meetsLevel(level, minimum))
    return { ok: false, reason: "level_too_low" };
  return { ok: true, level };
}

/**
 * The acr_values to ask the broker for: the configured values of every accepted level, highest
 * first, but only those the broker says it supports (acr_values is a request, not a guarantee:
 * the answer's `acr` is checked either way). Empty when the broker lists none.
 */
export function acrValuesToRequest(
  mapping: Record<DigidLevel, readonly string[]>,
  minimum: DigidLevel,
  supported: readonly string[] | undefined,
): string[] {
  if (!supported || supported.length === 0) return [];
  const accepted = [...digidLevels]
    .reverse()
    .filter((l) => countsAsTwoFactors(l) && meetsLevel(l, minimum))
    .flatMap((l) => mapping[l] ?? []);
  return [...new Set(accepted)].filter((v) => supported.includes(v));
}

/** "a b\n c" → ["a", "b", "c"]: how acr values and scopes are typed into the admin form. */
export function splitValues(text: string | undefined): string[] {
  return [...new Set((text ?? "").split(/\s+/).filter(Boolean))];
}

/** One scope-token (RFC 6749 §3.3): printable ASCII without space, quote or backslash. */
export function isScopeToken(value: string): boolean {
  return /^[\x21\x23-\x5B\x5D-\x7E]+$/.test(value);
}

/** The scope asked for at a DigiD broker: openid plus the configured extra scopes. */
export function digidScope(extraScopes: string | null | undefined): string {
  return ["openid", ...splitValues(extraScopes ?? "").filter((s) => s !== "openid")].join(" ");
}

/** A claim's value from the ID token's claims (or UserInfo's), by its exact name. */
export function claimValue(claims: Record<string, unknown>, name: string): unknown {
  return Object.hasOwn(claims, name) ? claims[name] : undefined;
}

/**
 * The key that turns a DigiD subject into the pseudonym stored in `account_identities`, derived
 * from IDENTITY_LINK_SECRET (or SESSION_SECRET when unset), so it is never in the database.
 * Watch out (decision 0017): a new secret changes every pseudonym, and DigiD sign-ins no longer
 * find their links until the newcomer accepts a new letter with DigiD.
 */
export function identityLinkKey(secret: string): Buffer {
  return Buffer.from(hkdfSync("sha256", secret, "koers", "digid-subject-v1", 32));
}

/**
 * What `account_identities.subject` holds for a DigiD sign-in: a keyed hash of the broker's
 * subject, never the subject itself — brokers often put the BSN in `sub`, and Koers keeps the BSN
 * in one place only (newcomers.bsn). Without the key the hash cannot be reversed by trying every
 * BSN. The municipality is part of the hash: municipalities sharing one broker get different
 * links for the same person, so one municipality's broker never finds another's newcomer.
 * See decision 0017.
 */
export function linkedSubject(
  key: Buffer,
  link: { issuer: string; organisationId: string; subject: string },
): string {
  const mac = createHmac("sha256", key)
    .update(link.issuer)
    .update("\0")
    .update(link.organisationId)
    .update("\0")
    .update(link.subject)
    .digest();
  return `hmac-sha256:${mac.toString("base64url")}`;
}

/** Where a DigiD broker sends the newcomer back to (the redirect URI to register at the broker). */
export const DIGID_CALLBACK_PATH = "/inloggen/digid/callback";
