import { deleteExpiredSessions } from "../../accounts/index.ts";
import type { Database } from "../db/client.ts";
import { checkpointIfWalOver, runMaintenance } from "../db/maintenance.ts";
import type { Job } from "./scheduler.ts";

/**
 * How long sign-in attempts are kept. The lockout looks back minutes (accounts/rules.ts); a month
 * of attempts is enough to investigate an attack afterwards, and then the addresses go.
 */
export const SIGN_IN_ATTEMPT_RETENTION_DAYS = 30;

const MINUTE = 60_000;

/** Deletes expired sessions and old sign-in attempts. Safe to run on several instances at once. */
export async function deleteStaleSecurityRecords(
  database: Database,
  now = new Date(),
): Promise<{ sessions: number; signInAttempts: number }> {
  const sessions = await deleteExpiredSessions(database.db);
  const cutoff = new Date(now.getTime() - SIGN_IN_ATTEMPT_RETENTION_DAYS * 24 * 60 * MINUTE);
  const deleted = await database.query<{ n: string }>(
    "with gone as (delete from sign_in_attempts where at < $1 returning 1) select count(*)::text as n from gone",
    [cutoff],
  );
  return { sessions, signInAttempts: Number(deleted[0]?.n ?? 0) };
}

/**
 * Koers's scheduled upkeep (decision 0003), started by main.ts:
 * - housekeeping every 15 minutes, on any database;
 * - on PGlite, VACUUM ANALYZE + CHECKPOINT every `vacuumIntervalMinutes` (0 turns it off), and a
 *   check every minute that checkpoints as soon as the WAL passes max_wal_size. A server's own
 *   autovacuum and checkpointer do this work there.
 */
export function upkeepJobs(database: Database, options: { vacuumIntervalMinutes: number }): Job[] {
  const jobs: Job[] = [
    {
      name: "delete-stale-security-records",
      everyMs: 15 * MINUTE,
      runAtStart: true,
      run: () => deleteStaleSecurityRecords(database),
    },
  ];
  if (database.kind !== "pglite") return jobs;
  if (options.vacuumIntervalMinutes > 0)
    jobs.push({
      name: "database-maintenance",
      everyMs: options.vacuumIntervalMinutes * MINUTE,
      run: () => runMaintenance(database),
    });
  jobs.push({
    name: "wal-checkpoint",
    everyMs: MINUTE,
    run: async () => ((await checkpointIfWalOver(database)) ? { checkpoint: true } : undefined),
  });
  return jobs;
}
