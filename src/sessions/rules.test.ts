import { describe, expect, it } from "vitest";
import {
  amsterdamToUtc,
  attendanceByRole,
  breakoutRemovalRefusals,
  type Capacities,
  CODE_ALPHABET,
  icsFile,
  makeCode,
  normaliseCode,
  type PlaceHolder,
  placeFor,
  promotions,
  toCsv,
} from "./rules.ts";

const at = (minute: number) => new Date(Date.UTC(2026, 0, 1, 9, minute));
const placed = (id: string, breakoutId: string | null = null): PlaceHolder => ({
  id,
  status: "aangemeld",
  breakoutId,
  waitlistedAt: null,
});
const waiting = (id: string, minute: number, breakoutId: string | null = null): PlaceHolder => ({
  id,
  status: "wachtlijst",
  breakoutId,
  waitlistedAt: at(minute),
});
const cancelled = (id: string): PlaceHolder => ({
  id,
  status: "geannuleerd",
  breakoutId: null,
  waitlistedAt: null,
});
const caps = (
  session: number | null,
  breakouts: Record<string, number | null> = {},
): Capacities => ({
  session,
  breakouts: new Map(Object.entries(breakouts)),
});

describe("placeFor", () => {
  it.each([
    ["no limit", caps(null), [placed("a"), placed("b")], null, "aangemeld"],
    ["room left", caps(2), [placed("a")], null, "aangemeld"],
    ["full", caps(2), [placed("a"), placed("b")], null, "wachtlijst"],
    ["cancelled do not count", caps(2), [placed("a"), cancelled("b")], null, "aangemeld"],
    ["waiting do not count", caps(2), [placed("a"), waiting("w", 1, "x")], null, "aangemeld"],
    ["deelsessie full", caps(10, { x: 1 }), [placed("a", "x")], "x", "wachtlijst"],
    ["other deelsessie has room", caps(10, { x: 1, y: 1 }), [placed("a", "x")], "y", "aangemeld"],
    ["session full, deelsessie not", caps(1, { y: 5 }), [placed("a", "x")], "y", "wachtlijst"],
    ["capacity zero", caps(0), [], null, "wachtlijst"],
  ] as const)("%s", (_name, capacities, holders, breakoutId, expected) => {
    expect(placeFor(capacities, holders, breakoutId)).toBe(expected);
  });
});

describe("promotions", () => {
  it.each([
    ["nobody waiting", caps(1), [cancelled("a")], []],
    ["earliest first", caps(2), [placed("a"), waiting("late", 9), waiting("early", 2)], ["early"]],
    [
      "as many as fit",
      caps(3),
      [placed("a"), waiting("w1", 1), waiting("w2", 2), waiting("w3", 3)],
      ["w1", "w2"],
    ],
    ["still full", caps(1), [placed("a"), waiting("w", 1)], []],
    [
      "skips someone whose deelsessie is full",
      caps(5, { x: 1, y: 1 }),
      [placed("a", "x"), waiting("wx", 1, "x"), waiting("wy", 2, "y")],
      ["wy"],
    ],
    ["no limit promotes all", caps(null), [waiting("w1", 1), waiting("w2", 2)], ["w1", "w2"]],
  ] as const)("%s", (_name, capacities, holders, expected) => {
    expect(promotions(capacities, holders)).toEqual(expected);
  });
});

describe("codes", () => {
  it("uses only unambiguous characters", () => {
    expect(CODE_ALPHABET).not.toMatch(/[01ILO]/);
    let i = 0;
    const code = makeCode(() => i++ % CODE_ALPHABET.length);
    expect(code).toBe("ABCDEF");
    expect(makeCode(() => CODE_ALPHABET.length - 1, 4)).toBe("9999");
  });
  it("normalises typed codes", () => {
    expect(normaliseCode(" ab-c d3 ")).toBe("ABCD3");
  });
});

describe("attendanceByRole", () => {
  it("counts per role and leaves out cancelled registrations", () => {
    const rows = [
      { role: "nieuwkomer", status: "aangemeld", checkedIn: true },
      { role: "nieuwkomer", status: "aangemeld", checkedIn: false },
      { role: "nieuwkomer", status: "wachtlijst", checkedIn: false },
      { role: "nieuwkomer", status: "geannuleerd", checkedIn: true },
      { role: "onderzoeker", status: "aangemeld", checkedIn: true },
    ] as const;
    expect(attendanceByRole(["nieuwkomer", "beleidsmaker", "onderzoeker"], rows)).toEqual([
      { role: "nieuwkomer", registered: 2, waiting: 1, checkedIn: 1 },
      { role: "beleidsmaker", registered: 0, waiting: 0, checkedIn: 0 },
      { role: "onderzoeker", registered: 1, waiting: 0, checkedIn: 1 },
    ]);
  });
});

describe("calendar file", () => {
  it("converts Dutch wall-clock time to UTC in summer and winter", () => {
    expect(amsterdamToUtc("2026-06-10", "09:30").toISOString()).toBe("2026-06-10T07:30:00.000Z");
    expect(amsterdamToUtc("2026-12-10", "09:30:00").toISOString()).toBe("2026-12-10T08:30:00.000Z");
  });
  it("escapes text and folds long lines", () => {
    const ics = icsFile({
      uid: "abc@koers",
      title: "Maaksessie: werk, taal; en meer",
      day: "2026-06-10",
      startsAt: "09:30",
      endsAt: "16:00",
      location: "Provinciehuis, Arnhem",
      description: `Regel 1\n${"ë".repeat(80)}`,
      stamp: new Date("2026-01-01T00:00:00Z"),
    });
    expect(ics).toContain("SUMMARY:Maaksessie: werk\\, taal\\; en meer\r\n");
    expect(ics).toContain("DTSTART:20260610T073000Z\r\n");
    expect(ics).toContain("LOCATION:Provinciehuis\\, Arnhem");
    for (const line of ics.split("\r\n")) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
    expect(ics.replace(/\r\n /g, "")).toContain(`DESCRIPTION:Regel 1\\n${"ë".repeat(80)}`);
  });
});

describe("toCsv", () => {
  it("starts with a BOM, quotes every cell and defuses formulas", () => {
    const csv = toCsv([
      ["Wat", "Eigenaar"],
      ['Zeg "ja"; doe het', "=HYPERLINK(1)"],
      ["Twee\nregels", null],
    ]);
    expect(csv.startsWith("\uFEFF")).toBe(true);
    expect(csv).toBe(
      '\uFEFF"Wat";"Eigenaar"\r\n"Zeg ""ja""; doe het";"\'=HYPERLINK(1)"\r\n"Twee\nregels";""\r\n',
    );
  });
});

describe("breakoutRemovalRefusals", () => {
  const none = { registrations: 0, vraagstukken: 0, boardItems: 0 };
  it.each([
    ["nothing attached", none, []],
    ["someone registered or waiting", { ...none, registrations: 1 }, ["registrations"]],
    ["a vraagstuk to work out", { ...none, vraagstukken: 2 }, ["vraagstukken"]],
    ["notes on its own board", { ...none, boardItems: 3 }, ["boardItems"]],
    [
      "everything at once, in a fixed order",
      { registrations: 4, vraagstukken: 1, boardItems: 7 },
      ["registrations", "vraagstukken", "boardItems"],
    ],
  ] as const)("%s", (_name, attachments, expected) => {
    expect(breakoutRemovalRefusals(attachments)).toEqual(expected);
  });
});
