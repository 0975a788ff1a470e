import { type Actor, createAuthorizer } from "../platform/authz/index.ts";
import {
  hasSecondFactor,
  isOrganisationAdministrator,
  isPlatformAdministrator,
} from "../platform/authz/predicates.ts";

/** An organisation as policies see it: only its identity is needed to decide. */
export interface OrganisationRef {
  id: string;
}

/**
 * Who may do what with organisations and regions. The platform administrator (beheerder of the
 * Koers operator) manages them all; an organisation's own beheerder may look at their organisation
 * and keep its contact address up to date; everyone else is refused.
 */
export const organisationPolicy = {
  "organisation.list": (actor: Actor, _: null) => isPlatformAdministrator(actor),
  "organisation.create": (actor: Actor, _: null) => isPlatformAdministrator(actor),
  "organisation.view": (actor: Actor, org: OrganisationRef) =>
    isOrganisationAdministrator(actor, org.id),
  /** Name, parent and region: what places the organisation among the others. */
  "organisation.edit": (actor: Actor, _org: OrganisationRef) => isPlatformAdministrator(actor),
  "organisation.editContact": (actor: Actor, org: OrganisationRef) =>
    isOrganisationAdministrator(actor, org.id),
  /** Names and roles of the organisation's people: personal data, so only with a second factor. */
  "organisation.listAccounts": (actor: Actor, org: OrganisationRef) =>
    isOrganisationAdministrator(actor, org.id) && hasSecondFactor(actor),
  "region.list": (actor: Actor, _: null) => isPlatformAdministrator(actor),
  "region.create": (actor: Actor, _: null) => isPlatformAdministrator(actor),
};

export type OrganisationAction = keyof typeof organisationPolicy;

export const { can, authorize } = createAuthorizer(organisationPolicy);
