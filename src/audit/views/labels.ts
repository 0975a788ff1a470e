import type { TFunction } from "i18next";

// Plain words for what the audit trail stores as codes. Unknown codes (a capability added an action
// without a label yet) show as the code itself rather than disappearing.

export const actionLabel = (t: TFunction, action: string): string =>
  t(`audit:actions.${action}`, { defaultValue: action });

export const dataClassLabel = (t: TFunction, dataClass: string): string =>
  t(`audit:dataClasses.${dataClass}`, { defaultValue: dataClass });

export const purposeLabel = (t: TFunction, purpose: string): string =>
  t(`audit:purposes.${purpose}`, { defaultValue: purpose });

export const legalBasisLabel = (t: TFunction, legalBasis: string): string =>
  t(`audit:legalBases.${legalBasis}`, { defaultValue: legalBasis });

export const outcomeLabel = (t: TFunction, outcome: string): string =>
  t(`audit:outcomes.${outcome}`, { defaultValue: outcome });

export const subjectKindLabel = (t: TFunction, kind: string): string =>
  t(`audit:subjectKinds.${kind}`, { defaultValue: kind });

/** A moment as people in the Netherlands read it, in the page's language. */
export function formatMoment(locale: string, at: Date): string {
  return new Intl.DateTimeFormat(locale, {
    dateStyle: "medium",
    timeStyle: "medium",
    timeZone: "Europe/Amsterdam",
  }).format(at);
}

/** Actions the search form offers by name; others can still be found through the subject or actor. */
export const knownActions = [
  "read",
  "list",
  "create",
  "update",
  "delete",
  "export",
  "sign_in",
  "sign_out_everywhere",
  "enable_totp",
  "regenerate_recovery_codes",
  "invite",
  "add_membership",
  "request_password_reset",
] as const;
