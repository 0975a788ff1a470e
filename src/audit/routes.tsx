import type { FastifyInstance } from "fastify";
import type { Database } from "../platform/db/client.ts";

export function auditRoutes(_deps: { database: Database }) {
  return async (_app: FastifyInstance) => {};
}
