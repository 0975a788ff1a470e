import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { FastifyInstance, FastifyRequest } from "fastify";
import { z } from "zod";
import { auditContext, safeReturnPath, startSession } from "../accounts/index.ts";
import { NotFoundError, requireSignedIn } from "../platform/authz/index.ts";
import type { Config } from "../platform/config.ts";
import type { Database } from "../platform/db/client.ts";
import { parseForm } from "../platform/http/forms.ts";
import {
  defaultLocale,
  isLocale,
  LANGUAGE_COOKIE,
  languageCookieOptions,
} from "../platform/i18n/index.ts";
import {
  authenticationOptions,
  findPasskeyRef,
  listPasskeys,
  parseAuthentication,
  parseRegistration,
  passkeyPolicy,
  refusePasskeySignIn,
  registerPasskey,
  registrationOptions,
  relyingParty,
  removePasskey,
  signInWithPasskey,
} from "./passkeys.ts";
import { PasskeyRefusedPage, PasskeysPage } from "./views/passkeys.tsx";

declare module "fastify" {
  interface Session {
    /** The WebAuthn challenge given out last, for one registration or one sign-in, used once. */
    passkeyChallenge?: { value: string; purpose: "register" | "signin"; expiresAt: number };
  }
}

const root = fileURLToPath(new URL("../../", import.meta.url));
// A fixed address (the sign-in page in accounts/ cannot know a content hash): revalidated by ETag.
export const passkeyScriptUrl = "/assets/passkeys.js";
const script = readFileSync(`${root}assets/passkeys.js`);
const scriptTag = `"${createHash("sha256").update(script).digest("hex").slice(0, 16)}"`;

const CHALLENGE_MINUTES = 5;

const registerSchema = z.object({
  name: z.string().trim().min(1).max(60),
  credential: z.string().max(40_000).optional(),
});
const signInSchema = z.object({
  credential: z.string().min(1).max(40_000),
  terug: z.string().optional(),
});
const idSchema = z.object({ id: z.uuid() });

/** Takes the challenge out of the session (one use), if it is for this purpose and still fresh. */
function takeChallenge(request: FastifyRequest, purpose: "register" | "signin") {
  const challenge = request.session.get("passkeyChallenge");
  request.session.set("passkeyChallenge", undefined);
  if (!challenge || challenge.purpose !== purpose || challenge.expiresAt < Date.now())
    return undefined;
  return challenge.value;
}

function keepChallenge(request: FastifyRequest, purpose: "register" | "signin", value: string) {
  request.session.set("passkeyChallenge", {
    value,
    purpose,
    expiresAt: Date.now() + CHALLENGE_MINUTES * 60_000,
  });
}

/** Passkeys: manage them at /account/passkeys, sign in with one at /inloggen/passkey. */
export function passkeyRoutes(deps: { database: Database; config: Config }) {
  const db = deps.database.db;
  const rp = relyingParty(deps.config.publicUrl);
  const signInLimit = { rateLimit: { max: 30, timeWindow: "1 minute" } };

  return async (app: FastifyInstance) => {
    app.get(passkeyScriptUrl, { config: { rateLimit: false } }, async (request, reply) => {
      reply.header("cache-control", "no-cache").header("etag", scriptTag);
      if (request.headers["if-none-match"] === scriptTag) return reply.code(304).send();
      return reply.header("content-type", "text/javascript; charset=utf-8").send(script);
    });

    const ownPage = async (request: FastifyRequest) => {
      requireSignedIn(request.actor);
      passkeyPolicy.authorize(request.actor, "passkey.manageOwn", null);
      return listPasskeys(db, request.actor.accountId ?? "");
    };

    app.get("/account/passkeys", async (request, reply) => {
      const keys = await ownPage(request);
      return reply.page(
        request.t("passkeys:title"),
        <PasskeysPage keys={keys} scriptUrl={passkeyScriptUrl} />,
      );
    });

    app.post("/account/passkeys/opties", async (request, reply) => {
      requireSignedIn(request.actor);
      passkeyPolicy.authorize(request.actor, "passkey.manageOwn", null);
      const options = await registrationOptions(db, rp, request.actor.accountId ?? "");
      keepChallenge(request, "register", options.challenge);
      return reply.header("cache-control", "no-store").send(options);
    });

    app.post("/account/passkeys", async (request, reply) => {
      const { t, actor } = request;
      const keys = await ownPage(request);
      const form = parseForm(registerSchema, request.body, t);
      const challenge = takeChallenge(request, "register");
      const response = form.ok ? parseRegistration(form.data.credential ?? "") : undefined;
      const outcome =
        form.ok && response && challenge
          ? await registerPasskey(db, auditContext(request), {
              rp,
              accountId: actor.accountId ?? "",
              organisationId: actor.organisationId,
              expectedChallenge: challenge,
              response,
              name: form.data.name,
            })
          : "invalid";
      if (outcome !== "ok") {
        const errors = form.ok ? { name: t("passkeys:notAdded") } : form.errors;
        return reply.page(
          t("passkeys:title"),
          <PasskeysPage
            keys={keys}
            scriptUrl={passkeyScriptUrl}
            errors={errors}
            values={form.ok ? { name: form.data.name } : form.values}
          />,
          { status: 422 },
        );
      }
      return reply.seeOther("/account/passkeys", t("passkeys:addedDone"));
    });

    app.post("/account/passkeys/:id/verwijderen", async (request, reply) => {
      requireSignedIn(request.actor);
      const params = idSchema.safeParse(request.params);
      const key = params.success ? await findPasskeyRef(db, params.data.id) : undefined;
      if (!key) throw new NotFoundError("passkey");
      passkeyPolicy.authorize(request.actor, "passkey.remove", key);
      await removePasskey(db, auditContext(request), key);
      return reply.seeOther("/account/passkeys", request.t("passkeys:removed"));
    });

    app.post("/inloggen/passkey/opties", { config: signInLimit }, async (request, reply) => {
      const options = await authenticationOptions(rp);
      keepChallenge(request, "signin", options.challenge);
      return reply.header("cache-control", "no-store").send(options);
    });

    app.post("/inloggen/passkey", { config: signInLimit }, async (request, reply) => {
      const { t } = request;
      const form = parseForm(signInSchema, request.body, t);
      const challenge = takeChallenge(request, "signin");
      const response = form.ok ? parseAuthentication(form.data.credential) : undefined;
      const result =
        response && challenge
          ? await signInWithPasskey(db, auditContext(request), {
              rp,
              expectedChallenge: challenge,
              response,
            })
          : undefined;
      if (result?.outcome !== "ok") {
        // A malformed post or a missing challenge never reached the verifier: audit it here.
        if (!result) await refusePasskeySignIn(db, auditContext(request), "malformed");
        return reply.page(t("passkeys:refusedTitle"), <PasskeyRefusedPage />, { status: 401 });
      }
      const returnTo = safeReturnPath(form.ok ? form.data.terug : undefined);
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
        mfa: result.userVerified,
      });
      return reply.redirect(result.needsEnrolment ? "/account/tweestaps" : returnTo, 303);
    });
  };
}
