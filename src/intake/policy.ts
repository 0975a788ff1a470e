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

/** A newcomer as far as the intake policy needs to know them: who holds the record, who is assigned. */
export interface IntakeRef {
  organisationId: string;
  assignedConsultantId: string | null;
  /** The newcomer's consents in force, loaded with the record; none loaded means none (decision 0013). */
  consents?: readonly ActiveConsent[];
}

/** Why intake data is processed: the municipality's legal task under the Wet inburgering 2021. */
export const INTAKE_PURPOSE: Purpose = "uitvoering_wet_inburgering";

/**
 * The data classes of the intake: "plan" (conversations, domains, own words, duties, ladder),
 * "education" (learnability test, education, work) and "health" (health needs and referrals).
 * "basic" is the newcomer's name and language shown with every page.
 */
export type IntakeDataClass = Extract<DataClass, "basic" | "plan" | "education" | "health">;

// The vocabulary this policy is written in.

/** A consultant or team lead of the municipality that holds the record, with a second factor. */
export const isCaseworkerOf = (a: Actor, organisationId: string): boolean =>
  a.kind === "staff" &&
  hasSecondFactor(a) &&
  hasRole(a, "consulent", "teamleider") &&
  isSameOrganisation(a, organisationId);

/** The consultant the municipality assigned to this newcomer. */
export const isAssignedConsultant = (a: Actor, n: IntakeRef): boolean =>
  isCaseworkerOf(a, n.organisationId) && !!a.accountId && a.accountId === n.assignedConsultantId;

/** The API scope (src/api/rules.ts) that lets a municipality's own systems read the intake. */
const READ_SCOPE = "intake:lezen";

/** A system of the municipality that holds the record, through an API token with this scope. */
const isOwnSystemWith = (a: Actor, organisationId: string, scope: string): boolean =>
  a.kind === "api" && hasScope(a, scope) && isSameOrganisation(a, organisationId);

/**
 * A key person or partner whom the newcomer's consent in force lets see their education and work
 * (with a second factor, as every staff role). Only this part of the intake is shareable.
 */
const hasEducationConsent = (a: Actor, n: IntakeRef): boolean =>
  a.kind === "staff" &&
  hasSecondFactor(a) &&
  hasRole(a, "sleutelpersoon", "partnermedewerker") &&
  consentsCovering(n.consents, a, "education").length > 0;

/**
 * Who may do what with a newcomer's brede intake. Deny by default (createAuthorizer).
 *
 * - consultants and team leads of the holding municipality read and write the intake, and take
 *   the steps of the non-cooperation ladder;
 * - the municipality's own systems (API token with intake:lezen) read it, never health, never write;
 * - health needs and referrals (special category, AVG art. 9): only the assigned consultant;
 * - key persons and chain partners: education and work only, under the newcomer's consent in
 *   force for "education" (issue 4); never the rest of the intake;
 * - anyone of another organisation: nothing — and the intake answers 404, not 403.
 */
export const intakePolicy = createAuthorizer({
  "intake.read": (a: Actor, n: IntakeRef) =>
    isCaseworkerOf(a, n.organisationId) || isOwnSystemWith(a, n.organisationId, READ_SCOPE),
  "intake.update": (a: Actor, n: IntakeRef) => isCaseworkerOf(a, n.organisationId),
  "intake.enforce": (a: Actor, n: IntakeRef) => isCaseworkerOf(a, n.organisationId),
  "intake.health.read": (a: Actor, n: IntakeRef) => isAssignedConsultant(a, n),
  "intake.health.update": (a: Actor, n: IntakeRef) => isAssignedConsultant(a, n),
  "intake.education.readShared": (a: Actor, n: IntakeRef) => hasEducationConsent(a, n),
});

export type IntakeAction = Parameters<typeof intakePolicy.can>[1];

/** The intake's data classes this actor may see for this newcomer (empty: nothing at all). */
export function readableIntakeClasses(a: Actor, n: IntakeRef): IntakeDataClass[] {
  if (!intakePolicy.can(a, "intake.read", n)) return [];
  const classes: IntakeDataClass[] = ["basic", "plan", "education"];
  if (intakePolicy.can(a, "intake.health.read", n)) classes.push("health");
  return classes;
}
