import {
  type Actor,
  createAuthorizer,
  hasScope,
  hasSecondFactor,
  isOrganisationAdministrator,
  isPlatformAdministrator,
  isSameOrganisation,
} from "../platform/authz/index.ts";
import type { ApiScope } from "./rules.ts";

/** An organisation whose tokens are managed (listing, creating). */
export interface TokenOwner {
  organisationId: string;
}

/** A token as far as the policy needs to know it. */
export interface TokenResource {
  organisationId: string;
  revokedAt: Date | null;
}

/** A beheerder manages their own organisation's tokens; the platform administrator any. */
const managesTokensOf = (a: Actor, organisationId: string): boolean =>
  a.kind === "staff" && hasSecondFactor(a) && isOrganisationAdministrator(a, organisationId);

/** A partner system acts for exactly one organisation: the one its token belongs to. */
const isApiClientOf = (a: Actor, organisationId: string): boolean =>
  a.kind === "api" && isSameOrganisation(a, organisationId);

/** Who may manage tokens, and what a token may do. Deny by default (createAuthorizer). */
export const apiRules = {
  /** See the token list and the form for a new token. */
  "apiToken.manage": (a: Actor, owner: TokenOwner) => managesTokensOf(a, owner.organisationId),
  /** Choose another organisation than one's own as the token's owner. */
  "apiToken.chooseOrganisation": (a: Actor, _: null) => isPlatformAdministrator(a),
  "apiToken.revoke": (a: Actor, token: TokenResource) =>
    token.revokedAt === null && managesTokensOf(a, token.organisationId),
  /** Call an endpoint: the token must hold every scope the endpoint names. */
  "api.call": (a: Actor, endpoint: { scopes: readonly ApiScope[] }) =>
    a.kind === "api" && endpoint.scopes.every((s) => hasScope(a, s)),
  /** Read an organisation through the API: only the token's own. */
  "api.organisation.read": (a: Actor, organisation: { id: string }) =>
    hasScope(a, "organisaties:lezen") && isApiClientOf(a, organisation.id),
  /** List an organisation's staff (name and roles) through the API: only the token's own. */
  "api.staff.list": (a: Actor, owner: TokenOwner) =>
    hasScope(a, "medewerkers:lezen") && isApiClientOf(a, owner.organisationId),
};

export const apiPolicy = createAuthorizer(apiRules);
