import { randomUUID } from "node:crypto";
import { constants as zlib } from "node:zlib";
import fastifyCompress from "@fastify/compress";
import fastifyCookie from "@fastify/cookie";
import fastifyCsrf from "@fastify/csrf-protection";
import fastifyFormbody from "@fastify/formbody";
import fastifyHelmet from "@fastify/helmet";
import fastifyRateLimit from "@fastify/rate-limit";
import fastifySession from "@fastify/session";
import Fastify, { type FastifyInstance } from "fastify";
import type { ComponentChildren } from "preact";
import {
  accountAdminRoutes,
  accountRoutes,
  authenticate,
  createSessionStore,
  oidcRoutes,
} from "./accounts/index.ts";
import { apiRoutes, apiTokenAdminRoutes } from "./api/index.ts";
import { auditRoutes } from "./audit/index.ts";
import { caseloadRoutes } from "./caseload/index.ts";
import { consentRoutes } from "./consent/index.ts";
import { homeRoutes } from "./home/routes.tsx";
import { intakeRoutes } from "./intake/index.ts";
import { navigationFor } from "./navigation.ts";
import { newcomerRoutes } from "./newcomers/index.ts";
import { organisationRoutes } from "./organisations/index.ts";
import { planRoutes } from "./plans/index.ts";
import { anonymous } from "./platform/authz/actor.ts";
import { SignInRequiredError } from "./platform/authz/index.ts";
import type { Config } from "./platform/config.ts";
import type { Database } from "./platform/db/client.ts";
import { registerAssets } from "./platform/http/assets.ts";
import { classifyError, sendProblem, wantsJson } from "./platform/http/errors.ts";
import { operationsRoutes } from "./platform/http/operations.ts";
import { consultantReactionRoutes, passkeyRoutes, portalRoutes } from "./portal/index.ts";
import "./platform/http/types.ts";
import {
  defaultLocale,
  directionOf,
  initI18n,
  isLocale,
  LANGUAGE_COOKIE,
  languageCookieOptions,
  negotiateLocale,
  translator,
} from "./platform/i18n/index.ts";
import type { Mailer } from "./platform/mail/mailer.ts";
import { devOutboxRoutes } from "./platform/mail/routes.tsx";
import { Alert, Heading } from "./platform/views/components.tsx";
import type { ViewContext } from "./platform/views/context.ts";
import { renderPage } from "./platform/views/layout.tsx";
import { reviewRoutes } from "./reviews/index.ts";
import { boardRoutes } from "./sessions/board/index.ts";
import { sessionRoutes } from "./sessions/index.ts";

/** What the app needs from outside; tests pass their own. */
export interface AppDeps {
  config: Config;
  database: Database;
  mailer: Mailer;
  /** Where JSON logs go (default stdout); tests pass a stream to inspect them. */
  logStream?: NodeJS.WritableStream;
}

/**
 * Builds the Koers web application. The order below is the security checklist (STYLE.md):
 * headers/CSP → request id → session → body limits → locale → authentication → CSRF →
 * routes → not found → errors.
 */
export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const { config, database } = deps;
  initI18n();
  const app = Fastify({
    logger: {
      level: config.LOG_LEVEL,
      ...(deps.logStream ? { stream: deps.logStream } : {}),
      // Log paths without query strings: a query can hold a name or a BSN.
      serializers: {
        req: (req) => ({ method: req.method, path: req.url.split("?")[0], id: req.id }),
      },
    },
    genReqId: () => randomUUID(),
    trustProxy: config.TRUST_PROXY,
    bodyLimit: 256 * 1024,
    return503OnClosing: true,
  });

  // 1. Security headers and a strict, nonce-based Content-Security-Policy.
  const https = config.publicUrl.startsWith("https://");
  await app.register(fastifyHelmet, {
    enableCSPNonces: true,
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", "data:"],
        connectSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        baseUri: ["'none'"],
        objectSrc: ["'none'"],
        upgradeInsecureRequests: https ? [] : null,
      },
    },
    hsts: https ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    crossOriginEmbedderPolicy: false,
    frameguard: { action: "deny" },
  });

  // 2. Request id, echoed to the client so a user can quote it to support.
  app.addHook("onRequest", async (request, reply) => {
    reply.header("x-request-id", request.id);
  });

  // Brotli quality 6, not the plugin's 4: a newcomer page (with its CSS inline) comes out ~9%
  // smaller for about the same CPU (the sign-in page: 7.2 → 6.6 KB, ~0.7 ms to compress); quality 11 costs 60 ms.
  await app.register(fastifyCompress, {
    threshold: 1024,
    encodings: ["br", "gzip"],
    brotliOptions: {
      params: { [zlib.BROTLI_PARAM_MODE]: zlib.BROTLI_MODE_TEXT, [zlib.BROTLI_PARAM_QUALITY]: 6 },
    },
  });

  // 3. Sessions (server-side, in PostgreSQL) and cookies.
  await app.register(fastifyCookie, { secret: config.SESSION_SECRET });
  await app.register(fastifySession, {
    secret: config.SESSION_SECRET,
    cookieName: "koers_session",
    store: createSessionStore(database.db, config.SESSION_ABSOLUTE_HOURS),
    saveUninitialized: false,
    // The idle time-out is enforced server-side (accounts/authenticate.ts); rolling would write per request.
    rolling: false,
    cookie: {
      httpOnly: true,
      sameSite: "lax",
      secure: https ? true : "auto",
      path: "/",
      maxAge: config.SESSION_ABSOLUTE_HOURS * 3_600_000,
    },
  });

  // 4. Bodies: forms and JSON only, with the size limit above; rate limits per address.
  await app.register(fastifyFormbody);
  await app.register(fastifyRateLimit, {
    global: true,
    max: config.RATE_LIMIT_PER_MINUTE,
    timeWindow: "1 minute",
    keyGenerator: (request) => request.ip,
  });

  // 5. Language: the switcher's cookie, else the account's, else the browser's, else Dutch.
  app.decorateRequest("locale", defaultLocale);
  app.decorateRequest("t", null as never);
  app.decorateRequest("actor", null as never);
  app.addHook("onRequest", async (request) => {
    const cookie = request.cookies[LANGUAGE_COOKIE];
    request.locale = isLocale(cookie)
      ? cookie
      : (negotiateLocale(request.headers["accept-language"]) ?? defaultLocale);
    request.t = translator(request.locale);
    request.actor = anonymous;
  });

  // 6. Authentication: session → actor (API tokens are handled inside /api/v1).
  app.addHook("preHandler", authenticate(database.db, config));

  // 7. CSRF on every state-changing request that carries cookies.
  await app.register(fastifyCsrf, {
    sessionPlugin: "@fastify/cookie",
    cookieOpts: { signed: true, httpOnly: true, sameSite: "lax", path: "/", secure: https },
  });
  app.addHook("preHandler", (request, reply, done) => {
    const unsafe = !["GET", "HEAD", "OPTIONS"].includes(request.method);
    if (unsafe && !request.url.startsWith("/api/")) return app.csrfProtection(request, reply, done);
    done();
  });

  // Rendering helpers.
  const assets = registerAssets(app);
  app.decorateReply("viewContext", function viewContext(): ViewContext {
    const request = this.request;
    const nonces = (this as unknown as { cspNonce?: { script: string; style: string } }).cspNonce;
    const flash = request.session?.get("flash");
    if (flash) request.session.set("flash", undefined);
    return {
      t: request.t,
      locale: request.locale,
      dir: directionOf(request.locale),
      actor: request.actor,
      csrfToken: this.generateCsrf(),
      nonce: nonces?.script ?? "",
      styleNonce: nonces?.style ?? "",
      path: request.url,
      flash,
      assets,
      inlineStyles: request.actor.kind !== "staff",
      devOutbox: deps.mailer.usesOutbox && !config.isProduction,
    };
  });
  app.decorateReply(
    "page",
    function page(title: string, body: ComponentChildren, options?: { status?: number }) {
      const ctx = this.viewContext();
      const html = renderPage(ctx, { title, nav: navigationFor(ctx.actor, ctx.t), body });
      return this.code(options?.status ?? this.statusCode ?? 200)
        .header("cache-control", "no-store")
        .type("text/html; charset=utf-8")
        .send(html);
    },
  );
  app.decorateReply("seeOther", function seeOther(location: string, flash?: string) {
    if (flash) this.request.session.set("flash", flash);
    return this.redirect(location, 303);
  });

  // Errors: set before the routes, because Fastify gives each route the error handler in force
  // when the route is registered; set after them, it would never run for a capability's pages.
  app.setErrorHandler((error, request, reply) => {
    if (error instanceof SignInRequiredError && !wantsJson(request)) {
      return reply.redirect(`/inloggen?terug=${encodeURIComponent(request.url)}`, 303);
    }
    const { status, key } = classifyError(error as Error);
    if (status >= 500) request.log.error({ err: error }, "request failed");
    else request.log.info({ code: (error as { code?: string }).code, status }, "request refused");
    const t = request.t ?? translator(defaultLocale);
    const message = t(`common:${key}`);
    if (status === 429 && error && typeof (error as { headers?: unknown }).headers === "object") {
      reply.headers((error as unknown as { headers: Record<string, string> }).headers);
    }
    if (wantsJson(request))
      return sendProblem(reply, status, message, status >= 500 ? { requestId: request.id } : {});
    if (!request.actor) request.actor = anonymous;
    return reply.page(
      t("common:errors.title"),
      <ErrorPage message={message} requestId={status >= 500 ? request.id : undefined} />,
      { status },
    );
  });

  // 8. Routes, one plugin per capability.
  await app.register(operationsRoutes(database));
  app.get("/taal/:code", { config: { rateLimit: false } }, async (request, reply) => {
    const { code } = request.params as { code: string };
    const back = String((request.query as Record<string, unknown>).terug ?? "/");
    // Only local paths: never an open redirect.
    const target =
      back.startsWith("/") && !back.startsWith("//") && !back.startsWith("/\\") ? back : "/";
    if (isLocale(code)) {
      reply.setCookie(LANGUAGE_COOKIE, code, languageCookieOptions);
    }
    return reply.redirect(target, 303);
  });
  await app.register(homeRoutes(database));
  await app.register(accountRoutes({ database, mailer: deps.mailer, config }));
  await app.register(accountAdminRoutes({ database, mailer: deps.mailer, config }));
  await app.register(oidcRoutes({ database, mailer: deps.mailer, config }));
  await app.register(organisationRoutes({ database, mailer: deps.mailer, config }));
  await app.register(newcomerRoutes({ database }));
  await app.register(caseloadRoutes({ database }));
  await app.register(intakeRoutes({ database, config }));
  await app.register(planRoutes({ database, config }));
  await app.register(reviewRoutes({ database }));
  await app.register(sessionRoutes({ database, mailer: deps.mailer, config }));
  await app.register(portalRoutes({ database, mailer: deps.mailer, config }));
  await app.register(passkeyRoutes({ database, config }));
  await app.register(consultantReactionRoutes({ database }));
  await app.register(consentRoutes({ database, mailer: deps.mailer, config }));
  await app.register(auditRoutes({ database }));
  await app.register(boardRoutes({ database, config }));
  await app.register(apiTokenAdminRoutes({ database }));
  await app.register(apiRoutes({ database, config }), { prefix: "/api/v1" });
  if (deps.mailer.usesOutbox && !config.isProduction) await app.register(devOutboxRoutes(database));

  // 9. Not found: a page in the user's language, or problem+json for the API.
  app.setNotFoundHandler((request, reply) => {
    const t = request.t ?? translator(defaultLocale);
    if (wantsJson(request)) return sendProblem(reply, 404, t("common:errors.notFound"));
    return reply.page(
      t("common:errors.notFoundTitle"),
      <ErrorPage message={t("common:errors.notFound")} />,
      { status: 404 },
    );
  });
  return app;
}

function ErrorPage(props: { message: string; requestId?: string | undefined }) {
  return (
    <>
      <Heading>{props.message}</Heading>
      {props.requestId && (
        <Alert type="info">
          <p>Request id: {props.requestId}</p>
        </Alert>
      )}
      <p>
        <a class="utrecht-link" href="/">
          Koers
        </a>
      </p>
    </>
  );
}
