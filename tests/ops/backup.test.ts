import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { recordAudit, verifyAuditChain } from "../../src/audit/index.ts";
import { systemActor } from "../../src/platform/authz/actor.ts";
import {
  BackupError,
  backupDatabase,
  prepareDumpForRestore,
  restoreDatabase,
} from "../../src/platform/db/backup.ts";
import { type Database, openPglite, openPostgres } from "../../src/platform/db/client.ts";
import { prepareDatabase } from "../../src/setup.ts";
import { createTestDatabase } from "../support/database.ts";
import { buildAccount, buildOrganisation } from "../support/factories.ts";

const folder = mkdtempSync(join(tmpdir(), "koers-backup-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

/** Organisations, accounts with memberships, and audit rows with awkward text in them. */
async function seed(database: Database) {
  const org = await buildOrganisation(database.db, { name: "Gemeente 's-Hertogenbosch" });
  const other = await buildOrganisation(database.db, { kind: "taalaanbieder", parentId: org.id });
  const account = await buildAccount(database.db, { organisationId: org.id, name: "Zoë O'Brien" });
  await buildAccount(database.db, { organisationId: other.id, roles: ["partnermedewerker"] });
  for (let i = 0; i < 5; i++)
    await recordAudit(
      database.db,
      { actor: { ...systemActor, accountId: account.id }, requestId: `req-${i}` },
      {
        action: "read",
        resourceType: "account",
        subjectKind: "account",
        subjectId: account.id,
        organisationId: org.id,
        dataClasses: ["account", "contact"],
        purpose: "beheer_accounts",
        legalBasis: "gerechtvaardigd_belang",
        // A value whose second line starts like a psql command: restore must keep it as data.
        details: { note: `regel ${i}\n\\restrict niet-een-commando`, emoji: "🧭", quote: "'" },
      },
    );
}

/** Every row of the tables the round trip must keep, in a stable order. */
async function snapshot(database: Database) {
  const tables = ["organisations", "accounts", "memberships", "audit_events", "audit_chain_head"];
  const result: Record<string, unknown[]> = {};
  for (const table of tables)
    result[table] = await database.query(`select * from ${table} order by 1`);
  return result;
}

async function expectIntactChain(database: Database, rows: number) {
  const [bad] = await database.query<{ n: number }>(
    "select count(*)::int as n from audit_events where hash <> audit_row_hash(audit_events.*)",
  );
  expect(bad?.n).toBe(0);
  expect(await verifyAuditChain(database)).toEqual({ ok: true, count: rows });
}

describe("backup and restore on PGlite", () => {
  it("round-trips organisations, accounts and the audit trail with its hash chain", async () => {
    const source = await createTestDatabase("pglite");
    const file = join(folder, "pglite.sql");
    let before: Record<string, unknown[]>;
    try {
      await seed(source);
      before = await snapshot(source);
      await backupDatabase(source, file);
      // pg_dump empties search_path on the session it shares with Koers; backup puts it back.
      expect(await source.query("show search_path")).toEqual([{ search_path: "public" }]);
    } finally {
      await source.close();
    }
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const dump = readFileSync(file, "utf8");
    expect(dump).not.toMatch(/^COPY /m);
    // Why restored audit rows keep their seq and hash: the chaining trigger is created after the data.
    expect(dump.indexOf("CREATE TRIGGER audit_events_chain")).toBeGreaterThan(
      dump.indexOf("INSERT INTO public.audit_events"),
    );

    const target = await openPglite();
    try {
      const result = await restoreDatabase(target, file);
      expect(result.auditRows).toBe(before.audit_events?.length);
      expect(await snapshot(target)).toEqual(before);
      await expectIntactChain(target, 5);
      // The chain goes on from the restored head.
      await recordAudit(
        target.db,
        { actor: systemActor },
        {
          action: "read",
          resourceType: "account",
          dataClasses: ["account"],
          purpose: "beheer_accounts",
          legalBasis: "gerechtvaardigd_belang",
        },
      );
      await expectIntactChain(target, 6);
      // A second restore into the same database is refused and changes nothing.
      await expect(restoreDatabase(target, file)).rejects.toThrow(/not empty/);
      await expectIntactChain(target, 6);
    } finally {
      await target.close();
    }
  });

  it("refuses a dump whose audit trail was tampered with, and restores nothing", async () => {
    const source = await createTestDatabase("pglite");
    const file = join(folder, "tampered.sql");
    try {
      await seed(source);
      await backupDatabase(source, file);
    } finally {
      await source.close();
    }
    writeFileSync(file, readFileSync(file, "utf8").replace("'req-2'", "'req-X'"));
    const target = await openPglite();
    try {
      await expect(restoreDatabase(target, file)).rejects.toThrow(/does not verify/);
      expect(
        await target.query("select tablename from pg_tables where schemaname = 'public'"),
      ).toEqual([]);
    } finally {
      await target.close();
    }
  });
});

describe("prepareDumpForRestore", () => {
  const header = "--\n-- PostgreSQL database dump\n--\n";

  it("drops pg_dump's \\restrict lines by their key, and keeps data that looks like them", () => {
    const dump = `${header}\\restrict abc123\nSET transaction_timeout = 0;\nINSERT INTO t VALUES ('x\n\\restrict other');\n\\unrestrict abc123\n`;
    expect(prepareDumpForRestore(dump)).toBe(
      `${header}\nINSERT INTO t VALUES ('x\n\\restrict other');\n`,
    );
  });

  it("refuses COPY … FROM stdin (psql only) and files that are not a dump", () => {
    expect(() =>
      prepareDumpForRestore(`${header}COPY public.t (id) FROM stdin;\n1\n\\.\n`),
    ).toThrow(BackupError);
    expect(() => prepareDumpForRestore("select 1;")).toThrow(/does not look like a pg_dump/);
  });
});

const serverUrl = process.env.TEST_DATABASE_URL;

describe.runIf(serverUrl)("backup and restore on a PostgreSQL server", () => {
  const created: string[] = [];
  const admin = async (statement: string) => {
    const client = new pg.Client({ connectionString: serverUrl });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  };
  const newDatabase = async () => {
    const name = `koers_backup_${randomBytes(5).toString("hex")}`;
    await admin(`CREATE DATABASE ${name}`);
    created.push(name);
    const url = new URL(serverUrl ?? "");
    url.pathname = `/${name}`;
    return url.toString();
  };
  afterAll(async () => {
    for (const name of created) await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  });

  it("round-trips through the system pg_dump, and restores a PGlite dump on the server", async () => {
    const sourceUrl = await newDatabase();
    const source = await openPostgres(sourceUrl, 2);
    const file = join(folder, "server.sql");
    let before: Record<string, unknown[]>;
    try {
      await prepareDatabase(source, { demo: false });
      await seed(source);
      before = await snapshot(source);
      await backupDatabase(source, file, { databaseUrl: sourceUrl });
    } finally {
      await source.close();
    }
    const target = await openPostgres(await newDatabase(), 2);
    try {
      await restoreDatabase(target, file);
      expect(await snapshot(target)).toEqual(before);
      await expectIntactChain(target, 5);
    } finally {
      await target.close();
    }

    // Moving from PGlite to a server: a PGlite (PostgreSQL 18) dump restores on the server.
    const pglite = await createTestDatabase("pglite");
    const fromPglite = join(folder, "from-pglite.sql");
    try {
      await seed(pglite);
      await backupDatabase(pglite, fromPglite);
    } finally {
      await pglite.close();
    }
    const moved = await openPostgres(await newDatabase(), 2);
    try {
      await restoreDatabase(moved, fromPglite);
      await expectIntactChain(moved, 5);
    } finally {
      await moved.close();
    }
  });
});
