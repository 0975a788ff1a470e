// Pure rules of the PIP (persoonlijk Plan Inburgering en Participatie): the learning-route advice,
// the components that follow from route and target group, the term's dates and the lifecycle.
// No I/O, no framework; exhaustively table-tested in rules.test.ts.
import type { TargetGroup } from "../newcomers/index.ts";
// A pure rule using pure rules: imported from the rules file itself, not the capability's index,
// so that no route module is loaded on the way.
import {
  ROUTE_CHANGE_MONTHS,
  termEnd as recordTermEnd,
  routeChangeLimit,
  TERM_MONTHS,
  termStart,
} from "../newcomers/rules.ts";
import { addDays, periodEnd, todayInNetherlands } from "../platform/dates.ts";
import type { Leerroute } from "./schema.ts";

// ─── The route advice ────────────────────────────────────────────────────────────────────────

/**
 * The numbers the route advice uses. domain.md marks them as unverified, so they are constants a
 * municipality can change (pass your own to adviseRoute); every reason names the number it used.
 */
export const adviceThresholds = {
  /** Below this age the onderwijsroute is considered ("mostly young people"; in practice under 28). */
  onderwijsMaxAge: 28,
  /** An LBT score (0–100, as DUO reports it) at or above this counts as a good result. */
  goodScore: 60,
  /** An LBT score below this counts as a low result. */
  lowScore: 30,
};
export type AdviceThresholds = typeof adviceThresholds;

/** Highest education, lowest first (the intake's education levels). */
export const educationLevels = [
  "geen",
  "basis",
  "voortgezet",
  "beroeps",
  "hoger_beroeps",
  "universitair",
] as const;
export type EducationLevel = (typeof educationLevels)[number];

export type Literacy = "geletterd" | "beperkt_geletterd" | "niet_geletterd";

/** What the learnability test (leerbaarheidstoets) said, or that it was not taken. */
export interface Learnability {
  score?: number | undefined;
  /** The indication given with the result: "hoog", "midden" or "laag" (other words are ignored). */
  indication?: string | undefined;
  /** Not taken, e.g. because of a sensory impairment. */
  notTaken?: boolean | undefined;
}

/** Everything the advice looks at. Unknown facts are left out; the reasons then say so. */
export interface AdviceInput {
  age?: number | undefined;
  learnability: Learnability;
  education?: EducationLevel | undefined;
  latinScript?: boolean | undefined;
  literacy?: Literacy | undefined;
}

/** One reason in plain words: an i18n key (namespace "plans") and the values it shows. */
export interface AdviceReason {
  key: string;
  values?: Record<string, string | number>;
}

export interface RouteAdvice {
  route: Leerroute;
  reasons: AdviceReason[];
}

export type LearnabilityLevel = "hoog" | "midden" | "laag" | "niet_afgenomen" | "onbekend";

const indicationWords: Record<string, LearnabilityLevel> = {
  hoog: "hoog",
  high: "hoog",
  midden: "midden",
  gemiddeld: "midden",
  medium: "midden",
  laag: "laag",
  low: "laag",
};

/** Reads the test: the score decides when there is one, else the indication, else unknown. */
export function learnabilityLevel(
  lbt: Learnability,
  thresholds: AdviceThresholds = adviceThresholds,
): LearnabilityLevel {
  if (lbt.notTaken) return "niet_afgenomen";
  if (lbt.score !== undefined) {
    if (lbt.score >= thresholds.goodScore) return "hoog";
    if (lbt.score < thresholds.lowScore) return "laag";
    return "midden";
  }
  return indicationWords[lbt.indication?.trim().toLowerCase() ?? ""] ?? "onbekend";
}

const rank = (level: EducationLevel) => educationLevels.indexOf(level);
const atLeastSecondary = (level: EducationLevel | undefined) =>
  level !== undefined && rank(level) >= rank("voortgezet");
const littleEducation = (level: EducationLevel | undefined) =>
  level !== undefined && rank(level) < rank("voortgezet");

const reason = (key: string, values?: AdviceReason["values"]): AdviceReason =>
  values ? { key: `plans:advice.reason.${key}`, values } : { key: `plans:advice.reason.${key}` };

function learnabilityReason(lbt: Learnability, level: LearnabilityLevel, th: AdviceThresholds) {
  switch (level) {
    case "niet_afgenomen":
      return reason("lbtNotTaken");
    case "onbekend":
      return reason("lbtUnknown");
    default:
      return lbt.score !== undefined
        ? reason(`lbtScore.${level}`, {
            score: lbt.score,
            goodScore: th.goodScore,
            lowScore: th.lowScore,
          })
        : reason(`lbtIndication.${level}`);
  }
}

/**
 * Advises a learning route (leerroute) from the learnability test, education, age and literacy.
 * The municipality weighs it with everything else and may deviate with a reason (art. 15 Wi2021):
 * - zelfredzaamheidsroute when the test result is low, or when the person cannot read (or could
 *   not be tested) and has little education (none or primary);
 * - onderwijsroute for young people (under `onderwijsMaxAge`) with a good test result and at
 *   least secondary education;
 * - otherwise the B1-route.
 * Every reason is plain words for the consultant and the newcomer, naming the numbers used.
 */
export function adviseRoute(
  input: AdviceInput,
  thresholds: AdviceThresholds = adviceThresholds,
): RouteAdvice {
  const { age, learnability, education, literacy, latinScript } = input;
  const level = learnabilityLevel(learnability, thresholds);
  const reasons: AdviceReason[] = [learnabilityReason(learnability, level, thresholds)];
  const educationReason =
    education === undefined
      ? reason("educationUnknown")
      : reason(atLeastSecondary(education) ? "educationSecondary" : "educationLittle", {
          level: education,
        });
  const scriptReasons = latinScript === false ? [reason("latinScriptFirst")] : [];

  if (level === "laag") return { route: "zelfredzaamheid", reasons };

  const cannotRead = literacy === "niet_geletterd";
  if ((cannotRead || level === "niet_afgenomen") && littleEducation(education)) {
    if (cannotRead) reasons.push(reason("notLiterate"));
    reasons.push(educationReason);
    return { route: "zelfredzaamheid", reasons };
  }

  reasons.push(educationReason);
  const young = age !== undefined && age < thresholds.onderwijsMaxAge;
  if (young && level === "hoog" && atLeastSecondary(education)) {
    reasons.push(reason("young", { age, maxAge: thresholds.onderwijsMaxAge }));
    return { route: "onderwijs", reasons: [...reasons, ...scriptReasons] };
  }

  // The B1-route: say what kept the onderwijsroute out of reach, so deviating is an informed choice.
  if (age === undefined) reasons.push(reason("ageUnknown"));
  else if (!young) reasons.push(reason("ageAbove", { age, maxAge: thresholds.onderwijsMaxAge }));
  else reasons.push(reason("youngButNotOnderwijs", { age, maxAge: thresholds.onderwijsMaxAge }));
  if (cannotRead) reasons.push(reason("notLiterateB1"));
  return { route: "b1", reasons: [...reasons, ...scriptReasons] };
}

/**
 * Advice reasons are stored in the plan's content as strings (PlanContent.routeAdvice.reasons):
 * the key, then the values as JSON. decodeReason reads both this form and a bare key.
 */
export function encodeReason(r: AdviceReason): string {
  return r.values ? `${r.key} ${JSON.stringify(r.values)}` : r.key;
}

export function decodeReason(stored: string): AdviceReason {
  const space = stored.indexOf(" ");
  if (space < 0) return { key: stored };
  try {
    const values = JSON.parse(stored.slice(space + 1)) as AdviceReason["values"];
    return values ? { key: stored.slice(0, space), values } : { key: stored.slice(0, space) };
  } catch {
    return { key: stored.slice(0, space) };
  }
}

/**
 * What the plan needs from the brede intake (intake's `intakeSummaryFor`): the learnability test,
 * the highest education, what is not in order ("basis op orde") and the newcomer's own words.
 */
export interface IntakeFacts {
  learnability: Learnability;
  highestEducation?: EducationLevel | undefined;
  /** Practice domains the intake found not in order: the plan puts these first. */
  basisNotInOrder?: readonly string[] | undefined;
  ambitions?: string | undefined;
  nextStep?: string | undefined;
}

/** The advice's input from the newcomer's record and the intake; what is unknown stays out. */
export function adviceInputFor(
  newcomer: { birthDate: string | null; literacy: Literacy | null; latinScript: boolean | null },
  intake: IntakeFacts | undefined,
  today: string,
): AdviceInput {
  return {
    age: newcomer.birthDate ? ageOn(newcomer.birthDate, today) : undefined,
    learnability: intake?.learnability ?? {},
    education: intake?.highestEducation,
    literacy: newcomer.literacy ?? undefined,
    latinScript: newcomer.latinScript ?? undefined,
  };
}

/** Whole years between a birth date and today (both YYYY-MM-DD). */
export function ageOn(birthDate: string, today: string): number {
  const [by = 0, bm = 0, bd = 0] = birthDate.split("-").map(Number);
  const [ty = 0, tm = 0, td = 0] = today.split("-").map(Number);
  return ty - by - (tm < bm || (tm === bm && td < bd) ? 1 : 0);
}

// ─── The components of a route ───────────────────────────────────────────────────────────────

/** Hours and months of the components (Besluit inburgering 2021; the Z-route's and A2 numbers unverified). */
export const componentNumbers = {
  /** Participatieverklaringstraject: at least 12 hours, in every route. */
  pvtMinimumHours: 12,
  /** Module Arbeidsmarkt en Participatie: at least 40 practical hours across 8 themes. */
  mapMinimumHours: 40,
  zRouteCourseHours: 800,
  /** The Z-route's participation part: for asylum permit holders (the municipality offers it). */
  zRouteParticipationHours: 800,
  /** Ontzorgen: the first six months of social assistance. */
  ontzorgenMonths: 6,
  /** B1-route: a part may be lowered to A2 after substantial effort (about 600 hours; unverified). */
  a2MinimumEffortHours: 600,
};

/** The fixed costs the municipality pays from the benefit while ontzorgen applies. */
export const fixedCosts = ["huur", "energie", "water", "zorgverzekering"] as const;
export type FixedCost = (typeof fixedCosts)[number];

export type PaidBy = "gemeente" | "inburgeraar_duo_lening";

/** What a route brings for this newcomer, before the consultant chooses intensities. */
export interface RouteComponents {
  /** Kennis van de Nederlandse Maatschappij: every route. */
  knm: true;
  pvt: { applies: true; minimumHours: number };
  map: { applies: boolean; minimumHours: number };
  zRouteHours?: { course: number; participation: number };
  ontzorgen: { applies: boolean; months: number; costs: readonly FixedCost[] };
  paidBy: PaidBy;
  /** The A2 option of the B1-route: per exam part, after substantial effort. */
  a2Option: { available: boolean; perExamPart: boolean; minimumEffortHours: number };
}

/**
 * The components that follow from the route and the target group (Wet inburgering 2021):
 * KNM and PVT always; MAP in the B1- and Z-route, not in the onderwijsroute; the Z-route's course
 * hours, and its participation hours for asylum permit holders; ontzorgen only for asylum permit
 * holders on social assistance; the municipality pays for asylum permit holders, other newcomers
 * pay themselves with a DUO loan; the A2 option only in the B1-route.
 */
export function componentsFor(input: {
  route: Leerroute;
  targetGroup: TargetGroup;
  socialAssistance?: boolean | null | undefined;
}): RouteComponents {
  const { route, targetGroup } = input;
  const asylum = targetGroup === "asielstatushouder";
  const n = componentNumbers;
  const ontzorgen = asylum && input.socialAssistance === true;
  return {
    knm: true,
    pvt: { applies: true, minimumHours: n.pvtMinimumHours },
    map: { applies: route !== "onderwijs", minimumHours: n.mapMinimumHours },
    ...(route === "zelfredzaamheid"
      ? {
          zRouteHours: {
            course: n.zRouteCourseHours,
            participation: asylum ? n.zRouteParticipationHours : 0,
          },
        }
      : {}),
    ontzorgen: {
      applies: ontzorgen,
      months: ontzorgen ? n.ontzorgenMonths : 0,
      costs: ontzorgen ? fixedCosts : [],
    },
    paidBy: asylum ? "gemeente" : "inburgeraar_duo_lening",
    a2Option: {
      available: route === "b1",
      perExamPart: route === "b1",
      minimumEffortHours: route === "b1" ? n.a2MinimumEffortHours : 0,
    },
  };
}

// ─── Dates ───────────────────────────────────────────────────────────────────────────────────
// The law's dates are the record's (src/newcomers/rules.ts), on the shared calendar arithmetic
// (src/platform/dates.ts): the PIP page and the newcomer's record always show the same deadlines.

export { addDays, periodEnd, ROUTE_CHANGE_MONTHS, TERM_MONTHS, termStart, todayInNetherlands };

/** The last day of the term: three years from the day after the first PIP, plus extensions. */
export function termEnd(firstPipDate: string, extensionsMonths = 0): string {
  return recordTermEnd(firstPipDate, extensionsMonths ? [extensionsMonths] : []);
}

/** The last day on which the learning route may still be changed: 18 months into the term. */
export const routeChangeDeadline = (firstPipDate: string): string => routeChangeLimit(firstPipDate);

/** Whether the route may still be changed on `today` (no first PIP yet: always). */
export function routeChangeAllowed(
  firstPipDate: string | null | undefined,
  today: string,
): boolean {
  return !firstPipDate || today <= routeChangeDeadline(firstPipDate);
}

// ─── The lifecycle of a version ──────────────────────────────────────────────────────────────

export type PlanVersionStatus = "concept" | "besproken" | "vastgesteld" | "vervangen";

/**
 * What may happen to a version in each status: a concept is edited and then discussed with the
 * newcomer; a discussed version is set (vaststellen: the PIP is set after consulting the newcomer,
 * art. 16 Wi2021) or reopened to change it; a set version never changes — a change is a new version.
 */
export const lifecycle = {
  edit: ["concept"],
  discuss: ["concept"],
  reopen: ["besproken"],
  set: ["besproken"],
} as const satisfies Record<string, readonly PlanVersionStatus[]>;
export type LifecycleStep = keyof typeof lifecycle;

export function mayTake(step: LifecycleStep, status: PlanVersionStatus): boolean {
  return (lifecycle[step] as readonly PlanVersionStatus[]).includes(status);
}

export type RouteChangeCheck =
  | { allowed: true }
  | { allowed: false; reason: "plans:routeChange.tooLate"; deadline: string };

/**
 * A set version may change the route of the last set one only within 18 months of the term's
 * start (art. 15 lid 3 Wi2021). `on` is the date the change takes effect (the decision date).
 */
export function checkRouteChange(input: {
  previousRoute: Leerroute | undefined;
  newRoute: Leerroute;
  firstSetOn: string | null | undefined;
  on: string;
}): RouteChangeCheck {
  const { previousRoute, newRoute, firstSetOn, on } = input;
  if (!previousRoute || previousRoute === newRoute || !firstSetOn) return { allowed: true };
  if (routeChangeAllowed(firstSetOn, on)) return { allowed: true };
  return {
    allowed: false,
    reason: "plans:routeChange.tooLate",
    deadline: routeChangeDeadline(firstSetOn),
  };
}
