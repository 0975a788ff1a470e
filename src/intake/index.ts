// The brede intake: conversations, the three statutory parts, the practice domains, the
// newcomer's own words, the duties checklist and the non-cooperation ladder.
export {
  recordDomainScores,
  recordEnforcementStep,
  saveCircumstances,
  saveConversation,
  saveDuties,
  saveEducationEntry,
  saveLearnability,
  saveOwnWords,
  saveWorkEntry,
  setCompletion,
} from "./commands.ts";
export { Pictogram } from "./pictograms.tsx";
export { type IntakeRef, intakePolicy } from "./policy.ts";
export type { PresentedScore } from "./presenter.ts";
export {
  getDomainScores,
  getEducationAndWork,
  getIntakeOverview,
  type IntakeOverview,
  type IntakeSummary,
  intakeSummaryFor,
  latestDomainScores,
  listConversations,
} from "./queries.ts";
export { intakeRoutes } from "./routes.tsx";
export {
  type BasisFlags,
  type BasisItem,
  basisItems,
  basisOpOrde,
  type DomainView,
  type EducationLevel,
  educationLevels,
  type LatestScores,
} from "./rules.ts";
export {
  conversationKind,
  type Domain,
  diplomaValuation,
  domains,
  educationLevel,
  learnabilityStatus,
  notTakenReason,
} from "./schema.ts";
