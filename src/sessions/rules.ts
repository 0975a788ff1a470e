// Pure rules for maaksessies before the session: places and the waiting list, codes, the
// calendar file and the CSV export. No I/O (the random source for codes is passed in).

import type { ParticipantRole } from "./schema.ts";

export type RegistrationStatus = "aangemeld" | "wachtlijst" | "geannuleerd";

/** A place-holding fact about one registration, as the capacity rules need it. */
export interface PlaceHolder {
  id: string;
  status: RegistrationStatus;
  breakoutId: string | null;
  /** When they joined the waiting list; earlier is promoted first. */
  waitlistedAt: Date | null;
}

/** Capacities: the session's, and each deelsessie's (null = no limit). */
export interface Capacities {
  session: number | null;
  breakouts: ReadonlyMap<string, number | null>;
}

const fits = (taken: number, capacity: number | null | undefined) =>
  capacity === null || capacity === undefined || taken < capacity;

function takenPlaces(holders: readonly PlaceHolder[]) {
  const breakouts = new Map<string, number>();
  let session = 0;
  for (const h of holders) {
    if (h.status !== "aangemeld") continue;
    session++;
    if (h.breakoutId) breakouts.set(h.breakoutId, (breakouts.get(h.breakoutId) ?? 0) + 1);
  }
  return { session, breakouts };
}

/**
 * Where a new registration goes: a place when both the session and the chosen deelsessie have
 * one left, otherwise the waiting list. Because promotions run after every cancellation, nobody
 * waiting fits when this is asked, so a new registration never jumps the queue for the same place.
 */
export function placeFor(
  capacities: Capacities,
  holders: readonly PlaceHolder[],
  breakoutId: string | null,
): "aangemeld" | "wachtlijst" {
  const taken = takenPlaces(holders);
  const sessionFits = fits(taken.session, capacities.session);
  const breakoutFits =
    !breakoutId || fits(taken.breakouts.get(breakoutId) ?? 0, capacities.breakouts.get(breakoutId));
  return sessionFits && breakoutFits ? "aangemeld" : "wachtlijst";
}

/**
 * Who moves from the waiting list to a place now: earliest first, each while both the session
 * and their deelsessie still have room. Someone whose deelsessie is full is skipped (not blocked
 * on), so a free place in another deelsessie goes to the first person waiting for it.
 */
export function promotions(capacities: Capacities, holders: readonly PlaceHolder[]): string[] {
  const taken = takenPlaces(holders);
  const waiting = holders
    .filter((h) => h.status === "wachtlijst")
    .sort(
      (a, b) =>
        (a.waitlistedAt?.getTime() ?? 0) - (b.waitlistedAt?.getTime() ?? 0) ||
        a.id.localeCompare(b.id),
    );
  const promoted: string[] = [];
  for (const h of waiting) {
    if (!fits(taken.session, capacities.session)) break;
    const breakoutTaken = h.breakoutId ? (taken.breakouts.get(h.breakoutId) ?? 0) : 0;
    if (h.breakoutId && !fits(breakoutTaken, capacities.breakouts.get(h.breakoutId))) continue;
    promoted.push(h.id);
    taken.session++;
    if (h.breakoutId) taken.breakouts.set(h.breakoutId, breakoutTaken + 1);
  }
  return promoted;
}

/** Letters and digits that cannot be mistaken for each other when read aloud or typed: no 0/O, 1/I/L. */
export const CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";

/** A short code (join code, check-in code) from a source of random integers below `max`. */
export function makeCode(randomInt: (max: number) => number, length = 6): string {
  let code = "";
  for (let i = 0; i < length; i++) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return code;
}

/** A typed code, made comparable: upper case, without spaces or dashes. */
export const normaliseCode = (typed: string): string => typed.toUpperCase().replace(/[\s-]/g, "");

/** Attendance per role: registered (with a place), waiting, and checked in. */
export interface Attendance {
  role: ParticipantRole;
  registered: number;
  waiting: number;
  checkedIn: number;
}

/** Counts per role, in the given role order; cancelled registrations do not count. */
export function attendanceByRole(
  roles: readonly ParticipantRole[],
  rows: readonly { role: ParticipantRole; status: RegistrationStatus; checkedIn: boolean }[],
): Attendance[] {
  return roles.map((role) => {
    const mine = rows.filter((r) => r.role === role);
    return {
      role,
      registered: mine.filter((r) => r.status === "aangemeld").length,
      waiting: mine.filter((r) => r.status === "wachtlijst").length,
      checkedIn: mine.filter((r) => r.status === "aangemeld" && r.checkedIn).length,
    };
  });
}

/** The UTC instant of a wall-clock time in the Netherlands (CET/CEST) on a day. */
export function amsterdamToUtc(day: string, time: string): Date {
  const [h = 0, m = 0] = time.split(":").map(Number);
  const guess = new Date(`${day}T${String(h).padStart(2, "0")}:${String(m).padStart(2, "0")}:00Z`);
  // The offset at that moment: format the UTC guess in Amsterdam and see how far it moved.
  const parts = new Intl.DateTimeFormat("en-GB", {
    timeZone: "Europe/Amsterdam",
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
  }).formatToParts(guess);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const shown = Date.UTC(get("year"), get("month") - 1, get("day"), get("hour"), get("minute"));
  return new Date(guess.getTime() - (shown - guess.getTime()));
}

const icsStamp = (d: Date) =>
  d
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d{3}/, "");

/** RFC 5545 text: backslash, semicolon, comma and newlines escaped. */
const icsText = (s: string) =>
  s.replace(/\\/g, "\\\\").replace(/;/g, "\\;").replace(/,/g, "\\,").replace(/\r?\n/g, "\\n");

/** Folds a content line at 75 octets (RFC 5545 3.1), never inside a UTF-8 character. */
function fold(line: string): string {
  const out: string[] = [];
  let current = "";
  let octets = 0;
  for (const ch of line) {
    const size = Buffer.byteLength(ch);
    if (octets + size > (out.length === 0 ? 75 : 74)) {
      out.push(current);
      current = "";
      octets = 0;
    }
    current += ch;
    octets += size;
  }
  out.push(current);
  return out.join("\r\n ");
}

/** One event as a calendar file. */
export interface CalendarEvent {
  uid: string;
  title: string;
  day: string;
  startsAt: string;
  endsAt: string;
  location?: string | null | undefined;
  url?: string | null | undefined;
  description?: string | null | undefined;
  stamp: Date;
}

/** An iCalendar (.ics) file with one event, in UTC so every calendar shows the right hour. */
export function icsFile(event: CalendarEvent): string {
  const lines = [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    "PRODID:-//Koers//Maaksessies//NL",
    "CALSCALE:GREGORIAN",
    "METHOD:PUBLISH",
    "BEGIN:VEVENT",
    `UID:${event.uid}`,
    `DTSTAMP:${icsStamp(event.stamp)}`,
    `DTSTART:${icsStamp(amsterdamToUtc(event.day, event.startsAt))}`,
    `DTEND:${icsStamp(amsterdamToUtc(event.day, event.endsAt))}`,
    `SUMMARY:${icsText(event.title)}`,
    ...(event.location ? [`LOCATION:${icsText(event.location)}`] : []),
    ...(event.url ? [`URL:${event.url}`] : []),
    ...(event.description ? [`DESCRIPTION:${icsText(event.description)}`] : []),
    "END:VEVENT",
    "END:VCALENDAR",
  ];
  return `${lines.map(fold).join("\r\n")}\r\n`;
}

/**
 * A CSV file that Excel opens as UTF-8 (byte-order mark) with the Dutch list separator (;).
 * Every cell is quoted; a cell that starts like a formula gets a leading apostrophe, so a
 * spreadsheet never runs what a participant typed (CSV injection).
 */
export function toCsv(rows: readonly (readonly (string | number | null | undefined)[])[]): string {
  const cell = (value: string | number | null | undefined) => {
    let s = value === null || value === undefined ? "" : String(value);
    if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
    return `"${s.replace(/"/g, '""')}"`;
  };
  return `\uFEFF${rows.map((r) => r.map(cell).join(";")).join("\r\n")}\r\n`;
}

/** Whether a session's day has passed (Dutch calendar day, ISO strings compare). */
export const isPast = (day: string, today: string): boolean => day < today;

/** The reminder goes out from this many days before the session. */
export const REMINDER_DAYS_BEFORE = 2;

/**
 * What hangs on a deelsessie, counted when a procesbegeleider wants to remove it
 * (decision 0014, "Changing and removing a deelsessie").
 */
export interface BreakoutAttachments {
  /** Registrations with a place or on the waiting list that chose it (cancelled ones do not count). */
  registrations: number;
  /** Vraagstukken of the session that this deelsessie is to work out into actions. */
  vraagstukken: number;
  /** Notes, groups, stories and actions on the deelsessie's own board (its own join code). */
  boardItems: number;
}

/** Why a deelsessie may not be removed now; empty when it may. */
export type BreakoutRemovalRefusal = keyof BreakoutAttachments;

/**
 * A deelsessie may be removed only while nothing hangs on it. Removing it would otherwise take
 * people's chosen deelsessie away without telling them, drop the "worked out in" line of a
 * vraagstuk from the actie-agenda, or delete what was written on its own board (the database
 * cascades): each of those is a decision the procesbegeleider makes first, elsewhere.
 */
export function breakoutRemovalRefusals(a: BreakoutAttachments): BreakoutRemovalRefusal[] {
  const order: BreakoutRemovalRefusal[] = ["registrations", "vraagstukken", "boardItems"];
  return order.filter((reason) => a[reason] > 0);
}
