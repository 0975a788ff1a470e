import type { FastifyInstance } from "fastify";
import { buildApp } from "../../src/app.tsx";
import { loadConfig } from "../../src/platform/config.ts";
import type { Database } from "../../src/platform/db/client.ts";
import type { Mail, Mailer } from "../../src/platform/mail/mailer.ts";
import { createTestDatabase, type DatabaseKind } from "./database.ts";

/** A mailer that keeps what it sends, so tests can follow links in mails. */
export class TestMailer implements Mailer {
  readonly usesOutbox = false;
  readonly sent: Mail[] = [];
  async send(mail: Mail) {
    this.sent.push(mail);
  }
  /** The first link in the newest mail to this address. */
  linkTo(address: string): string {
    const mail = [...this.sent].reverse().find((m) => m.to.toLowerCase() === address.toLowerCase());
    const link = mail?.text.match(/https?:\/\/\S+/)?.[0];
    if (!link) throw new Error(`no link mailed to ${address}`);
    return new URL(link).pathname;
  }
}

export interface TestApp {
  app: FastifyInstance;
  database: Database;
  mailer: TestMailer;
  close(): Promise<void>;
}

/**
 * The real Koers app, in-process, on a fresh database of the given kind. Security stays on:
 * sessions, CSRF, rate limits and policies are the production ones.
 */
/** The database behind each test app, for test set-up that needs it (signIn in factories.ts). */
export const databaseOf = new WeakMap<FastifyInstance, Database>();

export async function createTestApp(
  kind: DatabaseKind,
  env: Record<string, string> = {},
  options: { logStream?: NodeJS.WritableStream } = {},
): Promise<TestApp> {
  const database = await createTestDatabase(kind);
  const config = loadConfig({
    NODE_ENV: "test",
    LOG_LEVEL: options.logStream ? "info" : "silent",
    PUBLIC_URL: "http://koers.test",
    ...env,
  });
  const mailer = new TestMailer();
  const app = await buildApp({
    config,
    database,
    mailer,
    ...(options.logStream ? { logStream: options.logStream } : {}),
  });
  await app.ready();
  databaseOf.set(app, database);
  return {
    app,
    database,
    mailer,
    async close() {
      await app.close();
      await database.close();
    },
  };
}
