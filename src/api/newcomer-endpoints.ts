// Newcomer endpoints, built on the newcomers capability: it authorizes, audits and presents (its
// policy lets a token of the holding municipality read basic, identity, contact and residence
// data with nieuwkomers:lezen — never health — and create records with nieuwkomers:schrijven).
import { z } from "zod";
import {
  createNewcomer,
  getNewcomer,
  InvalidNewcomerError,
  listNewcomers,
  newcomerDataClasses,
  newcomerFields,
  type PresentedNewcomer,
  type TargetGroup,
  targetGroups,
} from "../newcomers/index.ts";
import { idParams } from "./contracts.ts";
import { ApiProblem, defineEndpoint, type Endpoint } from "./endpoint.ts";

/** A newcomer as the API shows them. Fields of data classes the token may not see are absent. */
export const Nieuwkomer = z
  .object({
    id: z.uuid(),
    version: z.number().int().meta({ description: "Versie van het dossier." }),
    dataClasses: z
      .array(z.enum(newcomerDataClasses))
      .meta({ description: "De gegevenscategorieën in dit antwoord." }),
    givenNames: z.string().optional(),
    familyName: z.string().optional(),
    birthDate: z.iso.date().nullable().optional(),
    countryOfOrigin: z.string().nullable().optional(),
    preferredLanguage: z.string().optional(),
    assignedConsultant: z
      .object({ id: z.uuid(), name: z.string() })
      .nullable()
      .optional()
      .meta({ description: "De toegewezen consulent (klantregisseur)." }),
    bsn: z.string().nullable().optional().meta({ description: "Burgerservicenummer (identity)." }),
    phone: z.string().nullable().optional(),
    email: z.string().nullable().optional(),
    targetGroup: z
      .enum(targetGroups)
      .nullable()
      .optional()
      .meta({ description: "Doelgroep (residence)." }),
  })
  .meta({
    id: "Nieuwkomer",
    description:
      "Een inburgeraar van de eigen gemeente. Alleen de velden van de gegevenscategorieën die het " +
      "token mag zien staan erin; gezondheid nooit.",
  });

/** The body of POST /nieuwkomers: the form's fields, and nothing else (unknown fields are refused). */
export const NieuwkomerInvoer = z.strictObject(newcomerFields).meta({ id: "NieuwkomerInvoer" });

const NieuwkomerPagina = z
  .object({
    data: z.array(Nieuwkomer),
    pagination: z.object({
      next: z
        .uuid()
        .nullable()
        .meta({ description: "Geef dit mee als `after` voor de volgende pagina; null: klaar." }),
    }),
  })
  .meta({ id: "NieuwkomerPagina" });

const isTargetGroup = (value: string): value is TargetGroup =>
  (targetGroups as readonly string[]).includes(value);

/** The presented record minus what the API never sends (health is also absent from the schema). */
function present(n: PresentedNewcomer) {
  const { organisationId: _, healthNotes: __, targetGroup, ...shown } = n;
  if (targetGroup === undefined) return shown;
  return { ...shown, targetGroup: targetGroup && isTargetGroup(targetGroup) ? targetGroup : null };
}

const listEndpoint = defineEndpoint({
  operationId: "listNieuwkomers",
  method: "GET",
  path: "/nieuwkomers",
  summary: "Nieuwkomers van de eigen gemeente",
  description:
    "Op achternaam, 50 per pagina, alleen basisgegevens. Elke getoonde nieuwkomer wordt " +
    "vastgelegd in het logboek dataverwerkingen.",
  tag: "Nieuwkomers",
  scopes: ["nieuwkomers:lezen"],
  query: z.object({
    after: z.uuid().optional().meta({ description: "`pagination.next` van de vorige pagina." }),
  }),
  response: { status: 200, description: "Een pagina nieuwkomers.", schema: NieuwkomerPagina },
  async handler({ query, db, ctx }) {
    const list = await listNewcomers(db, ctx, { after: query.after });
    return { data: list.items.map(present), pagination: { next: list.next ?? null } };
  },
});

const getEndpoint = defineEndpoint({
  operationId: "getNieuwkomer",
  method: "GET",
  path: "/nieuwkomers/{id}",
  summary: "Eén nieuwkomer",
  description: "Een nieuwkomer van een andere organisatie geeft 404, net als een die niet bestaat.",
  tag: "Nieuwkomers",
  scopes: ["nieuwkomers:lezen"],
  params: idParams,
  response: { status: 200, description: "De nieuwkomer.", schema: Nieuwkomer },
  async handler({ params, db, ctx }) {
    return present(await getNewcomer(db, ctx, params.id));
  },
});

const createEndpoint = defineEndpoint({
  operationId: "createNieuwkomer",
  method: "POST",
  path: "/nieuwkomers",
  summary: "Nieuwkomer registreren",
  description:
    "Alleen voor een gemeente. Antwoordt met Location; het antwoord toont alleen wat het " +
    "token mag lezen (met alleen nieuwkomers:schrijven: id en versie).",
  tag: "Nieuwkomers",
  scopes: ["nieuwkomers:schrijven"],
  body: NieuwkomerInvoer,
  response: { status: 201, description: "De geregistreerde nieuwkomer.", schema: Nieuwkomer },
  problems: [422],
  async handler({ body, db, ctx, request, reply }) {
    try {
      const created = await createNewcomer(db, ctx, body);
      reply.header("location", `/api/v1/nieuwkomers/${created.id}`);
      return present(created);
    } catch (error) {
      if (!(error instanceof InvalidNewcomerError)) throw error;
      throw new ApiProblem(422, "api:problems.invalidParams", {
        invalidParams: Object.entries(error.fields).map(([name, key]) => ({
          name,
          code: "conflict",
          reason: request.t(key),
        })),
      });
    }
  },
});

export const newcomerEndpoints: readonly Endpoint[] = [listEndpoint, getEndpoint, createEndpoint];
