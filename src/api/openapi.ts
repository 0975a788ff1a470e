import { z } from "zod";
import { API_VERSION, Problem } from "./contracts.ts";
import { type Endpoint, problemStatusesOf } from "./endpoint.ts";
import { apiScopes } from "./rules.ts";

type Json = Record<string, unknown>;

/** The named problem responses, by status; every operation refers to these. */
const problemResponses: Record<number, { name: string; description: string }> = {
  400: { name: "BadRequest", description: "De aanvraag is ongeldig; zie invalidParams." },
  401: { name: "Unauthorized", description: "Geen, een onbekend, ingetrokken of verlopen token." },
  403: { name: "Forbidden", description: "Het token mist een benodigde scope." },
  404: {
    name: "NotFound",
    description: "Bestaat niet, of hoort bij een andere organisatie (dat wordt niet verteld).",
  },
  409: { name: "Conflict", description: "Botst met de huidige toestand." },
  413: { name: "PayloadTooLarge", description: "De body is groter dan 256 kB." },
  415: { name: "UnsupportedMediaType", description: "Stuur application/json." },
  422: { name: "UnprocessableContent", description: "Geldig, maar niet uit te voeren." },
  429: { name: "TooManyRequests", description: "Te veel aanvragen; zie Retry-After." },
  500: { name: "InternalServerError", description: "Fout aan onze kant; noem de requestId." },
};

/** Replaces zod's local `#/$defs/X` references by references into components.schemas. */
function rewriteRefs(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(rewriteRefs);
  if (value && typeof value === "object") {
    const out: Json = {};
    for (const [k, v] of Object.entries(value)) {
      out[k] =
        k === "$ref" && typeof v === "string"
          ? v.replace(/^#\/\$defs\//, "#/components/schemas/")
          : rewriteRefs(v);
    }
    return out;
  }
  return value;
}

/**
 * Collects JSON Schemas (2020-12, the dialect of OpenAPI 3.1) for zod schemas. Schemas with an id
 * (`.meta({ id })`) go to components.schemas once; a second, different shape under the same id
 * is a mistake and throws.
 */
class SchemaCollector {
  readonly components: Record<string, Json> = {};

  convert(schema: z.ZodType, io: "input" | "output"): Json {
    const {
      $schema: _,
      $defs,
      ...rest
    } = z.toJSONSchema(schema, { io }) as Json & {
      $defs?: Record<string, Json>;
    };
    for (const [id, definition] of Object.entries($defs ?? {})) {
      const rewritten = rewriteRefs(definition) as Json;
      const existing = this.components[id];
      if (existing && JSON.stringify(existing) !== JSON.stringify(rewritten))
        throw new Error(`Schema id "${id}" is used for two different shapes`);
      this.components[id] = rewritten;
    }
    return rewriteRefs(rest) as Json;
  }
}

function parametersOf(
  collector: SchemaCollector,
  schema: z.ZodObject | undefined,
  where: "path" | "query",
): Json[] {
  if (!schema) return [];
  const json = collector.convert(schema, "input");
  const properties = (json.properties ?? {}) as Record<string, Json>;
  const required = new Set((json.required ?? []) as string[]);
  return Object.entries(properties).map(([name, property]) => {
    const { description, ...rest } = property;
    return {
      name,
      in: where,
      required: where === "path" || required.has(name),
      ...(typeof description === "string" ? { description } : {}),
      schema: rest,
    };
  });
}

const versionHeader = { "API-Version": { $ref: "#/components/headers/API-Version" } };

function operationOf(collector: SchemaCollector, endpoint: Endpoint): Json {
  const responses: Json = {
    [endpoint.response.status]: {
      description: endpoint.response.description,
      headers: versionHeader,
      content: {
        "application/json": { schema: collector.convert(endpoint.response.schema, "output") },
      },
    },
  };
  for (const status of problemStatusesOf(endpoint)) {
    const problem = problemResponses[status];
    if (problem) responses[status] = { $ref: `#/components/responses/${problem.name}` };
  }
  const parameters = [
    ...parametersOf(collector, endpoint.params, "path"),
    ...parametersOf(collector, endpoint.query, "query"),
  ];
  return {
    operationId: endpoint.operationId,
    summary: endpoint.summary,
    ...(endpoint.description ? { description: endpoint.description } : {}),
    tags: [endpoint.tag],
    security: [{ bearer: [...endpoint.scopes] }],
    ...(parameters.length > 0 ? { parameters } : {}),
    ...(endpoint.body
      ? {
          requestBody: {
            required: true,
            content: { "application/json": { schema: collector.convert(endpoint.body, "input") } },
          },
        }
      : {}),
    responses,
  };
}

/**
 * The OpenAPI 3.1 document for the registered endpoints, generated from the same zod schemas that
 * validate requests, so the document cannot drift from what the API accepts.
 */
export function openApiDocument(
  endpoints: readonly Endpoint[],
  options: { publicUrl: string },
): Json {
  const collector = new SchemaCollector();
  const paths: Record<string, Json> = {};
  for (const endpoint of endpoints) {
    const item = paths[endpoint.path] ?? {};
    paths[endpoint.path] = item;
    const method = endpoint.method.toLowerCase();
    if (item[method]) throw new Error(`Two endpoints for ${endpoint.method} ${endpoint.path}`);
    item[method] = operationOf(collector, endpoint);
  }
  const problemSchema = collector.convert(Problem, "output");
  const responses: Json = {};
  for (const { name, description } of Object.values(problemResponses)) {
    responses[name] = {
      description,
      headers: versionHeader,
      content: { "application/problem+json": { schema: problemSchema } },
    };
  }
  const tags = [...new Set(endpoints.map((e) => e.tag))].sort().map((name) => ({ name }));
  return {
    openapi: "3.1.0",
    info: {
      title: "Koers API",
      version: API_VERSION,
      description:
        "API voor ketenpartners van Koers (Wet inburgering 2021), volgens de NL API Design Rules. " +
        "Elk token hoort bij één organisatie en ziet alleen gegevens van die organisatie.",
      contact: { name: "Koers", url: options.publicUrl },
      license: { name: "EUPL-1.2", identifier: "EUPL-1.2" },
    },
    servers: [{ url: `${options.publicUrl}/api/v1`, description: "Deze Koers-installatie" }],
    tags,
    paths,
    components: {
      securitySchemes: {
        bearer: {
          type: "http",
          scheme: "bearer",
          bearerFormat: "koers_<prefix>_<geheim>",
          description: `API-token van een beheerder (Beheer → API-sleutels). Scopes: ${apiScopes.join(", ")}.`,
        },
      },
      schemas: collector.components,
      responses,
      headers: {
        "API-Version": {
          description: "Volledige versie van de API (NL API Design Rules API-57).",
          schema: { type: "string", example: API_VERSION },
        },
      },
    },
  };
}
