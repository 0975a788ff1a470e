import type { FastifyReply, FastifyRequest } from "fastify";
import type { Config } from "../platform/config.ts";
import type { Db } from "../platform/db/client.ts";
import { loadActor } from "./queries.ts";
import { requiresSecondFactor, sessionExpired } from "./rules.ts";

/** Paths a signed-in person may use before setting up the second factor their role requires. */
const enrolmentPaths = [
  "/account/tweestaps",
  "/uitloggen",
  "/taal/",
  "/assets/",
  "/health",
  "/ready",
];

/**
 * Turns the session into request.actor. Ends sessions that are idle or too old, or whose account
 * was disabled or signed out everywhere; sends people who must still set up a second factor there.
 */
export function authenticate(
  db: Db,
  config: Pick<Config, "SESSION_IDLE_MINUTES" | "SESSION_ABSOLUTE_HOURS">,
) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    if (request.url.startsWith("/api/") || request.url.startsWith("/assets/")) return;
    const session = request.session;
    const accountId = session?.get("accountId");
    if (!accountId) return;
    const now = Date.now();
    const expired = sessionExpired(
      { createdAt: session.get("createdAt"), lastSeenAt: session.get("lastSeenAt") },
      now,
      { idleMinutes: config.SESSION_IDLE_MINUTES, absoluteHours: config.SESSION_ABSOLUTE_HOURS },
    );
    const actor = expired
      ? undefined
      : await loadActor(db, {
          accountId,
          organisationId: session.get("organisationId"),
          mfa: session.get("mfa"),
          epoch: session.get("epoch"),
        });
    if (!actor) {
      await session.regenerate();
      // regenerate() puts a new session on the request: the message goes on that one.
      if (expired) request.session.set("flash", request.t(`signin:expired.${expired}`));
      return;
    }
    // Touch at most once a minute: a write per request would cost more than the idle check is worth.
    if (now - (session.get("lastSeenAt") ?? 0) > 60_000) session.set("lastSeenAt", now);
    request.actor = actor;
    if (
      requiresSecondFactor(actor.roles) &&
      !actor.mfa &&
      !enrolmentPaths.some((p) => request.url.startsWith(p))
    ) {
      return reply.redirect("/account/tweestaps", 303);
    }
  };
}
