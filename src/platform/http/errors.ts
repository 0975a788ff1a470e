import type { FastifyError, FastifyReply, FastifyRequest } from "fastify";

/** A 409: the record changed since the user loaded it (optimistic concurrency). */
export class ConflictError extends Error {
  readonly statusCode = 409;
  constructor(readonly current?: unknown) {
    super("The record was changed by someone else");
    this.name = "ConflictError";
  }
}

/** Maps an error to a status and a message key that is safe to show (never a stack or SQL). */
export function classifyError(error: FastifyError | Error): { status: number; key: string } {
  const status = (error as FastifyError).statusCode ?? 500;
  const code = (error as FastifyError).code ?? "";
  if (code.startsWith("FST_CSRF")) return { status: 403, key: "errors.csrf" };
  if (status === 413 || code === "FST_ERR_CTP_BODY_TOO_LARGE")
    return { status: 413, key: "errors.tooLarge" };
  if (status === 415) return { status: 415, key: "errors.unsupportedMedia" };
  if (status === 429) return { status: 429, key: "errors.tooManyRequests" };
  if (status === 401) return { status: 401, key: "errors.signInRequired" };
  if (status === 403) return { status: 403, key: "errors.forbidden" };
  if (status === 404) return { status: 404, key: "errors.notFound" };
  if (status === 409) return { status: 409, key: "errors.conflict" };
  if (status >= 400 && status < 500) return { status, key: "errors.badRequest" };
  return { status: 500, key: "errors.server" };
}

/** Whether a request wants JSON (the API) rather than a page. */
export const wantsJson = (request: FastifyRequest): boolean => request.url.startsWith("/api/");

/** Sends an NL API Design Rules problem document (RFC 9457). */
export function sendProblem(
  reply: FastifyReply,
  status: number,
  title: string,
  extra: Record<string, unknown> = {},
): FastifyReply {
  return reply
    .code(status)
    .type("application/problem+json")
    .send({
      type: "about:blank",
      title,
      status,
      instance: reply.request.url.split("?")[0],
      ...extra,
    });
}
