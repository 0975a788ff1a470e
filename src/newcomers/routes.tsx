import type { FastifyInstance } from "fastify";
import type { Database } from "../platform/db/client.ts";

export function newcomerRoutes(_deps: { database: Database }) {
  return async (_app: FastifyInstance) => {};
}
