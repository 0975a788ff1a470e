// Pure rules of consent (decision 0013): which data classes a newcomer may share, for how long,
// and whether a consent covers an actor now. No I/O: policies in other capabilities import this
// file directly (type and predicate only), so a policy stays a pure function of loaded data.
import type { Actor } from "../platform/authz/actor.ts";
import type { DataClass } from "../platform/authz/data-classes.ts";
import { hasRole, hasSecondFactor } from "../platform/authz/predicates.ts";
import { type ConsentPurpose, consentPurposes } from "./schema.ts";

export { type ConsentPurpose, consentPurposes };

/**
 * The data classes a newcomer can share by consent. Never identity (the BSN) or residence status:
 * nobody outside the municipality needs them for the purposes consent is asked for.
 */
export const shareableDataClasses = ["basic", "contact", "plan", "education", "health"] as const;
export type ShareableDataClass = (typeof shareableDataClasses)[number];

/** Purposes where a person (an account) receives access; the others go to an organisation. */
export const personPurposes: readonly ConsentPurpose[] = ["sleutelpersoon", "buddy"];

/** The longest a consent may run: a year; the newcomer is asked again after that. */
export const MAX_CONSENT_DAYS = 366;

/** Version of the consent text template (src/consent/locales, key "text.*"); bump when it changes. */
export const CONSENT_TEXT_VERSION = 1;

/** A consent as policies see it, loaded with the resource in the same transaction. */
export interface ActiveConsent {
  id: string;
  purpose: ConsentPurpose;
  granteeAccountId: string | null;
  granteeOrganisationId: string | null;
  dataClasses: readonly string[];
  validFrom: Date;
  validUntil: Date;
  revokedAt: Date | null;
}

/** Whether a consent is in force at a moment: started, not ended, not revoked. */
export function isInForce(c: ActiveConsent, at: Date): boolean {
  return (
    !c.revokedAt && c.validFrom.getTime() <= at.getTime() && at.getTime() < c.validUntil.getTime()
  );
}

/**
 * Whether this consent names this actor: a key person or buddy by their own account (with the
 * matching role), a partner organisation's worker by organisation. A second factor is required,
 * as for all staff who see personal data.
 */
export function consentNames(c: ActiveConsent, a: Actor): boolean {
  if (a.kind !== "staff" || !hasSecondFactor(a)) return false;
  if (personPurposes.includes(c.purpose))
    return (
      !!a.accountId &&
      c.granteeAccountId === a.accountId &&
      hasRole(a, "sleutelpersoon", "partnermedewerker")
    );
  return (
    !!a.organisationId &&
    c.granteeOrganisationId === a.organisationId &&
    hasRole(a, "partnermedewerker")
  );
}

/**
 * The consents in force that let this actor see this data class. Health is shared only when it
 * was granted by name: no consent "for everything" exists.
 */
export function consentsCovering(
  consents: readonly ActiveConsent[] | undefined,
  a: Actor,
  dataClass: DataClass,
  at: Date = new Date(),
): ActiveConsent[] {
  if (!(shareableDataClasses as readonly string[]).includes(dataClass)) return [];
  return (consents ?? []).filter(
    (c) => isInForce(c, at) && consentNames(c, a) && c.dataClasses.includes(dataClass),
  );
}

/** The data classes this actor may see under consent (shareable ones only, in page order). */
export function consentedDataClasses(
  consents: readonly ActiveConsent[] | undefined,
  a: Actor,
  at: Date = new Date(),
): ShareableDataClass[] {
  return shareableDataClasses.filter((dc) => consentsCovering(consents, a, dc, at).length > 0);
}

/** The last day a consent given today may run to (YYYY-MM-DD). */
export function latestUntil(today: string): string {
  const d = new Date(`${today}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + MAX_CONSENT_DAYS - 1);
  return d.toISOString().slice(0, 10);
}

/** Whether an until-date is allowed: after today, at most MAX_CONSENT_DAYS ahead. */
export function validUntilDate(until: string, today: string): boolean {
  return until > today && until <= latestUntil(today);
}

/**
 * The end of an until-day as an instant: consent "until 1 June" holds on 1 June. 22:00 UTC is
 * midnight in Dutch summer time and 23:00 in winter: never later than what was granted.
 */
export function endOfDay(until: string): Date {
  return new Date(`${until}T22:00:00Z`);
}
