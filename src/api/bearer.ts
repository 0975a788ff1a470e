import type { FastifyReply, FastifyRequest } from "fastify";
import type { Actor } from "../platform/authz/index.ts";
import type { Db } from "../platform/db/client.ts";
import { sendProblem } from "../platform/http/errors.ts";
import { hashApiToken, recordTokenUse } from "./commands.ts";
import { wwwAuthenticate } from "./endpoint.ts";
import { findTokenByHash } from "./queries.ts";
import { bearerToken, isApiScope, looksLikeToken, shouldRecordUse, tokenState } from "./rules.ts";

/** Why a request carries no usable token; RFC 6750 distinguishes "none" from "invalid". */
type Refusal = "missing" | "invalid" | "revoked" | "expired";

const refusals = new WeakMap<FastifyRequest, Refusal>();

/**
 * Step one: turns `Authorization: Bearer <token>` into an actor of kind "api" acting for the
 * token's organisation with the token's scopes. Refuses nothing yet, so the rate limit (step two)
 * can count requests without a valid token per address before step three answers 401.
 */
export function resolveBearer(db: Db) {
  return async (request: FastifyRequest): Promise<void> => {
    const token = bearerToken(request.headers.authorization);
    if (!token) {
      refusals.set(request, "missing");
      return;
    }
    if (!looksLikeToken(token)) {
      refusals.set(request, "invalid");
      return;
    }
    const row = await findTokenByHash(db, hashApiToken(token));
    const now = new Date();
    const state = row ? tokenState(row, now) : "invalid";
    if (!row || state !== "active") {
      refusals.set(request, state === "active" ? "invalid" : state);
      return;
    }
    if (shouldRecordUse(row.lastUsedAt, now)) await recordTokenUse(db, row.id, now);
    const actor: Actor = {
      kind: "api",
      tokenId: row.id,
      name: row.name,
      organisationId: row.organisationId,
      organisationName: row.organisationName,
      organisationKind: row.organisationKind,
      roles: [],
      scopes: row.scopes.filter(isApiScope),
      mfa: true,
    };
    request.actor = actor;
  };
}

/** The rate-limit key: the token when there is one, else the address. */
export const rateLimitKey = (request: FastifyRequest): string =>
  request.actor.kind === "api" && request.actor.tokenId
    ? `api-token:${request.actor.tokenId}`
    : `api-address:${request.ip}`;

/** Step three: a request without a valid token gets 401 problem+json with WWW-Authenticate. */
export async function requireToken(request: FastifyRequest, reply: FastifyReply) {
  if (request.actor.kind === "api") return;
  const refusal = refusals.get(request) ?? "missing";
  const { t } = request;
  const challenge =
    refusal === "missing"
      ? wwwAuthenticate()
      : wwwAuthenticate(`error="invalid_token", error_description="${refusal}"`);
  reply.header("www-authenticate", challenge);
  return sendProblem(reply, 401, t("api:problems.unauthorized"), {
    detail: t(`api:problems.token.${refusal}`),
  });
}
