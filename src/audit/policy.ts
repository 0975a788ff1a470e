import type { Actor } from "../platform/authz/actor.ts";
import { createAuthorizer } from "../platform/authz/index.ts";
import {
  hasRole,
  hasSecondFactor,
  isOrganisationAdministrator,
  isPlatformAdministrator,
} from "../platform/authz/predicates.ts";

/**
 * Which part of the logboek an actor searches: everything (the Koers operator's beheerder), or
 * the events about data one organisation holds (that organisation's beheerder).
 */
export type AuditScope = { kind: "all" } | { kind: "organisation"; organisationId: string };

/** The widest scope the actor may search, or undefined when they may not search at all. */
export function auditScopeFor(actor: Actor): AuditScope | undefined {
  if (isPlatformAdministrator(actor)) return { kind: "all" };
  if (actor.organisationId && hasRole(actor, "beheerder"))
    return { kind: "organisation", organisationId: actor.organisationId };
  return undefined;
}

/** Who may search the logboek dataverwerkingen (AVG art. 5(2) accountability, BIO 12.4). */
export const auditPolicy = createAuthorizer({
  "audit.search": (actor: Actor, scope: AuditScope) =>
    actor.kind === "staff" &&
    hasSecondFactor(actor) &&
    (scope.kind === "all"
      ? isPlatformAdministrator(actor)
      : isOrganisationAdministrator(actor, scope.organisationId)),
});

export type AuditAction = Parameters<typeof auditPolicy.can>[1];
