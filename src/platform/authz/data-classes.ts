/**
 * Categories of personal data. Policies decide per data class, and the audit trail records which
 * classes were read or changed. Health and residence status are special categories (AVG art. 9
 * and the strafrechtelijk/verblijf sensitivity): they are disclosed field by field.
 */
export const dataClasses = [
  "basic",
  "identity",
  "contact",
  "residence",
  "health",
  "education",
  "plan",
  "account",
] as const;
export type DataClass = (typeof dataClasses)[number];

export const sensitiveDataClasses: readonly DataClass[] = ["health", "residence", "identity"];

/** Why personal data is processed: the legal ground recorded with every audit row. */
export const legalBases = [
  "wettelijke_taak",
  "toestemming",
  "gerechtvaardigd_belang",
  "beveiliging",
] as const;
export type LegalBasis = (typeof legalBases)[number];

/** What the processing is for. */
export const purposes = [
  "uitvoering_wet_inburgering",
  "beheer_accounts",
  "beheer_organisaties",
  "beveiliging",
  "toezicht_logboek",
  "eigen_inzage",
  "koppeling_partner",
  /** Registration, check-in and attendance of a maaksessie (src/sessions). */
  "organisatie_maaksessie",
] as const;
export type Purpose = (typeof purposes)[number];
