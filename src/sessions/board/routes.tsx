import { createHash, randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import QRCode from "qrcode";
import { z } from "zod";
import { auditContext } from "../../accounts/index.ts";
import { ForbiddenError, NotFoundError, requireSignedIn } from "../../platform/authz/index.ts";
import type { Config } from "../../platform/config.ts";
import type { Database } from "../../platform/db/client.ts";
import { type FieldErrors, parseForm } from "../../platform/http/forms.ts";
import { isLocale, LANGUAGE_COOKIE, languageCookieOptions } from "../../platform/i18n/index.ts";
import { noteCategories, participantRoles } from "../schema.ts";
import {
  addDutchVersion,
  addStory,
  castVote,
  createAction,
  createGroup,
  hideNote,
  joinBoard,
  moveNote,
  postNote,
  revealNotes,
  saveBoardSettings,
  setPhase,
  updateGroup,
} from "./commands.ts";
import { BoardHub, sseFrame } from "./live.ts";
import { boardPolicy } from "./policy.ts";
import {
  type BoardParticipant,
  type BoardSession,
  dotsUsed,
  findGroup,
  findNote,
  findParticipant,
  findSessionByCode,
  findSessionById,
  hashSecret,
  loadBoard,
  noteIdsIn,
  noteLexemes,
} from "./queries.ts";
import { acceptsNotes, boardPhases, suggestGroups } from "./rules.ts";
import { FacilitatorPage, facilitatorPath, ProjectorPage } from "./views/facilitator.tsx";
import {
  boardPath,
  JoinCodePage,
  JoinPage,
  joinPath,
  ParticipantBoardPage,
} from "./views/participant.tsx";

/** The participant's secret: httpOnly, so no script can read it; only its hash is stored. */
export const PARTICIPANT_COOKIE = "koers_bord";

const root = fileURLToPath(new URL("../../../", import.meta.url));
const uuid = z.string().uuid();

const joinSchema = z.object({
  role: z.enum(participantRoles),
  displayName: z.string().max(80).optional(),
  locale: z.string().refine(isLocale, "validation:choice"),
});

const noteSchema = z.object({
  clientId: z.string().min(8).max(64),
  category: z.enum(noteCategories),
  storyId: uuid.optional(),
  // Short enough that a NOTIFY payload stays far below PostgreSQL's 8000 bytes (live.ts).
  text: z.string().min(1).max(600),
  withName: z.literal("1").optional(),
  reveal: z.enum(["0", "1"]).optional(),
});

const dutchSchema = z.object({
  dutchText: z.string().min(1).max(600),
  by: z.enum(["tolk", "procesbegeleider"]).optional(),
});

const phaseSchema = z.object({
  phase: z.enum(boardPhases),
  minutes: z.coerce.number().int().min(1).max(240).optional(),
});

const storySchema = z.object({
  teller: z.string().min(1).max(120),
  tellerRole: z.enum(participantRoles),
  consent: z.union([z.string(), z.array(z.string())]).optional(),
});

const groupSchema = z.object({
  title: z.string().min(1).max(200),
  kind: z.enum(["groep", "sleutelinzicht", "vraagstuk"]),
  noteIds: z.union([z.string(), z.array(z.string())]).optional(),
  breakoutId: uuid.optional(),
});

const actionSchema = z.object({
  groupId: uuid,
  what: z.string().min(1).max(1000),
  ownerName: z.string().min(1).max(120),
  ownerOrganisationName: z.string().min(1).max(200),
  coOwnerOrganisations: z.string().max(500).optional(),
  stakeholders: z.string().max(500).optional(),
  firstStep: z.string().max(500).optional(),
  dueOn: z.iso.date().optional(),
});

/** One message for every way the budget can be wrong (empty, not a number, out of range). */
const budgetRange = "facilitator:settings.voteBudgetRange";
const settingsSchema = z.object({
  voteBudget: z.coerce
    .number({ error: budgetRange })
    .int({ error: budgetRange })
    .min(1, { error: budgetRange })
    .max(10, { error: budgetRange }),
  participantsMayGroup: z.literal("1").optional(),
  version: z.coerce.number().int().min(1),
});

const list = (v: string | string[] | undefined): string[] =>
  v === undefined ? [] : Array.isArray(v) ? v : [v];

/** The board's script, content-hashed like koers.js and served with a year's cache. */
function boardScript(app: FastifyInstance): string {
  const body = readFileSync(`${root}assets/board.js`);
  const url = `/assets/board.${createHash("sha256").update(body).digest("hex").slice(0, 12)}.js`;
  app.get(url, { config: { rateLimit: false } }, (_request, reply) =>
    reply
      .header("content-type", "text/javascript; charset=utf-8")
      .header("cache-control", "public, max-age=31536000, immutable")
      .send(body),
  );
  return url;
}

/**
 * A workshop's phones often share one address (the venue's wifi): the global per-address limit
 * would stop a full room. Joining gets a room-sized limit per address; on the board each
 * participant is counted by their own cookie.
 */
const roomLimit = { rateLimit: { max: 3000, timeWindow: "1 minute" } };
const perParticipant = {
  rateLimit: {
    max: 120,
    timeWindow: "1 minute",
    keyGenerator: (request: FastifyRequest) =>
      request.cookies[PARTICIPANT_COOKIE]
        ? hashSecret(request.cookies[PARTICIPANT_COOKIE])
        : request.ip,
  },
};

const wantsJson = (request: FastifyRequest) =>
  String(request.headers.accept ?? "").includes("application/json");

/**
 * The live board (issue 5, part B): joining by code without an account, notes, reveal and
 * moderation, phases with a timer, grouping with suggestions, dot votes and actions; live
 * updates over Server-Sent Events fed by PostgreSQL LISTEN/NOTIFY (live.ts).
 */
export function boardRoutes(deps: { database: Database; config: Config }) {
  const { database, config } = deps;
  const db = database.db;
  const https = config.publicUrl.startsWith("https://");

  const sessionByCode = async (request: FastifyRequest): Promise<BoardSession> => {
    const { code } = request.params as { code: string };
    const session = await findSessionByCode(db, code);
    if (!session) throw new NotFoundError("session");
    return session;
  };

  const participantOf = (request: FastifyRequest, session: BoardSession) =>
    findParticipant(db, session.id, request.cookies[PARTICIPANT_COOKIE]);

  /** The facilitator's session: 404 when it does not exist, 403 when not theirs to run. */
  const facilitated = async (request: FastifyRequest): Promise<BoardSession> => {
    requireSignedIn(request.actor);
    const { id } = request.params as { id: string };
    const session = await findSessionById(db, id);
    if (!session) throw new NotFoundError("session");
    boardPolicy.authorize(request.actor, "board.facilitate", session);
    return session;
  };

  return async (app: FastifyInstance) => {
    const script = boardScript(app);
    const hub = new BoardHub(database);
    await hub.start();
    // Before the server closes: open streams would otherwise keep it waiting for the phones.
    app.addHook("preClose", async () => hub.stop());

    /** An action for one of the session's vraagstukken; co-owners come comma-separated. */
    const addAction = async (
      request: FastifyRequest,
      session: BoardSession,
      data: z.infer<typeof actionSchema>,
    ) => {
      const group = await findGroup(db, session.id, data.groupId);
      if (group?.kind !== "vraagstuk") throw new NotFoundError("group");
      await createAction(db, auditContext(request), session, {
        ...data,
        coOwnerOrganisations: (data.coOwnerOrganisations ?? "")
          .split(",")
          .map((s) => s.trim())
          .filter(Boolean),
      });
    };

    // ---- Joining, on a phone ----

    app.get("/doe-mee", { config: roomLimit }, async (request, reply) => {
      const code = String((request.query as { code?: unknown }).code ?? "").trim();
      if (code) {
        const session = await findSessionByCode(db, code);
        if (session) return reply.redirect(joinPath(session.joinCode), 303);
      }
      return reply.page(
        request.t("board:join.title"),
        <JoinCodePage code={code} notFound={code !== ""} />,
        { status: code ? 404 : 200 },
      );
    });

    const showJoin = (
      request: FastifyRequest,
      reply: FastifyReply,
      session: BoardSession,
      form: { values?: Record<string, unknown>; errors?: FieldErrors; status?: number } = {},
    ) =>
      reply.page(
        request.t("board:join.titleSession", { title: session.title }),
        <JoinPage session={session} values={form.values ?? {}} errors={form.errors} />,
        { status: form.status ?? 200 },
      );

    app.get("/doe-mee/:code", { config: roomLimit }, async (request, reply) => {
      const session = await sessionByCode(request);
      if (await participantOf(request, session))
        return reply.redirect(boardPath(session.joinCode), 303);
      return showJoin(request, reply, session);
    });

    app.post("/doe-mee/:code", { config: roomLimit }, async (request, reply) => {
      const session = await sessionByCode(request);
      const form = parseForm(joinSchema, request.body, request.t);
      if (!form.ok) return showJoin(request, reply, session, { ...form, status: 422 });
      const { secret } = await joinBoard(db, auditContext(request), session, form.data);
      reply.setCookie(PARTICIPANT_COOKIE, secret, {
        httpOnly: true,
        sameSite: "lax",
        secure: https,
        path: "/",
        maxAge: 24 * 3600,
      });
      // The chosen language becomes the page language too.
      reply.setCookie(LANGUAGE_COOKIE, form.data.locale, languageCookieOptions);
      return reply.seeOther(boardPath(session.joinCode));
    });

    // ---- The participant's board ----

    const showBoard = async (
      _request: FastifyRequest,
      reply: FastifyReply,
      session: BoardSession,
      participant: BoardParticipant,
      form: { values?: Record<string, unknown>; errors?: FieldErrors; status?: number } = {},
    ) => {
      const view = await loadBoard(db, session, {
        facilitator: false,
        participantId: participant.id,
      });
      return reply.page(
        session.title,
        <ParticipantBoardPage
          view={view}
          participant={participant}
          clientId={randomUUID()}
          now={new Date()}
          script={script}
          values={form.values}
          errors={form.errors}
          open={acceptsNotes(session.phase)}
        />,
        { status: form.status ?? 200 },
      );
    };

    /** The participant of this session, or a redirect to the join page. */
    const requireParticipant = async (request: FastifyRequest, reply: FastifyReply) => {
      const session = await sessionByCode(request);
      const participant = await participantOf(request, session);
      if (!participant) {
        reply.redirect(joinPath(session.joinCode), 303);
        return null;
      }
      return { session, participant };
    };

    app.get("/bord/:code", { config: perParticipant }, async (request, reply) => {
      const found = await requireParticipant(request, reply);
      if (!found) return reply;
      return showBoard(request, reply, found.session, found.participant);
    });

    app.post("/bord/:code/notities", { config: perParticipant }, async (request, reply) => {
      const session = await sessionByCode(request);
      const participant = await participantOf(request, session);
      boardPolicy.authorize(request.actor, "note.post", { session, participant });
      if (!participant) throw new NotFoundError("participant");
      const form = parseForm(noteSchema, request.body, request.t);
      if (!form.ok) {
        if (wantsJson(request)) return reply.code(422).send({ errors: form.errors });
        return showBoard(request, reply, session, participant, { ...form, status: 422 });
      }
      const { id, created } = await postNote(db, session, participant, {
        ...form.data,
        withName: form.data.withName === "1",
        reveal: form.data.reveal !== "0",
      });
      if (wantsJson(request)) return reply.code(created ? 201 : 200).send({ id, created });
      return reply.seeOther(
        boardPath(session.joinCode),
        request.t(form.data.reveal === "0" ? "board:note.kept" : "board:note.posted"),
      );
    });

    /** A participant's own note (404 for anyone else's: private notes do not reveal they exist). */
    const ownNote = async (
      request: FastifyRequest,
      reply: FastifyReply,
      action: "note.reveal" | "note.translate",
    ) => {
      const found = await requireParticipant(request, reply);
      if (!found) return null;
      const { noteId } = request.params as { noteId: string };
      const note = await findNote(db, found.session.id, noteId);
      if (!note || (!note.revealed && note.participantId !== found.participant.id))
        throw new NotFoundError("note");
      boardPolicy.authorize(request.actor, action, { ...found, note });
      return { ...found, note };
    };

    app.post(
      "/bord/:code/notities/:noteId/tonen",
      { config: perParticipant },
      async (request, reply) => {
        const found = await ownNote(request, reply, "note.reveal");
        if (!found) return reply;
        await revealNotes(db, found.session, found.note.id);
        return reply.seeOther(boardPath(found.session.joinCode), request.t("board:note.posted"));
      },
    );

    app.post(
      "/bord/:code/notities/:noteId/nederlands",
      { config: perParticipant },
      async (request, reply) => {
        const found = await ownNote(request, reply, "note.translate");
        if (!found) return reply;
        const form = parseForm(dutchSchema, request.body, request.t);
        if (!form.ok)
          return showBoard(request, reply, found.session, found.participant, {
            ...form,
            status: 422,
          });
        await addDutchVersion(db, found.session, found.note.id, {
          dutchText: form.data.dutchText,
          by: "schrijver",
        });
        return reply.seeOther(boardPath(found.session.joinCode));
      },
    );

    app.post("/bord/:code/stemmen", { config: perParticipant }, async (request, reply) => {
      const found = await requireParticipant(request, reply);
      if (!found) return reply;
      const groupId = String((request.body as { groupId?: unknown }).groupId ?? "");
      const group = await findGroup(db, found.session.id, groupId);
      if (!group) throw new NotFoundError("group");
      const used = await dotsUsed(db, found.session.id, found.participant.id);
      boardPolicy.authorize(request.actor, "vote.cast", { ...found, groupKind: group.kind, used });
      // castVote checks the budget again under a lock: two dots sent at once cannot both pass.
      if (await castVote(db, found.session, found.participant, group))
        throw new ForbiddenError("vote.cast");
      return reply.seeOther(boardPath(found.session.joinCode), request.t("board:vote.done"));
    });

    app.post(
      "/bord/:code/notities/:noteId/groep",
      { config: perParticipant },
      async (request, reply) => {
        const found = await requireParticipant(request, reply);
        if (!found) return reply;
        boardPolicy.authorize(request.actor, "group.arrange", found);
        const { noteId } = request.params as { noteId: string };
        const note = await findNote(db, found.session.id, noteId);
        // Only notes on the board: a private or hidden note is not there to be grouped.
        if (!note?.revealed || note.hiddenAt) throw new NotFoundError("note");
        const groupId = String((request.body as { groupId?: unknown }).groupId ?? "");
        const group = groupId ? await findGroup(db, found.session.id, groupId) : undefined;
        if (groupId && !group) throw new NotFoundError("group");
        await moveNote(db, found.session, note.id, group?.id ?? null);
        return reply.seeOther(boardPath(found.session.joinCode));
      },
    );

    app.post("/bord/:code/acties", { config: perParticipant }, async (request, reply) => {
      const found = await requireParticipant(request, reply);
      if (!found) return reply;
      boardPolicy.authorize(request.actor, "action.create", found);
      const form = parseForm(actionSchema, request.body, request.t);
      if (!form.ok)
        return showBoard(request, reply, found.session, found.participant, {
          ...form,
          status: 422,
        });
      await addAction(request, found.session, form.data);
      return reply.seeOther(boardPath(found.session.joinCode), request.t("board:actions.added"));
    });

    // ---- The live stream ----

    app.get("/bord/:code/live", { config: { rateLimit: false } }, async (request, reply) => {
      const session = await sessionByCode(request);
      const participant = await participantOf(request, session);
      boardPolicy.authorize(request.actor, "board.follow", { session, participant });
      const facilitator = boardPolicy.can(request.actor, "board.facilitate", session);
      const lastEventId = request.headers["last-event-id"];
      reply.hijack();
      const res = reply.raw;
      res.writeHead(200, {
        "content-type": "text/event-stream; charset=utf-8",
        "cache-control": "no-store",
        connection: "keep-alive",
        "x-accel-buffering": "no",
      });
      // Subscribe before the replay, so nothing committed in between is missed (the client
      // ignores a note it already shows).
      hub.add(session.id, res, facilitator);
      res.write("retry: 2000\n\n");
      if (lastEventId) {
        // A reconnect: send every note the screen may show again (decision 0015).
        const view = await loadBoard(db, session, { facilitator, participantId: null });
        for (const note of view.notes)
          if (note.revealed && !note.hidden) res.write(sseFrame("note", note));
        // Groups, dots and actions too: the script sets what it already shows again.
        for (const g of view.groups)
          res.write(sseFrame("group", { id: g.id, kind: g.kind, title: g.title }));
        for (const tally of view.tallies)
          res.write(
            sseFrame("votes", facilitator ? tally : { groupId: tally.groupId, total: tally.total }),
          );
        for (const action of view.actions) res.write(sseFrame("action", action));
      }
    });

    // ---- The facilitator ----

    const showFacilitator = async (
      request: FastifyRequest,
      reply: FastifyReply,
      session: BoardSession,
      form: { values?: Record<string, unknown>; errors?: FieldErrors; status?: number } = {},
    ) => {
      const view = await loadBoard(db, session, { facilitator: true, participantId: null });
      const suggestions = suggestGroups(await noteLexemes(db, session.id));
      return reply.page(
        request.t("facilitator:title", { title: session.title }),
        <FacilitatorPage
          view={view}
          suggestions={suggestions}
          now={new Date()}
          script={script}
          settings={{ values: form.values, errors: form.errors }}
        />,
        { status: form.status ?? 200 },
      );
    };

    app.get("/maaksessies/:id/bord", async (request, reply) =>
      showFacilitator(request, reply, await facilitated(request)),
    );

    app.post("/maaksessies/:id/bord/instellingen", async (request, reply) => {
      const session = await facilitated(request);
      boardPolicy.authorize(request.actor, "board.configure", session);
      const form = parseForm(settingsSchema, request.body, request.t);
      if (!form.ok) return showFacilitator(request, reply, session, { ...form, status: 422 });
      const saved = await saveBoardSettings(db, auditContext(request), session, {
        voteBudget: form.data.voteBudget,
        participantsMayGroup: form.data.participantsMayGroup === "1",
        version: form.data.version,
      });
      if (!saved) {
        // Someone changed the session meanwhile: show the input again with the current version,
        // so a second submit saves it knowingly.
        const current = (await findSessionById(db, session.id)) ?? session;
        return showFacilitator(request, reply, current, {
          values: { ...(request.body as Record<string, unknown>), version: current.version },
          errors: { voteBudget: request.t("facilitator:settings.conflict") },
          status: 409,
        });
      }
      return back(reply, session, request.t("facilitator:settings.saved"));
    });

    app.get("/maaksessies/:id/projectie", async (request, reply) => {
      const session = await facilitated(request);
      const view = await loadBoard(db, session, { facilitator: false, participantId: null });
      const joinUrl = `${config.publicUrl}${joinPath(session.joinCode)}`;
      const qrSvg = await QRCode.toString(joinUrl, {
        type: "svg",
        errorCorrectionLevel: "M",
        margin: 1,
      });
      return reply.page(
        session.title,
        <ProjectorPage
          view={view}
          qrSvg={qrSvg}
          joinUrl={`${config.publicUrl.replace(/^https?:\/\//, "")}/doe-mee`}
          now={new Date()}
          script={script}
        />,
      );
    });

    const back = (reply: FastifyReply, session: BoardSession, message?: string) =>
      reply.seeOther(facilitatorPath(session.id), message);

    /** A form the facilitator posts; an invalid one returns with its first message. */
    const facilitatorForm =
      <S extends z.ZodType>(
        schema: S,
        handle: (
          request: FastifyRequest,
          session: BoardSession,
          data: z.infer<S>,
        ) => Promise<string | undefined>,
      ) =>
      async (request: FastifyRequest, reply: FastifyReply) => {
        const session = await facilitated(request);
        const form = parseForm(schema, request.body, request.t);
        if (!form.ok) return back(reply, session, Object.values(form.errors)[0]);
        return back(reply, session, await handle(request, session, form.data));
      };

    app.post(
      "/maaksessies/:id/bord/fase",
      facilitatorForm(phaseSchema, async (request, session, data) => {
        await setPhase(db, session, data);
        return request.t("facilitator:phase.changed");
      }),
    );

    app.post(
      "/maaksessies/:id/bord/verhalen",
      facilitatorForm(storySchema, async (request, session, data) => {
        const consent = list(data.consent);
        await addStory(db, auditContext(request), session, {
          teller: data.teller,
          tellerRole: data.tellerRole,
          mayQuote: consent.includes("quote"),
          mayName: consent.includes("name"),
        });
        return request.t("facilitator:stories.added");
      }),
    );

    app.post(
      "/maaksessies/:id/bord/tonen",
      facilitatorForm(
        z.object({ noteId: z.union([z.literal("all"), uuid]) }),
        async (request, session, data) => {
          await revealNotes(db, session, data.noteId);
          return request.t("facilitator:notes.revealed");
        },
      ),
    );

    /** A note of the facilitator's session, checked against the policy for the action. */
    const facilitatedNote = async (
      request: FastifyRequest,
      action: "note.hide" | "note.translate",
    ) => {
      const session = await facilitated(request);
      const { noteId } = request.params as { noteId: string };
      const note = await findNote(db, session.id, noteId);
      if (!note) throw new NotFoundError("note");
      boardPolicy.authorize(request.actor, action, { session, participant: null, note });
      return { session, note };
    };

    app.post("/maaksessies/:id/bord/notities/:noteId/verbergen", async (request, reply) => {
      const { session, note } = await facilitatedNote(request, "note.hide");
      await hideNote(db, auditContext(request), session, note.id);
      return back(reply, session, request.t("facilitator:note.hiddenDone"));
    });

    app.post("/maaksessies/:id/bord/notities/:noteId/nederlands", async (request, reply) => {
      const { session, note } = await facilitatedNote(request, "note.translate");
      const form = parseForm(dutchSchema, request.body, request.t);
      if (!form.ok) return back(reply, session, Object.values(form.errors)[0]);
      await addDutchVersion(db, session, note.id, {
        dutchText: form.data.dutchText,
        by: form.data.by ?? "procesbegeleider",
      });
      return back(reply, session, request.t("facilitator:note.dutchSaved"));
    });

    app.post("/maaksessies/:id/bord/notities/:noteId/groep", async (request, reply) => {
      const session = await facilitated(request);
      boardPolicy.authorize(request.actor, "group.arrange", { session, participant: null });
      const { noteId } = request.params as { noteId: string };
      const note = await findNote(db, session.id, noteId);
      if (!note) throw new NotFoundError("note");
      const groupId = String((request.body as { groupId?: unknown }).groupId ?? "");
      const group = groupId ? await findGroup(db, session.id, groupId) : undefined;
      if (groupId && !group) throw new NotFoundError("group");
      await moveNote(db, session, note.id, group?.id ?? null);
      if (wantsJson(request)) return reply.send({ ok: true });
      return back(reply, session, request.t("facilitator:note.moved"));
    });

    app.post(
      "/maaksessies/:id/bord/groepen",
      facilitatorForm(groupSchema, async (request, session, data) => {
        boardPolicy.authorize(request.actor, "group.arrange", { session, participant: null });
        const noteIds = await noteIdsIn(db, session.id, list(data.noteIds));
        await createGroup(db, session, { title: data.title, kind: data.kind, noteIds });
        return request.t("facilitator:groups.added");
      }),
    );

    app.post(
      "/maaksessies/:id/bord/groepen/:groupId",
      facilitatorForm(groupSchema, async (request, session, data) => {
        const { groupId } = request.params as { groupId: string };
        const group = await findGroup(db, session.id, groupId);
        if (!group) throw new NotFoundError("group");
        const view = await loadBoard(db, session, { facilitator: true, participantId: null });
        // Only one of this session's own deelsessies.
        const breakout = view.breakouts.find((b) => b.id === data.breakoutId);
        await updateGroup(db, session, group.id, {
          title: data.title,
          kind: data.kind,
          ...(view.breakouts.length ? { breakoutId: breakout?.id ?? null } : {}),
        });
        return request.t("facilitator:groups.saved");
      }),
    );

    app.post(
      "/maaksessies/:id/bord/acties",
      facilitatorForm(actionSchema, async (request, session, data) => {
        boardPolicy.authorize(request.actor, "action.create", { session, participant: null });
        await addAction(request, session, data);
        return request.t("board:actions.added");
      }),
    );
  };
}
