// The organisations capability: municipalities, provinces and partners, their regions, CBS reference data.
export {
  type CreateOrganisationInput,
  type CreateOrganisationResult,
  type CreateRegionInput,
  createOrganisation,
  createRegion,
  type OrganisationChanges,
  updateOrganisation,
} from "./commands.ts";
export { can as canOrganisation, type OrganisationAction } from "./policy.ts";
export {
  findOrganisation,
  listMunicipalities,
  listOrganisations,
  listProvinces,
  type OrganisationRow,
} from "./queries.ts";
export { loadReferenceData, readReferenceData } from "./reference-data.ts";
export { organisationRoutes } from "./routes.tsx";
export { type CreatableKind, creatableKinds } from "./rules.ts";
export {
  type OrganisationKind,
  organisationKinds,
  organisations,
  refMunicipalities,
  refProvinces,
  regionMunicipalities,
  regions,
} from "./schema.ts";
