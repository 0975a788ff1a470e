import { describe, expect, it } from "vitest";
import {
  buildTimeline,
  calendarFile,
  escapeText,
  foldLine,
  formatCode,
  hashCode,
  newInvitationCode,
  normaliseCode,
} from "./rules.ts";

describe("invitation codes", () => {
  it("are 12 characters from an alphabet without look-alikes, in groups of four", () => {
    const code = newInvitationCode();
    expect(code).toMatch(/^[A-HJKMNP-Z2-9]{4}-[A-HJKMNP-Z2-9]{4}-[A-HJKMNP-Z2-9]{4}$/);
    expect(new Set(Array.from({ length: 50 }, newInvitationCode)).size).toBe(50);
  });

  it("hash the same however they are typed", () => {
    expect(normaliseCode(" abcd efgh-jk23 ")).toBe("ABCDEFGHJK23");
    expect(hashCode("abcd-efgh-jk23")).toBe(hashCode("ABCDEFGHJK23"));
    expect(hashCode("ABCDEFGHJK23")).not.toBe(hashCode("ABCDEFGHJK24"));
    expect(formatCode("ABCDEFGHJK23")).toBe("ABCD-EFGH-JK23");
  });
});

describe("the timeline", () => {
  it("orders by date and marks done, the first next, and later", () => {
    const items = buildTimeline(
      [
        { date: "2027-06-01", kind: "review" },
        { date: "2026-01-01", kind: "termStart" },
        { date: "2029-01-01", kind: "termEnd" },
        { date: "2026-12-01", kind: "step", label: "Taalles" },
      ],
      "2026-11-22",
    );
    expect(items.map((i) => [i.date, i.state])).toEqual([
      ["2026-01-01", "done"],
      ["2026-12-01", "next"],
      ["2027-06-01", "later"],
      ["2029-01-01", "later"],
    ]);
  });

  it("counts a finished step as done even when its date is still to come", () => {
    const items = buildTimeline(
      [
        { date: "2027-01-01", kind: "step", label: "klaar" },
        { date: "2027-02-01", kind: "review" },
      ],
      "2026-11-22",
      (i) => i.label === "klaar",
    );
    expect(items.map((i) => i.state)).toEqual(["done", "next"]);
  });
});

describe("the calendar file (RFC 5545)", () => {
  it("escapes backslash, semicolon, comma and newlines in text", () => {
    expect(escapeText("a\\b;c,d\ne")).toBe("a\\\\b\\;c\\,d\\ne");
  });

  it("folds lines at 75 octets without splitting a multi-byte character", () => {
    const line = `SUMMARY:${"ብዛዕባ ከመይ ይኸይድ ከም ዘሎ ዝርርብ ".repeat(4)}`;
    const folded = foldLine(line);
    const parts = folded.split("\r\n");
    expect(parts.length).toBeGreaterThan(1);
    for (const [i, part] of parts.entries()) {
      expect(Buffer.byteLength(part, "utf8")).toBeLessThanOrEqual(75);
      if (i > 0) expect(part.startsWith(" ")).toBe(true);
    }
    expect(parts.map((p, i) => (i ? p.slice(1) : p)).join("")).toBe(line);
    expect(foldLine("SHORT:x")).toBe("SHORT:x");
  });

  it("writes whole-day events with CRLF line ends and an exclusive end date", () => {
    const ics = calendarFile(
      [{ uid: "review-1@koers.test", date: "2026-12-31", summary: "Gesprek, over; voortgang" }],
      new Date("2026-11-22T10:11:12Z"),
      "Mijn afspraken",
    );
    expect(ics.startsWith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n")).toBe(true);
    expect(ics.endsWith("END:VCALENDAR\r\n")).toBe(true);
    expect(ics.replace(/\r\n/g, "")).not.toContain("\n");
    expect(ics).toContain("DTSTAMP:20261122T101112Z\r\n");
    expect(ics).toContain("DTSTART;VALUE=DATE:20261231\r\n");
    expect(ics).toContain("DTEND;VALUE=DATE:20270101\r\n");
    expect(ics).toContain("SUMMARY:Gesprek\\, over\\; voortgang\r\n");
    expect(ics).toContain("UID:review-1@koers.test\r\n");
  });
});
