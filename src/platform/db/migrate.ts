import { fileURLToPath } from "node:url";
import type { NodePgDatabase } from "drizzle-orm/node-postgres";
import { migrate as migrateNodePg } from "drizzle-orm/node-postgres/migrator";
import type { PgliteDatabase } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import type { Database } from "./client.ts";

/** The committed, generated SQL migrations (drizzle-kit). */
export const migrationsFolder = fileURLToPath(new URL("../../../db/migrations", import.meta.url));

/** An arbitrary constant: the advisory lock that lets one app instance migrate at a time. */
const MIGRATION_LOCK = 7_160_231;

/** Applies every pending migration. Safe to call from several instances at once on a server. */
export async function migrateDatabase(database: Database): Promise<void> {
  if (database.kind === "pglite") {
    await migratePglite(database.db as unknown as PgliteDatabase, { migrationsFolder });
    return;
  }
  await database.query("select pg_advisory_lock($1)", [MIGRATION_LOCK]);
  try {
    await migrateNodePg(database.db as unknown as NodePgDatabase, { migrationsFolder });
  } finally {
    await database.query("select pg_advisory_unlock($1)", [MIGRATION_LOCK]);
  }
}
