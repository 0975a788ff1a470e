import { mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { type Database, openPglite } from "../../src/platform/db/client.ts";
import {
  afterBulkImport,
  checkpointIfWalOver,
  runMaintenance,
} from "../../src/platform/db/maintenance.ts";
import { deleteStaleSecurityRecords } from "../../src/platform/jobs/upkeep.ts";
import { createTestDatabase, databaseKinds } from "../support/database.ts";

const folders: string[] = [];
afterAll(() => {
  for (const f of folders) rmSync(f, { recursive: true, force: true });
});

/** The migrated test template, written to a data folder on disk. */
async function pgliteInFolder(): Promise<{ database: Database; dataDir: string }> {
  const source = await createTestDatabase("pglite");
  const tarball = await source.pglite!.dumpDataDir("none");
  await source.close();
  const dataDir = mkdtempSync(join(tmpdir(), "koers-maintenance-"));
  folders.push(dataDir);
  return { database: await openPglite({ dataDir, loadDataDir: tarball }), dataDir };
}

/** Bytes in DATA_DIR/pg_wal, as an operator would see them with `du`. */
function walFolderBytes(dataDir: string): number {
  const wal = join(dataDir, "pg_wal");
  return readdirSync(wal)
    .map((f) => statSync(join(wal, f)))
    .filter((s) => s.isFile())
    .reduce((sum, s) => sum + s.size, 0);
}

const MB = 1_048_576;

describe("the write-ahead log on PGlite", () => {
  it("grows past max_wal_size during a write burst, and is bounded again by runMaintenance", async () => {
    const { database, dataDir } = await pgliteInFolder();
    try {
      const [limits] = await database.query<{ max: string; segment: string }>(
        `select pg_size_bytes(current_setting('max_wal_size'))::text as max,
                pg_size_bytes(current_setting('wal_segment_size'))::text as segment`,
      );
      // After a checkpoint PostgreSQL keeps at most max_wal_size of segments, plus the current one.
      const bound = Number(limits?.max) + Number(limits?.segment);
      expect(bound).toBe(80 * MB);

      await database.exec(
        "create table wal_burst (id bigserial primary key, email text not null, note text not null)",
      );
      for (let i = 0; i < 10; i++)
        await database.exec(
          `insert into wal_burst (email, note)
           select 'person-' || g || '@example.org', repeat(md5(g::text), 8)
           from generate_series(1, 25000) g`,
        );
      // PGlite runs PostgreSQL in single-user mode: nothing checkpoints by itself.
      const afterBurst = walFolderBytes(dataDir);
      expect(afterBurst).toBeGreaterThan(bound);
      expect(await checkpointIfWalOver(database, afterBurst * 2)).toBe(false);

      const report = await runMaintenance(database);
      expect(report.ran).toEqual(["VACUUM (ANALYZE)", "CHECKPOINT"]);
      expect(report.walBytesBefore).toBeGreaterThan(bound);
      expect(walFolderBytes(dataDir)).toBeLessThanOrEqual(bound);
      expect(report.walBytesAfter).toBe(walFolderBytes(dataDir));

      // The every-minute check: under max_wal_size it leaves the log alone; over it, it checkpoints.
      expect(await checkpointIfWalOver(database)).toBe(false);
      expect(await checkpointIfWalOver(database, 1)).toBe(true);
    } finally {
      await database.close();
    }
  });
});

describe("planner statistics on PGlite", () => {
  it("uses the index again once afterBulkImport has refreshed the statistics", async () => {
    const database = await createTestDatabase("pglite");
    try {
      // The lockout's question (accounts/queries.ts): recent failures for one e-mail address.
      const plan = async () =>
        (
          await database.query<{ "QUERY PLAN": string }>(
            `explain select count(*) from sign_in_attempts
              where email = 'early-1@test.koers' and at > now() - interval '15 minutes' and not succeeded`,
          )
        )
          .map((r) => r["QUERY PLAN"])
          .join("\n");
      // Statistics gathered while the table was small, e.g. right after the demo seed...
      await database.exec(
        `insert into sign_in_attempts (email, ip, succeeded)
         select 'early-' || (g % 2) || '@test.koers', '10.0.0.1', true from generate_series(1, 200) g`,
      );
      await database.exec("ANALYZE sign_in_attempts");
      // ...then many rows at once: the planner still believes two addresses fill half the table.
      await database.exec(
        `insert into sign_in_attempts (email, ip, succeeded)
         select 'person-' || (g % 4000) || '@test.koers', '10.0.' || (g % 250) || '.1', g % 3 > 0
         from generate_series(1, 40000) g`,
      );
      const before = await plan();
      expect(before).toMatch(/Seq Scan on sign_in_attempts/);
      expect(before).not.toMatch(/Index/);

      const report = await afterBulkImport(database, ["sign_in_attempts"]);
      expect(report.ran).toEqual(['VACUUM (ANALYZE) "sign_in_attempts"', "CHECKPOINT"]);
      expect(await plan()).toMatch(
        /Index (Only )?Scan (Backward )?(using|on) sign_in_attempts_email/,
      );
    } finally {
      await database.close();
    }
  });
});

describe.each(databaseKinds)("upkeep on %s", (kind) => {
  it("deletes expired sessions and sign-in attempts older than 30 days, and nothing else", async () => {
    const database = await createTestDatabase(kind);
    try {
      const now = new Date();
      const days = (n: number) => new Date(now.getTime() + n * 86_400_000);
      await database.query(
        `insert into sessions (id, data, expires_at) values ('expired', '{}', $1), ('valid', '{}', $2)`,
        [days(-1), days(1)],
      );
      await database.query(
        `insert into sign_in_attempts (email, ip, succeeded, at)
         values ('old@test.koers', '10.0.0.1', false, $1), ('recent@test.koers', '10.0.0.1', false, $2)`,
        [days(-31), days(-29)],
      );
      expect(await deleteStaleSecurityRecords(database, now)).toEqual({
        sessions: 1,
        signInAttempts: 1,
      });
      expect(await database.query("select id from sessions")).toEqual([{ id: "valid" }]);
      expect(await database.query("select email from sign_in_attempts")).toEqual([
        { email: "recent@test.koers" },
      ]);
    } finally {
      await database.close();
    }
  });

  it("runMaintenance fits the database: VACUUM and CHECKPOINT only where nothing else does them", async () => {
    const database = await createTestDatabase(kind);
    try {
      const report = await runMaintenance(database);
      expect(report.ran).toEqual(
        kind === "pglite" ? ["VACUUM (ANALYZE)", "CHECKPOINT"] : ["ANALYZE"],
      );
    } finally {
      await database.close();
    }
  });
});
