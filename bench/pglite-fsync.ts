// What PGLITE_FSYNC=true costs: commits per second on a PGlite data folder with and without fsync,
// for small transactions (one row each, as a form post) and for one bulk insert.
// Run: npx tsx bench/pglite-fsync.ts [commits]
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import { openPglite } from "../src/platform/db/client.ts";

const commits = Number(process.argv[2] ?? 2000);
const rounds = 3;

async function measure(fsync: boolean) {
  const dir = mkdtempSync(join(tmpdir(), "koers-bench-fsync-"));
  const database = await openPglite({ dataDir: join(dir, "db"), fsync });
  try {
    await database.exec(
      "create table bench (id serial primary key, email text not null, at timestamptz default now())",
    );
    await database.exec("create index on bench (email)");
    const rates: number[] = [];
    for (let round = 0; round < rounds; round++) {
      const started = performance.now();
      for (let i = 0; i < commits; i++)
        await database.db.transaction(async (tx) => {
          await tx.execute(sql`insert into bench (email) values (${`p${i}@example.org`})`);
        });
      rates.push(commits / ((performance.now() - started) / 1000));
    }
    const bulkStarted = performance.now();
    await database.exec(
      "insert into bench (email) select 'bulk' || g || '@example.org' from generate_series(1, 100000) g",
    );
    const bulkMs = performance.now() - bulkStarted;
    const checkpointStarted = performance.now();
    await database.exec("CHECKPOINT");
    const checkpointMs = performance.now() - checkpointStarted;
    return { rates: rates.sort((a, b) => a - b), bulkMs, checkpointMs };
  } finally {
    await database.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const results = [];
for (const fsync of [false, true]) {
  const r = await measure(fsync);
  results.push({ fsync, ...r });
  console.log(
    `PGLITE_FSYNC=${String(fsync).padEnd(5)} ` +
      `commits/s (median of ${rounds}×${commits}): ${Math.round(r.rates[1] ?? 0)} ` +
      `[${r.rates.map(Math.round).join(", ")}]; ` +
      `100k-row insert: ${Math.round(r.bulkMs)} ms; checkpoint after it: ${Math.round(r.checkpointMs)} ms`,
  );
}
const [off, on] = results;
if (off && on)
  console.log(
    `fsync on costs ${Math.round((1 - (on.rates[1] ?? 0) / (off.rates[1] ?? 1)) * 100)}% of small-commit throughput on this disk`,
  );
