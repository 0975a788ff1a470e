// The shapes the API speaks, defined once with zod. Requests are validated with them and the
// OpenAPI document is generated from them (decision 0007): a schema with an `id` becomes a
// named entry in components.schemas.
import { z } from "zod";
import { roles } from "../accounts/index.ts";
import { organisationKinds } from "../organisations/index.ts";

/** The version in the API-Version header and in info.version (NL API Design Rules API-57). */
export const API_VERSION = "1.0.0";

export const InvalidParam = z
  .object({
    name: z.string().meta({ description: "Naam van de parameter of het veld (pad met punten)." }),
    code: z.string().meta({ description: "Machineleesbare soort fout, bijvoorbeeld too_small." }),
    reason: z.string().meta({ description: "Uitleg in de taal van Accept-Language." }),
  })
  .meta({ id: "InvalidParam" });

/** RFC 9457 problem details, as the NL API Design Rules prescribe for every error. */
export const Problem = z
  .object({
    type: z
      .string()
      .meta({ description: "URI van de soort fout; about:blank als de status genoeg zegt." }),
    title: z.string().meta({ description: "Korte omschrijving in de taal van Accept-Language." }),
    status: z.number().int(),
    detail: z.string().optional(),
    instance: z.string().meta({ description: "Het pad van de aanvraag." }),
    requestId: z.string().optional(),
    invalidParams: z.array(InvalidParam).optional(),
  })
  .meta({ id: "Problem", description: "Foutbericht volgens RFC 9457 (application/problem+json)." });

export const Organisatie = z
  .object({
    id: z.uuid(),
    kind: z.enum(organisationKinds).meta({ description: "Soort organisatie." }),
    name: z.string(),
    cbsCode: z.string().nullable().meta({ description: "CBS-code (GM…, PV…) of null." }),
    parentId: z.uuid().nullable(),
    contactEmail: z.string().nullable(),
  })
  .meta({ id: "Organisatie", description: "Een organisatie in de inburgeringsketen." });

export const Medewerker = z
  .object({
    id: z.uuid(),
    name: z.string(),
    status: z.enum(["invited", "active", "disabled"]),
    roles: z.array(z.enum(roles)).meta({ description: "Rollen in de eigen organisatie." }),
  })
  .meta({ id: "Medewerker", description: "Een account met een rol in de eigen organisatie." });

export const Pagination = z
  .object({
    page: z.number().int().min(1),
    pageSize: z.number().int().min(1),
    hasNextPage: z.boolean(),
  })
  .meta({ id: "Paginering" });

/** A page of a collection: `{ data, pagination }`. */
export const pageOf = <T extends z.ZodType>(item: T, id: string) =>
  z.object({ data: z.array(item), pagination: Pagination }).meta({ id });

/** Query parameters for paging; numbers arrive as strings and are coerced. */
export const pageQuery = z.object({
  page: z.coerce.number().int().min(1).max(10_000).default(1).meta({
    description: "Paginanummer, vanaf 1.",
  }),
  pageSize: z.coerce.number().int().min(1).max(100).default(50).meta({
    description: "Aantal per pagina (hoogstens 100).",
  }),
});

export const idParams = z.object({
  id: z.uuid().meta({ description: "Het id (UUID)." }),
});
