import { spawn } from "node:child_process";
import { readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { sql } from "drizzle-orm";
import type { Database } from "./client.ts";
import { afterBulkImport } from "./maintenance.ts";

/**
 * pg_dump options for every Koers backup: plain SQL, no owners or grants (so a dump restores under
 * any role, on PGlite or a server), and INSERT statements instead of COPY … FROM stdin, which only
 * psql can feed; multi-row INSERTs keep the restore fast.
 */
export const DUMP_ARGS = [
  "--format=plain",
  "--no-owner",
  "--no-privileges",
  "--column-inserts",
  "--rows-per-insert=500",
] as const;

export interface BackupResult {
  file: string;
  bytes: number;
  ms: number;
}

/** Thrown for a backup or restore that cannot go ahead; the message says what to do. */
export class BackupError extends Error {
  override name = "BackupError";
}

/** Writes to a temporary file beside the target and renames it: a half-written backup never looks whole. */
function writeAtomically(file: string, write: (tmp: string) => Promise<void>): Promise<void> {
  const tmp = `${file}.${process.pid}.partial`;
  return write(tmp).then(
    () => renameSync(tmp, file),
    (err: unknown) => {
      rmSync(tmp, { force: true });
      throw err;
    },
  );
}

function runPgDump(databaseUrl: string, out: string): Promise<void> {
  const url = new URL(databaseUrl);
  const password = decodeURIComponent(url.password);
  // The password goes through the environment, not the command line that `ps` shows.
  url.password = "";
  return new Promise((resolve, reject) => {
    const child = spawn("pg_dump", [...DUMP_ARGS, `--file=${out}`, `--dbname=${url.toString()}`], {
      env: { ...process.env, ...(password ? { PGPASSWORD: password } : {}) },
      stdio: ["ignore", "ignore", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on("error", (err: NodeJS.ErrnoException) => {
      reject(
        err.code === "ENOENT"
          ? new BackupError(
              "pg_dump was not found. Install the PostgreSQL client tools of the server's major " +
                "version or newer (Debian: apt-get install postgresql-client) and try again.",
            )
          : err,
      );
    });
    child.on("close", (code) => {
      if (code === 0) resolve();
      else reject(new BackupError(`pg_dump failed (exit ${code}): ${stderr.trim()}`));
    });
  });
}

/**
 * Writes a pg_dump plain-SQL dump of the whole database to `file` (mode 0600: it holds personal
 * data). PGlite is dumped with PGlite's own pg_dump (WebAssembly); a server with the system
 * pg_dump, which must be installed. On PGlite, the caller must hold the data folder alone
 * (openPglite locks it), which makes the dump consistent.
 */
export async function backupDatabase(
  database: Database,
  file: string,
  options: { databaseUrl?: string | undefined } = {},
): Promise<BackupResult> {
  const started = performance.now();
  await writeAtomically(file, async (tmp) => {
    if (database.kind === "pglite") {
      if (!database.pglite) throw new BackupError("the PGlite instance is missing");
      const { pgDump } = await import("@electric-sql/pglite-tools/pg_dump");
      const dump = await pgDump({ pg: database.pglite, args: [...DUMP_ARGS] });
      writeFileSync(tmp, Buffer.from(await dump.arrayBuffer()), { mode: 0o600 });
      // pg_dump leaves an empty search_path behind on the shared PGlite session.
      await database.exec("RESET ALL");
      return;
    }
    if (!options.databaseUrl) throw new BackupError("DATABASE_URL is needed to back up a server");
    writeFileSync(tmp, "", { mode: 0o600 });
    await runPgDump(options.databaseUrl, tmp);
  });
  return { file, bytes: statSync(file).size, ms: Math.round(performance.now() - started) };
}

/**
 * Turns a dump into SQL that Koers can run: drops pg_dump's psql-only `\restrict` / `\unrestrict`
 * lines (matched by their random key, so row data cannot be mistaken for them) and the
 * PostgreSQL 17+ `SET transaction_timeout` (a dump from PGlite then also restores on a server of
 * 15 or 16). Refuses dumps that load rows with COPY … FROM stdin, which needs psql. Other psql
 * commands are not looked for (a text value may span lines that start with a backslash): they
 * fail as SQL, inside the restore's transaction.
 */
export function prepareDumpForRestore(dump: string): string {
  let text = dump;
  const key = text.match(/^\\restrict (\S+)$/m)?.[1];
  if (key) {
    text = text
      .split("\n")
      .filter((line) => line !== `\\restrict ${key}` && line !== `\\unrestrict ${key}`)
      .join("\n");
  }
  if (/^COPY \S+ .*FROM stdin;$/m.test(text))
    throw new BackupError(
      "This dump loads its rows with COPY … FROM stdin, which only psql can read. Make the dump " +
        `with \`npm run koers -- backup\`, or with pg_dump ${DUMP_ARGS.join(" ")}.`,
    );
  if (!/^-- PostgreSQL database dump/m.test(text))
    throw new BackupError("This file does not look like a pg_dump plain-SQL dump.");
  return text.replace(/^SET transaction_timeout = 0;$/m, "");
}

export interface RestoreResult {
  tables: number;
  auditRows: number;
  ms: number;
}

/** Names of the tables in the database outside PostgreSQL's own schemas. */
export async function userTables(database: Database): Promise<string[]> {
  const rows = await database.query<{ name: string }>(
    `select schemaname || '.' || tablename as name from pg_tables
      where schemaname not in ('pg_catalog', 'information_schema') order by 1`,
  );
  return rows.map((r) => r.name);
}

// Runs inside the restore transaction: pg_dump has set search_path to '', so names are qualified.
const AUDIT_CHECK = `
  select (select count(*) from public.audit_events e where e.hash <> public.audit_row_hash(e))::text as bad,
         (select count(*) from public.audit_events)::text as rows,
         (select coalesce(max(seq), 0) from public.audit_events)::text as max_seq,
         (select seq from public.audit_chain_head where id = 1)::text as head_seq`;

interface AuditCheck {
  bad: string;
  rows: string;
  max_seq: string;
  head_seq: string | null;
}

function checkAudit(row: AuditCheck | undefined): number {
  if (!row) return 0;
  if (row.bad !== "0" || row.head_seq !== row.max_seq)
    throw new BackupError(
      `The restored audit trail does not verify (${row.bad} rows with a wrong hash; chain head at ` +
        `${row.head_seq}, last row ${row.max_seq}). Nothing was restored.`,
    );
  return Number(row.rows);
}

/**
 * Loads a dump made by backupDatabase into an empty database, in one transaction: either all of
 * it is restored or nothing is. Audit rows keep their seq and hashes: pg_dump creates triggers only
 * after the data, so the chaining trigger does not fire for restored rows (decision 0003). The
 * chain is checked before the commit.
 */
export async function restoreDatabase(database: Database, file: string): Promise<RestoreResult> {
  const started = performance.now();
  const text = prepareDumpForRestore(readFileSync(file, "utf8"));
  const existing = await userTables(database);
  if (existing.length > 0)
    throw new BackupError(
      `The target database is not empty (${existing.length} tables, e.g. ${existing[0]}). ` +
        "Restore into a new, empty database.",
    );
  const hasAudit = /^CREATE TABLE public\.audit_events /m.test(text);
  let auditRows = 0;
  if (database.kind === "pglite") {
    if (!database.pglite) throw new BackupError("the PGlite instance is missing");
    await database.pglite.transaction(async (tx) => {
      await tx.exec(text);
      if (hasAudit) auditRows = checkAudit((await tx.query<AuditCheck>(AUDIT_CHECK)).rows[0]);
      await tx.exec("RESET ALL");
    });
  } else {
    await database.db.transaction(async (tx) => {
      // Without parameters node-postgres sends the simple query protocol: many statements at once.
      await tx.execute(sql.raw(text));
      if (hasAudit) {
        const result = (await tx.execute(sql.raw(AUDIT_CHECK))) as unknown as {
          rows: AuditCheck[];
        };
        auditRows = checkAudit(result.rows[0]);
      }
      // The dump's session settings (an empty search_path) must not stay on a pooled connection.
      await tx.execute(sql.raw("RESET ALL"));
    });
  }
  await afterBulkImport(database);
  return {
    tables: (await userTables(database)).length,
    auditRows,
    ms: Math.round(performance.now() - started),
  };
}
