import { createHash, randomBytes } from "node:crypto";
import { and, eq, isNull, lt, or } from "drizzle-orm";
import { type AuditContext, recordAudit } from "../audit/index.ts";
import type { Db, DbOrTx } from "../platform/db/client.ts";
import { type ApiScope, formatToken, TOKEN_PREFIX_ALPHABET } from "./rules.ts";
import { apiTokens } from "./schema.ts";

/**
 * Tokens carry 256 random bits, so a fast hash is enough and lets a request find its token by
 * hash in one indexed lookup (a slow password hash would cost every API call tens of milliseconds).
 */
export const hashApiToken = (token: string): string =>
  createHash("sha256").update(token).digest("hex");

function randomPrefix(): string {
  return [...randomBytes(8)]
    .map((b) => TOKEN_PREFIX_ALPHABET[b % TOKEN_PREFIX_ALPHABET.length])
    .join("");
}

const security = {
  purpose: "beveiliging",
  legalBasis: "beveiliging",
  dataClasses: [],
  resourceType: "api_token",
} as const;

/**
 * Creates a token and returns its text. The text exists only in this return value: the database
 * keeps its SHA-256 hash, so the token can be shown once and never again.
 */
export async function createApiToken(
  db: Db,
  ctx: AuditContext,
  input: { organisationId: string; name: string; scopes: ApiScope[]; expiresAt: Date | null },
): Promise<{ id: string; token: string; prefix: string }> {
  const prefix = randomPrefix();
  const token = formatToken(prefix, randomBytes(32).toString("base64url"));
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(apiTokens)
      .values({
        organisationId: input.organisationId,
        name: input.name,
        prefix,
        tokenHash: hashApiToken(token),
        scopes: input.scopes,
        createdBy: ctx.actor.accountId ?? null,
        expiresAt: input.expiresAt,
      })
      .returning({ id: apiTokens.id });
    if (!row) throw new Error("insert failed");
    await recordAudit(tx, ctx, {
      ...security,
      action: "create",
      resourceId: row.id,
      organisationId: input.organisationId,
      details: {
        name: input.name,
        prefix,
        scopes: input.scopes,
        expiresAt: input.expiresAt?.toISOString() ?? null,
      },
    });
    return { id: row.id, token, prefix };
  });
}

/** Revokes a token at once: the next request that uses it is refused. False if already revoked. */
export async function revokeApiToken(db: Db, ctx: AuditContext, id: string): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(apiTokens)
      .set({ revokedAt: new Date() })
      .where(and(eq(apiTokens.id, id), isNull(apiTokens.revokedAt)))
      .returning({
        organisationId: apiTokens.organisationId,
        name: apiTokens.name,
        prefix: apiTokens.prefix,
      });
    if (!row) return false;
    await recordAudit(tx, ctx, {
      ...security,
      action: "revoke",
      resourceId: id,
      organisationId: row.organisationId,
      details: { name: row.name, prefix: row.prefix },
    });
    return true;
  });
}

/** Notes that a token was used; the condition keeps concurrent requests from writing twice. */
export async function recordTokenUse(db: DbOrTx, id: string, now: Date): Promise<void> {
  const aMinuteAgo = new Date(now.getTime() - 60_000);
  await db
    .update(apiTokens)
    .set({ lastUsedAt: now })
    .where(
      and(
        eq(apiTokens.id, id),
        or(isNull(apiTokens.lastUsedAt), lt(apiTokens.lastUsedAt, aMinuteAgo)),
      ),
    );
}
