import { spawn } from "node:child_process";
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openPglite } from "../../src/platform/db/client.ts";
import { createTestDatabase } from "../support/database.ts";

const root = fileURLToPath(new URL("../../", import.meta.url));
const child = fileURLToPath(new URL("./support/commit-loop.ts", import.meta.url));
const folders: string[] = [];
let template: string;

// A data folder cloned from the migrated test template: a fresh initdb would take seconds.
beforeAll(async () => {
  const source = await createTestDatabase("pglite");
  const tarball = await source.pglite!.dumpDataDir("none");
  await source.close();
  template = mkdtempSync(join(tmpdir(), "koers-durability-template-"));
  folders.push(template);
  await (await openPglite({ dataDir: template, loadDataDir: tarball })).close();
});
afterAll(() => {
  for (const f of folders) rmSync(f, { recursive: true, force: true });
});

/**
 * Runs tests/ops/support/commit-loop.ts on a fresh data folder, collects the ids it reports as
 * committed, and kills it with SIGKILL once it has reported `killAfter` of them.
 */
async function commitThenKill(fsync: boolean, killAfter: number) {
  const dataDir = mkdtempSync(join(tmpdir(), "koers-durability-"));
  folders.push(dataDir);
  cpSync(template, dataDir, { recursive: true });
  const proc = spawn(process.execPath, ["--import", "tsx", child], {
    cwd: root,
    env: { ...process.env, DATA_DIR: dataDir, PGLITE_FSYNC: String(fsync) },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const reported: number[] = [];
  let pending = "";
  let stderr = "";
  proc.stderr.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  proc.stdout.on("data", (chunk: Buffer) => {
    const lines = (pending + chunk.toString()).split("\n");
    pending = lines.pop() ?? "";
    for (const line of lines) if (/^\d+$/.test(line)) reported.push(Number(line));
    if (reported.length >= killAfter && proc.exitCode === null && !proc.killed)
      proc.kill("SIGKILL");
  });
  const signal = await new Promise<NodeJS.Signals | null>((resolve) =>
    proc.on("exit", (_code, sig) => resolve(sig)),
  );
  if (signal !== "SIGKILL") throw new Error(`the child ended by itself: ${stderr}`);
  return { dataDir, reported };
}

describe.each([
  { fsync: false, expected: { fsync: "off", full_page_writes: "off" } },
  { fsync: true, expected: { fsync: "on", full_page_writes: "on" } },
])("PGlite with PGLITE_FSYNC=$fsync", ({ fsync, expected }) => {
  it("keeps every commit it acknowledged when the process is killed with SIGKILL", async () => {
    const { dataDir, reported } = await commitThenKill(fsync, 250);
    expect(reported.length).toBeGreaterThanOrEqual(250);

    const database = await openPglite({ dataDir, fsync });
    try {
      const rows = await database.query<{ id: number }>(
        "select id from durability_probe order by id",
      );
      const stored = new Set(rows.map((r) => r.id));
      expect(reported.filter((id) => !stored.has(id))).toEqual([]);
      // At most the one commit in flight when the kill came can be there without being reported.
      expect(rows.length - reported.length).toBeLessThanOrEqual(1);

      const settings = Object.fromEntries(
        (
          await database.query<{ name: string; setting: string }>(
            `select name, setting from pg_settings
              where name in ('fsync', 'synchronous_commit', 'full_page_writes', 'wal_sync_method')`,
          )
        ).map((s) => [s.name, s.setting]),
      );
      expect(settings).toEqual({ ...expected, synchronous_commit: "on", wal_sync_method: "fsync" });
      // With PGLITE_FSYNC=true, PostgreSQL's fsync reaches the disk through DurableNodeFS.
      const nodefs = (
        database.pglite!.Module.FS as unknown as {
          filesystems: { NODEFS: { stream_ops: { fsync?: unknown } } };
        }
      ).filesystems.NODEFS;
      expect(typeof nodefs.stream_ops.fsync).toBe(fsync ? "function" : "undefined");
    } finally {
      await database.close();
    }
  });
});
