import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import {
  auditContext,
  beginSignIn,
  completeAuthorization,
  DIGID_CALLBACK_PATH,
  findProvider,
  type IdentityProviderRow,
  identityLinkKey,
  type PendingSignIn,
  type ProtocolOptions,
  safeReturnPath,
  startSession,
} from "../accounts/index.ts";
import type { Config } from "../platform/config.ts";
import type { Database } from "../platform/db/client.ts";
import { parseForm } from "../platform/http/forms.ts";
import {
  defaultLocale,
  isLocale,
  LANGUAGE_COOKIE,
  languageCookieOptions,
} from "../platform/i18n/index.ts";
import { findInvitation } from "./commands.ts";
import {
  acceptInvitationWithDigid,
  type DigidRefusal,
  digidAuthorizationRequest,
  enabledDigidProvider,
  readDigidAnswer,
  recordDigidRefusal,
  signInWithDigid,
  wantedClaims,
} from "./digid.ts";
import { formatCode, normaliseCode } from "./rules.ts";
import { DigidProblemPage, DigidStartPage } from "./views/digid.tsx";

/** Why a sign-in with DigiD is in progress: to accept an invitation, or to sign in. */
type PendingDigid = PendingSignIn &
  ({ intent: "signin" } | { intent: "invitation"; invitationId: string });

declare module "fastify" {
  interface Session {
    /** A DigiD sign-in between the redirect to the broker and its answer; used once. */
    digid?: PendingDigid;
  }
}

const codeSchema = z.object({ code: z.string().min(1).max(40) });
const providerQuery = z.object({ provider: z.uuid() });

/** The problems a DigiD page can explain, as keys of the "digid" namespace's problem texts. */
type Problem =
  | "expired"
  | "cancelled"
  | "invalid"
  | "unavailable"
  | "levelTooLow"
  | "noAccount"
  | "mismatch"
  | "noBsn"
  | "otherMunicipality"
  | "linkedElsewhere"
  | "codeInvalid";

/** What the newcomer is told for each refusal of an invitation (never more than they can know). */
const invitationProblem: Record<DigidRefusal, Problem> = {
  invalid_response: "invalid",
  provider_unavailable: "unavailable",
  level_unknown: "levelTooLow",
  level_too_low: "levelTooLow",
  invitation_invalid: "codeInvalid",
  other_municipality: "otherMunicipality",
  no_bsn_in_record: "noBsn",
  no_bsn_from_digid: "mismatch",
  bsn_mismatch: "mismatch",
  linked_elsewhere: "linkedElsewhere",
  no_account: "noAccount",
  account_inactive: "noAccount",
};

/**
 * DigiD for newcomers (decision 0017): "Set up with DigiD" from the invitation at /welkom/digid,
 * "Sign in with DigiD" at /inloggen/digid, and the broker's answer at /inloggen/digid/callback.
 */
export function digidRoutes(deps: { database: Database; config: Config }) {
  const db = deps.database.db;
  const { config } = deps;
  const protocol: ProtocolOptions = { allowLoopbackHttp: !config.isProduction };
  const redirectUri = `${config.publicUrl}${DIGID_CALLBACK_PATH}`;
  const linkKey = identityLinkKey(config.identityLinkSecret);
  const limit = { rateLimit: { max: 20, timeWindow: "1 minute" } };

  const problem = (
    reply: FastifyReply,
    key: Problem,
    status: number,
    back: "welcome" | "signIn",
  ) => {
    const t = reply.request.t;
    const title = t(key === "noAccount" ? "digid:problem.noAccountTitle" : "digid:problem.title");
    return reply.page(
      title,
      <DigidProblemPage title={title} message={t(`digid:problem.${key}`)} back={back} />,
      { status },
    );
  };

  /** Sends the browser to the broker, keeping what the answer must match in the session. */
  const toBroker = async (
    request: FastifyRequest,
    reply: FastifyReply,
    provider: IdentityProviderRow,
    intent: { intent: "signin" } | { intent: "invitation"; invitationId: string },
  ) => {
    let start: Awaited<ReturnType<typeof beginSignIn>>;
    try {
      start = await beginSignIn(
        provider,
        redirectUri,
        protocol,
        digidAuthorizationRequest(provider),
      );
    } catch (error) {
      request.log.warn(errorSummary(error), "DigiD broker discovery failed");
      return problem(reply, "unavailable", 503, intent.intent === "signin" ? "signIn" : "welcome");
    }
    request.session.set("digid", { ...start.pending, ...intent });
    return reply.redirect(start.url.href, 303);
  };

  /** Whether a code is a valid invitation from a municipality with DigiD; else the field's error. */
  const checkCode = async (
    request: FastifyRequest,
    code: string,
  ): Promise<
    { ok: true; invitationId: string; provider: IdentityProviderRow } | { ok: false; error: string }
  > => {
    const invitation = await findInvitation(db, code);
    if (!invitation) return { ok: false, error: request.t("portal:welcome.codeInvalid") };
    const provider = await enabledDigidProvider(db, { organisationId: invitation.organisationId });
    if (!provider) return { ok: false, error: request.t("digid:welcome.notOffered") };
    return { ok: true, invitationId: invitation.id, provider };
  };

  return async (app: FastifyInstance) => {
    // ——— Accepting the invitation with DigiD ———
    // Every step towards the broker is a link, not a form: the CSP's form-action 'self' would
    // stop a form whose answer redirects to the broker (Chromium checks redirects too).

    app.get("/welkom/digid", { config: limit }, async (request, reply) => {
      const { t } = request;
      const raw = (request.query as Record<string, unknown>).code;
      const title = t("digid:welcome.title");
      if (raw === undefined) return reply.page(title, <DigidStartPage values={{}} />);
      const form = parseForm(codeSchema, request.query, t);
      if (!form.ok)
        return reply.page(title, <DigidStartPage values={form.values} errors={form.errors} />, {
          status: 422,
        });
      const code = formatCode(normaliseCode(form.data.code).slice(0, 12));
      const checked = await checkCode(request, form.data.code);
      if (!checked.ok)
        return reply.page(
          title,
          <DigidStartPage values={{ code }} errors={{ code: checked.error }} />,
          { status: 422 },
        );
      return reply.page(title, <DigidStartPage values={{ code }} ready />);
    });

    app.get("/welkom/digid/start", { config: limit }, async (request, reply) => {
      const form = parseForm(codeSchema, request.query, request.t);
      if (!form.ok) return reply.redirect("/welkom/digid", 303);
      const checked = await checkCode(request, form.data.code);
      if (!checked.ok)
        return reply.redirect(`/welkom/digid?code=${encodeURIComponent(form.data.code)}`, 303);
      return toBroker(request, reply, checked.provider, {
        intent: "invitation",
        invitationId: checked.invitationId,
      });
    });

    // ——— Signing in with DigiD ———

    app.get("/inloggen/digid", { config: limit }, async (request, reply) => {
      const chosen = (request.query as Record<string, unknown>).provider;
      // No municipality chosen (a typed or shortened address): the sign-in page lists them.
      if (!chosen) return reply.seeOther("/inloggen", request.t("digid:signIn.chooseFirst"));
      const query = providerQuery.safeParse(request.query);
      const provider = query.success
        ? await enabledDigidProvider(db, { id: query.data.provider })
        : undefined;
      if (!provider) return problem(reply, "unavailable", 404, "signIn");
      const returnTo = safeReturnPath((request.query as Record<string, unknown>).terug);
      if (returnTo !== "/") request.session.set("returnTo", returnTo);
      return toBroker(request, reply, provider, { intent: "signin" });
    });

    // ——— The broker's answer ———

    app.get(DIGID_CALLBACK_PATH, { config: limit }, async (request, reply) => {
      const pending = request.session.get("digid");
      // Single use: a replayed or second answer finds nothing to continue.
      request.session.set("digid", undefined);
      if (!pending) return problem(reply, "expired", 400, "signIn");
      const back = pending.intent === "signin" ? "signIn" : "welcome";
      const action = pending.intent === "signin" ? "sign_in" : "accept_invitation";
      const ctx = auditContext(request);
      const provider = await findProvider(db, pending.providerId);
      if (!provider) return problem(reply, "unavailable", 400, back);
      if (!provider.enabled || provider.purpose !== "digid") {
        await recordDigidRefusal(db, ctx, { action, provider, reason: "provider_unavailable" });
        return problem(reply, "unavailable", 400, back);
      }
      const callbackUrl = new URL(redirectUri);
      callbackUrl.search = new URL(request.url, "http://callback.invalid").search;
      let verified: Awaited<ReturnType<typeof completeAuthorization>>;
      try {
        verified = await completeAuthorization(
          provider,
          pending,
          callbackUrl,
          protocol,
          wantedClaims(provider),
        );
      } catch (error) {
        // The error's name and code only: a broker's answer can hold personal data (the BSN).
        request.log.info(errorSummary(error), "DigiD answer refused");
        await recordDigidRefusal(db, ctx, { action, provider, reason: "invalid_response" });
        const cancelled = callbackUrl.searchParams.get("error") === "access_denied";
        return problem(reply, cancelled ? "cancelled" : "invalid", 400, back);
      }
      const read = readDigidAnswer(provider, verified, linkKey);
      if (!read.ok) {
        await recordDigidRefusal(db, ctx, { action, provider, reason: read.reason });
        return problem(reply, "levelTooLow", 403, back);
      }
      const result =
        pending.intent === "invitation"
          ? await acceptInvitationWithDigid(db, ctx, {
              invitationId: pending.invitationId,
              answer: read.answer,
              locale: request.locale,
            })
          : await signInWithDigid(db, ctx, read.answer);
      if (result.outcome === "refused") {
        // Signing in says one thing only, whatever the reason: no Koers account is linked.
        const key = pending.intent === "signin" ? "noAccount" : invitationProblem[result.reason];
        return problem(reply, key, 403, back);
      }
      await startSession(request, {
        accountId: result.accountId,
        organisationId: result.organisationId,
        epoch: result.epoch,
        // DigiD Midden or higher is two factors (decision 0017): no Koers code on top.
        mfa: true,
      });
      if (pending.intent === "invitation") {
        reply.setCookie(LANGUAGE_COOKIE, request.locale, languageCookieOptions);
        return reply.seeOther("/mijn-plan", request.t("digid:welcome.done"));
      }
      if (
        !request.cookies[LANGUAGE_COOKIE] &&
        result.locale !== defaultLocale &&
        isLocale(result.locale)
      ) {
        reply.setCookie(LANGUAGE_COOKIE, result.locale, languageCookieOptions);
      }
      const returnTo = safeReturnPath(request.session.get("returnTo"));
      request.session.set("returnTo", undefined);
      return reply.redirect(returnTo === "/" ? "/mijn-plan" : returnTo, 303);
    });
  };
}

function errorSummary(error: unknown): { error: string; code?: string } {
  const { name, code } = error as { name?: string; code?: unknown };
  return { error: name ?? "Error", ...(typeof code === "string" ? { code } : {}) };
}
