// The endpoints of /api/v1. Each is declared once; routes.ts mounts them and openapi.ts documents them.
import { NotFoundError } from "../platform/authz/index.ts";
import { idParams, Medewerker, Organisatie, pageOf, pageQuery } from "./contracts.ts";
import { defineEndpoint, type Endpoint } from "./endpoint.ts";
import { intakePlanEndpoints } from "./intake-plan-endpoints.ts";
import { newcomerEndpoints } from "./newcomer-endpoints.ts";
import { apiPolicy } from "./policy.ts";
import { findOrganisation, listStaff } from "./queries.ts";

const getOrganisation = defineEndpoint({
  operationId: "getOrganisatie",
  method: "GET",
  path: "/organisaties/{id}",
  summary: "Eén organisatie",
  description: "Alleen de eigen organisatie van het token; elke andere geeft 404.",
  tag: "Organisaties",
  scopes: ["organisaties:lezen"],
  params: idParams,
  response: { status: 200, description: "De organisatie.", schema: Organisatie },
  async handler({ params, actor, db }) {
    // Another organisation answers exactly like a missing one: the API does not reveal existence.
    if (!apiPolicy.can(actor, "api.organisation.read", { id: params.id }))
      throw new NotFoundError();
    const organisation = await findOrganisation(db, params.id);
    if (!organisation) throw new NotFoundError();
    return {
      id: organisation.id,
      kind: organisation.kind,
      name: organisation.name,
      cbsCode: organisation.cbsCode,
      parentId: organisation.parentId,
      contactEmail: organisation.contactEmail,
    };
  },
});

const listMedewerkers = defineEndpoint({
  operationId: "listMedewerkers",
  method: "GET",
  path: "/medewerkers",
  summary: "Medewerkers van de eigen organisatie",
  description:
    "Accounts met een rol in de organisatie van het token (geen nieuwkomers), op naam. " +
    "Elke aanvraag wordt vastgelegd in het logboek dataverwerkingen.",
  tag: "Medewerkers",
  scopes: ["medewerkers:lezen"],
  query: pageQuery,
  response: {
    status: 200,
    description: "Een pagina medewerkers.",
    schema: pageOf(Medewerker, "MedewerkerPagina"),
  },
  async handler({ query, actor, ctx, db }) {
    const organisationId = actor.organisationId ?? "";
    if (!apiPolicy.can(actor, "api.staff.list", { organisationId })) throw new NotFoundError();
    const { items, hasNextPage } = await listStaff(db, ctx, {
      organisationId,
      page: query.page,
      pageSize: query.pageSize,
      tokenId: actor.tokenId,
    });
    return {
      data: items.map((m) => ({ id: m.id, name: m.name, status: m.status, roles: m.roles })),
      pagination: { page: query.page, pageSize: query.pageSize, hasNextPage },
    };
  },
});

/** Every endpoint of /api/v1, in the order the OpenAPI document lists them. */
export const apiEndpoints: readonly Endpoint[] = [
  getOrganisation,
  listMedewerkers,
  ...newcomerEndpoints,
  ...intakePlanEndpoints,
];
