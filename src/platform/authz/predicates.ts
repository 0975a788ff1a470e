import type { Actor, Role } from "./actor.ts";

// The small vocabulary every policy is written in (STYLE.md, "Authorization is one readable place").

export const isSignedIn = (a: Actor): boolean => a.kind === "staff" || a.kind === "newcomer";

export const hasRole = (a: Actor, ...roles: Role[]): boolean =>
  isSignedIn(a) && roles.some((r) => a.roles.includes(r));

export const isSameOrganisation = (a: Actor, organisationId: string | null | undefined): boolean =>
  !!organisationId && a.organisationId === organisationId;

/** A beheerder of the Koers operator organisation: manages all organisations. */
export const isPlatformAdministrator = (a: Actor): boolean =>
  a.kind === "staff" && a.organisationKind === "beheer" && a.roles.includes("beheerder");

/** A beheerder of this organisation (functioneel beheer): manages its accounts and tokens. */
export const isOrganisationAdministrator = (a: Actor, organisationId: string): boolean =>
  (a.kind === "staff" && hasRole(a, "beheerder") && isSameOrganisation(a, organisationId)) ||
  isPlatformAdministrator(a);

export const hasScope = (a: Actor, scope: string): boolean =>
  a.kind === "api" && (a.scopes ?? []).includes(scope);

/** Staff who see personal data must have given their second factor in this session. */
export const hasSecondFactor = (a: Actor): boolean => a.mfa;
