// The endpoint registry: each endpoint is declared once (schemas, scopes, handler) and that one
// declaration both mounts the Fastify route with its validation and feeds the OpenAPI document.
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { TFunction } from "i18next";
import type { z } from "zod";
import type { AuditContext } from "../audit/index.ts";
import type { Actor } from "../platform/authz/index.ts";
import type { Db } from "../platform/db/client.ts";
import { translateIssue } from "../platform/http/forms.ts";
import { apiPolicy } from "./policy.ts";
import type { ApiScope } from "./rules.ts";

export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/** Problem statuses an endpoint may answer besides those every endpoint can (see commonProblems). */
export type ProblemStatus = 404 | 409 | 413 | 415 | 422;

/** What a handler receives: input already validated, the token's actor, and the database. */
export interface EndpointCall<P, Q, B> {
  params: P;
  query: Q;
  body: B;
  actor: Actor;
  /** Actor and request id, for the audit records the handler's queries write. */
  ctx: AuditContext;
  db: Db;
  request: FastifyRequest;
  reply: FastifyReply;
}

type Out<S> = S extends z.ZodType ? z.output<S> : undefined;

export interface EndpointDefinition<
  P extends z.ZodObject | undefined = z.ZodObject | undefined,
  Q extends z.ZodObject | undefined = z.ZodObject | undefined,
  B extends z.ZodType | undefined = z.ZodType | undefined,
  R extends z.ZodType = z.ZodType,
> {
  /** Unique name of the operation in the OpenAPI document. */
  operationId: string;
  method: HttpMethod;
  /** OpenAPI-style path below /api/v1: plural kebab-case resources, `{id}` for parameters. */
  path: `/${string}`;
  summary: string;
  description?: string;
  tag: string;
  /** Every scope the token must hold (403 otherwise). */
  scopes: readonly ApiScope[];
  params?: P;
  query?: Q;
  body?: B;
  response: { status: 200 | 201; description: string; schema: R };
  problems?: readonly ProblemStatus[];
  // Method syntax on purpose: it lets a definition with narrow input types sit in the list of all.
  handler(call: EndpointCall<Out<P>, Out<Q>, Out<B>>): Promise<z.input<R>>;
}

export type Endpoint = EndpointDefinition;

/** Declares an endpoint; the types of params, query and body flow from its schemas into the handler. */
export function defineEndpoint<
  P extends z.ZodObject | undefined = undefined,
  Q extends z.ZodObject | undefined = undefined,
  B extends z.ZodType | undefined = undefined,
  R extends z.ZodType = z.ZodType,
>(definition: EndpointDefinition<P, Q, B, R>): Endpoint {
  return definition;
}

/** `/organisaties/{id}` → `/organisaties/:id`. */
export const fastifyPath = (path: string): string => path.replace(/\{(\w+)\}/g, ":$1");

/** The statuses every endpoint can answer, whatever it does. */
export function problemStatusesOf(endpoint: Endpoint): number[] {
  const statuses = new Set<number>([400, 401, 403, 429, 500, ...(endpoint.problems ?? [])]);
  if (endpoint.params) statuses.add(404);
  if (endpoint.body) {
    statuses.add(413);
    statuses.add(415);
  }
  return [...statuses].sort((a, b) => a - b);
}

/** One entry of a problem's invalidParams (NL API Design Rules). */
export interface InvalidParam {
  name: string;
  code: string;
  reason: string;
}

/** An error the API answers as problem+json with this status, title key and extra members. */
export class ApiProblem extends Error {
  constructor(
    readonly status: number,
    readonly titleKey: string,
    readonly extra: Record<string, unknown> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(titleKey);
    this.name = "ApiProblem";
  }
}

/**
 * Validates one part of a request. Reasons are in the request's language, through the same
 * translations as forms ("validation" namespace); unknown body fields are named one by one.
 */
export function validatePart<S extends z.ZodType>(
  schema: S,
  input: unknown,
  where: "path" | "query" | "body",
  t: TFunction,
): { ok: true; data: z.output<S> } | { ok: false; invalidParams: InvalidParam[] } {
  const result = schema.safeParse(input, { error: (issue) => translateIssue(issue, t) });
  if (result.success) return { ok: true, data: result.data };
  const invalidParams: InvalidParam[] = [];
  for (const issue of result.error.issues) {
    const base = issue.path.map(String).join(".");
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys)
        invalidParams.push({
          name: base ? `${base}.${key}` : key,
          code: issue.code,
          reason: t("api:problems.unknownField"),
        });
    } else {
      // A message set on the schema (refine) wins over the error map in zod 4: it is an i18n key.
      const isKey = /^[a-z]+:[\w.]+$/.test(issue.message);
      const params = (issue as { params?: Record<string, unknown> }).params ?? {};
      const reason = isKey ? t(issue.message, params) : issue.message;
      invalidParams.push({ name: base || where, code: issue.code, reason });
    }
  }
  return { ok: false, invalidParams };
}

export const wwwAuthenticate = (extra = ""): string =>
  `Bearer realm="Koers API"${extra ? `, ${extra}` : ""}`;

/**
 * Mounts an endpoint: scope check (403), validation of path, query and body (400 with
 * invalidParams), the handler, and the response passed through its schema, which drops any field
 * the schema does not name — a last guard against serialising more than the presenter chose.
 */
export function mountEndpoint(app: FastifyInstance, endpoint: Endpoint, db: Db): void {
  app.route({
    method: endpoint.method,
    url: fastifyPath(endpoint.path),
    handler: async (request, reply) => {
      const { actor, t } = request;
      if (!apiPolicy.can(actor, "api.call", endpoint)) {
        throw new ApiProblem(
          403,
          "api:problems.insufficientScope",
          { detail: t("api:problems.scopesNeeded", { scopes: endpoint.scopes.join(", ") }) },
          {
            "www-authenticate": wwwAuthenticate(
              `error="insufficient_scope", scope="${endpoint.scopes.join(" ")}"`,
            ),
          },
        );
      }
      const invalidParams: InvalidParam[] = [];
      const part = <S extends z.ZodType | undefined>(
        schema: S,
        input: unknown,
        where: "path" | "query" | "body",
      ): Out<S> => {
        if (!schema) return undefined as Out<S>;
        const result = validatePart(schema, input, where, t);
        if (result.ok) return result.data as Out<S>;
        invalidParams.push(...result.invalidParams);
        return undefined as Out<S>;
      };
      const params = part(endpoint.params, request.params, "path");
      const query = part(endpoint.query, request.query, "query");
      const body = part(endpoint.body, request.body, "body");
      if (invalidParams.length > 0)
        throw new ApiProblem(400, "api:problems.invalidParams", { invalidParams });
      const result = await endpoint.handler({
        params,
        query,
        body,
        actor,
        ctx: { actor, requestId: request.id },
        db,
        request,
        reply,
      });
      const output = endpoint.response.schema.parse(result);
      return reply
        .code(endpoint.response.status)
        .header("cache-control", "no-store")
        .type("application/json; charset=utf-8")
        .send(output);
    },
  });
}
