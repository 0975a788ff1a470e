// Consent rules straight from their file: consent/index.ts would import route modules in a cycle.
import { type ActiveConsent, consentsCovering } from "../consent/rules.ts";
import type { Actor } from "../platform/authz/actor.ts";
import type { Purpose } from "../platform/authz/data-classes.ts";
import { createAuthorizer } from "../platform/authz/index.ts";
import {
  hasRole,
  hasScope,
  hasSecondFactor,
  isSameOrganisation,
} from "../platform/authz/predicates.ts";

/** A plan as far as the policy needs to know it: the municipality that holds the newcomer's record. */
export interface PlanRef {
  organisationId: string;
  /** The newcomer's consents, loaded with the plan (src/consent/queries.ts); absent: none known. */
  consents?: readonly ActiveConsent[] | undefined;
}

/** The PIP is made under the municipality's legal task (Wet inburgering 2021, art. 16). */
export const PLAN_PURPOSE: Purpose = "uitvoering_wet_inburgering";

/**
 * A consultant or team lead of the municipality that holds the record, with a second factor.
 * The same people who work the newcomer's record (newcomers/policy.ts) make the plan with them.
 */
const isCaseworkerOf = (a: Actor, organisationId: string): boolean =>
  a.kind === "staff" &&
  hasSecondFactor(a) &&
  a.organisationKind === "gemeente" &&
  hasRole(a, "consulent", "teamleider") &&
  isSameOrganisation(a, organisationId);

/**
 * Who may do what with a newcomer's PIP. Deny by default (createAuthorizer).
 *
 * Only the municipality's consultants and team leads: the PIP is the municipality's decision
 * (beschikking). A beheerder manages accounts, not cases; chain partners and key persons see a
 * plan only with the newcomer's consent (issue 4). HOOK (newcomer portal): the newcomer reading
 * their own plan is a rule added here, not in the routes.
 */
export const planPolicy = createAuthorizer({
  /**
   * Also a partner system of the same municipality with an API token scoped plannen:lezen, and a
   * key person or partner the newcomer granted the data class "plan" (decision 0013).
   */
  "plan.read": (a: Actor, p: PlanRef) =>
    isCaseworkerOf(a, p.organisationId) ||
    (hasScope(a, "plannen:lezen") && isSameOrganisation(a, p.organisationId)) ||
    consentsCovering(p.consents, a, "plan").length > 0,
  /** Start a plan, edit a concept, mark it discussed, reopen it, start a change. */
  "plan.edit": (a: Actor, p: PlanRef) => isCaseworkerOf(a, p.organisationId),
  /** Set a version (vaststellen): the dated decision. */
  "plan.set": (a: Actor, p: PlanRef) => isCaseworkerOf(a, p.organisationId),
  /** Record an objection or appeal against the decision, and its outcome. */
  "plan.legalRemedy": (a: Actor, p: PlanRef) => isCaseworkerOf(a, p.organisationId),
});

export type PlanAction = Parameters<typeof planPolicy.can>[1];
