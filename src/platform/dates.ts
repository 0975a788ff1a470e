// Calendar dates. A calendar date is a string YYYY-MM-DD (a Dutch calendar day, no time, no zone);
// the arithmetic works on it in UTC so that no daylight-saving shift can move a day. One module for
// every capability: the law's deadlines, review schedules and reminders all count the same days.

const toUtc = (date: string): Date => new Date(`${date}T00:00:00Z`);
const fromUtc = (d: Date): string => d.toISOString().slice(0, 10);

/** Today's date in the Netherlands (YYYY-MM-DD): the law's days are Dutch calendar days. */
export function todayInNetherlands(now = new Date()): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Amsterdam" }).format(now);
}

/** Whether a string is a real calendar day in the form YYYY-MM-DD. */
export function isCalendarDate(date: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return false;
  const d = toUtc(date);
  return !Number.isNaN(d.getTime()) && fromUtc(d) === date;
}

/** The day `days` days after `date` (before, when negative). */
export function addDays(date: string, days: number): string {
  const d = toUtc(date);
  d.setUTCDate(d.getUTCDate() + days);
  return fromUtc(d);
}

/**
 * The same day `months` months later. A day that month does not have becomes its last day
 * (31 January + 1 month = 28 or 29 February), as PostgreSQL's `date + interval` does: the caseload
 * computes the same deadlines in SQL (src/caseload/queries.ts).
 */
export function addMonths(date: string, months: number): string {
  const [y = 0, m = 1, day = 1] = date.split("-").map(Number);
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = index - year * 12;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return fromUtc(new Date(Date.UTC(year, month, Math.min(day, lastDay))));
}

/**
 * The last day of a period of `months` months starting on `start`: the day before the same day
 * number that many months later — or, when that month has no such day, its last day (a period of
 * 18 months from 31 December ends on 30 June). The SQL in src/caseload/queries.ts does the same.
 */
export function periodEnd(start: string, months: number): string {
  const [, , day = 1] = start.split("-").map(Number);
  const sameDay = addMonths(start, months);
  const clamped = Number(sameDay.slice(8, 10)) < day;
  return clamped ? sameDay : addDays(sameDay, -1);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((toUtc(to).getTime() - toUtc(from).getTime()) / 86_400_000);
}

/**
 * A calendar day in the reader's language ("3 maart 2026"): a YYYY-MM-DD date as it is, a moment
 * as the day it was in the Netherlands. Empty for no date.
 */
export function formatDay(locale: string, at: Date | string | null | undefined): string {
  if (!at) return "";
  const date = typeof at === "string" ? new Date(`${at}T12:00:00Z`) : at;
  return new Intl.DateTimeFormat(locale, {
    dateStyle: "long",
    timeZone: "Europe/Amsterdam",
  }).format(date);
}
