import { createHash, randomBytes } from "node:crypto";
import { hash, verify } from "@node-rs/argon2";
import * as OTPAuth from "otpauth";
import QRCode from "qrcode";

// argon2id with OWASP's recommended minimum (19 MiB, 2 passes, 1 lane); the library defaults to argon2id.
const ARGON2 = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const hashPassword = (password: string): Promise<string> => hash(password, ARGON2);

export async function verifyPassword(stored: string | null, password: string): Promise<boolean> {
  if (!stored) {
    // Same work for unknown accounts, so timing does not reveal which e-mail addresses exist.
    await hash(password, ARGON2);
    return false;
  }
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}

/** A random URL-safe token (for e-mailed links and API tokens) and the hash that is stored. */
export function newToken(bytes = 32): { token: string; hash: string } {
  const token = randomBytes(bytes).toString("base64url");
  return { token, hash: hashToken(token) };
}

/** High-entropy tokens need no slow hash: SHA-256 is enough and allows lookup by hash. */
export const hashToken = (token: string): string =>
  createHash("sha256").update(token).digest("hex");

/** Ten recovery codes like "k7q2-m9xd-4hfp", shown once. */
export function newRecoveryCodes(count = 10): string[] {
  const alphabet = "abcdefghjkmnpqrstuvwxyz23456789";
  return Array.from({ length: count }, () => {
    const bytes = randomBytes(12);
    const chars = [...bytes].map((b) => alphabet[b % alphabet.length]).join("");
    return `${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8, 12)}`;
  });
}

export const normaliseRecoveryCode = (code: string): string =>
  code.trim().toLowerCase().replace(/\s+/g, "");

function totpFor(secret: string, label = "Koers"): OTPAuth.TOTP {
  return new OTPAuth.TOTP({
    issuer: "Koers",
    label,
    algorithm: "SHA1",
    digits: 6,
    period: 30,
    secret: OTPAuth.Secret.fromBase32(secret),
  });
}

export const newTotpSecret = (): string => new OTPAuth.Secret({ size: 20 }).base32;

const TOTP_PERIOD_MS = 30_000;

/**
 * The time step (30-second counter) a six-digit code belongs to, allowing one step of clock drift
 * either way; null when the code is wrong. Callers accept each step once (RFC 6238 §5.2).
 */
export function totpStep(secret: string, code: string, timestamp = Date.now()): number | null {
  const token = code.replace(/\s+/g, "");
  if (!/^\d{6}$/.test(token)) return null;
  const delta = totpFor(secret).validate({ token, window: 1, timestamp });
  return delta === null ? null : Math.floor(timestamp / TOTP_PERIOD_MS) + delta;
}

/** Checks a six-digit code, allowing one step of clock drift either way (not replay-safe alone). */
export function verifyTotp(secret: string, code: string, timestamp = Date.now()): boolean {
  return totpStep(secret, code, timestamp) !== null;
}

/** The current code (for tests and the demo). */
export const currentTotp = (secret: string, timestamp = Date.now()): string =>
  totpFor(secret).generate({ timestamp });

/** The otpauth:// URI and its QR code as SVG, for enrolling an authenticator app. */
export async function totpEnrolment(
  secret: string,
  email: string,
): Promise<{ uri: string; qrSvg: string }> {
  const uri = totpFor(secret, email).toString();
  const qrSvg = await QRCode.toString(uri, { type: "svg", errorCorrectionLevel: "M", margin: 1 });
  return { uri, qrSvg };
}
