import fastifyMultipart, { type MultipartFile } from "@fastify/multipart";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { auditContext } from "../../accounts/index.ts";
import { requireSignedIn } from "../../platform/authz/index.ts";
import type { Database } from "../../platform/db/client.ts";
import { type FieldErrors, parseForm } from "../../platform/http/forms.ts";
import { InvalidNewcomerError } from "../commands.ts";
import { translateFields } from "../http.ts";
import { newcomerPolicy } from "../policy.ts";
import { assignableConsultants } from "../queries.ts";
import { getImportRun, recentImportRuns, startImport } from "./commands.ts";
import { importSources } from "./rules.ts";
import { ImportPage, ImportRunPage } from "./views.tsx";

/** The largest file accepted: a few tens of thousands of rows. */
export const MAX_IMPORT_BYTES = 5 * 1024 * 1024;

/** How long a run may stay "bezig" without this process working on it before it counts as interrupted. */
const ABANDONED_AFTER_MS = 60 * 60 * 1000;

const importForm = z.object({
  source: z.enum(importSources),
  assignTo: z.guid().optional(),
});

/**
 * Importing DUO/COA notifications from a CSV file. Multipart bodies are accepted here only (the
 * plugin is registered in this scope), with the file kept in memory up to MAX_IMPORT_BYTES; the
 * CSRF check (app.tsx) reads the token from the form's fields, which multipart puts in the body
 * before the check runs.
 */
export function importRoutes(deps: { database: Database }) {
  const { database } = deps;
  const db = database.db;
  /** Imports this process is writing, by run id: awaited on shutdown so no write is cut off. */
  const running = new Map<string, Promise<void>>();
  const fileNames = new WeakMap<FastifyRequest, string>();

  return async (app: FastifyInstance) => {
    app.addHook("onClose", async () => {
      await Promise.allSettled(running.values());
    });
    await app.register(fastifyMultipart, {
      attachFieldsToBody: "keyValues",
      limits: { fileSize: MAX_IMPORT_BYTES, files: 1, fields: 10, parts: 12 },
      async onFile(this: FastifyRequest, part: MultipartFile) {
        fileNames.set(this, part.filename);
        await part.toBuffer();
      },
    });

    const showForm = async (
      request: FastifyRequest,
      reply: FastifyReply,
      values?: Record<string, unknown>,
      errors?: FieldErrors,
    ) => {
      const ctx = auditContext(request);
      const organisationId = request.actor.organisationId ?? "";
      const [consultants, runs] = await Promise.all([
        assignableConsultants(db, organisationId),
        recentImportRuns(db, ctx),
      ]);
      return reply.page(
        request.t("newcomers:import.title"),
        <ImportPage consultants={consultants} runs={runs} values={values} errors={errors} />,
        { status: errors ? 422 : 200 },
      );
    };

    app.get("/nieuwkomers/importeren", async (request, reply) => {
      requireSignedIn(request.actor);
      newcomerPolicy.authorize(request.actor, "newcomer.import", {
        organisationId: request.actor.organisationId ?? "",
      });
      return showForm(request, reply);
    });

    app.post("/nieuwkomers/importeren", async (request, reply) => {
      const { actor, t } = request;
      requireSignedIn(actor);
      newcomerPolicy.authorize(actor, "newcomer.import", {
        organisationId: actor.organisationId ?? "",
      });
      const body = (request.body ?? {}) as Record<string, unknown>;
      const { file, ...fields } = body;
      const form = parseForm(importForm, fields, t);
      const values = { source: fields.source, assignTo: fields.assignTo };
      const errors: FieldErrors = form.ok ? {} : { ...form.errors };
      if (!Buffer.isBuffer(file) || file.length === 0)
        errors.file = t("newcomers:import.chooseFile");
      if (!form.ok || !Buffer.isBuffer(file) || Object.keys(errors).length > 0)
        return showForm(request, reply, values, errors);
      const ctx = auditContext(request);
      try {
        const started = await startImport(database, ctx, {
          source: form.data.source,
          assignTo: form.data.assignTo,
          fileName: fileNames.get(request) || "import.csv",
          bytes: new Uint8Array(file.buffer, file.byteOffset, file.byteLength),
        });
        if (started.process) {
          const work = started
            .process()
            .catch((err: unknown) => request.log.error({ err }, "import failed"))
            .finally(() => running.delete(started.runId));
          running.set(started.runId, work);
        }
        return reply.seeOther(`/nieuwkomers/importeren/${started.runId}`);
      } catch (error) {
        if (error instanceof InvalidNewcomerError)
          return showForm(request, reply, values, translateFields(request, error.fields));
        throw error;
      }
    });

    app.get("/nieuwkomers/importeren/:runId", async (request, reply) => {
      requireSignedIn(request.actor);
      const { runId } = request.params as { runId: string };
      const run = await getImportRun(db, auditContext(request), runId);
      const interrupted =
        run.status === "bezig" &&
        !running.has(run.id) &&
        Date.now() - run.createdAt.getTime() > ABANDONED_AFTER_MS;
      // Without JavaScript: the browser reloads the page itself while the import runs.
      if (run.status === "bezig" && !interrupted) reply.header("refresh", "2");
      return reply.page(
        request.t("newcomers:import.runTitle", { file: run.fileName }),
        <ImportRunPage run={run} interrupted={interrupted} />,
      );
    });
  };
}
