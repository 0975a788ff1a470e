import { createHash, randomInt } from "node:crypto";

// Pure rules of the newcomer's own space: invitation codes, the timeline, calendar files.

/** How long a printed invitation code stays valid. */
export const INVITATION_DAYS = 30;

// No 0/O, 1/I/L: a code is typed from paper, often by someone who does not read the Latin script well.
const CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";

/** A one-time code of 12 characters, shown in groups of four (about 59 bits of randomness). */
export function newInvitationCode(): string {
  let code = "";
  for (let i = 0; i < 12; i++) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return formatCode(code);
}

/** Writes a code in groups of four, as the letter prints it. */
export function formatCode(code: string): string {
  return (code.match(/.{1,4}/g) ?? []).join("-");
}

/** Tolerates spaces, dashes and lower case: only letters and digits count. */
export function normaliseCode(input: string): string {
  return input.toUpperCase().replace(/[^A-Z0-9]/g, "");
}

/** What is stored: the SHA-256 of the normalised code (the code itself is never stored). */
export function hashCode(input: string): string {
  return createHash("sha256").update(normaliseCode(input)).digest("hex");
}

/** One moment on the newcomer's timeline. */
export interface TimelineItem {
  date: string;
  kind: "termStart" | "step" | "review" | "routeChange" | "termEnd" | "planSet";
  /** For steps and reviews: the text or the goal they belong to. */
  label?: string;
  state: "done" | "next" | "later";
}

/**
 * The three years as a list in date order: done (in the past or finished), the first upcoming
 * item marked "next", the rest "later". Items without a date are not on the timeline.
 */
export function buildTimeline(
  items: Omit<TimelineItem, "state">[],
  today: string,
  finished: (item: Omit<TimelineItem, "state">) => boolean = () => false,
): TimelineItem[] {
  const sorted = [...items].sort((a, b) => a.date.localeCompare(b.date));
  let nextGiven = false;
  return sorted.map((item) => {
    if (item.date < today || finished(item)) return { ...item, state: "done" };
    if (!nextGiven) {
      nextGiven = true;
      return { ...item, state: "next" };
    }
    return { ...item, state: "later" };
  });
}

/** An appointment for the calendar file. */
export interface CalendarEvent {
  uid: string;
  /** A whole day, YYYY-MM-DD. */
  date: string;
  summary: string;
  description?: string;
}

/** Escapes a TEXT value (RFC 5545 §3.3.11): backslash, semicolon, comma and newlines. */
export function escapeText(value: string): string {
  return value
    .replace(/\\/g, "\\\\")
    .replace(/;/g, "\\;")
    .replace(/,/g, "\\,")
    .replace(/\r\n|\r|\n/g, "\\n");
}

/**
 * Folds a content line at 75 octets (RFC 5545 §3.1): continuation lines start with one space.
 * Never splits a UTF-8 character (Tigrinya and Arabic take 2-3 octets per character).
 */
export function foldLine(line: string): string {
  const parts: string[] = [];
  let current = "";
  let octets = 0;
  for (const char of line) {
    const size = Buffer.byteLength(char, "utf8");
    const limit = parts.length === 0 ? 75 : 74;
    if (octets + size > limit) {
      parts.push(current);
      current = "";
      octets = 0;
    }
    current += char;
    octets += size;
  }
  parts.push(current);
  return parts.join("\r\n ");
}

const compactDate = (date: string) => date.replaceAll("-", "");

/** The day after a date (DTEND of an all-day event is exclusive). */
function nextDay(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/** An iCalendar file (RFC 5545) of whole-day appointments, CRLF line endings, folded lines. */
export function calendarFile(events: CalendarEvent[], now: Date, name: string): string {
  const stamp = `${now.toISOString().replace(/[-:]/g, "").slice(0, 15)}Z`;
  const lines = [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    "PRODID:-//Koers//Mijn plan//NL",
    "CALSCALE:GREGORIAN",
    "METHOD:PUBLISH",
    `X-WR-CALNAME:${escapeText(name)}`,
  ];
  for (const e of events) {
    lines.push(
      "BEGIN:VEVENT",
      `UID:${e.uid}`,
      `DTSTAMP:${stamp}`,
      `DTSTART;VALUE=DATE:${compactDate(e.date)}`,
      `DTEND;VALUE=DATE:${compactDate(nextDay(e.date))}`,
      `SUMMARY:${escapeText(e.summary)}`,
    );
    if (e.description) lines.push(`DESCRIPTION:${escapeText(e.description)}`);
    lines.push("END:VEVENT");
  }
  lines.push("END:VCALENDAR");
  return `${lines.map(foldLine).join("\r\n")}\r\n`;
}
