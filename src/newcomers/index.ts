// The newcomers capability: the record of a person obliged to integrate — personal data with
// field-level disclosure, languages, household, key dates with their history, deadlines, the
// assigned consultant and the people involved — and the import of DUO/COA notifications.
export {
  addHouseholdMember,
  addInvolvement,
  addLanguage,
  addTermExtension,
  createNewcomer,
  endInvolvement,
  InvalidNewcomerError,
  recordKeyDate,
  removeHouseholdMember,
  removeLanguage,
  transferNewcomer,
  updateNewcomer,
  withdrawKeyDate,
} from "./commands.ts";
export { getImportRun, type ImportRun, startImport } from "./import/commands.ts";
export {
  type ImportSource,
  importColumns,
  importSources,
  requiredColumns,
} from "./import/rules.ts";
export {
  type NewcomerChanges,
  type NewcomerInput,
  newcomerFields,
  newcomerInputSchema,
  newcomerUpdateSchema,
} from "./input.ts";
export {
  disclosedDataClasses,
  hasConsent,
  isAssignedConsultant,
  isCaseworkerOf,
  isTeamLeadOf,
  NEWCOMER_PURPOSE,
  type NewcomerDataClass,
  type NewcomerRef,
  newcomerDataClasses,
  newcomerPolicy,
} from "./policy.ts";
export {
  displayName,
  keyDateClasses,
  type NewcomerRecord,
  type PresentedNewcomer,
  presentNewcomer,
} from "./presenter.ts";
export {
  getNewcomer,
  getNewcomerFile,
  listNewcomers,
  type NewcomerFile,
  type NewcomerFilter,
  type NewcomerList,
} from "./queries.ts";
export { newcomerRoutes } from "./routes.tsx";
export {
  addDays,
  addMonths,
  currentKeyDate,
  type Deadlines,
  deadlinesFor,
  isValidBsn,
  looksLikeBsn,
  normaliseBsn,
  PIP_DEADLINE_WEEKS,
  periodEnd,
  pipDeadline,
  ROUTE_CHANGE_MONTHS,
  routeChangeLimit,
  TERM_MONTHS,
  termEnd,
  termStart,
  todayInNetherlands,
} from "./rules.ts";
export {
  type KeyDateKind,
  keyDateKinds,
  newcomers,
  type TargetGroup,
  targetGroups,
} from "./schema.ts";
