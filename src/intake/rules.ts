// Pure rules of the brede intake: "basis op orde", the duties checklist, the non-cooperation
// ladder and when the intake can be called complete. No I/O, no framework; table-tested in
// rules.test.ts.
import {
  type Domain,
  educationLevel,
  type enforcementStep,
  type learnabilityStatus,
} from "./schema.ts";

/** A self-reliance score: 1 = needs a lot of help … 5 = does it fully on their own. */
export const scoreValues = [1, 2, 3, 4, 5] as const;
export type Score = (typeof scoreValues)[number];

/** The two views on one domain, as last scored. Either may be missing. */
export interface DomainView {
  consultantScore: number | null;
  newcomerScore: number | null;
}
export type LatestScores = Partial<Record<Domain, DomainView>>;

/** What the intake flags outside the scores (personal circumstances). */
export interface BasisFlags {
  acuteDebts?: boolean | undefined;
  /** Health data class: pass it only when the caller may read health. */
  acuteHealthNeeds?: boolean | undefined;
}

/**
 * What "basis op orde" can flag, in the order a plan takes them up: the three basis domains, then
 * acute debts (domain "financien") and an acute health need ("gezondheid", not a scored domain).
 */
export const basisItems = [
  "huisvesting",
  "inkomen",
  "zorgverzekering",
  "financien",
  "gezondheid",
] as const;
export type BasisItem = (typeof basisItems)[number];

/** The domains that must be in order before anything else (housing, income, health insurance). */
export const basisDomains = ["huisvesting", "inkomen", "zorgverzekering"] as const;

/** A score at or below this, in either view, means the basis is not in order. */
export const BASIS_SCORE_LIMIT = 2;

/**
 * "Basis op orde": the items that are not in order and that the plan must put first. A basis
 * domain is flagged when the consultant *or* the newcomer scores it 2 or lower — the newcomer's
 * own view counts as much as the consultant's. Acute debts and acute health needs are flagged as
 * they were recorded. Returns the items in plan order (basisItems).
 */
export function basisOpOrde(scores: LatestScores, flags: BasisFlags = {}): BasisItem[] {
  const flagged = new Set<BasisItem>();
  for (const domain of basisDomains) {
    const view = scores[domain];
    const low = [view?.consultantScore, view?.newcomerScore].some(
      (s) => typeof s === "number" && s <= BASIS_SCORE_LIMIT,
    );
    if (low) flagged.add(domain);
  }
  if (flags.acuteDebts) flagged.add("financien");
  if (flags.acuteHealthNeeds) flagged.add("gezondheid");
  return basisItems.filter((item) => flagged.has(item));
}

/** A household member as the duty rules need them. */
export interface HouseholdMember {
  relation: "partner" | "kind" | "ouder" | "anders";
  birthDate: string | null;
}

/** Below this age a child counts as young for the vve duty (voor- en vroegschoolse educatie). */
export const VVE_AGE_LIMIT = 4;

/** Whole years between a birth date and a day (both YYYY-MM-DD). */
export function ageOn(birthDate: string, day: string): number {
  const [by, bm, bd] = birthDate.split("-").map(Number) as [number, number, number];
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

/**
 * Are there young children (under 4) in the household? A child under 4 by birth date decides
 * (the consultant cannot answer that away); otherwise the consultant's answer, when given; otherwise
 * "no" only when the household is recorded and every child has a birth date — else "onbekend", and
 * the duties checklist asks.
 */
export function youngChildren(
  household: readonly HouseholdMember[],
  today: string,
  consultantAnswer: boolean | null,
): boolean | "onbekend" {
  const children = household.filter((m) => m.relation === "kind");
  if (children.some((c) => c.birthDate && ageOn(c.birthDate, today) < VVE_AGE_LIMIT)) return true;
  if (consultantAnswer !== null) return consultantAnswer;
  if (household.length > 0 && children.every((c) => c.birthDate)) return false;
  return "onbekend";
}

/**
 * Must a conversation without the partner be offered? When there is a partner in the household,
 * when a partner sat in on a conversation, or when the household is not recorded yet (then the
 * offer is made to be safe: it costs little and the law asks for it).
 */
export function withoutPartnerDutyApplies(
  household: readonly HouseholdMember[],
  partnerAttended: boolean,
): boolean {
  return (
    partnerAttended || household.length === 0 || household.some((m) => m.relation === "partner")
  );
}

/** done, open (a warning), not applicable, or to ask (we do not know whether it applies). */
export type DutyState = "gedaan" | "open" | "nvt" | "navragen";

export interface DutiesInput {
  youngChildren: boolean | "onbekend";
  vveInformedOn: string | null;
  withoutPartnerApplies: boolean;
  withoutPartnerOfferedOn: string | null;
}

/** The state of the two duties of the intake: vve information and a conversation without the partner. */
export function dutiesStatus(input: DutiesInput): { vve: DutyState; withoutPartner: DutyState } {
  const vve: DutyState = input.vveInformedOn
    ? "gedaan"
    : input.youngChildren === true
      ? "open"
      : input.youngChildren === "onbekend"
        ? "navragen"
        : "nvt";
  const withoutPartner: DutyState = input.withoutPartnerOfferedOn
    ? "gedaan"
    : input.withoutPartnerApplies
      ? "open"
      : "nvt";
  return { vve, withoutPartner };
}

export type EnforcementStep = (typeof enforcementStep.enumValues)[number];

/**
 * The non-cooperation ladder (art. 29 Wi2021), in order: an invitation; a second invitation with a
 * written warning; a first fine with a third invitation; a second fine.
 */
export const enforcementLadder = [
  "uitnodiging",
  "tweede_uitnodiging_waarschuwing",
  "eerste_boete_derde_uitnodiging",
  "tweede_boete",
] as const satisfies readonly EnforcementStep[];

/** The step that comes next after the steps taken so far, or null when the ladder is done. */
export function nextEnforcementStep(taken: readonly EnforcementStep[]): EnforcementStep | null {
  const furthest = Math.max(-1, ...taken.map((s) => enforcementLadder.indexOf(s)));
  return enforcementLadder[furthest + 1] ?? null;
}

/** The fine a step carries, in euro cents (configurable: FINE_AMOUNT_CENTS), or null. */
export function fineFor(step: EnforcementStep, fineAmountCents: number): number | null {
  return step === "eerste_boete_derde_uitnodiging" || step === "tweede_boete"
    ? fineAmountCents
    : null;
}

/** Whether a step carries an invitation to a conversation (and so an appointment in its letter). */
export const invites = (step: EnforcementStep): boolean => step !== "tweede_boete";

export type EducationLevel = (typeof educationLevel.enumValues)[number];

/** Education levels, lowest first. */
export const educationLevels: readonly EducationLevel[] = educationLevel.enumValues;

/** The highest of the education levels recorded, or null when none is. */
export function highestEducationLevel(levels: readonly EducationLevel[]): EducationLevel | null {
  const highest = Math.max(-1, ...levels.map((l) => educationLevels.indexOf(l)));
  return educationLevels[highest] ?? null;
}

export type LearnabilityStatus = (typeof learnabilityStatus.enumValues)[number];

/** The parts of the intake that must be there before it can be called complete. */
export type IntakePart =
  | "gesprek"
  | "leerbaarheidstoets"
  | "opleiding_werk"
  | "omstandigheden"
  | "basisdomeinen";

export interface IntakeProgress {
  conversations: number;
  learnability: LearnabilityStatus | null;
  educationAndWorkEntries: number;
  circumstancesRecorded: boolean;
  scoredDomains: readonly Domain[];
}

/**
 * What is still missing before the intake can be completed: at least one conversation, the three
 * statutory parts (the learnability test taken or recorded as not taken; at least one education or
 * work entry — "geen" is an entry too; the personal circumstances) and the three basis domains
 * scored, because the plan needs "basis op orde".
 */
export function missingForCompletion(p: IntakeProgress): IntakePart[] {
  const missing: IntakePart[] = [];
  if (p.conversations === 0) missing.push("gesprek");
  if (p.learnability !== "afgenomen" && p.learnability !== "niet_afgenomen")
    missing.push("leerbaarheidstoets");
  if (p.educationAndWorkEntries === 0) missing.push("opleiding_werk");
  if (!p.circumstancesRecorded) missing.push("omstandigheden");
  if (!basisDomains.every((d) => p.scoredDomains.includes(d))) missing.push("basisdomeinen");
  return missing;
}

export { todayInNetherlands } from "../platform/dates.ts";
