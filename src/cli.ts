// `npm run koers -- <command>`: operating Koers from a shell (docs/operations.md).
import { existsSync, readdirSync, renameSync } from "node:fs";
import { join, resolve } from "node:path";
import { type ParseArgsOptionsConfig, parseArgs } from "node:util";
import { eq, sql } from "drizzle-orm";
import { accounts, currentTotp, inviteAccount } from "./accounts/index.ts";
import { recordAudit, verifyAuditChain } from "./audit/index.ts";
import { createOrganisation, organisations } from "./organisations/index.ts";
import { systemActor } from "./platform/authz/actor.ts";
import { type Config, loadConfig } from "./platform/config.ts";
import { backupDatabase, restoreDatabase, userTables } from "./platform/db/backup.ts";
import { type Database, openDatabase } from "./platform/db/client.ts";
import { runMaintenance } from "./platform/db/maintenance.ts";
import type { Mail, Mailer } from "./platform/mail/mailer.ts";
import { prepareDatabase } from "./setup.ts";

/** Exit codes, documented in the usage text. */
const EXIT = { ok: 0, failed: 1, usage: 2, auditBroken: 3 } as const;

const USAGE = `Usage: npm run koers -- <command> [options]

Commands:
  migrate                         Apply the database migrations and load the CBS reference data.
  seed                            Migrate, then add the demo data if the database has no accounts.
  create-admin --email <e-mail> --name <name> [--organisation-name <name>]
                                  Invite a platform administrator (beheerder of the Koers beheer
                                  organisation, created if missing) and print the invitation link.
  audit:verify                    Check the hash chain of the audit trail.
  totp <e-mail>                   Print the current one-time code of an account (not in production).
  vacuum                          Run database maintenance now (PGlite: VACUUM ANALYZE, CHECKPOINT).
  backup <file.sql>               Write a pg_dump plain-SQL backup of the whole database.
  restore <file.sql> [--force]    Load a backup into an empty database. On PGlite, --force first
                                  moves a data folder that is not empty aside (nothing is deleted).
  help                            Show this text.

The database is Koers's own: DATABASE_URL when set, else the PGlite folder DATA_DIR (data/db).
On PGlite, stop Koers first: a data folder can be open in one process at a time.

Exit codes: 0 done, 1 failed, 2 wrong usage, 3 audit trail broken.
`;

class UsageError extends Error {}

/** Where the CLI reads its environment and writes its output; tests pass their own. */
export interface CliIo {
  env: Record<string, string | undefined>;
  out(line: string): void;
  err(text: string): void;
}

const processIo: CliIo = {
  env: process.env,
  out: (line) => process.stdout.write(`${line}\n`),
  err: (text) => process.stderr.write(text),
};

interface Invocation {
  config: Config;
  values: Record<string, string | boolean | (string | boolean)[] | undefined>;
  positionals: string[];
  say(line: string): void;
}

interface Command {
  options?: ParseArgsOptionsConfig;
  /** Names of the required positional arguments. */
  arguments?: string[];
  run(invocation: Invocation): Promise<number>;
}

async function withDatabase<T>(config: Config, work: (database: Database) => Promise<T>) {
  const database = await openDatabase(config);
  try {
    return await work(database);
  } finally {
    await database.close();
  }
}

const cliContext = (command: string) => ({ actor: systemActor, requestId: `cli:${command}` });

/** Keeps the invitation instead of mailing it: the CLI prints the link for the operator. */
class KeepingMailer implements Mailer {
  readonly usesOutbox = false;
  kept: Mail | undefined;
  async send(mail: Mail) {
    this.kept = mail;
  }
}

async function createAdmin(database: Database, { config, values, say }: Invocation) {
  const email = String(values.email ?? "").trim();
  const name = String(values.name ?? "").trim();
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email))
    throw new UsageError("--email needs an e-mail address");
  if (!name) throw new UsageError("--name needs the person's name");
  const ctx = cliContext("create-admin");
  let [beheer] = await database.db
    .select()
    .from(organisations)
    .where(eq(organisations.kind, "beheer"))
    .limit(1);
  if (!beheer) {
    const created = await createOrganisation(database.db, ctx, {
      kind: "beheer",
      name: String(values["organisation-name"] ?? "Koers beheer"),
    });
    if (created.outcome !== "created") {
      say(`Could not create the beheer organisation: ${JSON.stringify(created.problems)}`);
      return EXIT.failed;
    }
    beheer = created.organisation;
    say(`Created the organisation "${beheer.name}".`);
  } else if (values["organisation-name"] && values["organisation-name"] !== beheer.name) {
    say(`Koers already has a beheer organisation, "${beheer.name}"; using it.`);
  }
  const mailer = new KeepingMailer();
  const result = await inviteAccount(
    database.db,
    ctx,
    mailer,
    {
      email,
      name,
      organisationId: beheer.id,
      role: "beheerder",
      locale: "nl",
      publicUrl: config.publicUrl,
      inviterName: "Koers",
      organisationName: beheer.name,
    },
    {
      subject: "Koers invitation",
      body: (link) => link,
      addedSubject: "Koers role added",
      addedBody: "",
    },
  );
  if (result.outcome === "already_member") {
    say(`${email} is already a beheerder of "${beheer.name}". Nothing changed.`);
    return EXIT.ok;
  }
  if (result.outcome === "added") {
    say(`${email} already had an account; it is now also beheerder of "${beheer.name}".`);
    return EXIT.ok;
  }
  say(`Invited ${email} as beheerder of "${beheer.name}".`);
  say("Give this person the link below (valid 7 days, single use). They choose a password and");
  say("set up their authenticator app when they first sign in:");
  say(`  ${mailer.kept?.text ?? "(no link)"}`);
  return EXIT.ok;
}

async function printTotp(database: Database, email: string, say: Invocation["say"]) {
  const secret = await database.db.transaction(async (tx) => {
    const [account] = await tx
      .select({
        id: accounts.id,
        organisationId: accounts.organisationId,
        totpSecret: accounts.totpSecret,
      })
      .from(accounts)
      .where(sql`lower(${accounts.email}) = ${email.toLowerCase()}`);
    if (!account?.totpSecret) return undefined;
    await recordAudit(tx, cliContext("totp"), {
      action: "read",
      resourceType: "account_totp",
      subjectKind: "account",
      subjectId: account.id,
      organisationId: account.organisationId,
      dataClasses: ["account"],
      purpose: "beveiliging",
      legalBasis: "beveiliging",
    });
    return account.totpSecret;
  });
  if (!secret) {
    say(`No account with a one-time code set up for ${email}.`);
    return EXIT.failed;
  }
  say(currentTotp(secret));
  return EXIT.ok;
}

/** A PGlite data folder with files in it is moved to <folder>.before-restore-<time>. */
function moveDataFolderAside(dataDir: string): string | undefined {
  if (!existsSync(dataDir) || readdirSync(dataDir).length === 0) return undefined;
  const aside = `${dataDir.replace(/[\\/]+$/, "")}.before-restore-${new Date().toISOString().replace(/[:.]/g, "-")}`;
  renameSync(dataDir, aside);
  return aside;
}

const commands: Record<string, Command> = {
  help: {
    run: async ({ say }) => {
      say(USAGE);
      return EXIT.ok;
    },
  },
  migrate: {
    run: ({ config, say }) =>
      withDatabase(config, async (database) => {
        await prepareDatabase(database, { demo: false });
        say(`Database is up to date (${database.kind}).`);
        return EXIT.ok;
      }),
  },
  seed: {
    run: ({ config, say }) =>
      withDatabase(config, async (database) => {
        const logins = await prepareDatabase(database, { demo: true });
        if (!logins) {
          say("The database already has accounts: no demo data added.");
          return EXIT.ok;
        }
        say("Demo data added. Sign in with:");
        const width = Math.max(...logins.map((l) => l.email.length));
        for (const l of logins)
          say(`  ${l.role.padEnd(18)} ${l.email.padEnd(width)}  ${l.password}`);
        say("Current one-time code of an account: npm run koers -- totp <e-mail>");
        return EXIT.ok;
      }),
  },
  "create-admin": {
    options: {
      email: { type: "string" },
      name: { type: "string" },
      "organisation-name": { type: "string" },
    },
    run: (invocation) =>
      withDatabase(invocation.config, async (database) => {
        await prepareDatabase(database, { demo: false });
        return createAdmin(database, invocation);
      }),
  },
  "audit:verify": {
    run: ({ config, say }) =>
      withDatabase(config, async (database) => {
        const report = await verifyAuditChain(database);
        if (report.ok) {
          say(`Audit trail intact: ${report.count} rows, hash chain verified.`);
          return EXIT.ok;
        }
        say(`Audit trail BROKEN at seq ${report.brokenAtSeq}: ${report.reason}`);
        say(`(${report.count} rows verified before the break.)`);
        return EXIT.auditBroken;
      }),
  },
  totp: {
    arguments: ["e-mail"],
    run: async ({ config, positionals, say }) => {
      // Reading a second-factor secret is for demo accounts on a development machine only.
      if (config.isProduction) {
        say("totp is not available when NODE_ENV=production.");
        return EXIT.failed;
      }
      return withDatabase(config, (database) => printTotp(database, positionals[0] ?? "", say));
    },
  },
  vacuum: {
    run: ({ config, say }) =>
      withDatabase(config, async (database) => {
        const report = await runMaintenance(database);
        const wal =
          report.walBytesAfter === undefined
            ? ""
            : `; write-ahead log ${mb(report.walBytesBefore ?? 0)} → ${mb(report.walBytesAfter)}`;
        say(`Ran ${report.ran.join(", ")} in ${report.ms} ms${wal}.`);
        return EXIT.ok;
      }),
  },
  backup: {
    arguments: ["file.sql"],
    run: ({ config, positionals, say }) =>
      withDatabase(config, async (database) => {
        const file = resolve(positionals[0] ?? "");
        const result = await backupDatabase(database, file, { databaseUrl: config.DATABASE_URL });
        say(`Backup written to ${result.file} (${mb(result.bytes)}, ${result.ms} ms).`);
        say(
          "It holds personal data: store it encrypted, and delete it when it is no longer needed.",
        );
        return EXIT.ok;
      }),
  },
  restore: {
    arguments: ["file.sql"],
    options: { force: { type: "boolean" } },
    run: async ({ config, positionals, values, say }) => {
      const file = resolve(positionals[0] ?? "");
      if (!existsSync(file)) throw new UsageError(`${file} does not exist`);
      if (values.force && !config.DATABASE_URL) {
        // Opening the folder first checks that no Koers holds it (the lock) before it is moved.
        const inUse =
          existsSync(join(config.DATA_DIR, "PG_VERSION")) &&
          (await withDatabase(config, async (d) => (await userTables(d)).length > 0));
        const aside = inUse ? moveDataFolderAside(config.DATA_DIR) : undefined;
        if (aside) say(`Moved the old data folder to ${aside}.`);
      } else if (values.force) {
        throw new UsageError(
          "--force works on PGlite only. On a server, create an empty database and point DATABASE_URL at it.",
        );
      }
      return withDatabase(config, async (database) => {
        const result = await restoreDatabase(database, file);
        say(
          `Restored ${result.tables} tables and ${result.auditRows} audit rows in ${result.ms} ms.`,
        );
        const audit = await verifyAuditChain(database);
        if (!audit.ok) {
          say(`Audit trail BROKEN at seq ${audit.brokenAtSeq}: ${audit.reason}`);
          return EXIT.auditBroken;
        }
        say(`Audit trail intact: ${audit.count} rows.`);
        return EXIT.ok;
      });
    },
  },
};

const mb = (bytes: number) => `${(bytes / 1_048_576).toFixed(1)} MB`;

/** Parses the command line, runs one command and returns its exit code. */
export async function runCli(argv: readonly string[], io: CliIo = processIo): Promise<number> {
  const [name, ...rest] = argv;
  const command = name === undefined || name === "--help" || name === "-h" ? "help" : name;
  const spec = commands[command];
  if (!spec) {
    io.err(`Unknown command "${command}".\n\n${USAGE}`);
    return EXIT.usage;
  }
  try {
    const { values, positionals } = parseArgs({
      args: [...rest],
      options: spec.options ?? {},
      allowPositionals: true,
      strict: true,
    });
    const wanted = spec.arguments ?? [];
    if (positionals.length !== wanted.length)
      throw new UsageError(
        wanted.length === 0
          ? `${command} takes no arguments`
          : `${command} needs ${wanted.map((w) => `<${w}>`).join(" ")}`,
      );
    return await spec.run({ config: loadConfig(io.env), values, positionals, say: io.out });
  } catch (err) {
    if (
      err instanceof UsageError ||
      (err as { code?: string }).code?.startsWith("ERR_PARSE_ARGS")
    ) {
      io.err(`${(err as Error).message}\n\n${USAGE}`);
      return EXIT.usage;
    }
    // The message only: operators need what went wrong and what to do, not a stack trace.
    const message = err instanceof Error ? err.message : String(err);
    io.err(`koers ${command} failed: ${message}\n`);
    return EXIT.failed;
  }
}

if (import.meta.main) process.exit(await runCli(process.argv.slice(2)));
