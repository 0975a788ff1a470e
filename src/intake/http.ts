import type { FastifyReply, FastifyRequest } from "fastify";
import type { z } from "zod";
import { requireSignedIn } from "../platform/authz/index.ts";
import { ConflictError } from "../platform/http/errors.ts";
import { type FieldErrors, parseForm } from "../platform/http/forms.ts";
import { InvalidIntakeError } from "./access.ts";

// The one way every intake form is handled: parse → save (the command authorizes) → 303, or the
// form again with the person's input kept — 422 with field errors, 409 with the stored version.

/** What a form page is rendered with. */
export interface FormState {
  values: Record<string, unknown>;
  errors?: FieldErrors | undefined;
  status: number;
  /** After a stale save: the stored record (already audited as read by the command). */
  conflict?: unknown;
}

/** The submitted fields, without the CSRF token. */
export function submitted(request: FastifyRequest): Record<string, unknown> {
  const values: Record<string, unknown> = {
    ...(request.body as Record<string, unknown> | undefined),
  };
  delete values._csrf;
  return values;
}

export const translateFields = (
  request: FastifyRequest,
  fields: Record<string, string>,
): FieldErrors => Object.fromEntries(Object.entries(fields).map(([f, key]) => [f, request.t(key)]));

const versionOf = (current: unknown): number =>
  typeof current === "object" && current !== null && "version" in current
    ? Number((current as { version: unknown }).version)
    : 0;

/**
 * Handles a form post. On a conflict the form comes back with what the person typed and the
 * current version in its hidden field, next to the stored record: saving again is a choice.
 */
export async function handleForm<S extends z.ZodType>(
  request: FastifyRequest,
  reply: FastifyReply,
  options: {
    schema: S;
    save: (data: z.infer<S>) => Promise<{ location: string; flash: string }>;
    render: (state: FormState) => Promise<FastifyReply>;
  },
): Promise<FastifyReply> {
  requireSignedIn(request.actor);
  const values = submitted(request);
  const form = parseForm(options.schema, request.body, request.t);
  if (!form.ok) return options.render({ values: form.values, errors: form.errors, status: 422 });
  try {
    const { location, flash } = await options.save(form.data);
    return reply.seeOther(location, flash);
  } catch (error) {
    if (error instanceof InvalidIntakeError)
      return options.render({
        values,
        errors: translateFields(request, error.fields),
        status: 422,
      });
    if (error instanceof ConflictError)
      return options.render({
        values: { ...values, version: versionOf(error.current) },
        errors: { _form: request.t("common:errors.conflict") },
        status: 409,
        conflict: error.current ?? null,
      });
    throw error;
  }
}
