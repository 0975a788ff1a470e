import { createHash, randomBytes } from "node:crypto";
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { type Database, openPglite, openPostgres } from "../../src/platform/db/client.ts";
import { migrationsFolder } from "../../src/platform/db/migrate.ts";
import { prepareDatabase } from "../../src/setup.ts";

export type DatabaseKind = "pglite" | "postgres";

/** PGlite always; a PostgreSQL server too when TEST_DATABASE_URL is set (CI sets it). */
export const databaseKinds: DatabaseKind[] = [
  "pglite",
  ...(process.env.TEST_DATABASE_URL ? (["postgres"] as const) : []),
];

const cacheDir = fileURLToPath(new URL("../../.koers/test-cache/", import.meta.url));

function migrationsHash(): string {
  const h = createHash("sha256");
  for (const f of readdirSync(migrationsFolder).sort())
    if (f.endsWith(".sql")) h.update(readFileSync(join(migrationsFolder, f)));
  h.update(
    readFileSync(fileURLToPath(new URL("../../data/reference/cbs.json", import.meta.url)))
      .toString()
      .length.toString(),
  );
  return h.digest("hex").slice(0, 16);
}

let template: Blob | undefined;

/**
 * A migrated PGlite data folder, made once and then cloned for each test app: a fresh initdb
 * costs seconds, a clone a fraction of one.
 */
async function pgliteTemplate(): Promise<Blob> {
  if (template) return template;
  const file = join(cacheDir, `pglite-${migrationsHash()}.tar`);
  if (existsSync(file)) {
    template = new Blob([readFileSync(file)]);
    return template;
  }
  const db = await openPglite();
  await prepareDatabase(db, { demo: false });
  // Without a checkpoint the dump misses what is still only in the write-ahead log.
  await db.exec("CHECKPOINT");
  const blob = await db.pglite!.dumpDataDir("none");
  await db.close();
  mkdirSync(cacheDir, { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, Buffer.from(await blob.arrayBuffer()));
  renameSync(tmp, file);
  template = blob;
  return blob;
}

/** A fresh, migrated database with reference data and nothing else. Close it when done. */
export async function createTestDatabase(kind: DatabaseKind): Promise<Database> {
  if (kind === "pglite") return openPglite({ loadDataDir: await pgliteTemplate() });
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) throw new Error("TEST_DATABASE_URL is not set");
  const name = `koers_test_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const database = await openPostgres(url.toString(), 5);
  await prepareDatabase(database, { demo: false });
  const close = database.close;
  database.close = async () => {
    await close();
    const a = new pg.Client({ connectionString: adminUrl });
    await a.connect();
    await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await a.end();
  };
  return database;
}
