import type { FastifyInstance } from "fastify";
import type { AccountDeps } from "./routes.tsx";

/** Account management for administrators, and "my account" for everyone signed in. */
export function accountAdminRoutes(_deps: AccountDeps) {
  return async (_app: FastifyInstance) => {};
}
