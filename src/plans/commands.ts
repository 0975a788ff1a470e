import { and, eq, sql } from "drizzle-orm";
import { type AuditContext, type AuditEntry, recordAudit } from "../audit/index.ts";
import { organisations } from "../organisations/index.ts";
import { NotFoundError } from "../platform/authz/index.ts";
import type { Db, Tx } from "../platform/db/client.ts";
import { ConflictError } from "../platform/http/errors.ts";
import { scheduleReviewsFor } from "../reviews/index.ts";
import type { PlanFormData } from "./input.ts";
import { newId } from "./input.ts";
import { type PlanAction, planPolicy } from "./policy.ts";
import {
  findPlanNewcomer,
  loadPlanFile,
  type PlanFile,
  type PlanNewcomer,
  type PresentedPlanVersion,
  planAudit,
} from "./queries.ts";
import {
  adviceInputFor,
  adviseRoute,
  checkRouteChange,
  componentsFor,
  encodeReason,
  type IntakeFacts,
  type LifecycleStep,
  mayTake,
  type RouteAdvice,
  type RouteComponents,
  todayInNetherlands,
} from "./rules.ts";
import { type PlanContent, plans, planVersions } from "./schema.ts";

/** A message for a field (or "_form"): an i18n key and the values it shows. */
export interface PlanMessage {
  key: string;
  values?: Record<string, string | number>;
}

/**
 * Input that breaks a rule of the plan (a deviation without reason, MAP hours below the minimum,
 * a route change after 18 months, a step the version's status does not allow). Field → message;
 * pages show them as field errors (422).
 */
export class InvalidPlanError extends Error {
  readonly statusCode = 422;
  constructor(readonly fields: Record<string, PlanMessage>) {
    super(`Invalid plan: ${Object.keys(fields).join(", ")}`);
    this.name = "InvalidPlanError";
  }
}

const invalid = (field: string, key: string, values?: PlanMessage["values"]) =>
  new InvalidPlanError({ [field]: values ? { key, values } : { key } });

type Outcome<T> =
  | { kind: "done"; value: T }
  | { kind: "hidden" }
  | { kind: "conflict"; current: PresentedPlanVersion };

/**
 * Runs one change to a newcomer's plan in one transaction: locks the newcomer's row (so two
 * changes to one plan queue up), authorizes, loads the file and hands it to `work`, which writes
 * its own audit record. Someone who may not see the plan gets NotFoundError (recorded as refused);
 * a stale version gets ConflictError carrying the stored version, whose read is recorded.
 */
async function changePlan<T>(
  db: Db,
  ctx: AuditContext,
  newcomerId: string,
  action: PlanAction,
  work: (tx: Tx, file: PlanFile) => Promise<Outcome<T>>,
): Promise<T> {
  const outcome = await db.transaction(async (tx): Promise<Outcome<T>> => {
    const newcomer = await findPlanNewcomer(tx, newcomerId, { forUpdate: true });
    if (!newcomer) return { kind: "hidden" };
    if (!planPolicy.can(ctx.actor, action, newcomer)) {
      await recordAudit(
        tx,
        ctx,
        planAudit(newcomer, "update", { dataClasses: [], outcome: "denied", details: { action } }),
      );
      return { kind: "hidden" };
    }
    return work(tx, await loadPlanFile(tx, newcomer));
  });
  switch (outcome.kind) {
    case "done":
      return outcome.value;
    case "hidden":
      throw new NotFoundError("plan");
    case "conflict":
      throw new ConflictError(outcome.current);
  }
}

/** Finds a version and checks its status allows the step and its row version is the one read. */
async function versionFor(
  tx: Tx,
  ctx: AuditContext,
  file: PlanFile,
  number: number,
  step: LifecycleStep,
  version: number,
): Promise<PresentedPlanVersion | Outcome<never>> {
  const found = file.versions.find((v) => v.number === number);
  if (!found) return { kind: "hidden" };
  if (found.version !== version) {
    // The stored version is shown next to the user's input: that is a read of it.
    await recordAudit(
      tx,
      ctx,
      planAudit(file.newcomer, "read", { details: { version: number, reason: "conflict" } }),
    );
    return { kind: "conflict", current: found };
  }
  if (!mayTake(step, found.status))
    throw invalid("_form", `plans:errors.step.${step}`, { status: found.status });
  return found;
}
const isOutcome = (v: PresentedPlanVersion | Outcome<never>): v is Outcome<never> => "kind" in v;

const stamp = (entry: Partial<AuditEntry>) => ({ dataClasses: ["plan"] as const, ...entry });

function requireTargetGroup(newcomer: PlanNewcomer) {
  if (!newcomer.targetGroup) throw invalid("_form", "plans:errors.targetGroupUnknown");
  return newcomer.targetGroup;
}

/** The advice for this newcomer now, from their record and the intake. */
export function adviceFor(
  newcomer: PlanNewcomer,
  intake: IntakeFacts | undefined,
  today: string,
): RouteAdvice {
  return adviseRoute(adviceInputFor(newcomer, intake, today));
}

function contentComponents(
  components: RouteComponents,
  chosen: {
    pvtHours: number;
    mapHours?: number | undefined;
    ontzorgenMonths?: number | undefined;
    ontzorgenCosts?: readonly string[];
  },
): PlanContent["components"] {
  return {
    knm: true,
    pvt: { applies: true, hours: chosen.pvtHours },
    map: {
      applies: components.map.applies,
      hours: components.map.applies ? (chosen.mapHours ?? components.map.minimumHours) : 0,
    },
    ...(components.zRouteHours ? { zRouteHours: { ...components.zRouteHours } } : {}),
    ontzorgen: components.ontzorgen.applies
      ? {
          applies: true,
          months: chosen.ontzorgenMonths ?? components.ontzorgen.months,
          costs: [...(chosen.ontzorgenCosts ?? components.ontzorgen.costs)],
        }
      : { applies: false, months: 0, costs: [] },
    paidBy: components.paidBy,
  };
}

/** A first concept: the advised route and its components at their minimum hours, nothing else yet. */
function firstContent(newcomer: PlanNewcomer, advice: RouteAdvice): PlanContent {
  const components = componentsFor({
    route: advice.route,
    targetGroup: requireTargetGroup(newcomer),
    socialAssistance: newcomer.socialAssistance,
  });
  return {
    leerroute: advice.route,
    routeAdvice: { route: advice.route, reasons: advice.reasons.map(encodeReason) },
    components: contentComponents(components, { pvtHours: components.pvt.minimumHours }),
    preconditions: {},
    guidance: "",
    goals: [],
    reviewSchedule: [],
    monitoring: "",
  };
}

export interface CreatePlanVersionInput {
  newcomerId: string;
  /** Why the plan changes (required once a version is set). */
  changeReason?: string | undefined;
  /** The intake's facts for the first advice (intakeSummaryFor); the advice says what is unknown. */
  intake?: IntakeFacts | undefined;
  today?: string;
}

/**
 * Makes a new concept version: the first one (advised route, minimum hours) when the newcomer
 * has no plan yet, else a copy of the version in force, with the reason for the change. Refused
 * while another version is being prepared. The progress reviews call this after a review.
 */
export async function createPlanVersion(
  db: Db,
  ctx: AuditContext,
  input: CreatePlanVersionInput,
): Promise<PresentedPlanVersion> {
  const today = input.today ?? todayInNetherlands();
  return changePlan(db, ctx, input.newcomerId, "plan.edit", async (tx, file) => {
    if (file.draft)
      throw invalid("_form", "plans:errors.draftExists", { number: file.draft.number });
    let planId = file.plan?.id;
    let content: PlanContent;
    let changeReason: string | null = null;
    if (!planId) {
      content = firstContent(file.newcomer, adviceFor(file.newcomer, input.intake, today));
      const [plan] = await tx
        .insert(plans)
        .values({ organisationId: file.newcomer.organisationId, newcomerId: file.newcomer.id })
        .returning({ id: plans.id });
      planId = plan?.id;
    } else if (file.current) {
      if (!input.changeReason) throw invalid("changeReason", "plans:errors.changeReasonRequired");
      content = structuredClone(file.current.content);
      changeReason = input.changeReason;
    } else {
      throw invalid("_form", "plans:errors.noVersion");
    }
    if (!planId) throw new Error("plan insert returned nothing");
    const number = (file.versions.at(-1)?.number ?? 0) + 1;
    const [row] = await tx
      .insert(planVersions)
      .values({
        organisationId: file.newcomer.organisationId,
        planId,
        newcomerId: file.newcomer.id,
        number,
        status: "concept",
        content,
        changeReason,
        createdBy: ctx.actor.accountId ?? null,
      })
      .returning();
    if (!row) throw new Error("version insert returned nothing");
    await recordAudit(
      tx,
      ctx,
      planAudit(file.newcomer, "create", stamp({ details: { version: number } })),
    );
    return {
      kind: "done",
      value: {
        id: row.id,
        number,
        status: row.status,
        content,
        discussedOn: null,
        setOn: null,
        changeReason,
        createdAt: row.createdAt,
        createdByName: ctx.actor.name ?? null,
        version: row.version,
      },
    };
  });
}

export interface SavePlanInput {
  newcomerId: string;
  number: number;
  data: PlanFormData;
  intake?: IntakeFacts | undefined;
  today?: string;
}

/**
 * Saves the consultant's form into a concept version. Checks the rules that depend on the
 * newcomer: a reason to deviate from the advice, PVT and MAP minimum hours, the language provider,
 * the reason for a change, and the 18-month limit on changing the route (art. 15 Wi2021).
 * A stale `data.version` gets ConflictError with the stored version: nothing is overwritten.
 */
export async function savePlanConcept(
  db: Db,
  ctx: AuditContext,
  input: SavePlanInput,
): Promise<PresentedPlanVersion> {
  const { data } = input;
  const today = input.today ?? todayInNetherlands();
  return changePlan(db, ctx, input.newcomerId, "plan.edit", async (tx, file) => {
    const found = await versionFor(tx, ctx, file, input.number, "edit", data.version);
    if (isOutcome(found)) return found;
    const targetGroup = requireTargetGroup(file.newcomer);
    const advice = adviceFor(file.newcomer, input.intake, today);
    const components = componentsFor({
      route: data.leerroute,
      targetGroup,
      socialAssistance: file.newcomer.socialAssistance,
    });

    const errors: Record<string, PlanMessage> = {};
    if (data.leerroute !== advice.route && !data.deviationReason)
      errors.deviationReason = { key: "plans:errors.deviationReasonRequired" };
    if (data.pvtHours < components.pvt.minimumHours)
      errors.pvtHours = {
        key: "plans:errors.minimumHours",
        values: { min: components.pvt.minimumHours },
      };
    if (components.map.applies && (data.mapHours ?? 0) < components.map.minimumHours)
      errors.mapHours = {
        key: "plans:errors.minimumHours",
        values: { min: components.map.minimumHours },
      };
    if (
      components.ontzorgen.applies &&
      data.ontzorgenMonths !== undefined &&
      data.ontzorgenMonths < 1
    )
      errors.ontzorgenMonths = { key: "plans:errors.minimumMonths", values: { min: 1 } };
    if (input.number > 1 && !data.changeReason)
      errors.changeReason = { key: "plans:errors.changeReasonRequired" };
    const check = checkRouteChange({
      previousRoute: file.current?.content.leerroute,
      newRoute: data.leerroute,
      firstSetOn: file.plan?.firstSetOn,
      on: today,
    });
    if (!check.allowed)
      errors.leerroute = { key: check.reason, values: { deadline: check.deadline } };
    let provider: PlanContent["languageProvider"];
    if (data.languageProviderId) {
      const [org] = await tx
        .select({ id: organisations.id, name: organisations.name })
        .from(organisations)
        .where(
          and(
            eq(organisations.id, data.languageProviderId),
            eq(organisations.kind, "taalaanbieder"),
          ),
        );
      if (org) provider = { organisationId: org.id, name: org.name };
      else errors.languageProviderId = { key: "plans:errors.unknownProvider" };
    } else if (data.languageProviderName) {
      provider = { name: data.languageProviderName };
    }
    if (Object.keys(errors).length > 0) throw new InvalidPlanError(errors);

    const content: PlanContent = {
      leerroute: data.leerroute,
      routeAdvice: { route: advice.route, reasons: advice.reasons.map(encodeReason) },
      ...(data.leerroute !== advice.route && data.deviationReason
        ? { deviationReason: data.deviationReason }
        : {}),
      ...(components.a2Option.available && data.a2Option ? { a2Option: true } : {}),
      ...(provider ? { languageProvider: provider } : {}),
      ...(data.hoursPerWeek !== undefined ? { hoursPerWeek: data.hoursPerWeek } : {}),
      components: contentComponents(components, data),
      preconditions: {
        ...(data.childcare ? { childcare: data.childcare } : {}),
        ...(data.travel ? { travel: data.travel } : {}),
        ...(data.otherPrecondition ? { other: data.otherPrecondition } : {}),
      },
      guidance: data.guidance ?? "",
      goals: data.goals.map((g) => ({
        id: g.id ?? newId(),
        kind: g.kind,
        description: g.description,
        steps: g.steps.map((s) => ({
          id: s.id ?? newId(),
          what: s.what,
          who: s.who,
          ...(s.dueOn ? { dueOn: s.dueOn } : {}),
          status: s.status,
        })),
      })),
      reviewSchedule: [...data.reviews]
        .sort((a, b) => a.dueOn.localeCompare(b.dueOn))
        .map((r) => (r.note ? { dueOn: r.dueOn, note: r.note } : { dueOn: r.dueOn })),
      monitoring: data.monitoring ?? "",
    };
    const changeReason = input.number > 1 ? (data.changeReason ?? null) : null;
    const [row] = await tx
      .update(planVersions)
      .set({
        content,
        changeReason,
        version: sql`${planVersions.version} + 1`,
        updatedAt: new Date(),
      })
      .where(and(eq(planVersions.id, found.id), eq(planVersions.version, data.version)))
      .returning({ version: planVersions.version });
    if (!row) throw new Error("the locked version changed");
    const changed = (Object.keys(content) as (keyof PlanContent)[]).filter(
      (k) => JSON.stringify(content[k]) !== JSON.stringify(found.content[k]),
    );
    await recordAudit(
      tx,
      ctx,
      planAudit(
        file.newcomer,
        "update",
        stamp({ details: { version: found.number, changedFields: changed } }),
      ),
    );
    return { kind: "done", value: { ...found, content, changeReason, version: row.version } };
  });
}

export interface LifecycleInput {
  newcomerId: string;
  number: number;
  /** The row version the user saw. */
  version: number;
  /** The date of the step (discussed on, set on); not in the future. */
  on?: string;
  today?: string;
}

/** Records that a concept was discussed with the newcomer, and when. */
export async function markPlanDiscussed(
  db: Db,
  ctx: AuditContext,
  input: LifecycleInput & { on: string },
): Promise<PresentedPlanVersion> {
  const today = input.today ?? todayInNetherlands();
  return changePlan(db, ctx, input.newcomerId, "plan.edit", async (tx, file) => {
    const found = await versionFor(tx, ctx, file, input.number, "discuss", input.version);
    if (isOutcome(found)) return found;
    if (input.on > today) throw invalid("discussedOn", "plans:errors.future");
    return updateStatus(tx, ctx, file, found, { status: "besproken", discussedOn: input.on });
  });
}

/** Takes a discussed version back to concept, to change it before it is set. */
export async function reopenPlanConcept(
  db: Db,
  ctx: AuditContext,
  input: LifecycleInput,
): Promise<PresentedPlanVersion> {
  return changePlan(db, ctx, input.newcomerId, "plan.edit", async (tx, file) => {
    const found = await versionFor(tx, ctx, file, input.number, "reopen", input.version);
    if (isOutcome(found)) return found;
    return updateStatus(tx, ctx, file, found, { status: "concept", discussedOn: null });
  });
}

async function updateStatus(
  tx: Tx,
  ctx: AuditContext,
  file: PlanFile,
  found: PresentedPlanVersion,
  values: Pick<typeof planVersions.$inferInsert, "status" | "discussedOn" | "setOn">,
): Promise<Outcome<PresentedPlanVersion>> {
  const [row] = await tx
    .update(planVersions)
    .set({ ...values, version: sql`${planVersions.version} + 1`, updatedAt: new Date() })
    .where(and(eq(planVersions.id, found.id), eq(planVersions.version, found.version)))
    .returning();
  if (!row) throw new Error("the locked version changed");
  await recordAudit(
    tx,
    ctx,
    planAudit(
      file.newcomer,
      "update",
      stamp({ details: { version: found.number, status: row.status } }),
    ),
  );
  return {
    kind: "done",
    value: {
      ...found,
      status: row.status,
      discussedOn: row.discussedOn,
      setOn: row.setOn,
      version: row.version,
    },
  };
}

/**
 * Sets a discussed version (vaststellen): the dated decision. The first set version starts the
 * term (plans.firstSetOn; the term runs from the next day); a later one supersedes the version in
 * force (status vervangen), and may change the route only within 18 months (art. 15 Wi2021).
 */
export async function setPlanVersion(
  db: Db,
  ctx: AuditContext,
  input: LifecycleInput & { on: string },
): Promise<PresentedPlanVersion> {
  const today = input.today ?? todayInNetherlands();
  const on = input.on;
  return changePlan(db, ctx, input.newcomerId, "plan.set", async (tx, file) => {
    const found = await versionFor(tx, ctx, file, input.number, "set", input.version);
    if (isOutcome(found)) return found;
    if (on > today) throw invalid("setOn", "plans:errors.future");
    if (found.discussedOn && on < found.discussedOn)
      throw invalid("setOn", "plans:errors.beforeDiscussed", { date: found.discussedOn });
    const previous = file.current;
    if (previous?.setOn && on < previous.setOn)
      throw invalid("setOn", "plans:errors.beforePrevious", { date: previous.setOn });
    const check = checkRouteChange({
      previousRoute: previous?.content.leerroute,
      newRoute: found.content.leerroute,
      firstSetOn: file.plan?.firstSetOn,
      on,
    });
    if (!check.allowed) throw invalid("_form", check.reason, { deadline: check.deadline });
    if (previous)
      await tx
        .update(planVersions)
        .set({
          status: "vervangen",
          version: sql`${planVersions.version} + 1`,
          updatedAt: new Date(),
        })
        .where(eq(planVersions.id, previous.id));
    if (file.plan && !file.plan.firstSetOn)
      await tx
        .update(plans)
        .set({ firstSetOn: on, version: sql`${plans.version} + 1`, updatedAt: new Date() })
        .where(eq(plans.id, file.plan.id));
    const set = await updateStatus(tx, ctx, file, found, { status: "vastgesteld", setOn: on });
    if (set.kind !== "done") return set;
    // The agreed progress reviews become rows the caseload and the reminders can see.
    await scheduleReviewsFor(tx, ctx, {
      id: found.id,
      newcomerId: file.newcomer.id,
      organisationId: file.newcomer.organisationId,
      content: found.content,
    });
    return set;
  });
}

export interface LegalRemedyInput {
  newcomerId: string;
  /** The plan's row version the user saw. */
  version: number;
  legalRemedy: (typeof plans.$inferSelect)["legalRemedy"];
  on?: string | undefined;
  note?: string | undefined;
  today?: string;
}

/** Records an objection (bezwaar) or appeal (beroep) against the PIP decision, and its outcome. */
export async function recordLegalRemedy(
  db: Db,
  ctx: AuditContext,
  input: LegalRemedyInput,
): Promise<void> {
  const today = input.today ?? todayInNetherlands();
  await changePlan(db, ctx, input.newcomerId, "plan.legalRemedy", async (tx, file) => {
    const plan = file.plan;
    if (!plan || !file.plan?.firstSetOn) throw invalid("_form", "plans:errors.noDecision");
    if (plan.version !== input.version) throw new ConflictError();
    if (input.legalRemedy !== "geen" && !input.on)
      throw invalid("legalRemedyOn", "plans:errors.dateRequired");
    if (input.on && input.on > today) throw invalid("legalRemedyOn", "plans:errors.future");
    await tx
      .update(plans)
      .set({
        legalRemedy: input.legalRemedy,
        legalRemedyOn: input.on ?? null,
        legalRemedyNote: input.note ?? null,
        version: sql`${plans.version} + 1`,
        updatedAt: new Date(),
      })
      .where(and(eq(plans.id, plan.id), eq(plans.version, input.version)));
    await recordAudit(
      tx,
      ctx,
      planAudit(file.newcomer, "update", stamp({ details: { legalRemedy: input.legalRemedy } })),
    );
    return { kind: "done", value: undefined };
  });
}
