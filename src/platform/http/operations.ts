import type { FastifyInstance } from "fastify";
import type { Database } from "../db/client.ts";

/** /health (the process lives) and /ready (the database answers), for load balancers and probes. */
export function operationsRoutes(database: Database) {
  return async (app: FastifyInstance) => {
    app.get("/health", { config: { rateLimit: false } }, async () => ({ status: "ok" }));
    app.get("/ready", { config: { rateLimit: false } }, async (request, reply) => {
      try {
        await database.query("select 1");
        return { status: "ok", database: database.kind };
      } catch (err) {
        request.log.error({ err }, "database not reachable");
        return reply.code(503).send({ status: "unavailable" });
      }
    });
  };
}
