import { asc, eq, sql } from "drizzle-orm";
// Tables from their schema files: accounts/index.ts would pull in route modules (see audit/queries.ts).
import { accounts } from "../accounts/schema.ts";
import { type AuditContext, type AuditEntry, recordAudit } from "../audit/index.ts";
import { newcomers } from "../newcomers/index.ts";
// The term's extensions are the newcomer record's; its index does not export the table (yet).
import { termExtensions } from "../newcomers/schema.ts";
import { organisations } from "../organisations/index.ts";
import type { DataClass } from "../platform/authz/data-classes.ts";
import { NotFoundError } from "../platform/authz/index.ts";
import type { Db, DbOrTx } from "../platform/db/client.ts";
import { PLAN_PURPOSE, planPolicy } from "./policy.ts";
import { routeChangeDeadline, termEnd, termStart } from "./rules.ts";
import { type PlanContent, plans, planVersions } from "./schema.ts";

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The newcomer as the plan needs them: who they are, and the facts the route and components follow from. */
export interface PlanNewcomer {
  id: string;
  organisationId: string;
  givenNames: string;
  familyName: string;
  familyNamePrefix: string | null;
  birthDate: string | null;
  targetGroup: (typeof newcomers.$inferSelect)["targetGroup"];
  socialAssistance: boolean | null;
  literacy: (typeof newcomers.$inferSelect)["literacy"];
  latinScript: boolean | null;
  preferredLanguage: string;
  assignedConsultantId: string | null;
  assignedConsultantName: string | null;
}

/** One version of the PIP as pages and other capabilities see it. */
export interface PresentedPlanVersion {
  id: string;
  number: number;
  status: (typeof planVersions.$inferSelect)["status"];
  content: PlanContent;
  discussedOn: string | null;
  setOn: string | null;
  changeReason: string | null;
  createdAt: Date;
  createdByName: string | null;
  /** Optimistic concurrency: a change must name the version it read. */
  version: number;
}

/** The plan itself: the start of the term and the legal remedy against the decision. */
export interface PresentedPlan {
  id: string;
  firstSetOn: string | null;
  legalRemedy: (typeof plans.$inferSelect)["legalRemedy"];
  legalRemedyOn: string | null;
  legalRemedyNote: string | null;
  version: number;
}

/** The term's dates, once a first version is set. */
export interface PlanTerm {
  start: string;
  /** The last day of the term, extensions included. */
  end: string;
  /** The last day the learning route may be changed. */
  routeChangeUntil: string;
  extensionsMonths: number;
}

/** Everything about one newcomer's PIP. */
export interface PlanFile {
  newcomer: PlanNewcomer;
  plan: PresentedPlan | undefined;
  /** Every version, oldest first. */
  versions: PresentedPlanVersion[];
  /** The version in force: the newest set one. */
  current: PresentedPlanVersion | undefined;
  /** The version being prepared (concept or discussed), if any. */
  draft: PresentedPlanVersion | undefined;
  term: PlanTerm | undefined;
}

/** The data classes a plan page shows: the plan, the newcomer's name and facts, the target group. */
export const PLAN_PAGE_CLASSES: readonly DataClass[] = ["plan", "basic", "residence"];

/** The audit entry for a newcomer's plan; `details` says which version or step. */
export const planAudit = (
  newcomer: { id: string; organisationId: string },
  action: AuditEntry["action"],
  extra: Partial<AuditEntry> = {},
): AuditEntry => ({
  action,
  resourceType: "plan",
  resourceId: newcomer.id,
  subjectKind: "newcomer",
  subjectId: newcomer.id,
  organisationId: newcomer.organisationId,
  dataClasses: PLAN_PAGE_CLASSES,
  purpose: PLAN_PURPOSE,
  legalBasis: "wettelijke_taak",
  ...extra,
});

/** The newcomer's facts for the plan, locked for update when asked. Not authorized: callers decide. */
export async function findPlanNewcomer(
  db: DbOrTx,
  newcomerId: string,
  options: { forUpdate?: boolean } = {},
): Promise<PlanNewcomer | undefined> {
  if (!uuidPattern.test(newcomerId)) return undefined;
  const query = db
    .select({
      id: newcomers.id,
      organisationId: newcomers.organisationId,
      givenNames: newcomers.givenNames,
      familyName: newcomers.familyName,
      familyNamePrefix: newcomers.familyNamePrefix,
      birthDate: newcomers.birthDate,
      targetGroup: newcomers.targetGroup,
      socialAssistance: newcomers.socialAssistance,
      literacy: newcomers.literacy,
      latinScript: newcomers.latinScript,
      preferredLanguage: newcomers.preferredLanguage,
      assignedConsultantId: newcomers.assignedConsultantId,
      assignedConsultantName: accounts.name,
    })
    .from(newcomers)
    .leftJoin(accounts, eq(accounts.id, newcomers.assignedConsultantId))
    .where(eq(newcomers.id, newcomerId));
  const [row] = await (options.forUpdate ? query.for("update", { of: newcomers }) : query);
  return row;
}

/** Loads the whole file of a newcomer whose facts are already loaded. Not authorized. */
export async function loadPlanFile(db: DbOrTx, newcomer: PlanNewcomer): Promise<PlanFile> {
  const [plan] = await db.select().from(plans).where(eq(plans.newcomerId, newcomer.id));
  const rows = plan
    ? await db
        .select({ v: planVersions, createdByName: accounts.name })
        .from(planVersions)
        .leftJoin(accounts, eq(accounts.id, planVersions.createdBy))
        .where(eq(planVersions.planId, plan.id))
        .orderBy(asc(planVersions.number))
    : [];
  const versions: PresentedPlanVersion[] = rows.map(({ v, createdByName }) => ({
    id: v.id,
    number: v.number,
    status: v.status,
    content: v.content,
    discussedOn: v.discussedOn,
    setOn: v.setOn,
    changeReason: v.changeReason,
    createdAt: v.createdAt,
    createdByName,
    version: v.version,
  }));
  let term: PlanTerm | undefined;
  if (plan?.firstSetOn) {
    const [ext] = await db
      .select({ months: sql<number>`coalesce(sum(${termExtensions.months}), 0)::int` })
      .from(termExtensions)
      .where(eq(termExtensions.newcomerId, newcomer.id));
    const extensionsMonths = Number(ext?.months ?? 0);
    term = {
      start: termStart(plan.firstSetOn),
      end: termEnd(plan.firstSetOn, extensionsMonths),
      routeChangeUntil: routeChangeDeadline(plan.firstSetOn),
      extensionsMonths,
    };
  }
  return {
    newcomer,
    plan: plan && {
      id: plan.id,
      firstSetOn: plan.firstSetOn,
      legalRemedy: plan.legalRemedy,
      legalRemedyOn: plan.legalRemedyOn,
      legalRemedyNote: plan.legalRemedyNote,
      version: plan.version,
    },
    versions,
    current: versions.findLast((v) => v.status === "vastgesteld"),
    draft: versions.findLast((v) => v.status === "concept" || v.status === "besproken"),
    term,
  };
}

/**
 * Runs `read` on a newcomer's plan file inside one transaction, audited: an actor who may not read
 * the plan (or a newcomer that does not exist) gets NotFoundError — another municipality must not
 * learn the record exists — and the attempt is recorded as refused.
 */
async function readAudited<T>(
  db: Db,
  ctx: AuditContext,
  newcomerId: string,
  read: (file: PlanFile, tx: DbOrTx) => Promise<{ result: T; entry?: Partial<AuditEntry> }>,
): Promise<T> {
  const outcome = await db.transaction(async (tx) => {
    const newcomer = await findPlanNewcomer(tx, newcomerId);
    if (!newcomer) return undefined;
    if (!planPolicy.can(ctx.actor, "plan.read", newcomer)) {
      await recordAudit(
        tx,
        ctx,
        planAudit(newcomer, "read", { dataClasses: [], outcome: "denied" }),
      );
      return undefined;
    }
    const file = await loadPlanFile(tx, newcomer);
    const { result, entry } = await read(file, tx);
    await recordAudit(tx, ctx, planAudit(newcomer, "read", entry));
    return { result };
  });
  if (!outcome) throw new NotFoundError("plan");
  return outcome.result;
}

/** A newcomer's whole PIP file: every version, the term, the legal remedy. Audited. */
export async function getPlanFile(
  db: Db,
  ctx: AuditContext,
  newcomerId: string,
): Promise<PlanFile> {
  return readAudited(db, ctx, newcomerId, async (file) => ({ result: file }));
}

/**
 * The plan in force for a newcomer: the newest set version, with the term's dates; `undefined`
 * fields when no version is set yet. For other capabilities (progress reviews). Audited.
 */
export async function currentPlan(
  db: Db,
  ctx: AuditContext,
  newcomerId: string,
): Promise<{
  plan: PresentedPlan | undefined;
  current: PresentedPlanVersion | undefined;
  draft: PresentedPlanVersion | undefined;
  term: PlanTerm | undefined;
}> {
  return readAudited(db, ctx, newcomerId, async (file) => ({
    result: { plan: file.plan, current: file.current, draft: file.draft, term: file.term },
    // Only the plan leaves this query (no name, no target group).
    entry: { dataClasses: ["plan"], details: { version: file.current?.number ?? null } },
  }));
}

/** Several versions of a plan by number (to show or compare them). NotFoundError when one is missing. */
export async function getPlanVersions(
  db: Db,
  ctx: AuditContext,
  newcomerId: string,
  numbers: number[],
): Promise<{ file: PlanFile; versions: PresentedPlanVersion[] }> {
  const result = await readAudited(db, ctx, newcomerId, async (file) => {
    const versions = numbers.map((n) => file.versions.find((v) => v.number === n));
    return {
      result: versions.every((v) => v)
        ? { file, versions: versions as PresentedPlanVersion[] }
        : undefined,
      entry: { details: { versions: numbers } },
    };
  });
  if (!result) throw new NotFoundError("plan version");
  return result;
}

/** What the PIP document shows besides the plan: the municipality and whom to contact. */
export interface PlanDocumentData {
  file: PlanFile;
  version: PresentedPlanVersion;
  municipality: { name: string; contactEmail: string | null };
}

/**
 * One version as a document (printable page or PDF). Audited as "read" for the page and as
 * "export" for a download, in the same transaction as the read.
 */
export async function getPlanDocument(
  db: Db,
  ctx: AuditContext,
  newcomerId: string,
  number: number,
  action: "read" | "export",
): Promise<PlanDocumentData> {
  const result = await readAudited(db, ctx, newcomerId, async (file, tx) => {
    const version = file.versions.find((v) => v.number === number);
    const [org] = version
      ? await tx
          .select({ name: organisations.name, contactEmail: organisations.contactEmail })
          .from(organisations)
          .where(eq(organisations.id, file.newcomer.organisationId))
      : [];
    return {
      result: version && org ? { file, version, municipality: org } : undefined,
      entry: {
        action,
        details: { version: number, document: action === "export" ? "pdf" : "print" },
      },
    };
  });
  if (!result) throw new NotFoundError("plan version");
  return result;
}

/** The language providers (organisations of kind taalaanbieder) a plan can name. Not personal data. */
export async function languageProviders(db: DbOrTx): Promise<{ id: string; name: string }[]> {
  return db
    .select({ id: organisations.id, name: organisations.name })
    .from(organisations)
    .where(eq(organisations.kind, "taalaanbieder"))
    .orderBy(asc(organisations.name))
    .limit(500);
}
