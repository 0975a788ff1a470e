import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import QRCode from "qrcode";
import { auditContext } from "../accounts/index.ts";
import { createPdfRenderer, PdfUnavailableError } from "../plans/index.ts";
import { NotFoundError, requireSignedIn } from "../platform/authz/index.ts";
import type { Config } from "../platform/config.ts";
import type { Database } from "../platform/db/client.ts";
import { ConflictError } from "../platform/http/errors.ts";
import { type FieldErrors, parseForm } from "../platform/http/forms.ts";
import type { Mailer } from "../platform/mail/mailer.ts";
import {
  addBreakout,
  addTheme,
  BreakoutInUseError,
  cancelRegistration,
  checkIn,
  createSession,
  RegistrationClosedError,
  register,
  removeBreakout,
  updateBreakout,
  updateSession,
} from "./commands.ts";
import {
  breakoutEditSchema,
  breakoutFormSchema,
  breakoutInputFrom,
  breakoutRemoveSchema,
  checkInFormSchema,
  programmeFromForm,
  registrationFormSchema,
  registrationInputFrom,
  sessionFormSchema,
  sessionInputFrom,
} from "./input.ts";
import { changesForRegistrants, registrationMail, sendChangeMails } from "./mails.ts";
import { sessionPolicy } from "./policy.ts";
import {
  breakoutAttachments,
  findOwnRegistration,
  getActionAgenda,
  getAttendance,
  getSession,
  listOrganisationChoices,
  listRegionChoices,
  listRegistrations,
  listSessions,
  listThemes,
  type PresentedBreakout,
  type PresentedSession,
} from "./queries.ts";
import { breakoutRemovalRefusals, icsFile, toCsv } from "./rules.ts";
import { renderAgendaDocument } from "./views/agenda-document.tsx";
import { BreakoutEditPage, BreakoutRemovePage, breakoutValues } from "./views/breakouts.tsx";
import {
  CheckInPage,
  RegistrationsPage,
  SessionFormPage,
  SessionListPage,
  SessionPage,
  sessionValues,
  staffPath,
} from "./views/pages.tsx";
import { ActionAgendaPage, EventPage, OwnRegistrationPage, publicPath } from "./views/public.tsx";

type Params = { id: string; token?: string; breakoutId?: string };
type Body = Record<string, unknown>;

const todayInNetherlands = () =>
  new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Amsterdam" }).format(new Date());

/** Maaksessies before the session: planning (staff), the event page and registration (public), check-in, the actie-agenda. */
export function sessionRoutes(deps: { database: Database; mailer: Mailer; config: Config }) {
  const db = deps.database.db;
  const pdf = createPdfRenderer({ executablePath: deps.config.CHROMIUM_PATH });
  const links = { publicUrl: deps.config.publicUrl, linkSecret: deps.config.SESSION_SECRET };

  const loadSession = async (id: string): Promise<PresentedSession> => {
    const session = await getSession(db, id);
    if (!session) throw new NotFoundError("session");
    return session;
  };

  /** A session the actor may manage; 404 for anyone else, so other organisations learn nothing. */
  const managedSession = async (request: FastifyRequest, id: string) => {
    requireSignedIn(request.actor);
    const session = await loadSession(id);
    if (!sessionPolicy.can(request.actor, "session.manage", session))
      throw new NotFoundError("session");
    return session;
  };

  /** A deelsessie of a session the actor may manage; 404 for anything else. */
  const managedBreakout = async (request: FastifyRequest) => {
    const { id, breakoutId } = request.params as Params;
    const session = await managedSession(request, id);
    const breakout = session.breakouts.find((b) => b.id === breakoutId);
    if (!breakout) throw new NotFoundError("deelsessie");
    return { session, breakout };
  };

  const showBreakoutEdit = async (
    request: FastifyRequest,
    reply: FastifyReply,
    found: { session: PresentedSession; breakout: PresentedBreakout },
    form: { values: Body; errors?: FieldErrors; stored?: PresentedBreakout; status?: number },
  ) =>
    reply.page(
      request.t("sessions:breakouts.editTitle", { title: found.breakout.title }),
      <BreakoutEditPage
        {...found}
        values={form.values}
        errors={form.errors}
        stored={form.stored}
        organisations={await listOrganisationChoices(db)}
      />,
      { status: form.status ?? 200 },
    );

  const showBreakoutRemove = async (
    request: FastifyRequest,
    reply: FastifyReply,
    found: { session: PresentedSession; breakout: PresentedBreakout },
    options: { changed?: boolean; status?: number } = {},
  ) => {
    const attachments = await breakoutAttachments(db, found.breakout.id);
    return reply.page(
      request.t("sessions:breakouts.removeTitle", { title: found.breakout.title }),
      <BreakoutRemovePage
        {...found}
        attachments={attachments}
        refusals={breakoutRemovalRefusals(attachments)}
        changed={options.changed ?? false}
      />,
      { status: options.status ?? 200 },
    );
  };

  const showForm = async (
    request: FastifyRequest,
    reply: FastifyReply,
    options: {
      session?: PresentedSession;
      values: Body;
      errors?: FieldErrors;
      status?: number;
      /** After a stale save: the session as stored now, shown beside the input. */
      stored?: PresentedSession;
    },
  ) => {
    const { t } = request;
    const title = options.session ? t("sessions:form.editTitle") : t("sessions:form.newTitle");
    const programme = options.errors ? [] : (options.session?.programme ?? []);
    return reply.page(
      title,
      <SessionFormPage
        title={title}
        action={
          options.session
            ? staffPath(options.session.id, "/bewerken")
            : staffPath(undefined, "/nieuw")
        }
        values={options.values}
        programme={programme}
        errors={options.errors}
        themes={await listThemes(db)}
        organisations={await listOrganisationChoices(db)}
        regions={await listRegionChoices(db)}
        canAddTheme={sessionPolicy.can(request.actor, "theme.add", {})}
        stored={options.stored}
      />,
      { status: options.status ?? 200 },
    );
  };

  /** Parses the session form; with errors, the form again (422) with everything kept. */
  const parseSession = async (
    request: FastifyRequest,
    reply: FastifyReply,
    session?: PresentedSession,
  ) => {
    const body = (request.body ?? {}) as Body;
    const form = parseForm(sessionFormSchema, body, request.t);
    const programme = programmeFromForm(body);
    const errors: FieldErrors = {
      ...(form.ok ? {} : form.errors),
      ...Object.fromEntries(
        Object.entries(programme.errors).map(([k, key]) => [k, request.t(key)]),
      ),
    };
    if (!form.ok || Object.keys(errors).length > 0) {
      await showForm(request, reply, {
        ...(session ? { session } : {}),
        values: body,
        errors,
        status: 422,
      });
      return undefined;
    }
    const themeIds = [...form.data.themeIds];
    if (form.data.newTheme)
      themeIds.push(await addTheme(db, auditContext(request), form.data.newTheme));
    return sessionInputFrom(form.data, programme.items, [...new Set(themeIds)]);
  };

  const showSession = async (
    reply: FastifyReply,
    session: PresentedSession,
    breakout: { values: Body; errors?: FieldErrors } = { values: {} },
  ) =>
    reply.page(
      session.title,
      <SessionPage
        session={session}
        organisations={await listOrganisationChoices(db)}
        breakoutValues={breakout.values}
        breakoutErrors={breakout.errors}
      />,
      { status: breakout.errors ? 422 : 200 },
    );

  const showEvent = (
    reply: FastifyReply,
    session: PresentedSession,
    values: Body = {},
    errors?: FieldErrors,
  ) =>
    reply.page(session.title, <EventPage session={session} values={values} errors={errors} />, {
      status: errors ? 422 : 200,
    });

  const showCheckIn = async (
    request: FastifyRequest,
    reply: FastifyReply,
    session: PresentedSession,
    extra: Omit<Parameters<typeof CheckInPage>[0], "session" | "attendance"> = {},
  ) => {
    sessionPolicy.authorize(request.actor, "registration.checkIn", session);
    return reply.page(
      request.t("sessions:checkIn.title", { title: session.title }),
      <CheckInPage session={session} attendance={await getAttendance(db, session.id)} {...extra} />,
      { status: extra.errors ? 422 : 200 },
    );
  };

  return async (app: FastifyInstance) => {
    app.addHook("onClose", async () => pdf.close());
    // --- Staff: plan sessions -------------------------------------------------------------
    app.get("/maaksessies", async (request, reply) => {
      requireSignedIn(request.actor);
      const organisationId = request.actor.organisationId ?? "";
      const lists = await listSessions(
        db,
        auditContext(request),
        organisationId,
        todayInNetherlands(),
      );
      return reply.page(
        request.t("sessions:list.title"),
        <SessionListPage
          {...lists}
          canCreate={sessionPolicy.can(request.actor, "session.create", { organisationId })}
        />,
      );
    });

    app.get("/maaksessies/nieuw", async (request, reply) => {
      requireSignedIn(request.actor);
      sessionPolicy.authorize(request.actor, "session.create", {
        organisationId: request.actor.organisationId ?? "",
      });
      return showForm(request, reply, { values: { languages: ["nl"], registrationOpen: "ja" } });
    });

    app.post("/maaksessies/nieuw", async (request, reply) => {
      requireSignedIn(request.actor);
      sessionPolicy.authorize(request.actor, "session.create", {
        organisationId: request.actor.organisationId ?? "",
      });
      const input = await parseSession(request, reply);
      if (!input) return reply;
      const id = await createSession(db, auditContext(request), input);
      return reply.seeOther(staffPath(id), request.t("sessions:form.created"));
    });

    app.get("/maaksessies/:id", async (request, reply) => {
      const session = await managedSession(request, (request.params as Params).id);
      return showSession(reply, session);
    });

    app.get("/maaksessies/:id/bewerken", async (request, reply) => {
      const session = await managedSession(request, (request.params as Params).id);
      return showForm(request, reply, { session, values: sessionValues(session) });
    });

    app.post("/maaksessies/:id/bewerken", async (request, reply) => {
      const session = await managedSession(request, (request.params as Params).id);
      const input = await parseSession(request, reply, session);
      if (!input) return reply;
      const version = Number((request.body as Body).version ?? session.version);
      let promoted: Awaited<ReturnType<typeof updateSession>>;
      try {
        promoted = await updateSession(db, auditContext(request), session.id, version, input);
      } catch (error) {
        if (!(error instanceof ConflictError)) throw error;
        // Both versions side by side; the input stays (a theme typed in is added and ticked), and
        // the form now carries the stored version: saving again is a deliberate overwrite.
        const now = await loadSession(session.id);
        const { newTheme: _added, ...typed } = (request.body ?? {}) as Body;
        return showForm(request, reply, {
          session: now,
          values: { ...typed, themeIds: input.themeIds, version: now.version },
          errors: { _form: request.t("sessions:form.conflict") },
          stored: now,
          status: 409,
        });
      }
      const changed = { ...session, ...input };
      for (const registration of promoted)
        await deps.mailer.send(registrationMail("promoted", changed, registration, links));
      // Registrants hear of a new date, time or place; the promoted ones just had the new details.
      const told = changesForRegistrants(session, changed)
        ? await sendChangeMails(db, auditContext(request), deps.mailer, changed, {
            ...links,
            except: promoted.map((r) => r.id),
          })
        : 0;
      return reply.seeOther(
        staffPath(session.id),
        told > 0
          ? request.t("sessions:form.savedAndTold", { count: told })
          : request.t("sessions:form.saved"),
      );
    });

    app.post("/maaksessies/:id/deelsessies", async (request, reply) => {
      const session = await managedSession(request, (request.params as Params).id);
      const form = parseForm(breakoutFormSchema, request.body, request.t);
      if (!form.ok)
        return showSession(reply, session, { values: form.values, errors: form.errors });
      await addBreakout(db, auditContext(request), session.id, breakoutInputFrom(form.data));
      return reply.seeOther(
        `${staffPath(session.id)}#deelsessies`,
        request.t("sessions:breakouts.added"),
      );
    });

    app.get("/maaksessies/:id/deelsessies/:breakoutId/bewerken", async (request, reply) => {
      const found = await managedBreakout(request);
      return showBreakoutEdit(request, reply, found, { values: breakoutValues(found.breakout) });
    });

    app.post("/maaksessies/:id/deelsessies/:breakoutId/bewerken", async (request, reply) => {
      const found = await managedBreakout(request);
      const form = parseForm(breakoutEditSchema, request.body, request.t);
      if (!form.ok)
        return showBreakoutEdit(request, reply, found, {
          values: form.values,
          errors: form.errors,
          status: 422,
        });
      const input = breakoutInputFrom(form.data);
      try {
        const promoted = await updateBreakout(
          db,
          auditContext(request),
          found.session.id,
          found.breakout.id,
          form.data.version,
          input,
        );
        for (const registration of promoted)
          await deps.mailer.send(registrationMail("promoted", found.session, registration, links));
      } catch (error) {
        if (!(error instanceof ConflictError)) throw error;
        // Both versions side by side; the input stays, the form now carries the stored version.
        const now = await managedBreakout(request);
        return showBreakoutEdit(request, reply, now, {
          values: { ...((request.body ?? {}) as Body), version: now.breakout.version },
          errors: { _form: request.t("sessions:breakouts.conflict") },
          stored: now.breakout,
          status: 409,
        });
      }
      return reply.seeOther(
        `${staffPath(found.session.id)}#deelsessies`,
        request.t("sessions:breakouts.saved"),
      );
    });

    app.get("/maaksessies/:id/deelsessies/:breakoutId/verwijderen", async (request, reply) =>
      showBreakoutRemove(request, reply, await managedBreakout(request)),
    );

    app.post("/maaksessies/:id/deelsessies/:breakoutId/verwijderen", async (request, reply) => {
      const found = await managedBreakout(request);
      const form = parseForm(breakoutRemoveSchema, request.body, request.t);
      // Without a version there is nothing confirmed: show the confirmation again.
      if (!form.ok) return showBreakoutRemove(request, reply, found, { status: 422 });
      try {
        await removeBreakout(
          db,
          auditContext(request),
          found.session.id,
          found.breakout.id,
          form.data.version,
        );
      } catch (error) {
        if (error instanceof ConflictError)
          return showBreakoutRemove(request, reply, await managedBreakout(request), {
            changed: true,
            status: 409,
          });
        // Someone registered (or wrote) in between: the page now says why it cannot go.
        if (error instanceof BreakoutInUseError)
          return showBreakoutRemove(request, reply, found, { status: 409 });
        throw error;
      }
      return reply.seeOther(
        `${staffPath(found.session.id)}#deelsessies`,
        request.t("sessions:breakouts.removed", { title: found.breakout.title }),
      );
    });

    app.get("/maaksessies/:id/aanmeldingen", async (request, reply) => {
      const session = await managedSession(request, (request.params as Params).id);
      const result = await listRegistrations(db, auditContext(request), session);
      return reply.page(
        request.t("sessions:registrations.title", { title: session.title }),
        <RegistrationsPage session={session} {...result} />,
      );
    });

    app.get("/maaksessies/:id/inchecken", async (request, reply) => {
      const session = await managedSession(request, (request.params as Params).id);
      const code = (request.query as Record<string, unknown>).code;
      return showCheckIn(request, reply, session, typeof code === "string" ? { code } : {});
    });

    app.post("/maaksessies/:id/inchecken", async (request, reply) => {
      const session = await managedSession(request, (request.params as Params).id);
      const form = parseForm(checkInFormSchema, request.body, request.t);
      if (!form.ok) return showCheckIn(request, reply, session, { errors: form.errors });
      const result = await checkIn(db, auditContext(request), session.id, form.data.code);
      // The result is shown on the same page (no redirect): the next person's code goes in the same field.
      return showCheckIn(request, reply, session, { result: result ?? "unknown" });
    });

    // --- Public: the event page, registration, the registrant's own page ----------------------
    app.get("/sessies/:id", async (request, reply) => {
      const session = await loadSession((request.params as Params).id);
      return showEvent(reply, session, { locale: request.locale });
    });

    app.post(
      "/sessies/:id/aanmelden",
      { config: { rateLimit: { max: 20, timeWindow: "1 minute" } } },
      async (request, reply) => {
        const session = await loadSession((request.params as Params).id);
        const form = parseForm(registrationFormSchema, request.body, request.t);
        if (!form.ok) return showEvent(reply, session, form.values, form.errors);
        // The page was opened before the procesbegeleider removed the chosen deelsessie: ask
        // again, with everything else kept, instead of a page that says "not found".
        const { breakoutId } = form.data;
        if (breakoutId && !session.breakouts.some((b) => b.id === breakoutId))
          return showEvent(
            reply,
            session,
            { ...(request.body as Body), breakoutId: undefined },
            { breakoutId: request.t("sessions-public:register.breakoutGone") },
          );
        try {
          const registration = await register(
            db,
            auditContext(request),
            session.id,
            registrationInputFrom(form.data),
            links.linkSecret,
          );
          await deps.mailer.send(
            registrationMail(
              registration.status === "aangemeld" ? "confirmed" : "waiting",
              session,
              registration,
              links,
            ),
          );
          return reply.seeOther(
            publicPath(session.id),
            request.t(
              registration.status === "aangemeld"
                ? "sessions-public:register.done"
                : "sessions-public:register.waiting",
            ),
          );
        } catch (error) {
          if (!(error instanceof RegistrationClosedError)) throw error;
          return showEvent(reply, { ...session, registrationOpen: false });
        }
      },
    );

    app.get("/sessies/:id/aanmelding/:token", async (request, reply) => {
      const { id, token = "" } = request.params as Params;
      const session = await loadSession(id);
      const registration = await findOwnRegistration(db, auditContext(request), session, token);
      const checkInUrl = `${deps.config.publicUrl}${staffPath(session.id, "/inchecken")}?code=${registration.checkInCode}`;
      const qrSvg = await QRCode.toString(checkInUrl, {
        type: "svg",
        margin: 2,
        errorCorrectionLevel: "M",
      });
      // The page carries the secret link: keep it out of other sites' referrer logs.
      reply.header("referrer-policy", "no-referrer");
      return reply.page(
        request.t("sessions-public:own.title", { title: session.title }),
        <OwnRegistrationPage
          session={session}
          registration={registration}
          token={token}
          qrSvg={qrSvg}
        />,
      );
    });

    app.post("/sessies/:id/aanmelding/:token/annuleren", async (request, reply) => {
      const { id, token = "" } = request.params as Params;
      const session = await loadSession(id);
      const result = await cancelRegistration(db, auditContext(request), session.id, token);
      if (!result) throw new NotFoundError("registration");
      for (const promoted of result.promoted)
        await deps.mailer.send(registrationMail("promoted", session, promoted, links));
      return reply.seeOther(publicPath(session.id), request.t("sessions-public:own.cancelled"));
    });

    app.get("/sessies/:id/agenda.ics", async (request, reply) => {
      const session = await loadSession((request.params as Params).id);
      const ics = icsFile({
        uid: `${session.id}@koers`,
        title: session.title,
        day: session.date,
        startsAt: session.startsAt,
        endsAt: session.endsAt,
        location: session.place ?? session.onlineUrl,
        url: `${deps.config.publicUrl}${publicPath(session.id)}`,
        description: session.description,
        stamp: new Date(),
      });
      return reply
        .header("content-disposition", 'attachment; filename="maaksessie.ics"')
        .type("text/calendar; charset=utf-8")
        .send(ics);
    });

    // --- The actie-agenda ------------------------------------------------------------------
    app.get("/sessies/:id/actie-agenda", async (request, reply) => {
      const session = await loadSession((request.params as Params).id);
      const agenda = await getActionAgenda(db, session);
      return reply.page(
        request.t("sessions-public:agenda.heading", { title: session.title }),
        <ActionAgendaPage session={session} {...agenda} pdfAvailable={pdf.available()} />,
      );
    });

    app.get("/sessies/:id/actie-agenda.pdf", async (request, reply) => {
      const session = await loadSession((request.params as Params).id);
      const agenda = await getActionAgenda(db, session);
      try {
        const body = await pdf.render(
          renderAgendaDocument(reply.viewContext(), { session, ...agenda }),
        );
        return reply
          .header("content-disposition", 'attachment; filename="actie-agenda.pdf"')
          .type("application/pdf")
          .send(body);
      } catch (error) {
        if (!(error instanceof PdfUnavailableError)) throw error;
        request.log.warn({ err: error }, "pdf unavailable");
        // The page itself prints well: send the reader there.
        return reply.redirect(publicPath(session.id, "/actie-agenda"), 303);
      }
    });

    app.get("/sessies/:id/actie-agenda.csv", async (request, reply) => {
      const session = await loadSession((request.params as Params).id);
      const { vraagstukken, loose } = await getActionAgenda(db, session);
      const { t } = request;
      const rows = [
        ...vraagstukken.flatMap((v) => v.actions.map((a) => ({ v: v.title, a }))),
        ...loose.map((a) => ({ v: "", a })),
      ];
      const csv = toCsv([
        [
          t("sessions-public:agenda.vraagstukColumn"),
          t("sessions-public:agenda.what"),
          t("sessions-public:agenda.owner"),
          t("sessions-public:agenda.ownerOrganisation"),
          t("sessions-public:agenda.coOwners"),
          t("sessions-public:agenda.stakeholders"),
          t("sessions-public:agenda.firstStep"),
          t("sessions-public:agenda.due"),
          t("sessions-public:agenda.status"),
        ],
        ...rows.map(({ v, a }) => [
          v,
          a.what,
          a.ownerName,
          a.ownerOrganisationName,
          a.coOwnerOrganisations.join(", "),
          a.stakeholders,
          a.firstStep,
          a.dueOn,
          a.status,
        ]),
      ]);
      return reply
        .header("content-disposition", 'attachment; filename="actie-agenda.csv"')
        .type("text/csv; charset=utf-8")
        .send(csv);
    });
  };
}
