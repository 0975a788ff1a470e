// The audit capability: the logboek dataverwerkingen — append-only, hash-chained, searchable.
export { type AuditScope, auditPolicy, auditScopeFor } from "./policy.ts";
export {
  type AccessLogEntry,
  type AuditEventView,
  type AuditFilter,
  accessLogForSubject,
  searchAuditLog,
} from "./queries.ts";
export { type AuditContext, type AuditEntry, recordAudit } from "./record.ts";
export { auditRoutes } from "./routes.tsx";
export { type AuditChainReport, verifyAuditChain } from "./verify.ts";
export {
  actionLabel,
  dataClassLabel,
  formatMoment,
  legalBasisLabel,
  purposeLabel,
} from "./views/labels.ts";
