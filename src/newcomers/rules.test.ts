import { describe, expect, it } from "vitest";
import {
  addDays,
  addMonths,
  currentKeyDate,
  daysBetween,
  deadlinesFor,
  isCalendarDate,
  isPlausibleBirthDate,
  isValidBsn,
  looksLikeBsn,
  normaliseBsn,
  periodEnd,
  pipDeadline,
  routeChangeLimit,
  termEnd,
  termStart,
  todayInNetherlands,
} from "./rules.ts";

describe("isValidBsn (the 11-check)", () => {
  it.each([
    // bsn          valid   why
    ["111222333", true, "9+8+7+12+10+8+9+6−3 = 66 = 6·11"],
    ["123456782", true, "156−2 = 154 = 14·11"],
    ["999999990", true, "9·44−0 = 396 = 36·11"],
    ["012345672", true, "leading zero: 112−2 = 110 = 10·11"],
    ["123456789", false, "156−9 = 147, remainder 4"],
    ["111222334", false, "one digit off"],
    ["000000000", false, "all zeros passes the sum but is no BSN"],
    ["12345678", false, "eight digits (normalise first)"],
    ["1234567820", false, "ten digits"],
    ["12345678a", false, "not a digit"],
    ["", false, "empty"],
  ])("%s → %s (%s)", (bsn, valid) => {
    expect(isValidBsn(bsn)).toBe(valid);
  });
});

describe("normaliseBsn", () => {
  it.each([
    ["1234.56.782", "123456782"],
    ["12 34 56 782", "123456782"],
    ["123-456-782", "123456782"],
    ["23456782", "023456782"],
    ["123456782", "123456782"],
  ])("%s → %s", (input, expected) => {
    expect(normaliseBsn(input)).toBe(expected);
  });
});

describe("looksLikeBsn", () => {
  it.each([
    ["123456782", true],
    ["1234.56.782", true],
    ["Ahmad", false],
    ["12345", false],
  ])("%s → %s", (query, expected) => {
    expect(looksLikeBsn(query)).toBe(expected);
  });
});

describe("isPlausibleBirthDate", () => {
  it.each([
    ["1990-05-17", true],
    ["2024-06-01", true],
    ["2024-06-02", false],
    ["1899-12-31", false],
    ["1990-02-30", false],
    ["17-05-1990", false],
  ])("%s on 2024-06-01 → %s", (date, expected) => {
    expect(isPlausibleBirthDate(date, "2024-06-01")).toBe(expected);
  });
});

describe("todayInNetherlands", () => {
  it("uses the Dutch calendar day, not UTC's", () => {
    // 23:30 UTC on 31 December is already New Year in Amsterdam.
    expect(todayInNetherlands(new Date("2024-12-31T23:30:00Z"))).toBe("2025-01-01");
  });
});

describe("date arithmetic on calendar days", () => {
  it.each([
    // date          days  result
    ["2024-01-01", 70, "2024-03-11"],
    ["2024-03-20", 70, "2024-05-29"], // across the switch to summer time
    ["2024-10-20", 14, "2024-11-03"], // across the switch to winter time
    ["2024-12-31", 1, "2025-01-01"],
    ["2024-03-01", -1, "2024-02-29"],
  ])("addDays(%s, %i) = %s", (date, days, expected) => {
    expect(addDays(date, days)).toBe(expected);
  });

  it.each([
    // date          months result        why
    ["2024-01-31", 1, "2024-02-29", "a leap year's February has 29 days"],
    ["2023-01-31", 1, "2023-02-28", "the last day of a short month"],
    ["2024-02-29", 12, "2025-02-28", "29 February has no twin next year"],
    ["2024-03-15", 36, "2027-03-15", "three years"],
    ["2024-11-30", 3, "2025-02-28", "into the next year"],
    ["2024-05-10", -6, "2023-11-10", "backwards"],
  ])("addMonths(%s, %i) = %s (%s)", (date, months, expected) => {
    expect(addMonths(date, months)).toBe(expected);
  });

  it.each([
    ["2024-02-29", true],
    ["2023-02-29", false],
    ["2024-13-01", false],
    ["1-2-2024", false],
  ])("isCalendarDate(%s) = %s", (date, expected) => {
    expect(isCalendarDate(date)).toBe(expected);
  });

  it.each([
    // start         months  last day      why
    ["2024-03-15", 36, "2027-03-14", "the day before the same day"],
    ["2024-12-31", 18, "2026-06-30", "no 31 June: the month's last day"],
    ["2024-01-31", 1, "2024-02-29", "no 31 February in a leap year"],
    ["2024-03-01", 1, "2024-03-31", "a whole month"],
  ])("periodEnd(%s, %i) = %s (%s)", (start, months, expected) => {
    expect(periodEnd(start, months)).toBe(expected);
  });

  it("counts days between dates", () => {
    expect(daysBetween("2024-01-01", "2024-03-11")).toBe(70);
    expect(daysBetween("2024-03-11", "2024-01-01")).toBe(-70);
  });
});

describe("deadlines of the Wet inburgering 2021", () => {
  it.each([
    // kennisgeving   PIP deadline (+ 10 weeks)
    ["2024-01-01", "2024-03-11"],
    ["2024-11-01", "2025-01-10"],
    ["2023-12-28", "2024-03-07"],
  ])("PIP deadline after a notification on %s: %s", (kennisgeving, expected) => {
    expect(pipDeadline(kennisgeving)).toBe(expected);
  });

  it.each([
    // first PIP     extensions  term start    term end      route change limit
    ["2024-03-14", [], "2024-03-15", "2027-03-14", "2025-09-14"],
    ["2024-03-14", [6], "2024-03-15", "2027-09-14", "2025-09-14"],
    ["2024-03-14", [6, 3], "2024-03-15", "2027-12-14", "2025-09-14"],
    ["2024-01-30", [1], "2024-01-31", "2027-02-28", "2025-07-30"],
    ["2024-02-28", [], "2024-02-29", "2027-02-28", "2025-08-28"],
    ["2023-08-31", [], "2023-09-01", "2026-08-31", "2025-02-28"],
    ["2024-12-31", [], "2025-01-01", "2027-12-31", "2026-06-30"],
    ["2024-03-30", [], "2024-03-31", "2027-03-30", "2025-09-30"],
  ] as const)(
    "first PIP %s, extensions %j: term %s up to and including %s, route change until %s",
    (firstPip, extensions, start, end, routeLimit) => {
      expect(termStart(firstPip)).toBe(start);
      expect(termEnd(firstPip, extensions)).toBe(end);
      expect(routeChangeLimit(firstPip)).toBe(routeLimit);
    },
  );

  it("derives only the PIP deadline before the first PIP, and only the term after it", () => {
    expect(deadlinesFor({})).toEqual({});
    expect(deadlinesFor({ kennisgeving: "2024-01-01" })).toEqual({ pipDeadline: "2024-03-11" });
    expect(
      deadlinesFor({ kennisgeving: "2024-01-01", firstPip: "2024-03-01", extensionMonths: [2] }),
    ).toEqual({ termStart: "2024-03-02", termEnd: "2027-05-01", routeChangeLimit: "2025-09-01" });
  });
});

describe("currentKeyDate", () => {
  const at = (iso: string) => new Date(iso);
  const rows = [
    {
      id: 1,
      kind: "kennisgeving_duo",
      date: "2024-01-10",
      recordedAt: at("2024-01-11T09:00:00Z"),
      withdrawnAt: null,
    },
    {
      id: 2,
      kind: "kennisgeving_duo",
      date: "2024-01-12",
      recordedAt: at("2024-01-20T09:00:00Z"),
      withdrawnAt: null,
    },
    {
      id: 3,
      kind: "start_plicht",
      date: "2024-01-01",
      recordedAt: at("2024-01-11T09:00:00Z"),
      withdrawnAt: at("2024-02-01T09:00:00Z"),
    },
  ];

  it("takes the most recently recorded row: a correction wins", () => {
    expect(currentKeyDate(rows, "kennisgeving_duo")?.id).toBe(2);
  });

  it("skips withdrawn rows: withdrawing a correction brings back the value before it", () => {
    const withdrawn = rows.map((r) =>
      r.id === 2 ? { ...r, withdrawnAt: at("2024-02-01T00:00:00Z") } : r,
    );
    expect(currentKeyDate(withdrawn, "kennisgeving_duo")?.id).toBe(1);
  });

  it("has no current value when every row of the kind is withdrawn or there is none", () => {
    expect(currentKeyDate(rows, "start_plicht")).toBeUndefined();
    expect(currentKeyDate(rows, "koppeling")).toBeUndefined();
  });
});
