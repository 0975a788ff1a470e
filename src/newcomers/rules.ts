// Pure rules about a newcomer's record: no I/O, exhaustively tested in rules.test.ts.

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

/** Today's date in the Netherlands (YYYY-MM-DD): birth dates and deadlines are Dutch calendar days. */
export function todayInNetherlands(now = new Date()): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Amsterdam" }).format(now);
}
