import type { Role } from "./schema.ts";

/**
 * Roles whose holders can see personal data must sign in with a second factor (BIO 9.4.2).
 * Every staff role can; a newcomer sees only their own record and is exempt here.
 */
export function requiresSecondFactor(roles: readonly Role[]): boolean {
  return roles.some((r) => r !== "nieuwkomer");
}

export const LOCKOUT = {
  /** Failures that lock an account, within the window. */
  accountFailures: 5,
  /** Failures from one address that block that address, within the window. */
  addressFailures: 20,
  windowMinutes: 15,
  lockMinutes: 15,
  /** Each recent failure slows the next answer by this much, up to the cap. */
  delayStepMs: 250,
  delayCapMs: 2_000,
} as const;

export interface AttemptCounts {
  accountFailures: number;
  addressFailures: number;
}

/**
 * Decides how a sign-in attempt is treated before the password is even checked:
 * refused outright (locked), and how long to wait before answering (slowing guessers).
 */
export function throttle(counts: AttemptCounts, lockedUntil: Date | null, now: Date) {
  const accountLocked = !!lockedUntil && lockedUntil > now;
  const addressBlocked = counts.addressFailures >= LOCKOUT.addressFailures;
  const failures = Math.max(counts.accountFailures, Math.floor(counts.addressFailures / 4));
  const delayMs = Math.min(failures * LOCKOUT.delayStepMs, LOCKOUT.delayCapMs);
  return { refused: accountLocked || addressBlocked, accountLocked, addressBlocked, delayMs };
}

/** Whether this failure (counted including itself) locks the account, and until when. */
export function lockAfterFailure(accountFailuresInWindow: number, now: Date): Date | null {
  return accountFailuresInWindow >= LOCKOUT.accountFailures
    ? new Date(now.getTime() + LOCKOUT.lockMinutes * 60_000)
    : null;
}

/** Session time-outs: idle (no request for a while) and absolute (since sign-in). */
export function sessionExpired(
  session: { createdAt?: number | undefined; lastSeenAt?: number | undefined },
  now: number,
  limits: { idleMinutes: number; absoluteHours: number },
): "idle" | "absolute" | false {
  if (session.createdAt && now - session.createdAt > limits.absoluteHours * 3_600_000)
    return "absolute";
  if (session.lastSeenAt && now - session.lastSeenAt > limits.idleMinutes * 60_000) return "idle";
  return false;
}

/** A password policy that favours length (NIST 800-63B): 12+ characters, not the e-mail address. */
export function passwordProblem(password: string, email: string): string | null {
  if (password.length < 12) return "validation:passwordTooShort";
  if (password.length > 200) return "validation:tooLong";
  if (password.toLowerCase() === email.toLowerCase()) return "validation:passwordIsEmail";
  return null;
}
