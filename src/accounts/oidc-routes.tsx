import type { FastifyInstance } from "fastify";
import type { AccountDeps } from "./routes.tsx";

/** Signing in through an organisation's own OpenID Connect identity provider. */
export function oidcRoutes(_deps: AccountDeps) {
  return async (_app: FastifyInstance) => {};
}
