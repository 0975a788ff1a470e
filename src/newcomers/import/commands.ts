import { and, desc, eq, inArray, sql } from "drizzle-orm";
import { type AuditContext, type AuditEntry, recordAudit } from "../../audit/index.ts";
import { ForbiddenError, NotFoundError } from "../../platform/authz/index.ts";
import type { Database, Db, Tx } from "../../platform/db/client.ts";
import { afterBulkImport } from "../../platform/db/maintenance.ts";
import { InvalidNewcomerError } from "../commands.ts";
import { NEWCOMER_PURPOSE, newcomerPolicy } from "../policy.ts";
import { keyDateClasses } from "../presenter.ts";
import { assignableConsultants, isNewcomerId } from "../queries.ts";
import { currentKeyDate, todayInNetherlands } from "../rules.ts";
import {
  consultantAssignments,
  importRuns,
  type KeyDateKind,
  keyDates,
  newcomers,
} from "../schema.ts";
import { decodeUtf8, parseCsv } from "./csv.ts";
import { type ImportRow, type ImportSource, type RowError, validateImport } from "./rules.ts";

/** Rows written per statement; progress is reported after each batch. */
export const IMPORT_BATCH_SIZE = 250;

export type ImportRun = typeof importRuns.$inferSelect;

export interface ImportRequest {
  source: ImportSource;
  fileName: string;
  bytes: Uint8Array;
  /** New records are assigned to this colleague (none: unassigned). */
  assignTo?: string | undefined;
}

/** A started import: the run to show, and — when the file was valid — the work still to do. */
export interface StartedImport {
  runId: string;
  /** Writes every row in one transaction. Absent when the file was refused. */
  process?: () => Promise<void>;
}

/**
 * Checks a DUO/COA file completely before anything is written: encoding, CSV structure, header and
 * every row (import/rules.ts). A file with any error is recorded as a refused run with all its
 * errors (row, column, message key — never the values) and nothing else happens. A valid file is
 * recorded as a run "bezig" and `process` writes it.
 */
export async function startImport(
  database: Database,
  ctx: AuditContext,
  request: ImportRequest,
): Promise<StartedImport> {
  const { actor } = ctx;
  const db = database.db;
  const organisationId = actor.organisationId;
  if (!organisationId) throw new ForbiddenError("newcomer.import");
  newcomerPolicy.authorize(actor, "newcomer.import", { organisationId });
  if (request.assignTo) {
    const colleagues = await assignableConsultants(db, organisationId);
    if (!colleagues.some((c) => c.id === request.assignTo))
      throw new InvalidNewcomerError({ assignTo: "newcomers:errors.unknownConsultant" });
  }

  const checked = check(request.bytes, request.source, todayInNetherlands());
  const [run] = await db
    .insert(importRuns)
    .values({
      organisationId,
      source: request.source,
      fileName: request.fileName.slice(0, 200),
      status: checked.ok ? "bezig" : "afgewezen",
      totalRows: checked.total,
      errors: checked.ok ? [] : checked.errors,
      createdBy: actor.accountId ?? null,
      finishedAt: checked.ok ? null : new Date(),
    })
    .returning({ id: importRuns.id });
  if (!run) throw new Error("insert returned nothing");
  if (!checked.ok) return { runId: run.id };
  const rows = checked.rows;
  return {
    runId: run.id,
    process: () => processImport(database, ctx, run.id, request, rows),
  };
}

function check(
  bytes: Uint8Array,
  source: ImportSource,
  today: string,
):
  | { ok: true; rows: ImportRow[]; total: number }
  | { ok: false; errors: RowError[]; total: number } {
  const text = decodeUtf8(bytes);
  if (text === undefined)
    return { ok: false, total: 0, errors: [{ row: 1, message: "newcomers:import.csv.notUtf8" }] };
  const parsed = parseCsv(text);
  if (!parsed.ok)
    return {
      ok: false,
      total: 0,
      errors: parsed.problems.map((p) => ({ row: p.line, message: p.message })),
    };
  const total = parsed.file.records.length;
  const validated = validateImport(parsed.file, source, today);
  return validated.ok ? { ok: true, rows: validated.rows, total } : { ...validated, total };
}

const chunks = <T>(items: readonly T[], size: number): T[][] =>
  Array.from({ length: Math.ceil(items.length / size) }, (_, i) =>
    items.slice(i * size, i * size + size),
  );

/**
 * Writes a valid file in one transaction — all rows or none. A row whose BSN is already known in
 * the municipality adds its dates to that record (only a date that differs from the current
 * value, so importing the same file twice changes nothing); other rows become new records.
 * Every record created or changed is audited. Progress: processedRows after every batch.
 *
 * Progress needs a second connection: the rows being written are invisible to others until the
 * commit. On a PostgreSQL server the progress goes through the pool beside the transaction. PGlite
 * has one connection and runs one transaction at a time, so there a page asking for the progress
 * waits for the commit and shows the result; the batches keep that wait short (2,000 rows take
 * about a second).
 */
async function processImport(
  database: Database,
  ctx: AuditContext,
  runId: string,
  request: ImportRequest,
  rows: ImportRow[],
): Promise<void> {
  const db = database.db;
  const progress = async (processedRows: number) => {
    if (database.kind !== "postgres") return;
    await db.update(importRuns).set({ processedRows }).where(eq(importRuns.id, runId));
  };
  try {
    const counts = await db.transaction((tx) => writeRows(tx, ctx, runId, request, rows, progress));
    await db
      .update(importRuns)
      .set({
        status: "klaar",
        processedRows: rows.length,
        createdCount: counts.created,
        finishedAt: new Date(),
      })
      .where(eq(importRuns.id, runId));
    // The planner must learn about the new rows before the caseload is asked for them.
    await afterBulkImport(database, ["newcomers", "key_dates", "consultant_assignments"]);
  } catch (error) {
    await db
      .update(importRuns)
      .set({
        status: "mislukt",
        processedRows: 0,
        errors: [{ row: 0, message: "newcomers:import.errors.failed" }],
        finishedAt: new Date(),
      })
      .where(eq(importRuns.id, runId));
    throw error;
  }
}

async function writeRows(
  tx: Tx,
  ctx: AuditContext,
  runId: string,
  request: ImportRequest,
  rows: ImportRow[],
  progress: (processed: number) => Promise<void>,
): Promise<{ created: number }> {
  const { actor } = ctx;
  const organisationId = actor.organisationId ?? "";
  const source = request.source;
  const note = `Import ${request.fileName.slice(0, 100)}`;
  let created = 0;
  let processed = 0;
  // Two imports into one municipality at once would both miss each other's new BSNs and create
  // the same person twice: they take turns (the lock ends with the transaction).
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`import:${organisationId}`}))`);
  for (const batch of chunks(rows, IMPORT_BATCH_SIZE)) {
    const known = await tx
      .select({ id: newcomers.id, bsn: newcomers.bsn })
      .from(newcomers)
      .where(
        and(
          eq(newcomers.organisationId, organisationId),
          inArray(
            newcomers.bsn,
            batch.map((r) => r.bsn),
          ),
        ),
      );
    const idByBsn = new Map(known.map((k) => [k.bsn ?? "", k.id]));
    const knownIds = new Set(known.map((k) => k.id));
    const currentDates = await currentDatesOf(
      tx,
      known.map((k) => k.id),
    );

    const fresh = batch.filter((r) => !idByBsn.has(r.bsn));
    if (fresh.length > 0) {
      const inserted = await tx
        .insert(newcomers)
        .values(
          fresh.map((r) => ({
            organisationId,
            givenNames: r.givenNames,
            familyNamePrefix: r.familyNamePrefix,
            familyName: r.familyName,
            birthDate: r.birthDate,
            bsn: r.bsn,
            targetGroup: r.targetGroup,
            countryOfOrigin: r.countryOfOrigin,
            assignedConsultantId: request.assignTo ?? null,
          })),
        )
        .returning({ id: newcomers.id, bsn: newcomers.bsn });
      for (const r of inserted) idByBsn.set(r.bsn ?? "", r.id);
      created += inserted.length;
      if (request.assignTo)
        await tx.insert(consultantAssignments).values(
          inserted.map((r) => ({
            organisationId,
            newcomerId: r.id,
            consultantId: request.assignTo ?? "",
            note,
            assignedBy: actor.accountId ?? null,
          })),
        );
    }

    const dates: (typeof keyDates.$inferInsert)[] = [];
    const audit: AuditEntry[] = [];
    for (const row of batch) {
      const newcomerId = idByBsn.get(row.bsn);
      if (!newcomerId) throw new Error("imported row without a record");
      const isNew = !knownIds.has(newcomerId);
      const added = row.keyDates.filter(
        (d) => isNew || currentDates.get(newcomerId)?.get(d.kind) !== d.date,
      );
      for (const d of added)
        dates.push({
          organisationId,
          newcomerId,
          kind: d.kind,
          date: d.date,
          source,
          note,
          recordedBy: actor.accountId ?? null,
        });
      if (!isNew && added.length === 0) continue;
      audit.push({
        action: isNew ? "create" : "update",
        resourceType: "newcomer",
        resourceId: newcomerId,
        subjectKind: "newcomer",
        subjectId: newcomerId,
        organisationId,
        dataClasses: isNew
          ? ["basic", "identity", "residence"]
          : [...new Set(added.map((d) => keyDateClasses[d.kind]))],
        purpose: NEWCOMER_PURPOSE,
        legalBasis: "wettelijke_taak",
        details: {
          importRun: runId,
          line: row.line,
          keyDates: added.map((d) => d.kind),
        },
      });
    }
    for (const part of chunks(dates, IMPORT_BATCH_SIZE)) await tx.insert(keyDates).values(part);
    await recordAudit(tx, ctx, ...audit);
    processed += batch.length;
    await progress(processed);
  }
  return { created };
}

/** The current value of each kind of key date, per newcomer (see currentKeyDate). */
async function currentDatesOf(
  tx: Tx,
  newcomerIds: string[],
): Promise<Map<string, Map<KeyDateKind, string>>> {
  const result = new Map<string, Map<KeyDateKind, string>>();
  if (newcomerIds.length === 0) return result;
  const rows = await tx
    .select({
      newcomerId: keyDates.newcomerId,
      kind: keyDates.kind,
      date: keyDates.date,
      recordedAt: keyDates.recordedAt,
      withdrawnAt: keyDates.withdrawnAt,
    })
    .from(keyDates)
    .where(inArray(keyDates.newcomerId, newcomerIds));
  const byNewcomer = Map.groupBy(rows, (r) => r.newcomerId);
  for (const [newcomerId, own] of byNewcomer) {
    const current = new Map<KeyDateKind, string>();
    for (const r of own) {
      const value = currentKeyDate(own, r.kind);
      if (value) current.set(r.kind, value.date);
    }
    result.set(newcomerId, current);
  }
  return result;
}

/** One import run of the actor's municipality (NotFoundError otherwise). Runs hold no personal data. */
export async function getImportRun(db: Db, ctx: AuditContext, runId: string): Promise<ImportRun> {
  const organisationId = ctx.actor.organisationId;
  if (!organisationId) throw new ForbiddenError("newcomer.import");
  newcomerPolicy.authorize(ctx.actor, "newcomer.import", { organisationId });
  if (!isNewcomerId(runId)) throw new NotFoundError("import run");
  const [run] = await db
    .select()
    .from(importRuns)
    .where(and(eq(importRuns.id, runId), eq(importRuns.organisationId, organisationId)));
  if (!run) throw new NotFoundError("import run");
  return run;
}

/** The municipality's latest import runs, newest first. */
export async function recentImportRuns(
  db: Db,
  ctx: AuditContext,
  limit = 10,
): Promise<ImportRun[]> {
  const organisationId = ctx.actor.organisationId;
  if (!organisationId) throw new ForbiddenError("newcomer.import");
  newcomerPolicy.authorize(ctx.actor, "newcomer.import", { organisationId });
  return db
    .select()
    .from(importRuns)
    .where(eq(importRuns.organisationId, organisationId))
    .orderBy(desc(importRuns.createdAt))
    .limit(limit);
}
