import { and, eq } from "drizzle-orm";
import type { AuditContext } from "../audit/index.ts";
import {
  type Domain,
  recordDomainScores,
  saveCircumstances,
  saveConversation,
  saveDuties,
  saveEducationEntry,
  saveLearnability,
  saveOwnWords,
  saveWorkEntry,
} from "../intake/index.ts";
import {
  addDays as addDaysTo,
  addHouseholdMember,
  addLanguage,
  addMonths,
  createNewcomer,
  isValidBsn,
  type KeyDateKind,
  type NewcomerInput,
  recordKeyDate,
  todayInNetherlands,
} from "../newcomers/index.ts";
import {
  createPlanVersion,
  fixedCosts,
  getPlanFile,
  type IntakeFacts,
  markPlanDiscussed,
  type PlanGoal,
  savePlanConcept,
  setPlanVersion,
} from "../plans/index.ts";
import type { Actor } from "../platform/authz/actor.ts";
import type { Db } from "../platform/db/client.ts";
import { recordReview, reviews, startPlanChange } from "../reviews/index.ts";

// The fictional newcomers of the demo, each brought to its stage through the real commands, acting
// as the consultant who holds the file — so the audit trail reads as it would after real work.
// Every name is invented. Dates are relative to the day of seeding, so deadlines make sense
// whenever the demo starts.

/** The stages the demo shows; tests/http/demo-seed.test.ts checks every one is present. */
export const demoStages = [
  "aangemeld",
  "intake",
  "pip_concept",
  "pip_vastgesteld",
  "voortgang",
  "termijn_eindigt",
] as const;
export type DemoStage = (typeof demoStages)[number];

export interface DemoConsultant {
  accountId: string;
  name: string;
}

export interface DemoMunicipality {
  organisationId: string;
  consultants: readonly DemoConsultant[];
}

export interface DemoNewcomer {
  id: string;
  name: string;
  organisationId: string;
  stage: DemoStage;
}

/** BSNs in the 99999xxxx range (reserved for tests), the nth that passes the 11-check. */
function demoBsn(n: number): string {
  let found = 0;
  for (let candidate = 999_990_000; ; candidate++) {
    const bsn = String(candidate);
    if (isValidBsn(bsn) && found++ === n) return bsn;
  }
}

type Scores = Partial<Record<Domain, readonly [consultant: number, newcomer: number]>>;

interface Conversation {
  daysAgo: number;
  notes: string;
  interpreter?: string;
  keyPerson?: string;
  partnerPresent?: boolean;
  scores?: Scores;
}

interface IntakeSpec {
  conversations: readonly Conversation[];
  learnability?:
    | { status: "gepland" }
    | { status: "afgenomen"; daysAgo: number; score: number }
    | { status: "niet_afgenomen"; reason: "zintuiglijke_beperking" | "anders"; note?: string };
  education?: {
    country: string;
    level: NonNullable<IntakeFacts["highestEducation"]>;
    field?: string;
    diploma?: string;
    valuation?: "geen_diploma" | "niet_aangevraagd" | "aangevraagd" | "gewaardeerd" | "erkend";
    years: number;
  };
  work?: { country: string; sector: string; role: string; years: number };
  circumstances?: {
    situation: string;
    acuteDebts?: boolean;
    healthNeeds?: string;
    healthReferrals?: string;
  };
  ownWords?: { ambitions: string; nextStep: string };
  duties?: { youngChildren: boolean; withoutPartnerDaysAgo?: number };
}

interface GoalSpec {
  kind: PlanGoal["kind"];
  description: string;
  steps: readonly { what: string; who: string; inDays: number; status?: PlanGoalStatus }[];
}
type PlanGoalStatus = PlanGoal["steps"][number]["status"];

interface PlanSpec {
  /** Days ago the first version was set. */
  setDaysAgo: number;
  hoursPerWeek: number;
  guidance: string;
  childcare?: string;
  goals: readonly GoalSpec[];
  /** Review dates, in days from the day the plan was set. */
  reviewsAfterDays: readonly number[];
  /** Leave the first version discussed but not set (stage "pip_concept"). */
  notSet?: boolean;
}

interface ReviewSpec {
  /** Which scheduled review (index in reviewsAfterDays) was held. */
  index: number;
  whatChanged: string;
  progress: readonly GoalProgressSpec[];
  scores: Scores;
  /** Change the plan after this review: a second version, discussed and set. */
  planChange?: { reason: string; extraGoal: GoalSpec; daysAfter: number };
}
type GoalProgressSpec = "niet_begonnen" | "op_schema" | "achter" | "behaald";

export interface NewcomerSpec {
  stage: DemoStage;
  consultant: number;
  person: Omit<NewcomerInput, "preferredLanguage" | "bsn"> & {
    preferredLanguage: NewcomerInput["preferredLanguage"];
  };
  languages: readonly {
    language: "ar" | "ti" | "prs" | "fa" | "so" | "am" | "tr" | "en" | "ckb" | "nl";
    level: "moedertaal" | "goed" | "redelijk" | "beetje";
  }[];
  household?: readonly {
    name: string;
    relation: "partner" | "kind" | "ouder" | "anders";
    age: number;
  }[];
  /** Days ago DUO's notification (kennisgeving) came in; other dates are derived from it. */
  notifiedDaysAgo: number;
  /** Only the DUO notification is known. */
  notificationOnly?: boolean;
  intake?: IntakeSpec;
  plan?: PlanSpec;
  review?: ReviewSpec;
}

/**
 * Registers the demo newcomers of a municipality and brings each to its stage. Runs inside the
 * seed's transaction (`db` may be that transaction: the commands nest as savepoints).
 */
export async function seedDemoNewcomers(
  db: Db,
  municipality: DemoMunicipality,
  specs: readonly NewcomerSpec[],
  options: { languageProviderId?: string; bsnOffset: number },
): Promise<DemoNewcomer[]> {
  const today = todayInNetherlands();
  const daysAgo = (n: number) => addDaysTo(today, -n);
  const seeded: DemoNewcomer[] = [];
  let bsnIndex = options.bsnOffset;

  for (const spec of specs) {
    const consultant = municipality.consultants[spec.consultant % municipality.consultants.length];
    if (!consultant) throw new Error("demo seed: no consultant");
    const actor: Actor = {
      kind: "staff",
      accountId: consultant.accountId,
      organisationId: municipality.organisationId,
      organisationKind: "gemeente",
      roles: ["consulent"],
      mfa: true,
      name: consultant.name,
    };
    const ctx: AuditContext = { actor };

    const created = await createNewcomer(db, ctx, {
      ...spec.person,
      bsn: demoBsn(bsnIndex++),
      assignedConsultantId: consultant.accountId,
    });
    const id = created.id;
    const notified = daysAgo(spec.notifiedDaysAgo);
    const keyDate = (
      kind: KeyDateKind,
      date: string,
      source: "duo" | "brp" | "coa" | "consulent",
    ) => (date <= today ? recordKeyDate(db, ctx, id, { kind, date, source }) : Promise.resolve());
    await keyDate("kennisgeving_duo", notified, "duo");
    if (!spec.notificationOnly) {
      await keyDate("start_plicht", addDaysTo(notified, -7), "duo");
      await keyDate("inschrijving_brp", addDaysTo(notified, -10), "brp");
      if (spec.person.targetGroup === "asielstatushouder") {
        await keyDate("koppeling", addDaysTo(notified, -30), "coa");
        await keyDate("huisvesting", addDaysTo(notified, -12), "coa");
      }
    }
    for (const language of spec.languages) await addLanguage(db, ctx, id, language);
    for (const member of spec.household ?? [])
      await addHouseholdMember(db, ctx, id, {
        name: member.name,
        relation: member.relation,
        birthDate: addMonths(today, -12 * member.age - 5),
      });

    let facts: IntakeFacts | undefined;
    if (spec.intake) facts = await seedIntake(db, ctx, id, spec.intake, daysAgo);
    if (spec.plan && facts) {
      const goalIds = await seedPlan(db, ctx, id, spec.plan, facts, daysAgo, options);
      if (spec.review) await seedReview(db, ctx, id, spec, goalIds, daysAgo, options);
    }
    seeded.push({
      id,
      name: [spec.person.givenNames, spec.person.familyNamePrefix, spec.person.familyName]
        .filter(Boolean)
        .join(" "),
      organisationId: municipality.organisationId,
      stage: spec.stage,
    });
  }
  return seeded;
}

const scoreList = (scores: Scores) =>
  Object.entries(scores).map(([domain, pair]) => ({
    domain: domain as Domain,
    consultantScore: pair?.[0] ?? null,
    newcomerScore: pair?.[1] ?? null,
  }));

/** Records the intake's parts; returns what the plan needs from it (as intakeSummaryFor would). */
async function seedIntake(
  db: Db,
  ctx: AuditContext,
  id: string,
  spec: IntakeSpec,
  daysAgo: (n: number) => string,
): Promise<IntakeFacts> {
  const basis = new Set<string>();
  for (const c of spec.conversations) {
    const heldOn = daysAgo(c.daysAgo);
    const conversationId = await saveConversation(db, ctx, id, undefined, {
      heldOn,
      kind: "intake",
      interpreterPresent: c.interpreter ? "ja" : "nee",
      ...(c.interpreter ? { interpreterLanguage: c.interpreter } : {}),
      keyPersonPresent: c.keyPerson ? "ja" : "nee",
      ...(c.keyPerson ? { keyPersonName: c.keyPerson } : {}),
      ...(c.partnerPresent !== undefined
        ? { partnerPresent: c.partnerPresent ? "ja" : "nee" }
        : {}),
      notes: c.notes,
    });
    if (c.scores) {
      const scores = scoreList(c.scores).map((s) => ({ ...s, note: null }));
      await recordDomainScores(db, ctx, id, { scoredOn: heldOn, scores, conversationId });
      for (const s of scores)
        if (
          ["huisvesting", "inkomen", "zorgverzekering", "financien"].includes(s.domain) &&
          [s.consultantScore, s.newcomerScore].some((v) => v !== null && v <= 2)
        )
          basis.add(s.domain);
    }
  }
  const lbt = spec.learnability;
  if (lbt?.status === "gepland")
    await saveLearnability(db, ctx, id, { status: "gepland", version: 0 });
  if (lbt?.status === "afgenomen")
    await saveLearnability(db, ctx, id, {
      status: "afgenomen",
      takenOn: daysAgo(lbt.daysAgo),
      score: lbt.score,
      version: 0,
    });
  if (lbt?.status === "niet_afgenomen")
    await saveLearnability(db, ctx, id, {
      status: "niet_afgenomen",
      notTakenReason: lbt.reason,
      ...(lbt.note ? { notTakenNote: lbt.note } : {}),
      version: 0,
    });
  if (spec.education)
    await saveEducationEntry(db, ctx, id, undefined, {
      country: spec.education.country,
      level: spec.education.level,
      ...(spec.education.field ? { field: spec.education.field } : {}),
      ...(spec.education.diploma ? { diploma: spec.education.diploma } : {}),
      valuation: spec.education.valuation ?? "geen_diploma",
      years: spec.education.years,
    });
  if (spec.work) await saveWorkEntry(db, ctx, id, undefined, spec.work);
  if (spec.circumstances) {
    const c = spec.circumstances;
    await saveCircumstances(db, ctx, id, {
      situation: c.situation,
      ...(c.acuteDebts ? { acuteDebts: "ja" as const } : {}),
      ...(c.healthNeeds ? { healthNeeds: c.healthNeeds } : {}),
      ...(c.healthReferrals ? { healthReferrals: c.healthReferrals } : {}),
      version: 0,
    });
    if (c.acuteDebts) basis.add("financien");
  }
  // The intake row exists (version 0) once a conversation is recorded; each save bumps it.
  let intakeVersion = 0;
  if (spec.ownWords) {
    await saveOwnWords(db, ctx, id, { ...spec.ownWords, version: intakeVersion });
    intakeVersion++;
  }
  if (spec.duties) {
    const d = spec.duties;
    await saveDuties(db, ctx, id, {
      hasYoungChildren: d.youngChildren ? "ja" : "nee",
      ...(d.youngChildren ? { vveInformedOn: daysAgo(spec.conversations[0]?.daysAgo ?? 0) } : {}),
      ...(d.withoutPartnerDaysAgo !== undefined
        ? {
            withoutPartnerOfferedOn: daysAgo(d.withoutPartnerDaysAgo),
            withoutPartnerAccepted: "ja",
          }
        : {}),
      version: intakeVersion,
    });
  }
  return {
    learnability:
      lbt?.status === "afgenomen"
        ? { score: lbt.score }
        : lbt?.status === "niet_afgenomen"
          ? { notTaken: true }
          : {},
    highestEducation: spec.education?.level,
    basisNotInOrder: [...basis],
    ambitions: spec.ownWords?.ambitions,
    nextStep: spec.ownWords?.nextStep,
  };
}

const knownCosts = (costs: readonly string[]) => fixedCosts.filter((c) => costs.includes(c));

const goalData = (goals: readonly GoalSpec[], setOn: string) =>
  goals.map((g) => ({
    kind: g.kind,
    description: g.description,
    steps: g.steps.map((s) => ({
      what: s.what,
      who: s.who,
      dueOn: addDaysTo(setOn, s.inDays),
      status: s.status ?? ("open" as const),
    })),
  }));

/** Makes the first PIP with the advised route, discusses and (unless `notSet`) sets it. */
async function seedPlan(
  db: Db,
  ctx: AuditContext,
  newcomerId: string,
  spec: PlanSpec,
  intake: IntakeFacts,
  daysAgo: (n: number) => string,
  options: { languageProviderId?: string },
): Promise<string[]> {
  const setOn = daysAgo(spec.setDaysAgo);
  const first = await createPlanVersion(db, ctx, { newcomerId, intake });
  const components = first.content.components;
  const saved = await savePlanConcept(db, ctx, {
    newcomerId,
    number: first.number,
    intake,
    data: {
      version: first.version,
      leerroute: first.content.leerroute,
      ...(options.languageProviderId ? { languageProviderId: options.languageProviderId } : {}),
      hoursPerWeek: spec.hoursPerWeek,
      pvtHours: components.pvt.hours,
      ...(components.map.applies ? { mapHours: Math.max(components.map.hours, 40) } : {}),
      ontzorgenCosts: knownCosts(components.ontzorgen.costs),
      ...(spec.childcare ? { childcare: spec.childcare } : {}),
      guidance: spec.guidance,
      goals: goalData(spec.goals, setOn),
      reviews: spec.reviewsAfterDays.map((d) => ({ dueOn: addDaysTo(setOn, d) })),
      monitoring: "Voortgangsgesprekken volgens schema; tussendoor contact met de taalaanbieder.",
    },
  });
  const discussed = await markPlanDiscussed(db, ctx, {
    newcomerId,
    number: saved.number,
    version: saved.version,
    on: addDaysTo(setOn, -7),
  });
  if (!spec.notSet)
    await setPlanVersion(db, ctx, {
      newcomerId,
      number: discussed.number,
      version: discussed.version,
      on: setOn,
    });
  return saved.content.goals.map((g) => g.id);
}

/** Records a held scheduled review and, when asked, the plan change that followed it (version 2). */
async function seedReview(
  db: Db,
  ctx: AuditContext,
  newcomerId: string,
  spec: NewcomerSpec,
  goalIds: readonly string[],
  daysAgo: (n: number) => string,
  options: { languageProviderId?: string },
): Promise<void> {
  const plan = spec.plan;
  const review = spec.review;
  if (!plan || !review) return;
  const setOn = daysAgo(plan.setDaysAgo);
  const dueOn = addDaysTo(setOn, plan.reviewsAfterDays[review.index] ?? 0);
  const [row] = await db
    .select({ id: reviews.id, version: reviews.version })
    .from(reviews)
    .where(and(eq(reviews.newcomerId, newcomerId), eq(reviews.dueOn, dueOn)));
  if (!row) throw new Error(`demo seed: no review due on ${dueOn}`);
  await recordReview(db, ctx, newcomerId, row.id, {
    heldOn: dueOn,
    whatChanged: review.whatChanged,
    goalProgress: goalIds.flatMap((goalId, i) => {
      const progress = review.progress[i];
      return progress ? [{ goalId, progress }] : [];
    }),
    scores: scoreList(review.scores),
    version: row.version,
  });
  const change = review.planChange;
  if (!change) return;
  const changedOn = addDaysTo(dueOn, change.daysAfter);
  await startPlanChange(db, ctx, newcomerId, row.id, change.reason);
  // The new concept is a copy of the version in force (goal ids kept); the change adds a goal and
  // marks the steps that were due before it as done.
  const version = (await getPlanFile(db, ctx, newcomerId)).draft;
  if (!version) throw new Error("demo seed: no plan change started");
  const content = version.content;
  const saved = await savePlanConcept(db, ctx, {
    newcomerId,
    number: version.number,
    data: {
      version: version.version,
      leerroute: content.leerroute,
      ...(options.languageProviderId ? { languageProviderId: options.languageProviderId } : {}),
      hoursPerWeek: content.hoursPerWeek,
      pvtHours: content.components.pvt.hours,
      ...(content.components.map.applies ? { mapHours: content.components.map.hours } : {}),
      ontzorgenCosts: knownCosts(content.components.ontzorgen.costs),
      guidance: content.guidance,
      goals: [
        ...content.goals.map((g) => ({
          id: g.id,
          kind: g.kind,
          description: g.description,
          steps: g.steps.map((s) => ({
            id: s.id,
            what: s.what,
            who: s.who,
            ...(s.dueOn ? { dueOn: s.dueOn } : {}),
            status: s.dueOn && s.dueOn < changedOn ? ("klaar" as const) : s.status,
          })),
        })),
        ...goalData([change.extraGoal], changedOn),
      ],
      reviews: content.reviewSchedule.map((r) => ({ dueOn: r.dueOn })),
      monitoring: content.monitoring,
      changeReason: change.reason,
    },
  });
  const discussed = await markPlanDiscussed(db, ctx, {
    newcomerId,
    number: saved.number,
    version: saved.version,
    on: changedOn,
  });
  await setPlanVersion(db, ctx, {
    newcomerId,
    number: discussed.number,
    version: discussed.version,
    on: changedOn,
  });
}
