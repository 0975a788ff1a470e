import type { FastifyInstance } from "fastify";
import type { Config } from "../platform/config.ts";
import type { Database } from "../platform/db/client.ts";

export function apiRoutes(_deps: { database: Database; config: Config }) {
  return async (_app: FastifyInstance) => {};
}
