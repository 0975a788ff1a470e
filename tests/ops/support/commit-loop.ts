// Child process for tests/ops/durability.test.ts: commits rows in a loop on a PGlite data folder and
// prints each id once its commit has returned. The parent kills this process with SIGKILL.
import { sql } from "drizzle-orm";
import { openPglite } from "../../../src/platform/db/client.ts";

const dataDir = process.env.DATA_DIR;
if (!dataDir) throw new Error("DATA_DIR is required");
const database = await openPglite({ dataDir, fsync: process.env.PGLITE_FSYNC === "true" });
await database.exec(
  "create table if not exists durability_probe (id integer primary key, note text not null)",
);
process.stdout.write("ready\n");
for (let id = 1; ; id++) {
  await database.db.transaction(async (tx) => {
    await tx.execute(sql`insert into durability_probe (id, note) values (${id}, ${`row ${id}`})`);
  });
  // On Linux, writes to a pipe are synchronous: the parent has this line before the next commit starts.
  process.stdout.write(`${id}\n`);
}
