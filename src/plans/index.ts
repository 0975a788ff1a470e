// The plans capability: the PIP (persoonlijk Plan Inburgering en Participatie) — route advice,
// components, versions with their lifecycle, comparison, and the PIP as a printable page and PDF.
export {
  type CreatePlanVersionInput,
  createPlanVersion,
  InvalidPlanError,
  type LifecycleInput,
  markPlanDiscussed,
  type PlanMessage,
  recordLegalRemedy,
  reopenPlanConcept,
  type SavePlanInput,
  savePlanConcept,
  setPlanVersion,
} from "./commands.ts";
export { type CompareRow, compareFields, planFields } from "./compare.ts";
export { createPdfRenderer, type PdfRenderer, PdfUnavailableError } from "./pip/pdf.ts";
export { type PlanAction, type PlanRef, planPolicy } from "./policy.ts";
export {
  currentPlan,
  getPlanFile,
  getPlanVersions,
  type PlanFile,
  type PlanNewcomer,
  type PlanTerm,
  type PresentedPlan,
  type PresentedPlanVersion,
} from "./queries.ts";
export { type IntakeReader, planRoutes } from "./routes.tsx";
export {
  type AdviceInput,
  type AdviceReason,
  type AdviceThresholds,
  adviceInputFor,
  adviceThresholds,
  adviseRoute,
  checkRouteChange,
  componentNumbers,
  componentsFor,
  decodeReason,
  type EducationLevel,
  educationLevels,
  fixedCosts,
  type IntakeFacts,
  type Learnability,
  learnabilityLevel,
  type RouteAdvice,
  type RouteComponents,
  routeChangeAllowed,
  routeChangeDeadline,
  termEnd,
  termStart,
} from "./rules.ts";
export {
  type Leerroute,
  leerroutes,
  type PlanContent,
  type PlanGoal,
  type PlanStep,
  plans,
  planVersions,
} from "./schema.ts";
