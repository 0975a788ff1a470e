import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyTotp } from "../../src/accounts/secrets.ts";
import { runCli } from "../../src/cli.ts";
import { openPglite } from "../../src/platform/db/client.ts";
import { createTestDatabase } from "../support/database.ts";

const root = fileURLToPath(new URL("../../", import.meta.url));
const folder = mkdtempSync(join(tmpdir(), "koers-cli-"));
const dataDir = join(folder, "db");
afterAll(() => rmSync(folder, { recursive: true, force: true }));

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

const baseEnv = { NODE_ENV: "development", DATA_DIR: dataDir, PUBLIC_URL: "http://koers.test" };

/** Runs `npm run koers -- <args>` as npm does (node --import tsx src/cli.ts), in a new process. */
function spawnKoers(args: string[]): Promise<Run> {
  const { DATABASE_URL: _server, ...inherited } = process.env;
  const child = spawn(process.execPath, ["--import", "tsx", "src/cli.ts", ...args], {
    cwd: root,
    env: { ...inherited, ...baseEnv },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  return new Promise((resolve) => child.on("close", (code) => resolve({ code, stdout, stderr })));
}

/** The same commands in this process (fast): runCli with its own environment and output. */
async function koers(args: string[], env: Record<string, string> = {}): Promise<Run> {
  let stdout = "";
  let stderr = "";
  const code = await runCli(args, {
    env: { ...baseEnv, ...env },
    out: (line) => {
      stdout += `${line}\n`;
    },
    err: (text) => {
      stderr += text;
    },
  });
  return { code, stdout, stderr };
}

// Start from the migrated test template written to disk: an initdb in every run would be slow.
beforeAll(async () => {
  const source = await createTestDatabase("pglite");
  const tarball = await source.pglite!.dumpDataDir("none");
  await source.close();
  await (await openPglite({ dataDir, loadDataDir: tarball })).close();
});

describe("npm run koers", () => {
  it("exits with the command's code, and refuses a data folder another process holds", async () => {
    const database = await openPglite({ dataDir });
    try {
      const [unknown, locked] = await Promise.all([
        spawnKoers(["frobnicate"]),
        spawnKoers(["vacuum"]),
      ]);
      expect(unknown.code).toBe(2);
      expect(unknown.stderr).toContain('Unknown command "frobnicate"');
      expect(unknown.stderr).toContain("Usage: npm run koers -- <command>");
      expect(locked.code).toBe(1);
      expect(locked.stderr).toMatch(/data folder .* is in use by process \d+ \(stop Koers first\)/);
    } finally {
      await database.close();
    }
  });

  it("explains a wrong command line (exit 2) and keeps one-time codes out of production", async () => {
    const missing = await koers(["totp"]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("totp needs <e-mail>");
    const extra = await koers(["vacuum", "now"]);
    expect(extra.code).toBe(2);
    expect(extra.stderr).toContain("vacuum takes no arguments");
    const production = await koers(["totp", "beheer@koers.localhost"], {
      NODE_ENV: "production",
      SESSION_SECRET: "a-production-secret-of-at-least-32-characters",
    });
    expect(production.code).toBe(1);
    expect(production.stdout).toContain("not available when NODE_ENV=production");
  });

  it("seeds, creates an administrator, prints a code, verifies, vacuums, backs up and restores", async () => {
    const seed = await koers(["seed"]);
    expect(seed.stdout).toContain("beheer@koers.localhost");
    expect(seed.code).toBe(0);

    const admin = await koers(["create-admin", "--email", "ops@example.org", "--name", "Olga Ops"]);
    expect(admin.code).toBe(0);
    expect(admin.stdout).toMatch(/http:\/\/koers\.test\/uitnodiging\/[\w-]{20,}/);

    const totp = await koers(["totp", "Beheer@Koers.localhost"]);
    expect(totp.code).toBe(0);
    const code = totp.stdout.trim();
    expect(code).toMatch(/^\d{6}$/);

    const verify = await koers(["audit:verify"]);
    const auditRows = Number(verify.stdout.match(/Audit trail intact: (\d+) rows/)?.[1]);
    // At least the invitation and the read of the TOTP secret, both as the system actor.
    expect(auditRows).toBeGreaterThanOrEqual(2);
    expect(verify.code).toBe(0);

    const vacuum = await koers(["vacuum"]);
    expect(vacuum.stdout).toContain("Ran VACUUM (ANALYZE), CHECKPOINT");
    expect(vacuum.code).toBe(0);

    const file = join(folder, "backup.sql");
    const backup = await koers(["backup", file]);
    expect(backup.code).toBe(0);
    expect(statSync(file).mode & 0o777).toBe(0o600);

    const elsewhere = { DATA_DIR: join(folder, "restored") };
    const restore = await koers(["restore", file], elsewhere);
    expect(restore.stdout).toContain(`Audit trail intact: ${auditRows} rows.`);
    expect(restore.code).toBe(0);
    const again = await koers(["restore", file], elsewhere);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain("The target database is not empty");
    const forced = await koers(["restore", file, "--force"], elsewhere);
    expect(forced.stdout).toMatch(/Moved the old data folder to .*restored\.before-restore-/);
    expect(forced.code).toBe(0);

    const database = await openPglite({ dataDir });
    try {
      const [invited] = await database.query<{ status: string; role: string; kind: string }>(
        `select a.status, m.role, o.kind from accounts a
           join memberships m on m.account_id = a.id join organisations o on o.id = m.organisation_id
          where a.email = 'ops@example.org'`,
      );
      expect(invited).toEqual({ status: "invited", role: "beheerder", kind: "beheer" });
      const [demo] = await database.query<{ totp_secret: string }>(
        "select totp_secret from accounts where email = 'beheer@koers.localhost'",
      );
      expect(verifyTotp(demo?.totp_secret ?? "", code)).toBe(true);
      await database.exec(`
        ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_update;
        UPDATE audit_events SET action = 'nothing to see' WHERE seq = 1;
        ALTER TABLE audit_events ENABLE TRIGGER audit_events_no_update;`);
    } finally {
      await database.close();
    }
    const broken = await koers(["audit:verify"]);
    expect(broken.code).toBe(3);
    expect(broken.stdout).toContain("Audit trail BROKEN at seq 1");
  });
});
