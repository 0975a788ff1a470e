import { count } from "drizzle-orm";
import { accounts } from "./accounts/index.ts";
import { type DemoLogin, seedDemo } from "./demo/seed.ts";
import { loadReferenceData } from "./organisations/reference-data.ts";
import type { Database } from "./platform/db/client.ts";
import { migrateDatabase } from "./platform/db/migrate.ts";

/**
 * Brings a database up to date: migrations, CBS reference data, and (when asked and the database
 * has no accounts yet) the demo data. Returns the demo logins when it seeded.
 */
export async function prepareDatabase(
  database: Database,
  options: { demo: boolean },
): Promise<DemoLogin[] | undefined> {
  await migrateDatabase(database);
  await loadReferenceData(database.db);
  if (!options.demo) return undefined;
  const [row] = await database.db.select({ n: count() }).from(accounts);
  if ((row?.n ?? 0) > 0) return undefined;
  const logins = await seedDemo(database.db);
  // PGlite has no autovacuum: refresh planner statistics after the bulk load (decision 0003).
  await database.exec("VACUUM ANALYZE");
  return logins;
}
