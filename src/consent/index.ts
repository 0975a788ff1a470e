// The consent capability (issue 4, decision 0013): who may see a newcomer's data and why, consent
// for optional sharing (per purpose and data class, time-limited, revocable at once, versioned),
// the newcomer's access log, their data download and correction requests, and key person access.
export {
  addKeyPersonNote,
  type GrantInput,
  grantConsent,
  InvalidConsentError,
  recordPaperConsent,
  requestCorrection,
  revokeConsent,
} from "./commands.ts";
export { type ConsentAction, type ConsentSubject, consentPolicy, isTheNewcomer } from "./policy.ts";
export {
  type ConsentView,
  type CorrectionRequestView,
  exportedTables,
  exportMyData,
  getSharedView,
  loadActiveConsents,
  type MyDataExport,
  openCorrectionRequests,
  type SharedView,
} from "./queries.ts";
export { consentRoutes } from "./routes.tsx";
export {
  type ActiveConsent,
  consentedDataClasses,
  consentsCovering,
  MAX_CONSENT_DAYS,
  shareableDataClasses,
} from "./rules.ts";
export { type ConsentPurpose, consentPurposes, consents } from "./schema.ts";
