// The audit capability: the logboek dataverwerkingen — append-only, hash-chained, searchable.
export { type AuditContext, type AuditEntry, recordAudit } from "./record.ts";
export { auditRoutes } from "./routes.tsx";
