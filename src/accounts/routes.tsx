import type { FastifyInstance, FastifyRequest } from "fastify";
import { z } from "zod";
import type { Config } from "../platform/config.ts";
import type { Database } from "../platform/db/client.ts";
import { parseForm } from "../platform/http/forms.ts";
import {
  defaultLocale,
  isLocale,
  LANGUAGE_COOKIE,
  languageCookieOptions,
} from "../platform/i18n/index.ts";
import type { Mailer } from "../platform/mail/mailer.ts";
import {
  enableTotp,
  findValidToken,
  requestPasswordReset,
  setPasswordWithToken,
  signInWithPassword,
  verifySecondFactor,
} from "./commands.ts";
import { enabledProviders } from "./oidc.ts";
import { findAccount } from "./queries.ts";
import { passwordProblem } from "./rules.ts";
import { newTotpSecret, totpEnrolment } from "./secrets.ts";
import {
  EnrolPage,
  ForgotPasswordPage,
  RecoveryCodesPage,
  SecondFactorPage,
  SetPasswordPage,
  SignInPage,
} from "./views/signin.tsx";

export interface AccountDeps {
  database: Database;
  mailer: Mailer;
  config: Config;
}

/** Only local paths are followed after sign-in: never an open redirect. */
export function safeReturnPath(value: unknown): string {
  const v = typeof value === "string" ? value : "";
  return v.startsWith("/") && !v.startsWith("//") && !v.startsWith("/\\") ? v : "/";
}

export const auditContext = (request: FastifyRequest) => ({
  actor: request.actor,
  requestId: request.id,
});

/** Starts a fresh session (a new id: rotated at sign-in) for a signed-in account. */
export async function startSession(
  request: FastifyRequest,
  s: { accountId: string; organisationId: string | undefined; epoch: number; mfa: boolean },
): Promise<void> {
  const returnTo = request.session.get("returnTo");
  await request.session.regenerate();
  const now = Date.now();
  request.session.set("accountId", s.accountId);
  request.session.set("organisationId", s.organisationId);
  request.session.set("epoch", s.epoch);
  request.session.set("mfa", s.mfa);
  request.session.set("createdAt", now);
  request.session.set("lastSeenAt", now);
  if (returnTo) request.session.set("returnTo", returnTo);
}

const signInSchema = z.object({
  email: z.email().max(254),
  password: z.string().min(1).max(200),
  terug: z.string().optional(),
});
const codeSchema = z.object({ code: z.string().min(1).max(40) });
const emailSchema = z.object({ email: z.email().max(254) });
const passwordSchema = z
  .object({ password: z.string().min(1).max(200), confirm: z.string().min(1).max(200) })
  .refine((v) => v.password === v.confirm, {
    path: ["confirm"],
    message: "validation:passwordsDiffer",
  });

/** Signing in and out, second factor, invitations and password resets. */
export function accountRoutes(deps: AccountDeps) {
  const { database, mailer, config } = deps;
  const db = database.db;
  const signInLimit = { rateLimit: { max: 30, timeWindow: "1 minute" } };

  return async (app: FastifyInstance) => {
    app.get("/inloggen", async (request, reply) => {
      const providers = await enabledProviders(db);
      const digidProviders = await enabledProviders(db, "digid");
      const returnTo = safeReturnPath((request.query as Record<string, unknown>).terug);
      return reply.page(
        request.t("signin:title"),
        <SignInPage
          providers={providers}
          digidProviders={digidProviders}
          returnTo={returnTo === "/" ? undefined : returnTo}
        />,
      );
    });

    app.post("/inloggen", { config: signInLimit }, async (request, reply) => {
      const { t } = request;
      const form = parseForm(signInSchema, request.body, t);
      const providers = await enabledProviders(db);
      const digidProviders = await enabledProviders(db, "digid");
      if (!form.ok) {
        return reply.page(
          t("signin:title"),
          <SignInPage
            providers={providers}
            digidProviders={digidProviders}
            errors={form.errors}
            values={form.values}
          />,
          { status: 422 },
        );
      }
      const result = await signInWithPassword(db, auditContext(request), {
        email: form.data.email,
        password: form.data.password,
        ip: request.ip,
      });
      if (result.outcome !== "ok") {
        const message = result.outcome === "locked" ? t("signin:locked") : t("signin:invalid");
        return reply.page(
          t("signin:title"),
          <SignInPage
            providers={providers}
            digidProviders={digidProviders}
            errors={{ _form: message }}
            values={{ email: form.data.email }}
          />,
          { status: result.outcome === "locked" ? 429 : 401 },
        );
      }
      const returnTo = safeReturnPath(form.data.terug);
      // Dutch is every account's default, so only a language the person chose overrides the browser's.
      if (
        !request.cookies[LANGUAGE_COOKIE] &&
        result.locale !== defaultLocale &&
        isLocale(result.locale)
      ) {
        reply.setCookie(LANGUAGE_COOKIE, result.locale, languageCookieOptions);
      }
      if (result.needsSecondFactor) {
        await request.session.regenerate();
        request.session.set("pendingAccountId", result.accountId);
        request.session.set("pendingOrganisationId", result.organisationId);
        request.session.set("returnTo", returnTo);
        return reply.redirect("/inloggen/code", 303);
      }
      await startSession(request, {
        accountId: result.accountId,
        organisationId: result.organisationId,
        epoch: result.epoch,
        mfa: false,
      });
      return reply.redirect(result.needsEnrolment ? "/account/tweestaps" : returnTo, 303);
    });

    app.get("/inloggen/code", async (request, reply) => {
      if (!request.session.get("pendingAccountId")) return reply.redirect("/inloggen", 303);
      return reply.page(request.t("signin:codeTitle"), <SecondFactorPage />);
    });

    app.post("/inloggen/code", { config: signInLimit }, async (request, reply) => {
      const { t } = request;
      const accountId = request.session.get("pendingAccountId");
      if (!accountId) return reply.redirect("/inloggen", 303);
      const form = parseForm(codeSchema, request.body, t);
      if (!form.ok)
        return reply.page(t("signin:codeTitle"), <SecondFactorPage errors={form.errors} />, {
          status: 422,
        });
      const outcome = await verifySecondFactor(db, auditContext(request), {
        accountId,
        code: form.data.code,
        ip: request.ip,
      });
      if (outcome === "locked") {
        await request.session.regenerate();
        return reply.seeOther("/inloggen", t("signin:locked"));
      }
      if (outcome === "invalid")
        return reply.page(
          t("signin:codeTitle"),
          <SecondFactorPage errors={{ code: t("signin:codeInvalid") }} />,
          { status: 401 },
        );
      const account = await findAccount(db, accountId);
      const returnTo = safeReturnPath(request.session.get("returnTo"));
      await startSession(request, {
        accountId,
        organisationId: request.session.get("pendingOrganisationId"),
        epoch: account?.sessionEpoch ?? 0,
        mfa: true,
      });
      request.session.set("returnTo", undefined);
      return reply.redirect(returnTo, 303);
    });

    app.post("/uitloggen", async (request, reply) => {
      await request.session.destroy();
      return reply.redirect("/", 303);
    });

    // Setting up the second factor: a secret kept in the session until a code proves the app has it.
    app.get("/account/tweestaps", async (request, reply) => {
      const { actor, t } = request;
      if (!actor.accountId) return reply.redirect("/inloggen", 303);
      let secret = request.session.get("totpSetupSecret" as never) as string | undefined;
      if (!secret) {
        secret = newTotpSecret();
        request.session.set("totpSetupSecret" as never, secret as never);
      }
      const account = await findAccount(db, actor.accountId);
      const { qrSvg } = await totpEnrolment(secret, account?.email ?? "");
      return reply.page(t("signin:enrolTitle"), <EnrolPage qrSvg={qrSvg} secret={secret} />);
    });

    app.post("/account/tweestaps", { config: signInLimit }, async (request, reply) => {
      const { actor, t } = request;
      if (!actor.accountId) return reply.redirect("/inloggen", 303);
      const secret = request.session.get("totpSetupSecret" as never) as string | undefined;
      if (!secret) return reply.redirect("/account/tweestaps", 303);
      const form = parseForm(codeSchema, request.body, t);
      const codes = form.ok
        ? await enableTotp(db, auditContext(request), actor.accountId, secret, form.data.code)
        : null;
      if (!codes) {
        const account = await findAccount(db, actor.accountId);
        const { qrSvg } = await totpEnrolment(secret, account?.email ?? "");
        return reply.page(
          t("signin:enrolTitle"),
          <EnrolPage
            qrSvg={qrSvg}
            secret={secret}
            errors={{
              code: form.ok
                ? t("signin:codeInvalid")
                : (form.errors.code ?? t("validation:required")),
            }}
          />,
          { status: 422 },
        );
      }
      request.session.set("totpSetupSecret" as never, undefined as never);
      request.session.set("mfa", true);
      const next = safeReturnPath(request.session.get("returnTo"));
      return reply.page(t("signin:recoveryTitle"), <RecoveryCodesPage codes={codes} next={next} />);
    });

    app.get("/wachtwoord-vergeten", async (request, reply) =>
      reply.page(request.t("signin:forgotTitle"), <ForgotPasswordPage />),
    );

    app.post("/wachtwoord-vergeten", { config: signInLimit }, async (request, reply) => {
      const { t } = request;
      const form = parseForm(emailSchema, request.body, t);
      if (!form.ok)
        return reply.page(
          t("signin:forgotTitle"),
          <ForgotPasswordPage errors={form.errors} values={form.values} />,
          { status: 422 },
        );
      await requestPasswordReset(
        db,
        auditContext(request),
        mailer,
        form.data.email,
        config.publicUrl,
        {
          subject: t("signin:resetMailSubject"),
          body: (link) => t("signin:resetMailBody", { link }),
        },
      );
      // The same answer whether or not the address is known.
      return reply.page(t("signin:forgotTitle"), <ForgotPasswordPage sent />);
    });

    for (const [path, purpose] of [
      ["/wachtwoord-herstellen/:token", "password_reset"],
      ["/uitnodiging/:token", "invitation"],
    ] as const) {
      const title = (request: FastifyRequest) =>
        request.t(purpose === "invitation" ? "signin:inviteTitle" : "signin:resetTitle");
      app.get(path, async (request, reply) => {
        const { token } = request.params as { token: string };
        const found = await findValidToken(db, token, purpose);
        if (!found)
          return reply.page(
            request.t("signin:tokenInvalidTitle"),
            <p>{request.t("signin:tokenInvalid")}</p>,
            { status: 404 },
          );
        const intro =
          purpose === "invitation"
            ? request.t("signin:inviteIntro", { name: found.name })
            : undefined;
        return reply.page(
          title(request),
          <SetPasswordPage
            action={request.url}
            title={title(request)}
            intro={intro}
            email={found.email}
          />,
        );
      });
      app.post(path, { config: signInLimit }, async (request, reply) => {
        const { t } = request;
        const { token } = request.params as { token: string };
        const found = await findValidToken(db, token, purpose);
        if (!found)
          return reply.page(t("signin:tokenInvalidTitle"), <p>{t("signin:tokenInvalid")}</p>, {
            status: 404,
          });
        const form = parseForm(passwordSchema, request.body, t);
        const problem = form.ok ? passwordProblem(form.data.password, found.email) : null;
        if (!form.ok || problem) {
          const errors = form.ok
            ? { password: t(problem ?? "validation:invalid", { count: 12 }) }
            : form.errors;
          return reply.page(
            title(request),
            <SetPasswordPage
              action={request.url}
              title={title(request)}
              email={found.email}
              errors={errors}
            />,
            { status: 422 },
          );
        }
        const done = await setPasswordWithToken(
          db,
          auditContext(request),
          token,
          purpose,
          form.data.password,
        );
        if (!done)
          return reply.page(t("signin:tokenInvalidTitle"), <p>{t("signin:tokenInvalid")}</p>, {
            status: 404,
          });
        await request.session.regenerate();
        return reply.seeOther(
          "/inloggen",
          t(purpose === "invitation" ? "signin:inviteDone" : "signin:resetDone"),
        );
      });
    }
  };
}
