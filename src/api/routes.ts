import type { FastifyInstance } from "fastify";
import type { Config } from "../platform/config.ts";
import type { Database } from "../platform/db/client.ts";
import { classifyError, sendProblem } from "../platform/http/errors.ts";
import { rateLimitKey, requireToken, resolveBearer } from "./bearer.ts";
import { API_VERSION } from "./contracts.ts";
import { ApiProblem, mountEndpoint } from "./endpoint.ts";
import { apiEndpoints } from "./endpoints.ts";
import { openApiDocument } from "./openapi.ts";

/**
 * The partner API, mounted under /api/v1. Cookies and sessions play no part here (the session
 * hook and CSRF skip /api/): the only credential is a bearer token, so a browser that is signed
 * in cannot be made to call the API from another site.
 */
export function apiRoutes(deps: { database: Database; config: Config }) {
  const db = deps.database.db;
  const document = openApiDocument(apiEndpoints, { publicUrl: deps.config.publicUrl });
  const perMinute = deps.config.API_RATE_LIMIT_PER_MINUTE;

  return async (app: FastifyInstance) => {
    // Every response of this API names its version, errors and 404s included (API-57).
    app.addHook("onSend", async (_request, reply, payload) => {
      reply.header("API-Version", API_VERSION);
      return payload;
    });

    app.setNotFoundHandler((request, reply) =>
      sendProblem(reply, 404, request.t("common:errors.notFound")),
    );

    // Answered here rather than passed up (decision 0007): this context was created before the
    // app's own error handler was set, so a rethrown error would reach Fastify's default.
    app.setErrorHandler((error, request, reply) => {
      if (error instanceof ApiProblem) {
        reply.headers(error.headers);
        return sendProblem(reply, error.status, request.t(error.titleKey), error.extra);
      }
      const { status, key } = classifyError(error as Error);
      if (status >= 500) request.log.error({ err: error }, "api request failed");
      else request.log.info({ code: (error as { code?: string }).code, status }, "api refused");
      return sendProblem(
        reply,
        status,
        request.t(`common:${key}`),
        status >= 500 ? { requestId: request.id } : {},
      );
    });

    // JSON only: a form or plain-text body is answered 415, not parsed into something else.
    app.removeContentTypeParser(["text/plain", "application/x-www-form-urlencoded"]);

    // The description of the API is public: partners read it before they have a token (API-51).
    app.get("/openapi.json", async (_request, reply) =>
      reply.header("cache-control", "public, max-age=300").send(document),
    );

    await app.register(async (secured) => {
      // Order matters: who is calling → count it (per token, or per address without one) → refuse.
      secured.addHook("onRequest", resolveBearer(db));
      secured.addHook(
        "onRequest",
        secured.rateLimit({ max: perMinute, timeWindow: "1 minute", keyGenerator: rateLimitKey }),
      );
      secured.addHook("onRequest", requireToken);
      for (const endpoint of apiEndpoints) mountEndpoint(secured, endpoint, db);
    });
  };
}
