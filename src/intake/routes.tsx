import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import fastifyMultipart, { type MultipartFile } from "@fastify/multipart";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { auditContext } from "../accounts/index.ts";
import { requireSignedIn } from "../platform/authz/index.ts";
import type { Config } from "../platform/config.ts";
import type { Database } from "../platform/db/client.ts";
import { addAttachment, removeAttachment, saveConversation, setCompletion } from "./commands.ts";
import {
  contentDisposition,
  imageTypeOf,
  MAX_IMAGE_BYTES,
  sanitiseSketch,
  UnsafeSvgError,
} from "./drawing.ts";
import { type FormState, handleForm, submitted } from "./http.ts";
import { completionSchema, conversationSchema } from "./input.ts";
import { partRoutes } from "./part-routes.tsx";
import {
  getAttachment,
  getConversation,
  getIntakeOverview,
  getIntakePage,
  listConversations,
} from "./queries.ts";
import {
  ConversationFormPage,
  ConversationListPage,
  conversationValues,
  DrawingPage,
} from "./views/conversations.tsx";
import { IntakeOverviewPage } from "./views/overview.tsx";
import { intakeUrl } from "./views/shared.tsx";

const root = fileURLToPath(new URL("../../", import.meta.url));

/** The sketch pad's script, content-hashed like koers.js, served only from the intake's scope. */
function sketchScript(app: FastifyInstance): string {
  const body = readFileSync(`${root}assets/intake-sketch.js`);
  const url = `/assets/intake-sketch.${createHash("sha256").update(body).digest("hex").slice(0, 12)}.js`;
  app.get(url, { config: { rateLimit: false } }, (_request, reply) =>
    reply
      .header("content-type", "text/javascript; charset=utf-8")
      .header("cache-control", "public, max-age=31536000, immutable")
      .send(body),
  );
  return url;
}

/** An uploaded file as the multipart hook leaves it on the body (see onFile below). */
interface Upload {
  fileName: string;
  data: Buffer;
  truncated: boolean;
}

const isUpload = (v: unknown): v is Upload =>
  typeof v === "object" && v !== null && "data" in v && Buffer.isBuffer((v as Upload).data);

/** Reads an uploaded file into memory (at most MAX_IMAGE_BYTES; more marks it truncated). */
async function onFile(this: FastifyRequest, part: MultipartFile): Promise<void> {
  const chunks: Buffer[] = [];
  for await (const chunk of part.file) chunks.push(chunk as Buffer);
  const upload: Upload = {
    fileName: part.filename,
    data: Buffer.concat(chunks),
    truncated: part.file.truncated,
  };
  part.value = upload;
}

const params = (request: FastifyRequest) =>
  request.params as { id: string; cid?: string; aid?: string };

/** The brede intake: /nieuwkomers/:id/intake and below. */
export function intakeRoutes(deps: { database: Database; config: Config }) {
  const db = deps.database.db;

  return async (app: FastifyInstance) => {
    // Multipart only here (the sketch pad and image upload): keyValues puts the CSRF token on the
    // body as a string, so the app's CSRF check reads it like any form's.
    await app.register(fastifyMultipart, {
      attachFieldsToBody: "keyValues",
      onFile,
      throwFileSizeLimit: false,
      limits: { fileSize: MAX_IMAGE_BYTES, files: 1, fields: 4, fieldSize: 450_000, parts: 6 },
    });
    const script = sketchScript(app);

    // ─── Overview ──────────────────────────────────────────────────────────────────────────

    const showOverview = async (
      request: FastifyRequest,
      reply: FastifyReply,
      state?: FormState,
    ) => {
      const overview = await getIntakeOverview(db, auditContext(request), params(request).id);
      return reply.page(
        request.t("intake:overview.title"),
        <IntakeOverviewPage
          overview={overview}
          canUpdate={overview.page.canUpdate}
          errors={state?.errors}
        />,
        { status: state?.status ?? 200 },
      );
    };

    app.get("/nieuwkomers/:id/intake", async (request, reply) => {
      requireSignedIn(request.actor);
      return showOverview(request, reply);
    });

    app.post("/nieuwkomers/:id/intake/afronden", async (request, reply) => {
      const { id } = params(request);
      return handleForm(request, reply, {
        schema: completionSchema,
        save: async (data) => {
          await setCompletion(db, auditContext(request), id, data);
          return {
            location: intakeUrl(id),
            flash: request.t(
              data.action === "afronden"
                ? "intake:completion.completed"
                : "intake:completion.reopened",
            ),
          };
        },
        render: (state) => showOverview(request, reply, state),
      });
    });

    // ─── Conversations ─────────────────────────────────────────────────────────────────────

    app.get("/nieuwkomers/:id/intake/gesprekken", async (request, reply) => {
      requireSignedIn(request.actor);
      const list = await listConversations(db, auditContext(request), params(request).id);
      return reply.page(
        request.t("intake:parts.conversations"),
        <ConversationListPage
          page={list.page}
          conversations={list.conversations}
          canUpdate={list.page.canUpdate}
        />,
      );
    });

    const showNewConversation = async (
      request: FastifyRequest,
      reply: FastifyReply,
      state: FormState,
    ) => {
      const page = await getIntakePage(db, auditContext(request), params(request).id);
      return reply.page(
        request.t("intake:conversations.add"),
        <ConversationFormPage
          page={page}
          values={state.values}
          errors={state.errors}
          canUpdate={page.canUpdate}
        />,
        { status: state.status },
      );
    };

    app.get("/nieuwkomers/:id/intake/gesprekken/nieuw", async (request, reply) => {
      requireSignedIn(request.actor);
      return showNewConversation(request, reply, { values: {}, status: 200 });
    });

    app.post("/nieuwkomers/:id/intake/gesprekken/nieuw", async (request, reply) => {
      const { id } = params(request);
      return handleForm(request, reply, {
        schema: conversationSchema,
        save: async (data) => {
          const cid = await saveConversation(db, auditContext(request), id, undefined, data);
          return {
            location: intakeUrl(id, `/gesprekken/${cid}`),
            flash: request.t("intake:conversations.saved"),
          };
        },
        render: (state) => showNewConversation(request, reply, state),
      });
    });

    const showConversation = async (
      request: FastifyRequest,
      reply: FastifyReply,
      state?: FormState,
    ) => {
      const { id, cid = "" } = params(request);
      const detail = await getConversation(db, auditContext(request), id, cid);
      const values = state?.values ?? conversationValues(detail.conversation);
      return reply.page(
        request.t("intake:parts.conversations"),
        <ConversationFormPage
          page={detail.page}
          conversationId={cid}
          values={values}
          errors={state?.errors}
          conflict={state?.conflict ? detail.conversation : undefined}
          attachments={detail.attachments}
          canUpdate={detail.page.canUpdate}
        />,
        { status: state?.status ?? 200 },
      );
    };

    app.get("/nieuwkomers/:id/intake/gesprekken/:cid", async (request, reply) => {
      requireSignedIn(request.actor);
      return showConversation(request, reply);
    });

    app.post("/nieuwkomers/:id/intake/gesprekken/:cid", async (request, reply) => {
      const { id, cid = "" } = params(request);
      return handleForm(request, reply, {
        schema: conversationSchema,
        save: async (data) => {
          await saveConversation(db, auditContext(request), id, cid, data);
          return {
            location: intakeUrl(id, `/gesprekken/${cid}`),
            flash: request.t("intake:conversations.saved"),
          };
        },
        render: (state) => showConversation(request, reply, state),
      });
    });

    // ─── Drawings and images ───────────────────────────────────────────────────────────────

    const showDrawing = async (request: FastifyRequest, reply: FastifyReply, state?: FormState) => {
      const { id, cid = "" } = params(request);
      const detail = await getConversation(db, auditContext(request), id, cid);
      return reply.page(
        request.t("intake:drawing.title"),
        <DrawingPage
          page={detail.page}
          conversation={detail.conversation}
          errors={state?.errors}
          script={script}
        />,
        { status: state?.status ?? 200 },
      );
    };

    app.get("/nieuwkomers/:id/intake/gesprekken/:cid/tekening", async (request, reply) => {
      requireSignedIn(request.actor);
      return showDrawing(request, reply);
    });

    app.post("/nieuwkomers/:id/intake/gesprekken/:cid/tekening", async (request, reply) => {
      requireSignedIn(request.actor);
      const { id, cid = "" } = params(request);
      const { t } = request;
      const body = submitted(request);
      const drawing = typeof body.drawing === "string" ? body.drawing.trim() : "";
      const image = isUpload(body.image) && body.image.data.length > 0 ? body.image : undefined;
      const refuse = (errors: Record<string, string>) =>
        showDrawing(request, reply, { values: {}, errors, status: 422 });

      let svg: string | null = null;
      if (drawing) {
        try {
          svg = sanitiseSketch(drawing);
        } catch (error) {
          if (!(error instanceof UnsafeSvgError)) throw error;
          request.log.warn({ reason: error.message }, "drawing refused");
          return refuse({ _form: t("intake:errors.drawingRefused") });
        }
      }
      if (image?.truncated) return refuse({ image: t("intake:errors.imageTooLarge") });
      const imageType = image ? imageTypeOf(image.data) : null;
      if (image && !imageType) return refuse({ image: t("intake:errors.imageType") });
      if (!svg && !image) return refuse({ image: t("intake:errors.nothingToSave") });

      const ctx = auditContext(request);
      if (svg)
        await addAttachment(db, ctx, id, cid, {
          fileName: "tekening.svg",
          mediaType: "image/svg+xml",
          content: Buffer.from(svg),
        });
      if (image && imageType)
        await addAttachment(db, ctx, id, cid, {
          fileName:
            image.fileName.slice(0, 200) ||
            (imageType === "image/png" ? "afbeelding.png" : "afbeelding.jpg"),
          mediaType: imageType,
          content: image.data,
        });
      return reply.seeOther(intakeUrl(id, `/gesprekken/${cid}`), t("intake:drawing.saved"));
    });

    app.get("/nieuwkomers/:id/intake/bijlagen/:aid", async (request, reply) => {
      requireSignedIn(request.actor);
      const { id, aid = "" } = params(request);
      const file = await getAttachment(db, auditContext(request), id, aid);
      reply
        .header("content-type", file.mediaType)
        .header("content-disposition", contentDisposition(file.fileName, "inline"))
        .header("cache-control", "private, no-store")
        // A drawing is served as an image document: nothing in it may run or load anything.
        .header(
          "content-security-policy",
          "default-src 'none'; style-src 'unsafe-inline'; sandbox",
        );
      return reply.send(file.content);
    });

    app.post("/nieuwkomers/:id/intake/bijlagen/:aid/verwijderen", async (request, reply) => {
      requireSignedIn(request.actor);
      const { id, aid = "" } = params(request);
      const conversationId = await removeAttachment(db, auditContext(request), id, aid);
      return reply.seeOther(
        intakeUrl(id, conversationId ? `/gesprekken/${conversationId}` : "/gesprekken"),
        request.t("intake:drawing.removed"),
      );
    });

    await app.register(partRoutes({ db, config: deps.config }));
  };
}
