import type { Actor } from "../platform/authz/actor.ts";
import type { DataClass, LegalBasis, Purpose } from "../platform/authz/data-classes.ts";
import type { DbOrTx } from "../platform/db/client.ts";
import { auditEvents } from "./schema.ts";

/** Who is asking, and under which request: passed from the route to every command and query. */
export interface AuditContext {
  actor: Actor;
  requestId?: string;
}

export interface AuditEntry {
  action: "read" | "list" | "create" | "update" | "delete" | "export" | (string & {});
  resourceType: string;
  resourceId?: string;
  subjectKind?: "account" | "newcomer" | (string & {});
  subjectId?: string;
  /** The organisation that holds the data. */
  organisationId?: string | null;
  dataClasses: readonly DataClass[];
  purpose: Purpose;
  legalBasis: LegalBasis;
  outcome?: "allowed" | "denied" | "failed";
  details?: Record<string, unknown>;
}

/**
 * Appends entries to the audit trail. Call it with the transaction that reads or changes the data,
 * so the record commits (or rolls back) with it. Always await it: a lost audit write is a privacy bug.
 */
export async function recordAudit(
  tx: DbOrTx,
  ctx: AuditContext,
  ...entries: AuditEntry[]
): Promise<void> {
  if (entries.length === 0) return;
  const { actor } = ctx;
  await tx.insert(auditEvents).values(
    entries.map((e) => ({
      actorAccountId: actor.accountId ?? null,
      actorOrganisationId: actor.organisationId ?? null,
      actorRole: actor.roles.join(",") || null,
      actorKind: actor.kind,
      subjectKind: e.subjectKind ?? null,
      subjectId: e.subjectId ?? null,
      organisationId: e.organisationId ?? null,
      action: e.action,
      dataClasses: [...e.dataClasses],
      purpose: e.purpose,
      legalBasis: e.legalBasis,
      resourceType: e.resourceType,
      resourceId: e.resourceId ?? null,
      requestId: ctx.requestId ?? null,
      outcome: e.outcome ?? "allowed",
      // API calls name their token, so a partner organisation's access can be traced to one key.
      details: actor.tokenId ? { ...e.details, tokenId: actor.tokenId } : (e.details ?? null),
    })),
  );
}
