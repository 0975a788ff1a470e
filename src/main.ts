import { buildApp } from "./app.tsx";
import { loadConfig } from "./platform/config.ts";
import { openDatabase } from "./platform/db/client.ts";
import { createScheduler } from "./platform/jobs/scheduler.ts";
import { upkeepJobs } from "./platform/jobs/upkeep.ts";
import { createMailer } from "./platform/mail/mailer.ts";
import { reviewReminderJob } from "./reviews/index.ts";
import { sessionReminderJob } from "./sessions/index.ts";
import { prepareDatabase } from "./setup.ts";

/** Starts Koers: configuration → database (migrated, demo data on first start) → HTTP. */
async function main() {
  const started = performance.now();
  const config = loadConfig();
  const database = await openDatabase(config);
  const logins = await prepareDatabase(database, { demo: config.DEMO_DATA });
  const mailer = createMailer(config, database.db);
  const app = await buildApp({ config, database, mailer });
  await app.listen({ host: config.HOST, port: config.PORT });
  const scheduler = createScheduler(
    [
      ...upkeepJobs(database, { vacuumIntervalMinutes: config.VACUUM_INTERVAL_MINUTES }),
      reviewReminderJob(database, mailer, {
        daysBefore: config.REVIEW_REMINDER_DAYS,
        publicUrl: config.publicUrl,
      }),
      sessionReminderJob(database, mailer, {
        publicUrl: config.publicUrl,
        linkSecret: config.SESSION_SECRET,
      }),
    ],
    app.log,
  );
  scheduler.start();
  app.log.info(
    { database: database.kind, ms: Math.round(performance.now() - started) },
    `Koers listens on ${config.publicUrl}`,
  );
  if (logins) {
    const lines = logins.map(
      (l) =>
        `  ${l.role.padEnd(18)} ${l.email.padEnd(32)} ${l.password}${l.totpSecret ? `  (TOTP secret ${l.totpSecret})` : ""}`,
    );
    process.stdout.write(
      `\nKoers demo data is ready at ${config.publicUrl}\n${lines.join("\n")}\n` +
        "  Current TOTP code for an account: npm run koers -- totp <e-mail>\n\n",
    );
  }

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, "shutting down: finishing requests in flight");
    // app.close() stops accepting connections and waits for requests in flight to finish.
    await app.close();
    // A maintenance run in progress finishes before the database closes.
    await scheduler.stop();
    await database.close();
    process.exit(0);
  };
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
  process.on("SIGINT", () => void shutdown("SIGINT"));
}

main().catch((err: unknown) => {
  process.stderr.write(
    `Koers failed to start: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
  );
  process.exit(1);
});
