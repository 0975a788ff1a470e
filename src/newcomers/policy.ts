// Consent rules straight from their file: consent/index.ts would import route modules in a cycle.
import { type ActiveConsent, consentsCovering } from "../consent/rules.ts";
import type { Actor } from "../platform/authz/actor.ts";
import type { DataClass, Purpose } from "../platform/authz/data-classes.ts";
import { createAuthorizer } from "../platform/authz/index.ts";
import {
  hasRole,
  hasScope,
  hasSecondFactor,
  isSameOrganisation,
} from "../platform/authz/predicates.ts";

/** The data classes a newcomer's record holds, in the order pages show them. */
export const newcomerDataClasses = ["basic", "identity", "contact", "residence", "health"] as const;
export type NewcomerDataClass = (typeof newcomerDataClasses)[number] & DataClass;

/** A newcomer as far as the policy needs to know them: who holds the record, who is assigned. */
export interface NewcomerRef {
  organisationId: string;
  assignedConsultantId: string | null;
  /**
   * The newcomer's consents, loaded in the same transaction as the record (src/consent/queries.ts).
   * Absent: no consent is known, so nobody sees anything by consent.
   */
  consents?: readonly ActiveConsent[] | undefined;
}

/** Why a newcomer's data is processed in the municipality's own work (Wet inburgering 2021). */
export const NEWCOMER_PURPOSE: Purpose = "uitvoering_wet_inburgering";

/** API scopes (src/api/rules.ts) that let a municipality's own systems read and write records. */
const READ_SCOPE = "nieuwkomers:lezen";
const WRITE_SCOPE = "nieuwkomers:schrijven";

// The vocabulary this policy is written in.

/** A consultant or team lead of the organisation that holds the record, with a second factor. */
export const isCaseworkerOf = (a: Actor, organisationId: string): boolean =>
  a.kind === "staff" &&
  hasSecondFactor(a) &&
  hasRole(a, "consulent", "teamleider") &&
  isSameOrganisation(a, organisationId);

/** The consultant the municipality assigned to this newcomer (klantregisseur). */
export const isAssignedConsultant = (a: Actor, n: NewcomerRef): boolean =>
  isCaseworkerOf(a, n.organisationId) && !!a.accountId && a.accountId === n.assignedConsultantId;

/** A team lead (teamleider) of the organisation that holds the record: sees the team's caseload. */
export const isTeamLeadOf = (a: Actor, organisationId: string): boolean =>
  isCaseworkerOf(a, organisationId) && hasRole(a, "teamleider");

/** A system of the organisation that holds the record, through an API token with this scope. */
const isOwnSystemWith = (a: Actor, organisationId: string, scope: string): boolean =>
  a.kind === "api" && hasScope(a, scope) && isSameOrganisation(a, organisationId);

/**
 * Whether the newcomer consented to this actor seeing this data class: a consent in force that
 * names the actor (a key person or buddy by account, a partner by organisation) and this data
 * class, for this purpose or ("elk") for any. Reads under consent are audited with legalBasis
 * "toestemming" (src/consent/queries.ts). Decision 0013.
 */
export const hasConsent =
  (purpose: ActiveConsent["purpose"] | "elk", dataClass: NewcomerDataClass) =>
  (a: Actor, n: NewcomerRef): boolean =>
    consentsCovering(n.consents, a, dataClass).some(
      (c) => purpose === "elk" || c.purpose === purpose,
    );

/**
 * Field-level disclosure: may this actor see this data class of this newcomer?
 *
 * - consultants and team leads of the holding municipality: basic, identity, contact, residence;
 *   health only the assigned consultant (special category, AVG art. 9);
 * - the municipality's own systems (API token with nieuwkomers:lezen): the same, never health;
 * - key persons and chain partners: only what the newcomer consented to (hasConsent) — never
 *   identity or residence, health only when granted by name;
 * - a beheerder, as beheerder: nothing — functioneel beheer manages accounts, not cases
 *   (data minimisation; decision 0005). A beheerder who also works cases holds the consulent role.
 * - anyone of another organisation: nothing.
 */
export function mayReadDataClass(a: Actor, n: NewcomerRef, dataClass: NewcomerDataClass): boolean {
  if (isCaseworkerOf(a, n.organisationId))
    return dataClass === "health" ? isAssignedConsultant(a, n) : true;
  if (isOwnSystemWith(a, n.organisationId, READ_SCOPE)) return dataClass !== "health";
  if (a.kind === "staff" && hasSecondFactor(a) && hasRole(a, "sleutelpersoon", "partnermedewerker"))
    return hasConsent("elk", dataClass)(a, n);
  return false;
}

/** The data classes of this newcomer the actor may see (empty: the record does not exist for them). */
export function disclosedDataClasses(a: Actor, n: NewcomerRef): NewcomerDataClass[] {
  return newcomerDataClasses.filter((dc) => mayReadDataClass(a, n, dc));
}

/** The data classes the actor may change: what they may see, if they may change the record at all. */
export function writableDataClasses(a: Actor, n: NewcomerRef): NewcomerDataClass[] {
  return newcomerPolicy.can(a, "newcomer.update", n) ? disclosedDataClasses(a, n) : [];
}

/** Who may do what with newcomers' records. Deny by default (createAuthorizer). */
export const newcomerPolicy = createAuthorizer({
  /** See the list of the organisation's newcomers (basic data only). */
  "newcomer.list": (a: Actor, holder: { organisationId: string }) =>
    isCaseworkerOf(a, holder.organisationId) ||
    isOwnSystemWith(a, holder.organisationId, READ_SCOPE),
  /** Register a newcomer: only a municipality holds records (it has the lead under the Wet inburgering 2021). */
  "newcomer.create": (a: Actor, holder: { organisationId: string }) =>
    a.organisationKind === "gemeente" &&
    (isCaseworkerOf(a, holder.organisationId) ||
      isOwnSystemWith(a, holder.organisationId, WRITE_SCOPE)),
  /** See a record at all: at least one data class disclosed. Otherwise answer 404, not 403. */
  "newcomer.read": (a: Actor, n: NewcomerRef) => disclosedDataClasses(a, n).length > 0,
  "newcomer.update": (a: Actor, n: NewcomerRef) =>
    isCaseworkerOf(a, n.organisationId) || isOwnSystemWith(a, n.organisationId, WRITE_SCOPE),
  /**
   * Hand a newcomer to a colleague: the assigned consultant, a team lead, or anyone of the team
   * when nobody is assigned yet (taking up a new case).
   */
  "newcomer.transfer": (a: Actor, n: NewcomerRef) =>
    isAssignedConsultant(a, n) ||
    isTeamLeadOf(a, n.organisationId) ||
    (isCaseworkerOf(a, n.organisationId) && n.assignedConsultantId === null),
  /** Import DUO/COA notifications from a file: a person of a municipality's team, not a system. */
  "newcomer.import": (a: Actor, holder: { organisationId: string }) =>
    a.organisationKind === "gemeente" && isCaseworkerOf(a, holder.organisationId),
});

export type NewcomerAction = Parameters<typeof newcomerPolicy.can>[1];
