// Start-up time on embedded PGlite: first start (migrations + demo seed) and a start on an existing
// data folder, each to the first served page. Run: npx tsx bench/startup.ts
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startKoers, stop } from "./lib.ts";

const dir = mkdtempSync(join(tmpdir(), "koers-bench-"));
const env = { DATA_DIR: join(dir, "db"), PORT: "3210" };
const first = await startKoers(env);
await stop(first.child);
const runs: number[] = [];
for (let i = 0; i < 3; i++) {
  const again = await startKoers(env);
  runs.push(again.msToFirstPage);
  await stop(again.child);
}
rmSync(dir, { recursive: true, force: true });
console.log(
  `first start (migrate + demo seed) to first page: ${Math.round(first.msToFirstPage)} ms`,
);
console.log(
  `start on existing data folder to first page:     ${runs.map((r) => Math.round(r)).join(" ms, ")} ms`,
);
