// Small helpers the newcomers' route files share.
import type { FastifyRequest } from "fastify";
import type { FieldErrors } from "../platform/http/forms.ts";
import type { NewcomerRef } from "./policy.ts";
import type { PresentedNewcomer } from "./presenter.ts";

/** A record's policy facts, from what was presented. */
export const refOf = (n: PresentedNewcomer): NewcomerRef => ({
  organisationId: n.organisationId,
  assignedConsultantId: n.assignedConsultant?.id ?? null,
});

/** Error keys from a command, in the user's language. */
export const translateFields = (
  request: FastifyRequest,
  fields: Record<string, string>,
): FieldErrors => Object.fromEntries(Object.entries(fields).map(([f, key]) => [f, request.t(key)]));

/** What the person submitted, as typed (to show again with an error). Never the CSRF token. */
export function submitted(request: FastifyRequest): Record<string, unknown> {
  const { _csrf: _, ...values } = (request.body ?? {}) as Record<string, unknown>;
  return values;
}
