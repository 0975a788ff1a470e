import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { drizzle as drizzleNodePg } from "drizzle-orm/node-postgres";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import pg from "pg";
import { DurableNodeFS, lockDataFolder, syncFolder } from "./pglite-storage.ts";
import * as schema from "./schema.ts";

/** The Drizzle handle every command and query uses; the same type for PGlite and a server. */
export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;
/** A transaction handle: what commands receive so that their audit record commits with them. */
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
/** Either the database or a transaction: queries that may run inside or outside one accept this. */
export type DbOrTx = Db | Tx;

export interface Database {
  kind: "pglite" | "postgres";
  db: Db;
  /** Runs SQL text (several statements allowed, no parameters): migrations and maintenance. */
  exec(sql: string): Promise<void>;
  /** Runs one parameterised statement and returns its rows. */
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  /** Subscribes to a LISTEN/NOTIFY channel; returns the unsubscribe function. */
  listen(channel: string, onMessage: (payload: string) => void): Promise<() => Promise<void>>;
  /** The embedded instance, when kind is "pglite" (backup and maintenance need it). */
  pglite?: PGlite;
  close(): Promise<void>;
}

export interface PgliteOptions {
  /** Folder to persist to; undefined keeps the database in memory (tests). */
  dataDir?: string;
  /** fsync every commit (power-cut safe). Default off, as PGlite ships; see docs/operations.md. */
  fsync?: boolean;
  /** A data folder tarball to start from (tests clone a migrated template this way). */
  loadDataDir?: Blob;
}

/**
 * PostgreSQL settings for the embedded database (decision 0003, docs/operations.md).
 * - synchronous_commit stays on: PGlite has no WAL writer, so with it off a commit would sit in
 *   memory and be lost on kill -9 (tests/ops/durability.test.ts).
 * - fsync itself is switched by a start parameter, not here: PGlite starts PostgreSQL with -F
 *   (fsync off), which overrides postgresql.conf.
 * - PGlite runs no autovacuum and no checkpointer, and in single-user mode PostgreSQL does not
 *   checkpoint when the WAL passes max_wal_size: maintenance runs CHECKPOINT (maintenance.ts);
 *   max_wal_size and min_wal_size then decide how many WAL segments are kept for reuse.
 */
function pgliteSettings(fsync: boolean): string[] {
  return [
    "synchronous_commit = on",
    `full_page_writes = ${fsync ? "on" : "off"}`,
    // fdatasync is a no-op in PGlite's WebAssembly build; fsync reaches DurableNodeFS.
    "wal_sync_method = fsync",
    "max_wal_size = 64MB",
    "min_wal_size = 32MB",
    "wal_keep_size = 0",
    "TimeZone = 'UTC'",
  ];
}

/** Opens the embedded PostgreSQL (PGlite), in a folder or in memory. */
export async function openPglite(options: PgliteOptions = {}): Promise<Database> {
  const { dataDir } = options;
  const fsync = (options.fsync ?? false) && dataDir !== undefined;
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const isNewFolder = dataDir !== undefined && !existsSync(join(dataDir, "PG_VERSION"));
  const unlock = dataDir ? lockDataFolder(dataDir) : () => {};
  let client: PGlite;
  try {
    client = await PGlite.create({
      ...(dataDir && fsync ? { fs: new DurableNodeFS(dataDir) } : {}),
      ...(dataDir && !fsync ? { dataDir } : {}),
      ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
      ...(fsync ? { startParams: [...PGlite.defaultStartParams, "-c", "fsync=on"] } : {}),
      extensions: { pg_trgm },
      postgresqlconf: pgliteSettings(fsync),
    });
    if (fsync && isNewFolder && dataDir) syncFolder(dataDir);
  } catch (err) {
    unlock();
    throw err;
  }
  const db = drizzlePglite({ client, schema, casing: "snake_case" }) as unknown as Db;
  return {
    kind: "pglite",
    db,
    pglite: client,
    async exec(sql) {
      await client.exec(sql);
    },
    async query<T>(sql: string, params: unknown[] = []) {
      return (await client.query<T>(sql, params)).rows;
    },
    async listen(channel, onMessage) {
      const unsubscribe = await client.listen(channel, onMessage);
      return async () => unsubscribe();
    },
    async close() {
      if (!client.closed) await client.close();
      unlock();
    },
  };
}

/** Opens a pool on a PostgreSQL server. */
export async function openPostgres(url: string, poolSize = 10): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: poolSize, options: "-c TimeZone=UTC" });
  // A broken idle connection must not crash the process; the pool replaces it.
  pool.on("error", () => {});
  await pool.query("select 1");
  const db = drizzleNodePg({ client: pool, schema, casing: "snake_case" }) as unknown as Db;
  const listeners: pg.PoolClient[] = [];
  return {
    kind: "postgres",
    db,
    async exec(sql) {
      await pool.query(sql);
    },
    async query<T>(sql: string, params: unknown[] = []) {
      return (await pool.query(sql, params)).rows as T[];
    },
    async listen(channel, onMessage) {
      const client = await pool.connect();
      listeners.push(client);
      const handler = (msg: pg.Notification) => {
        if (msg.channel === channel) onMessage(msg.payload ?? "");
      };
      client.on("notification", handler);
      await client.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
      return async () => {
        client.off("notification", handler);
        await client.query(`UNLISTEN ${pg.escapeIdentifier(channel)}`);
        listeners.splice(listeners.indexOf(client), 1);
        client.release();
      };
    },
    async close() {
      for (const c of listeners.splice(0)) c.release();
      await pool.end();
    },
  };
}

/** Opens the database the configuration names: a server when DATABASE_URL is set, else PGlite. */
export function openDatabase(config: {
  DATABASE_URL?: string | undefined;
  DATA_DIR: string;
  PGLITE_FSYNC: boolean;
}): Promise<Database> {
  return config.DATABASE_URL
    ? openPostgres(config.DATABASE_URL)
    : openPglite({ dataDir: config.DATA_DIR, fsync: config.PGLITE_FSYNC });
}
