import type { Actor } from "../platform/authz/actor.ts";
import type { DataClass, Purpose } from "../platform/authz/data-classes.ts";
import {
  createAuthorizer,
  hasRole,
  hasScope,
  hasSecondFactor,
  isSameOrganisation,
} from "../platform/authz/index.ts";

/** A newcomer's reviews as far as the policy needs to know them: the municipality that holds the record. */
export interface ReviewRef {
  organisationId: string;
}

/** Progress reviews are part of the municipality's guidance under the Wet inburgering 2021 (art. 16-17). */
export const REVIEW_PURPOSE: Purpose = "uitvoering_wet_inburgering";

/**
 * What a review holds: progress on the plan's goals and what changed ("plan"), the domain scores
 * ("plan" too: self-reliance, not health). The newcomer's name shown above it is "basic".
 */
export const REVIEW_DATA_CLASSES: readonly DataClass[] = ["plan"];

/** API scopes (src/api/rules.ts) for the municipality's own systems. */
const READ_SCOPE = "voortgang:lezen";
const WRITE_SCOPE = "voortgang:schrijven";

/**
 * A consultant or team lead of the municipality that holds the record, with a second factor: the
 * same people who make the plan (plans/policy.ts) hold its reviews.
 */
const isCaseworkerOf = (a: Actor, organisationId: string): boolean =>
  a.kind === "staff" &&
  hasSecondFactor(a) &&
  a.organisationKind === "gemeente" &&
  hasRole(a, "consulent", "teamleider") &&
  isSameOrganisation(a, organisationId);

/** A system of the municipality that holds the record, through an API token with this scope. */
const isOwnSystemWith = (a: Actor, organisationId: string, scope: string): boolean =>
  a.kind === "api" && hasScope(a, scope) && isSameOrganisation(a, organisationId);

/**
 * Who may do what with a newcomer's progress reviews. Deny by default (createAuthorizer).
 *
 * The municipality's consultants and team leads, and its own systems by scope. A beheerder
 * manages accounts, not cases; key persons and chain partners see reviews only with the
 * newcomer's consent (issue 4). Changing the plan after a review is also the plan's decision:
 * the plans capability checks its own policy when the new version is made.
 */
export const reviewPolicy = createAuthorizer({
  "review.read": (a: Actor, r: ReviewRef) =>
    isCaseworkerOf(a, r.organisationId) || isOwnSystemWith(a, r.organisationId, READ_SCOPE),
  /** Record a review (scheduled or ad hoc), or correct one already recorded. */
  "review.record": (a: Actor, r: ReviewRef) =>
    isCaseworkerOf(a, r.organisationId) || isOwnSystemWith(a, r.organisationId, WRITE_SCOPE),
  /** Start a change of the plan from a review (a new concept version). People only. */
  "review.changePlan": (a: Actor, r: ReviewRef) => isCaseworkerOf(a, r.organisationId),
});

export type ReviewAction = Parameters<typeof reviewPolicy.can>[1];
