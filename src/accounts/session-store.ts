import type { SessionStore } from "@fastify/session";
import { eq, lt } from "drizzle-orm";
import type { Session } from "fastify";
import type { Db } from "../platform/db/client.ts";
import { sessions } from "./schema.ts";

/**
 * Keeps sessions in PostgreSQL, so every app instance sees them and "sign out everywhere" can
 * delete them all. Only the session id travels in the (signed, httpOnly) cookie.
 */
export function createSessionStore(db: Db, absoluteHours: number): SessionStore {
  const run = <T>(work: Promise<T>, done: (err?: unknown, value?: T) => void) => {
    work.then(
      (v) => done(undefined, v),
      (e) => done(e),
    );
  };
  return {
    set(id, session, callback) {
      const data = JSON.parse(JSON.stringify(session)) as Record<string, unknown>;
      const s = session as Session;
      const expiresAt = new Date((s.createdAt ?? Date.now()) + absoluteHours * 3_600_000);
      const row = {
        id,
        accountId: s.accountId ?? s.pendingAccountId ?? null,
        organisationId: s.organisationId ?? null,
        data,
        expiresAt,
      };
      run(
        db
          .insert(sessions)
          .values(row)
          .onConflictDoUpdate({
            target: sessions.id,
            set: { accountId: row.accountId, organisationId: row.organisationId, data, expiresAt },
          })
          .then(() => undefined),
        (e) => callback(e as Error | undefined),
      );
    },
    get(id, callback) {
      run(
        db
          .select({ data: sessions.data, expiresAt: sessions.expiresAt })
          .from(sessions)
          .where(eq(sessions.id, id))
          .then(([row]) =>
            row && row.expiresAt > new Date() ? (row.data as unknown as Session) : null,
          ),
        (e, v) => callback(e as Error | undefined, v ?? null),
      );
    },
    destroy(id, callback) {
      run(
        db
          .delete(sessions)
          .where(eq(sessions.id, id))
          .then(() => undefined),
        (e) => callback(e as Error | undefined),
      );
    },
  };
}

/** Removes expired sessions (scheduled). */
export async function deleteExpiredSessions(db: Db): Promise<number> {
  const rows = await db
    .delete(sessions)
    .where(lt(sessions.expiresAt, new Date()))
    .returning({ id: sessions.id });
  return rows.length;
}

/** Signs an account out on every device. */
export async function deleteSessionsOf(db: Db, accountId: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.accountId, accountId));
}
