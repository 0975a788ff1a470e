// Pure rules about a newcomer's record: no I/O, exhaustively tested in rules.test.ts.
import {
  addDays,
  addMonths,
  daysBetween,
  isCalendarDate,
  periodEnd,
  todayInNetherlands,
} from "../platform/dates.ts";

/**
 * Brings a BSN as people type it ("1234.56.782", "12 34 56 782") to its nine digits. An eight-digit
 * number gets its leading zero back: older BSNs are often written without it.
 */
export function normaliseBsn(input: string): string {
  const digits = input.replace(/[\s.-]/g, "");
  return /^\d{8}$/.test(digits) ? `0${digits}` : digits;
}

/**
 * Whether a burgerservicenummer passes the 11-check (elfproef): nine digits d1…d9 with
 * 9·d1 + 8·d2 + … + 2·d8 − 1·d9 divisible by 11. All zeros passes the sum but is no BSN.
 * Expects the normalised form (see normaliseBsn).
 */
export function isValidBsn(bsn: string): boolean {
  if (!/^\d{9}$/.test(bsn) || bsn === "000000000") return false;
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += (9 - i) * Number(bsn[i]);
  sum -= Number(bsn[8]);
  return sum % 11 === 0;
}

/** Whether a query typed into the search box is meant as a BSN (then it is matched exactly). */
export function looksLikeBsn(query: string): boolean {
  return /^\d{8,9}$/.test(query.replace(/[\s.-]/g, ""));
}

/**
 * Whether a birth date (YYYY-MM-DD) is a real calendar day, not in the future and not before 1900.
 * `today` is the date in the Netherlands, as YYYY-MM-DD.
 */
export function isPlausibleBirthDate(date: string, today: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return false;
  const d = new Date(`${date}T00:00:00Z`);
  if (Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== date) return false;
  return date >= "1900-01-01" && date <= today;
}

// Calendar arithmetic lives in src/platform/dates.ts; re-exported because the record's callers use it.
export { addDays, addMonths, daysBetween, isCalendarDate, periodEnd, todayInNetherlands };

// Deadlines of the Wet inburgering 2021 (domain.md, "Dates that matter").

/** The PIP must be set within 10 weeks of the DUO notification (kennisgeving). */
export const PIP_DEADLINE_WEEKS = 10;
/** The inburgeringstermijn: three years (art. 7 Wi2021), plus extensions. */
export const TERM_MONTHS = 36;
/** The learning route can be changed only within the first 18 months of the term. */
export const ROUTE_CHANGE_MONTHS = 18;

/** The date by which the first PIP must be set: the DUO notification + 10 weeks. */
export function pipDeadline(kennisgeving: string): string {
  return addDays(kennisgeving, PIP_DEADLINE_WEEKS * 7);
}

/** The first day of the term: the day after the date of the first PIP. */
export function termStart(firstPip: string): string {
  return addDays(firstPip, 1);
}

/**
 * The last day of the term: three years from the day after the first PIP, plus the months of
 * every extension (added as one period, as the SQL does).
 */
export function termEnd(firstPip: string, extensionMonths: readonly number[] = []): string {
  const extra = extensionMonths.reduce((sum, m) => sum + m, 0);
  return periodEnd(termStart(firstPip), TERM_MONTHS + extra);
}

/** The last day on which the learning route may still be changed: 18 months into the term. */
export function routeChangeLimit(firstPip: string): string {
  return periodEnd(termStart(firstPip), ROUTE_CHANGE_MONTHS);
}

/** The dates the law derives from the key dates; absent where the date they need is unknown. */
export interface Deadlines {
  /** Only while no PIP has been set: after that it no longer matters. */
  pipDeadline?: string;
  termStart?: string;
  termEnd?: string;
  routeChangeLimit?: string;
}

/**
 * The derived deadlines of one newcomer. `firstPip` is the plan's firstSetOn when there is a plan,
 * else the key date "eerste_pip" (see currentKeyDate).
 */
export function deadlinesFor(input: {
  kennisgeving?: string | null | undefined;
  firstPip?: string | null | undefined;
  extensionMonths?: readonly number[];
}): Deadlines {
  const { kennisgeving, firstPip } = input;
  if (!firstPip) return kennisgeving ? { pipDeadline: pipDeadline(kennisgeving) } : {};
  return {
    termStart: termStart(firstPip),
    termEnd: termEnd(firstPip, input.extensionMonths),
    routeChangeLimit: routeChangeLimit(firstPip),
  };
}

/** One recorded key date, as far as choosing the current one needs to know. */
export interface KeyDateRow {
  kind: string;
  date: string;
  recordedAt: Date;
  withdrawnAt: Date | null;
}

/**
 * The current value of one kind of key date: its most recently recorded row that is not withdrawn.
 * A correction is a newer row, so it wins; withdrawing the newest row brings back the one before.
 */
export function currentKeyDate<R extends KeyDateRow>(
  rows: readonly R[],
  kind: R["kind"],
): R | undefined {
  let current: R | undefined;
  for (const row of rows) {
    if (row.kind !== kind || row.withdrawnAt) continue;
    if (!current || row.recordedAt.getTime() > current.recordedAt.getTime()) current = row;
  }
  return current;
}
