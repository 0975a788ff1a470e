import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { eq } from "drizzle-orm";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import QRCode from "qrcode";
import { z } from "zod";
import { auditContext, safeReturnPath, startSession } from "../accounts/index.ts";
import { todayInNetherlands } from "../newcomers/index.ts";
import { organisations } from "../organisations/index.ts";
import { NotFoundError, requireSignedIn } from "../platform/authz/index.ts";
import type { Config } from "../platform/config.ts";
import type { Database } from "../platform/db/client.ts";
import { type FieldErrors, parseForm } from "../platform/http/forms.ts";
import {
  isLocale,
  LANGUAGE_COOKIE,
  languageCookieOptions,
  translator,
} from "../platform/i18n/index.ts";
import type { Mailer } from "../platform/mail/mailer.ts";
import { useView } from "../platform/views/context.ts";
import {
  acceptInvitation,
  addVoice,
  findInvitation,
  hasPlaceholderEmail,
  inviteNewcomer,
  PortalInputError,
  reactToPlan,
  rememberLocale,
  unlinkDigid,
} from "./commands.ts";
import { anyDigidProvider, enabledDigidProvider } from "./digid.ts";
import { digidRoutes } from "./digid-routes.tsx";
import { portalPolicy } from "./policy.ts";
import { findInviteRef, findOwnRecord, getInviteNewcomer, getMyPlan } from "./queries.ts";
import { calendarFile, formatCode, normaliseCode } from "./rules.ts";
import {
  AppointmentsPage,
  InvitePage,
  LanguageChoicePage,
  LetterPage,
  SecondFactorOffer,
  WelcomeCodePage,
} from "./views/access.tsx";
import { MyPlanPage, type Reading, readingFor } from "./views/plan.tsx";

const root = fileURLToPath(new URL("../../", import.meta.url));

/**
 * The read-aloud script, with the page's nonce. Read while rendering: calling
 * reply.viewContext() beforehand would take the flash message off the session before the page
 * is rendered, and the message would never be shown.
 */
function PortalScript() {
  const { nonce } = useView();
  return <script src={scriptUrl} nonce={nonce} defer />;
}

/** Cookies for "Eenvoudig Nederlands" and "Dutch beside my language" (no personal data). */
const B1_COOKIE = "koers_b1";
const BESIDE_COOKIE = "koers_naast";

// The read-aloud module, content-hashed and cached like the shared script.
const script = readFileSync(`${root}assets/portal.js`);
const scriptUrl = `/mijn-plan/portal.${createHash("sha256").update(script).digest("hex").slice(0, 12)}.js`;

const inviteSchema = z.object({
  email: z.email().max(254).optional(),
  by: z.enum(["letter", "mail"]),
});
const welcomeSchema = z
  .object({
    code: z.string().min(1).max(40),
    email: z.email().max(254),
    password: z.string().min(1).max(200),
    confirm: z.string().min(1).max(200),
  })
  .refine((v) => v.password === v.confirm, {
    path: ["confirm"],
    message: "validation:passwordsDiffer",
  });
const voiceSchema = z.object({
  kind: z.enum(["droom", "doel", "opmerking", "wijzigingsvoorstel"]),
  form: z
    .string()
    .max(60)
    .regex(/^text-[\w-]+$/),
  goalId: z.string().max(80).optional(),
  planVersionId: z.uuid().optional(),
});
const reactionSchema = z.object({
  planVersionId: z.uuid(),
  agrees: z.enum(["ja", "nee"]),
  explanation: z.string().max(4000).optional(),
});

/** The newcomer's own space: getting in, My plan, their voice, appointments. */
export function portalRoutes(deps: { database: Database; mailer: Mailer; config: Config }) {
  const db = deps.database.db;
  const { publicUrl } = deps.config;

  const reading = (request: FastifyRequest): Reading =>
    readingFor(request.t, translator("nl"), {
      b1: request.cookies[B1_COOKIE] === "1",
      beside: request.cookies[BESIDE_COOKIE] === "1",
      locale: request.locale,
    });

  /** The signed-in newcomer's own record; 404 for anyone else (staff have no "own plan"). */
  const ownRecord = async (request: FastifyRequest) => {
    requireSignedIn(request.actor);
    const accountId = request.actor.accountId;
    const record = accountId ? await findOwnRecord(db, accountId) : undefined;
    if (!record || !portalPolicy.can(request.actor, "portal.readOwn", record))
      throw new NotFoundError("newcomer");
    if (record.accountLocale !== request.locale) {
      await rememberLocale(db, auditContext(request), {
        accountId: record.accountId ?? "",
        organisationId: record.organisationId,
        locale: request.locale,
      });
      record.accountLocale = request.locale;
    }
    return record;
  };

  const showPlan = async (
    request: FastifyRequest,
    reply: FastifyReply,
    form?: { errors: FieldErrors; formId?: string | undefined; value?: string | undefined },
  ) => {
    const record = await ownRecord(request);
    const r = reading(request);
    const plan = await getMyPlan(db, auditContext(request), record.id, request.locale, {
      remember: !form,
    });
    return reply.page(
      r.p("plan.title", { name: plan.newcomer.givenNames }),
      <>
        {request.query && (request.query as Record<string, unknown>).welkom === "1" && (
          <SecondFactorOffer r={r} />
        )}
        <MyPlanPage
          plan={plan}
          r={r}
          today={todayInNetherlands()}
          errors={form?.errors}
          formId={form?.formId}
          value={form?.value}
        />
        <PortalScript />
      </>,
      form ? { status: 422 } : undefined,
    );
  };

  return async (app: FastifyInstance) => {
    await app.register(digidRoutes(deps));

    app.get(scriptUrl, { config: { rateLimit: false } }, async (_request, reply) =>
      reply
        .header("content-type", "text/javascript; charset=utf-8")
        .header("cache-control", "public, max-age=31536000, immutable")
        .send(script),
    );
    // ——— The consultant invites the newcomer ———

    const invitable = async (request: FastifyRequest) => {
      requireSignedIn(request.actor);
      const { id } = request.params as { id: string };
      const ref = await findInviteRef(db, id);
      if (!ref || !portalPolicy.can(request.actor, "portal.invite", ref))
        throw new NotFoundError("newcomer");
      return getInviteNewcomer(db, auditContext(request), ref);
    };

    app.get("/nieuwkomers/:id/uitnodigen", async (request, reply) => {
      const newcomer = await invitable(request);
      return reply.page(
        request.t("portal-invite:title", { name: newcomer.givenNames }),
        <InvitePage newcomer={newcomer} />,
      );
    });

    app.post("/nieuwkomers/:id/digid/ontkoppelen", async (request, reply) => {
      requireSignedIn(request.actor);
      const { id } = request.params as { id: string };
      const ref = await findInviteRef(db, id);
      if (!ref || !portalPolicy.can(request.actor, "portal.invite", ref))
        throw new NotFoundError("newcomer");
      const ended = await unlinkDigid(db, auditContext(request), ref);
      return reply.seeOther(
        `/nieuwkomers/${ref.id}/uitnodigen`,
        request.t(ended > 0 ? "portal-invite:digidUnlinked" : "portal-invite:digidNothingToUnlink"),
      );
    });

    app.post("/nieuwkomers/:id/uitnodigen", async (request, reply) => {
      const { t } = request;
      const newcomer = await invitable(request);
      const form = parseForm(inviteSchema, request.body, t);
      const again = (errors: FieldErrors, values: Record<string, unknown>) =>
        reply.page(
          t("portal-invite:title", { name: newcomer.givenNames }),
          <InvitePage newcomer={newcomer} errors={errors} values={values} />,
          { status: 422 },
        );
      if (!form.ok) return again(form.errors, form.values);
      if (form.data.by === "mail" && !form.data.email)
        return again({ email: t("portal-invite:emailNeeded") }, form.data);
      let invited: Awaited<ReturnType<typeof inviteNewcomer>>;
      try {
        invited = await inviteNewcomer(db, auditContext(request), {
          newcomerId: newcomer.id,
          email: form.data.email,
        });
      } catch (error) {
        if (error instanceof PortalInputError)
          return again({ [error.field]: t(error.key) }, form.data);
        throw error;
      }
      const link = `${publicUrl}/welkom?code=${encodeURIComponent(invited.code)}`;
      const lang = isLocale(newcomer.preferredLanguage) ? newcomer.preferredLanguage : "nl";
      const own = translator(lang);
      if (form.data.by === "mail") {
        // Only a link and the code: the mail holds no other personal data.
        await deps.mailer.send({
          to: invited.email,
          subject: own("portal:mail.subject"),
          text: own("portal:mail.body", { link, code: invited.code }),
          organisationId: newcomer.organisationId,
        });
        return reply.seeOther(`/nieuwkomers/${newcomer.id}`, t("portal-invite:mailed"));
      }
      const [org] = await db
        .select({ name: organisations.name })
        .from(organisations)
        .where(eq(organisations.id, newcomer.organisationId));
      const qrSvg = await QRCode.toString(link, {
        type: "svg",
        errorCorrectionLevel: "M",
        margin: 1,
      });
      return reply.page(
        t("portal-invite:letterTitle"),
        <LetterPage
          newcomer={newcomer}
          municipality={org?.name ?? ""}
          code={invited.code}
          link={`${publicUrl}/welkom`}
          qrSvg={qrSvg}
          expiresOn={invited.expiresAt.toISOString().slice(0, 10)}
          nl={translator("nl")}
          own={own}
        />,
      );
    });

    // ——— The newcomer gets in ———

    app.get("/welkom", async (request, reply) => {
      const code = (request.query as Record<string, unknown>).code;
      return reply.page(
        request.t("portal:welcome.chooseLanguage"),
        <LanguageChoicePage code={typeof code === "string" ? code.slice(0, 40) : undefined} />,
      );
    });

    app.get("/welkom/code", async (request, reply) => {
      const code = (request.query as Record<string, unknown>).code;
      const values: Record<string, unknown> = {};
      let digid: { code?: string } | undefined;
      const invitation = typeof code === "string" ? await findInvitation(db, code) : undefined;
      if (typeof code === "string") {
        values.code = formatCode(normaliseCode(code).slice(0, 12));
        if (invitation && !hasPlaceholderEmail(invitation.email)) values.email = invitation.email;
      }
      if (invitation) {
        // The code tells the municipality: DigiD is offered only where it has a broker.
        if (await enabledDigidProvider(db, { organisationId: invitation.organisationId }))
          digid = { code: String(values.code) };
      } else if (await anyDigidProvider(db)) {
        digid = {};
      }
      const r = reading(request);
      return reply.page(
        r.p("welcome.title"),
        <WelcomeCodePage r={r} values={values} digid={digid} />,
      );
    });

    app.post(
      "/welkom/code",
      { config: { rateLimit: { max: 20, timeWindow: "1 minute" } } },
      async (request, reply) => {
        const { t } = request;
        const r = reading(request);
        const form = parseForm(welcomeSchema, request.body, t);
        const again = async (errors: FieldErrors, values: Record<string, unknown>) =>
          reply.page(
            r.p("welcome.title"),
            <WelcomeCodePage
              r={r}
              errors={errors}
              values={values}
              digid={(await anyDigidProvider(db)) ? {} : undefined}
            />,
            {
              status: 422,
            },
          );
        if (!form.ok) return again(form.errors, form.values);
        try {
          const accepted = await acceptInvitation(db, auditContext(request), {
            code: form.data.code,
            email: form.data.email,
            password: form.data.password,
            locale: request.locale,
          });
          await startSession(request, { ...accepted, mfa: false });
          reply.setCookie(LANGUAGE_COOKIE, request.locale, languageCookieOptions);
          return reply.seeOther("/mijn-plan?welkom=1", r.p("welcome.done"));
        } catch (error) {
          if (!(error instanceof PortalInputError)) throw error;
          const { password: _p, confirm: _c, ...values } = form.data;
          return again({ [error.field]: t(error.key) }, values);
        }
      },
    );

    // ——— Reading preferences (cookies only; nothing personal) ———

    const toggle = (path: string, cookie: string) =>
      app.get(path, async (request, reply) => {
        const q = request.query as Record<string, unknown>;
        const on = q.aan === "1";
        if (on) reply.setCookie(cookie, "1", languageCookieOptions);
        else reply.clearCookie(cookie, { path: "/" });
        // Eenvoudig Nederlands is Dutch: it switches the language to Dutch as well.
        if (on && cookie === B1_COOKIE)
          reply.setCookie(LANGUAGE_COOKIE, "nl", languageCookieOptions);
        return reply.redirect(safeReturnPath(q.terug ?? "/mijn-plan"), 303);
      });
    toggle("/mijn-plan/eenvoudig", B1_COOKIE);
    toggle("/mijn-plan/naast", BESIDE_COOKIE);

    // ——— My plan ———

    app.get("/mijn-plan", async (request, reply) => showPlan(request, reply));

    app.post("/mijn-plan/stem", async (request, reply) => {
      const record = await ownRecord(request);
      portalPolicy.authorize(request.actor, "portal.speak", record);
      const { t } = request;
      const form = parseForm(voiceSchema, request.body, t);
      if (!form.ok) return showPlan(request, reply, { errors: form.errors });
      const body = request.body as Record<string, unknown>;
      const raw = body[form.data.form];
      const text = typeof raw === "string" ? raw.trim() : "";
      if (text.length === 0 || text.length > 4000)
        return showPlan(request, reply, {
          errors: { [form.data.form]: t(text ? "validation:tooLong" : "portal:voice.empty") },
          formId: form.data.form,
          value: text,
        });
      await addVoice(db, auditContext(request), {
        newcomerId: record.id,
        organisationId: record.organisationId,
        kind: form.data.kind,
        text,
        goalId: form.data.goalId,
        planVersionId: form.data.planVersionId,
        locale: request.locale,
      });
      return reply.seeOther("/mijn-plan#mijn-stem", reading(request).p("voice.thanks"));
    });

    app.post("/mijn-plan/reactie", async (request, reply) => {
      const record = await ownRecord(request);
      portalPolicy.authorize(request.actor, "portal.speak", record);
      const { t } = request;
      const form = parseForm(reactionSchema, request.body, t);
      if (!form.ok) return showPlan(request, reply, { errors: form.errors });
      let result: { notify: string | null };
      try {
        result = await reactToPlan(db, auditContext(request), {
          newcomerId: record.id,
          organisationId: record.organisationId,
          planVersionId: form.data.planVersionId,
          agrees: form.data.agrees === "ja",
          explanation: form.data.explanation,
          locale: request.locale,
        });
      } catch (error) {
        // Another newcomer's plan version: as if it does not exist.
        if (error instanceof PortalInputError) throw new NotFoundError("plan version");
        throw error;
      }
      if (result.notify) {
        const nl = translator("nl");
        // A link only: no name, no words of the newcomer in the mail (it leaves Koers).
        await deps.mailer.send({
          to: result.notify,
          subject: nl("portal-invite:disagreeSubject"),
          text: nl("portal-invite:disagreeBody", {
            link: `${publicUrl}/nieuwkomers/${record.id}/pip`,
          }),
          organisationId: record.organisationId,
        });
      }
      return reply.seeOther("/mijn-plan#mening", reading(request).p("react.thanks"));
    });

    // ——— Appointments ———

    app.get("/mijn-plan/afspraken", async (request, reply) => {
      const record = await ownRecord(request);
      const r = reading(request);
      const plan = await getMyPlan(db, auditContext(request), record.id, request.locale, {
        remember: false,
      });
      return reply.page(
        r.p("appointments.title"),
        <AppointmentsPage r={r} appointments={plan.appointments} />,
      );
    });

    app.get("/mijn-plan/afspraken.ics", async (request, reply) => {
      const record = await ownRecord(request);
      const r = reading(request);
      const plan = await getMyPlan(db, auditContext(request), record.id, request.locale, {
        remember: false,
      });
      const host = new URL(publicUrl).hostname;
      const ics = calendarFile(
        plan.appointments.map((a) => ({
          uid: `${a.kind}-${a.id}@${host}`,
          date: a.date,
          summary: r.p(`appointments.kind.${a.kind}`),
          description: `${publicUrl}/mijn-plan`,
        })),
        new Date(),
        r.p("appointments.title"),
      );
      return reply
        .header("content-type", "text/calendar; charset=utf-8")
        .header("content-disposition", 'attachment; filename="koers-afspraken.ics"')
        .header("cache-control", "no-store")
        .send(ics);
    });
  };
}
