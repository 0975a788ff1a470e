// Pure rules for API tokens: their format, their life, and what a token may be granted.

/** Every scope a token can hold. A scope names a resource and what may be done with it. */
export const apiScopes = [
  "organisaties:lezen",
  "medewerkers:lezen",
  "nieuwkomers:lezen",
  "nieuwkomers:schrijven",
  "intake:lezen",
  "plannen:lezen",
  "voortgang:lezen",
  "voortgang:schrijven",
] as const;
export type ApiScope = (typeof apiScopes)[number];

export const isApiScope = (value: unknown): value is ApiScope =>
  typeof value === "string" && (apiScopes as readonly string[]).includes(value);

/**
 * A token reads `koers_<prefix>_<secret>`: the fixed start lets secret scanners recognise a leaked
 * Koers token, the prefix tells tokens apart in lists (it is stored and shown), and the secret is
 * 32 random bytes in base64url (43 characters, which may themselves contain "_" or "-").
 */
/** Letters and digits that cannot be mistaken for one another (no i, l, o, 0, 1). */
export const TOKEN_PREFIX_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";

const tokenPattern = new RegExp(`^koers_([${TOKEN_PREFIX_ALPHABET}]{8})_([A-Za-z0-9_-]{43})$`);

/** Builds the token text from its parts. */
export const formatToken = (prefix: string, secret: string): string => `koers_${prefix}_${secret}`;

/** Whether a string has the shape of a Koers token (cheap; checked before any database work). */
export const looksLikeToken = (token: string): boolean => tokenPattern.test(token);

/** The prefix part of a token, for showing which token was used. */
export const tokenPrefix = (token: string): string | undefined => tokenPattern.exec(token)?.[1];

/**
 * Reads the token from an Authorization header (RFC 6750: the scheme is case-insensitive).
 * Undefined when there is no bearer credential at all.
 */
export function bearerToken(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match?.[1];
}

export type TokenState = "active" | "revoked" | "expired";

/** Revocation wins over expiry: a token that was revoked stays revoked. */
export function tokenState(
  token: { revokedAt: Date | null; expiresAt: Date | null },
  now: Date,
): TokenState {
  if (token.revokedAt && token.revokedAt <= now) return "revoked";
  if (token.expiresAt && token.expiresAt <= now) return "expired";
  return "active";
}

/** lastUsedAt is written at most once a minute: a write per call would cost more than it tells. */
export const shouldRecordUse = (lastUsedAt: Date | null, now: Date): boolean =>
  !lastUsedAt || now.getTime() - lastUsedAt.getTime() >= 60_000;

const amsterdamOffset = new Intl.DateTimeFormat("en-US", {
  timeZone: "Europe/Amsterdam",
  timeZoneName: "longOffset",
});

/** Minutes Amsterdam is ahead of UTC at an instant (60 in winter, 120 in summer). */
function offsetMinutes(at: Date): number {
  const name = amsterdamOffset.formatToParts(at).find((p) => p.type === "timeZoneName")?.value;
  const match = /GMT([+-])(\d{2}):(\d{2})/.exec(name ?? "");
  if (!match) return 0;
  const minutes = Number(match[2]) * 60 + Number(match[3]);
  return match[1] === "-" ? -minutes : minutes;
}

/**
 * A token "valid through" a calendar date (YYYY-MM-DD) expires at the following midnight in the
 * Netherlands, so it works for the whole of the date the administrator picked.
 */
export function expiryAfterDate(date: string): Date {
  const next = new Date(`${date}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  // The offset at the target instant; around a DST switch the first guess may be an hour off.
  const guess = new Date(next.getTime() - offsetMinutes(next) * 60_000);
  return new Date(next.getTime() - offsetMinutes(guess) * 60_000);
}

/** Today's date in the Netherlands, as YYYY-MM-DD (for "the expiry must lie in the future"). */
export function dutchDate(now: Date): string {
  return new Intl.DateTimeFormat("sv-SE", { timeZone: "Europe/Amsterdam" }).format(now);
}
