// The attention signals of the caseload: pure rules, table-tested in rules.test.ts. The list itself
// is ordered and filtered in SQL (queries.ts) with the same thresholds; an HTTP test checks that
// both agree.
import { addDays, addMonths, pipDeadline, termEnd } from "../newcomers/index.ts";

/** What can need a consultant's attention, in the order the page explains them. */
export const signalKinds = [
  "pip_deadline",
  "review_due",
  "no_contact",
  "term_ending",
  "reactie",
  "referral_stale",
] as const;
export type SignalKind = (typeof signalKinds)[number];

/** How far ahead each signal looks. `noContactWeeks` is chosen on the page (default 6). */
export interface CaseloadSettings {
  noContactWeeks: number;
  pipDeadlineWarningDays: number;
  reviewWarningDays: number;
  termEndingMonths: number;
  /** Days to read what the newcomer wrote; a disagreement with the plan is due the day it arrives. */
  reactionAnswerDays: number;
}

export const defaultCaseloadSettings: CaseloadSettings = {
  noContactWeeks: 6,
  pipDeadlineWarningDays: 14,
  reviewWarningDays: 14,
  termEndingMonths: 6,
  reactionAnswerDays: 7,
};

/** The newest dates a signal fires for, given today: what the SQL compares with. */
export interface AttentionWindow {
  today: string;
  /** A PIP deadline on or before this day signals (passed deadlines included). */
  pipDeadlineBy: string;
  /** A review due on or before this day and not yet held signals. */
  reviewDueBy: string;
  /** A term ending on or before this day signals. */
  termEndBy: string;
  /** Days without contact after which "no contact" signals. */
  noContactDays: number;
  /** Days after which an unread comment, dream or proposal is due (see reactionSignal). */
  reactionAnswerDays: number;
}

export function attentionWindow(today: string, settings: CaseloadSettings): AttentionWindow {
  return {
    today,
    pipDeadlineBy: addDays(today, settings.pipDeadlineWarningDays),
    reviewDueBy: addDays(today, settings.reviewWarningDays),
    termEndBy: addMonths(today, settings.termEndingMonths),
    noContactDays: settings.noContactWeeks * 7,
    reactionAnswerDays: settings.reactionAnswerDays,
  };
}

/** The facts about one newcomer the signals are computed from. */
export interface CaseFacts {
  /** The current DUO notification date. */
  kennisgeving: string | null;
  /** plans.firstSetOn, else the key date "eerste_pip". */
  firstPip: string | null;
  extensionMonths: number;
  /** The latest conversation or review held (not in the future). */
  lastContact: string | null;
  /** The earliest review that is due and not held. */
  nextReviewDue: string | null;
  /** The day the record was registered: "no contact" counts from here when nothing else is known. */
  registeredOn: string;
  closed: boolean;
  /** The day of the oldest disagreement with a plan version the consultants have not read. */
  unseenDisagreementSince: string | null;
  /** The day of the oldest other unread reaction: a comment, dream, goal, proposal, an agreement. */
  unseenReactionSince: string | null;
}

/** A reason to look at a newcomer now, with the date it is about. */
export interface Signal {
  kind: SignalKind;
  /** The deadline or due date the signal is about. */
  on: string;
  /** The date has passed. */
  overdue: boolean;
  /** reactie only: among the unread reactions is a disagreement with the plan. */
  disagreement?: boolean;
}

/**
 * The day contact is due: N weeks after the latest contact, or — without any contact yet — after
 * the notification, or else after registration.
 */
export function contactDueOn(facts: CaseFacts, noContactDays: number): string {
  return addDays(facts.lastContact ?? facts.kennisgeving ?? facts.registeredOn, noContactDays);
}

/**
 * The signals for one newcomer today, earliest date first. A closed file has none.
 *
 * - pip_deadline: no PIP yet and its deadline (notification + 10 weeks) is within 2 weeks or passed;
 * - review_due: a review not held is due within 2 weeks or overdue;
 * - no_contact: no conversation or review for N weeks;
 * - term_ending: the term ends within 6 months (or has ended);
 * - reactie: the newcomer (or a key person) wrote something not read yet; see reactionSignal;
 * - referral_stale: see staleReferralSignal.
 */
export function signalsFor(facts: CaseFacts, window: AttentionWindow): Signal[] {
  if (facts.closed) return [];
  const signals: Signal[] = [];
  const add = (kind: SignalKind, on: string) =>
    signals.push({ kind, on, overdue: on < window.today });
  if (!facts.firstPip && facts.kennisgeving) {
    const deadline = pipDeadline(facts.kennisgeving);
    if (deadline <= window.pipDeadlineBy) add("pip_deadline", deadline);
  }
  if (facts.nextReviewDue && facts.nextReviewDue <= window.reviewDueBy)
    add("review_due", facts.nextReviewDue);
  const contactDue = contactDueOn(facts, window.noContactDays);
  if (contactDue <= window.today) add("no_contact", contactDue);
  if (facts.firstPip) {
    const end = termEnd(facts.firstPip, [facts.extensionMonths]);
    if (end <= window.termEndBy) add("term_ending", end);
  }
  const reaction = reactionSignal(facts, window);
  if (reaction) signals.push(reaction);
  const stale = staleReferralSignal(facts, window);
  if (stale) signals.push(stale);
  return signals.sort((a, b) => a.on.localeCompare(b.on));
}

/**
 * Unread words of the newcomer, shown until a consultant marks them read. A disagreement with a
 * set plan version comes first: it is due the day it arrives (the plan is a decision that can be
 * objected to), everything else N days after it arrived. So among reactions of the same day a
 * disagreement always ranks higher, and one waits at most N days behind an older comment.
 * The SQL in queries.ts (reaction_due) computes the same date: change both together.
 */
export function reactionSignal(facts: CaseFacts, window: AttentionWindow): Signal | undefined {
  if (facts.closed) return undefined;
  const due = [
    facts.unseenDisagreementSince,
    facts.unseenReactionSince && addDays(facts.unseenReactionSince, window.reactionAnswerDays),
  ].filter((d): d is string => !!d);
  const on = due.sort()[0];
  if (!on) return undefined;
  return {
    kind: "reactie",
    on,
    overdue: on < window.today,
    disagreement: facts.unseenDisagreementSince !== null,
  };
}

/**
 * HOOK (offers, a later issue): a referral to an offer with no answer for too long. There is no
 * referrals table yet, so this signal never fires. When referrals arrive: add the oldest open
 * referral's date to CaseFacts, fire when it is older than a configurable number of days, and add
 * the same condition to the SQL in queries.ts (signal column and attention date).
 */
export function staleReferralSignal(
  _facts: CaseFacts,
  _window: AttentionWindow,
): Signal | undefined {
  return undefined;
}

/** The date that orders the caseload: the earliest date among the signals (none: no attention). */
export function attentionOn(signals: readonly Signal[]): string | undefined {
  return signals[0]?.on;
}

/** Where a newcomer is in the process, for the phase filter. */
export const phases = ["aangemeld", "intake", "pip", "afgesloten"] as const;
export type Phase = (typeof phases)[number];

/**
 * aangemeld: notified or registered, no conversation yet; intake: the broad intake has started;
 * pip: a PIP has been set (the term runs); afgesloten: the file is closed.
 */
export function phaseOf(facts: {
  closed: boolean;
  firstPip: string | null;
  intakeStarted: boolean;
}): Phase {
  if (facts.closed) return "afgesloten";
  if (facts.firstPip) return "pip";
  return facts.intakeStarted ? "intake" : "aangemeld";
}

/** How the caseload can be sorted. */
export const caseloadSorts = [
  "aandacht",
  "naam",
  "pip_deadline",
  "einde_termijn",
  "contact",
] as const;
export type CaseloadSort = (typeof caseloadSorts)[number];
