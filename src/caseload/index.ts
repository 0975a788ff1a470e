// The caseload capability: a consultant's or team's list of newcomers, what needs attention first.
export { type CaseloadAction, caseloadPolicy } from "./policy.ts";
export {
  type Caseload,
  type CaseloadFilter,
  type CaseloadItem,
  type CaseloadOptions,
  listCaseload,
  type OverviewRow,
} from "./queries.ts";
export { caseloadRoutes } from "./routes.tsx";
export {
  attentionWindow,
  type CaseloadSettings,
  defaultCaseloadSettings,
  type Signal,
  type SignalKind,
  signalKinds,
  signalsFor,
} from "./rules.ts";
