import { eq } from "drizzle-orm";
import { type AuditContext, type AuditEntry, recordAudit } from "../audit/index.ts";
// The newcomer's table from its schema file, as the newcomers capability's own queries do:
// only the facts the intake policy and the page headings need are read here.
import { newcomers } from "../newcomers/schema.ts";
import { ForbiddenError, NotFoundError } from "../platform/authz/index.ts";
import type { Db, Tx } from "../platform/db/client.ts";
import { INTAKE_PURPOSE, type IntakeAction, type IntakeDataClass, intakePolicy } from "./policy.ts";

/** What the intake knows of the newcomer: policy facts and what every intake page shows. */
export interface NewcomerFacts {
  id: string;
  organisationId: string;
  assignedConsultantId: string | null;
  givenNames: string;
  familyName: string;
  familyNamePrefix: string | null;
  preferredLanguage: string;
}

/** Returned from inside a transaction to refuse after it commits, so the refusal's audit record stays. */
export class Refusal {
  constructor(readonly error: Error) {}
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Ids come from URLs: anything that is not a uuid simply does not exist. */
export const isId = (id: string | undefined): id is string => !!id && uuidPattern.test(id);

/** The newcomer's full name as the BRP writes it (with the voorvoegsel). */
export const fullName = (n: NewcomerFacts): string =>
  [n.givenNames, n.familyNamePrefix, n.familyName].filter(Boolean).join(" ");

/** The audit fields every intake record shares: whose data, held by whom, why. */
export function auditBase(
  n: NewcomerFacts,
  resourceType: string,
  resourceId?: string,
): Omit<AuditEntry, "action" | "dataClasses"> {
  return {
    resourceType,
    resourceId: resourceId ?? n.id,
    subjectKind: "newcomer",
    subjectId: n.id,
    organisationId: n.organisationId,
    purpose: INTAKE_PURPOSE,
    legalBasis: "wettelijke_taak",
  };
}

export interface Access {
  /** What the actor must be allowed, besides seeing the intake at all. */
  action: IntakeAction;
  resourceType: string;
  /** The audit action if the attempt is refused. */
  auditAction: AuditEntry["action"];
  /** Lock the newcomer's row: writes to one newcomer's intake happen one after the other. */
  write?: boolean;
}

/**
 * Runs `work` in one transaction for one newcomer's intake, after the policy allowed it. A
 * newcomer the actor may not see (or that does not exist) is NotFoundError — another municipality
 * must not learn it exists — and an action the actor may not take is ForbiddenError; both are
 * audited as denied. `work` may return a Refusal: the transaction (with its audit records) commits
 * and the refusal's error is thrown afterwards.
 */
export async function withIntake<T>(
  db: Db,
  ctx: AuditContext,
  newcomerId: string,
  access: Access,
  work: (tx: Tx, n: NewcomerFacts) => Promise<T | Refusal>,
): Promise<T> {
  if (!isId(newcomerId)) throw new NotFoundError("newcomer");
  const result = await db.transaction(async (tx): Promise<T | Refusal> => {
    const query = tx
      .select({
        id: newcomers.id,
        organisationId: newcomers.organisationId,
        assignedConsultantId: newcomers.assignedConsultantId,
        givenNames: newcomers.givenNames,
        familyName: newcomers.familyName,
        familyNamePrefix: newcomers.familyNamePrefix,
        preferredLanguage: newcomers.preferredLanguage,
      })
      .from(newcomers)
      .where(eq(newcomers.id, newcomerId));
    const [n] = await (access.write ? query.for("update") : query);
    if (!n) return new Refusal(new NotFoundError("newcomer"));
    const refuse = async (error: Error, reason: string) => {
      await recordAudit(tx, ctx, {
        ...auditBase(n, access.resourceType),
        action: access.auditAction,
        dataClasses: [],
        outcome: "denied",
        details: { reason },
      });
      return new Refusal(error);
    };
    if (!intakePolicy.can(ctx.actor, "intake.read", n))
      return refuse(new NotFoundError("newcomer"), "not_visible");
    if (!intakePolicy.can(ctx.actor, access.action, n))
      return refuse(new ForbiddenError(access.action), "not_allowed");
    return work(tx, n);
  });
  if (result instanceof Refusal) throw result.error;
  return result;
}

/** The classes an audit record names: always "basic" (the name heads every page), then these. */
export const shown = (...classes: IntakeDataClass[]): IntakeDataClass[] => [
  "basic",
  ...classes.filter((c) => c !== "basic"),
];

/**
 * Input that breaks a rule only the database (or the intake's state) can check. Field → i18n key;
 * pages show them as field errors.
 */
export class InvalidIntakeError extends Error {
  readonly statusCode = 422;
  constructor(readonly fields: Record<string, string>) {
    super(`Invalid intake input: ${Object.keys(fields).join(", ")}`);
    this.name = "InvalidIntakeError";
  }
}
