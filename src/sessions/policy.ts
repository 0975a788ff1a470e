import type { Actor } from "../platform/authz/actor.ts";
import type { DataClass, Purpose } from "../platform/authz/data-classes.ts";
import {
  createAuthorizer,
  hasRole,
  hasSecondFactor,
  isSameOrganisation,
} from "../platform/authz/index.ts";

/** A session as far as the policy needs to know it: the organising organisation. */
export interface SessionRef {
  organisationId: string;
}

/** Registrations are processed to organise the maaksessie the person signed up for. */
export const REGISTRATION_PURPOSE: Purpose = "organisatie_maaksessie";

/** What a registration holds: name and organisation ("basic"), e-mail ("contact"). */
export const REGISTRATION_DATA_CLASSES: readonly DataClass[] = ["basic", "contact"];

/**
 * Organisations that may organise maaksessies: a province, a municipality, or a partner in the
 * chain. The Koers operator ("beheer") runs the platform, not sessions.
 */
const organisingKinds = new Set([
  "provincie",
  "gemeente",
  "coa",
  "maatschappelijke_begeleiding",
  "taalaanbieder",
  "werkgever",
  "lokaal_initiatief",
  "kennisinstelling",
]);

/** A procesbegeleider of an organisation that may organise sessions, second factor given. */
const isFacilitator = (a: Actor): boolean =>
  a.kind === "staff" &&
  hasSecondFactor(a) &&
  hasRole(a, "procesbegeleider") &&
  organisingKinds.has(a.organisationKind ?? "");

/** A procesbegeleider of the organisation that organises this session. */
const isFacilitatorOf = (a: Actor, s: SessionRef): boolean =>
  isFacilitator(a) && isSameOrganisation(a, s.organisationId);

/**
 * Who may do what with maaksessies before the session. Deny by default (createAuthorizer).
 * The public sees the event page and registers without an account (routes, no policy needed:
 * it shows no personal data); everything else is the organiser's procesbegeleiders'.
 */
export const sessionPolicy = createAuthorizer({
  /** Plan a new session for the actor's own organisation. */
  "session.create": (a: Actor, s: SessionRef) => isFacilitatorOf(a, s),
  /** See the session's staff pages, edit it, its deelsessies and programme. */
  "session.manage": (a: Actor, s: SessionRef) => isFacilitatorOf(a, s),
  /** Change a deelsessie of the session (topic, host, room, time, capacity). */
  "breakout.update": (a: Actor, s: SessionRef) => isFacilitatorOf(a, s),
  /**
   * Remove a deelsessie of the session. Whether it may go *now* (nobody registered, nothing
   * written for it) is a domain rule, not authorization: rules.breakoutRemovalRefusals.
   */
  "breakout.remove": (a: Actor, s: SessionRef) => isFacilitatorOf(a, s),
  /** Read the registrations (personal data), check people in, see attendance. */
  "registration.read": (a: Actor, s: SessionRef) => isFacilitatorOf(a, s),
  "registration.checkIn": (a: Actor, s: SessionRef) => isFacilitatorOf(a, s),
  /** Add a theme to the shared list (any procesbegeleider). */
  "theme.add": (a: Actor, _s: Record<string, never>) => isFacilitator(a),
  /** The list of sessions of one's own organisation. */
  "session.list": (a: Actor, s: SessionRef) => isFacilitatorOf(a, s),
});

export type SessionAction = Parameters<typeof sessionPolicy.can>[1];
