import type { Database } from "./client.ts";

/** What a maintenance run did, for the log line and the CLI. */
export interface MaintenanceReport {
  /** The statements that ran, in order. */
  ran: string[];
  /** Size of pg_wal before and after (PGlite only). */
  walBytesBefore?: number;
  walBytesAfter?: number;
  ms: number;
}

const quoteIdentifier = (name: string): string =>
  name
    .split(".")
    .map((part) => `"${part.replaceAll('"', '""')}"`)
    .join(".");

/** The size of the write-ahead log folder in bytes. */
export async function walBytes(database: Database): Promise<number> {
  const [row] = await database.query<{ bytes: string }>(
    "select coalesce(sum(size), 0)::text as bytes from pg_ls_waldir()",
  );
  return Number(row?.bytes ?? 0);
}

async function run(database: Database, statements: string[]): Promise<MaintenanceReport> {
  const started = performance.now();
  const pglite = database.kind === "pglite";
  const walBytesBefore = pglite ? await walBytes(database) : undefined;
  // One statement per call: VACUUM refuses to run inside a multi-statement (implicit) transaction.
  for (const statement of statements) await database.exec(statement);
  return {
    ran: statements,
    ...(pglite ? { walBytesBefore, walBytesAfter: await walBytes(database) } : {}),
    ms: Math.round(performance.now() - started),
  };
}

/**
 * Routine upkeep, on a schedule (src/platform/jobs) and by `koers vacuum` (decision 0003).
 * PGlite has no autovacuum and no checkpointer: VACUUM ANALYZE clears dead rows, refreshes the
 * planner's statistics and the visibility map; CHECKPOINT writes the data files and lets PostgreSQL
 * recycle the write-ahead log. On a server, autovacuum and the checkpointer do both; an ANALYZE
 * keeps statistics fresh without waiting for autovacuum's thresholds.
 */
export function runMaintenance(database: Database): Promise<MaintenanceReport> {
  return run(
    database,
    database.kind === "pglite" ? ["VACUUM (ANALYZE)", "CHECKPOINT"] : ["ANALYZE"],
  );
}

/**
 * Call after loading many rows at once (imports, the demo seed): without fresh statistics the
 * planner keeps the picture it had before the load and may scan whole tables instead of using
 * their indexes. Pass the tables that were loaded, or nothing for the whole database.
 */
export function afterBulkImport(
  database: Database,
  tables: readonly string[] = [],
): Promise<MaintenanceReport> {
  const targets = tables.map(quoteIdentifier).join(", ");
  if (database.kind === "postgres") return run(database, [`ANALYZE ${targets}`.trim()]);
  return run(database, [`VACUUM (ANALYZE) ${targets}`.trim(), "CHECKPOINT"]);
}

/**
 * PGlite only: runs CHECKPOINT when the write-ahead log has grown past `limitBytes` (by default
 * max_wal_size). A PostgreSQL server's checkpointer does this by itself; in PGlite's single-user
 * mode nothing does, and the log would grow with every write until the next maintenance run.
 * Returns whether it checkpointed.
 */
export async function checkpointIfWalOver(
  database: Database,
  limitBytes?: number,
): Promise<boolean> {
  if (database.kind !== "pglite") return false;
  const limit =
    limitBytes ??
    Number(
      (
        await database.query<{ bytes: string }>(
          "select pg_size_bytes(current_setting('max_wal_size'))::text as bytes",
        )
      )[0]?.bytes,
    );
  if ((await walBytes(database)) <= limit) return false;
  await database.exec("CHECKPOINT");
  return true;
}
