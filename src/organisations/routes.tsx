import type { FastifyInstance } from "fastify";
import type { Config } from "../platform/config.ts";
import type { Database } from "../platform/db/client.ts";
import type { Mailer } from "../platform/mail/mailer.ts";

export function organisationRoutes(_deps: { database: Database; mailer: Mailer; config: Config }) {
  return async (_app: FastifyInstance) => {};
}
