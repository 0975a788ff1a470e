// Pure rules of progress reviews (voortgangsgesprekken): how a plan's agreed schedule becomes
// review rows, when the consultant is reminded, and how a score history reads in words.
// No I/O, no framework; table-tested in rules.test.ts.
import { addDays, todayInNetherlands } from "../platform/dates.ts";
import type { GoalProgress } from "./schema.ts";

/** How far a goal of the plan has come, as agreed in the review. */
export const goalProgressValues = ["niet_begonnen", "op_schema", "achter", "behaald"] as const;
export type GoalProgressValue = GoalProgress["progress"];

/** A self-reliance score of a practice domain: 1 = needs a lot of help … 5 = fully on their own. */
export const scoreValues = [1, 2, 3, 4, 5] as const;

/** Days before a review is due that the consultant is reminded, unless configured otherwise. */
export const DEFAULT_REMINDER_DAYS = 7;

/** A scheduled review as the schedule rules need it. */
export interface ScheduledReview {
  id: string;
  dueOn: string;
  held: boolean;
}

/** What to do with the review rows when a plan version with this schedule is set. */
export interface ScheduleChanges {
  /** Open scheduled reviews that stay (their date is still agreed); they now follow the new version. */
  keep: string[];
  /** Dates that need a new review row. */
  add: string[];
  /** Open scheduled reviews that the new version no longer agrees on. */
  remove: string[];
}

/**
 * Aligns the scheduled reviews with the schedule of a newly set plan version. The set version
 * decides which reviews are still to come: open reviews on a date it names stay (so a reminder
 * already sent is not sent again), open reviews on other dates go, and each new date gets a row.
 * Reviews already held are history: they stay, and a date that was already held is not added
 * again (a changed plan often keeps the dates of reviews that took place). Idempotent.
 */
export function scheduleChanges(
  existing: readonly ScheduledReview[],
  schedule: readonly { dueOn: string }[],
): ScheduleChanges {
  const agreed = [...new Set(schedule.map((s) => s.dueOn))].sort();
  const held = new Set(existing.filter((r) => r.held).map((r) => r.dueOn));
  const open = existing.filter((r) => !r.held);
  const keep: string[] = [];
  const remove: string[] = [];
  const covered = new Set<string>();
  for (const review of open) {
    if (agreed.includes(review.dueOn) && !covered.has(review.dueOn)) {
      keep.push(review.id);
      covered.add(review.dueOn);
    } else {
      remove.push(review.id);
    }
  }
  const add = agreed.filter((d) => !covered.has(d) && !held.has(d));
  return { keep, add, remove };
}

export { addDays, todayInNetherlands };

/**
 * Whether the consultant should be reminded today of a review due on `dueOn`: from `daysBefore`
 * days ahead up to the day itself. A review already past its date is on the caseload as overdue;
 * a mail about a day that has gone would only add noise.
 */
export function reminderDue(dueOn: string, today: string, daysBefore: number): boolean {
  return dueOn >= today && dueOn <= addDays(today, daysBefore);
}

/** A calendar date written out in a language ("3 maart 2026"). */
export function formatDay(locale: string, date: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: "long", timeZone: "UTC" }).format(
    new Date(`${date}T00:00:00Z`),
  );
}

/** How one series of scores went, from its first to its last value. */
export type Trend =
  | { kind: "none" }
  | { kind: "single"; value: number }
  | { kind: "up" | "down" | "same"; first: number; last: number; count: number };

/** Reads a series of scores (gaps allowed) as a trend: what a chart's description says in words. */
export function trendOf(values: readonly (number | null | undefined)[]): Trend {
  const known = values.filter((v): v is number => typeof v === "number");
  const first = known[0];
  const last = known.at(-1);
  if (first === undefined || last === undefined) return { kind: "none" };
  if (known.length === 1) return { kind: "single", value: first };
  const kind = last > first ? "up" : last < first ? "down" : "same";
  return { kind, first, last, count: known.length };
}

/** One scoring of a domain: when, and both views (either may be missing). */
export interface ScorePoint {
  scoredOn: string;
  consultantScore: number | null;
  newcomerScore: number | null;
  /** Where it was scored: the intake or a progress review. */
  source: "intake" | "review";
}

/**
 * A domain's history for the chart: one point per day, the latest scoring of a day winning
 * (a score corrected the same day replaces the earlier one), oldest first.
 */
export function historyByDay<P extends ScorePoint>(points: readonly P[]): P[] {
  const byDay = new Map<string, P>();
  for (const p of points) byDay.set(p.scoredOn, p);
  return [...byDay.values()].sort((a, b) => a.scoredOn.localeCompare(b.scoredOn));
}

/** The progress recorded for each goal of a plan, in the plan's order; goals not in the plan are dropped. */
export function progressForGoals(
  goalIds: readonly string[],
  recorded: readonly GoalProgress[],
): GoalProgress[] {
  return goalIds.flatMap((id) => recorded.filter((p) => p.goalId === id).slice(0, 1));
}
