// The organisations capability: municipalities, provinces and partners, their regions, CBS reference data.
export { organisationRoutes } from "./routes.tsx";
export { type OrganisationKind, organisationKinds, organisations } from "./schema.ts";
