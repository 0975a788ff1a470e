import { describe, expect, it } from "vitest";
import { decodeUtf8, detectSeparator, parseCsv, splitLine } from "./csv.ts";
import { readDate, readTargetGroup, validateImport } from "./rules.ts";

describe("the CSV reader", () => {
  it.each([
    // line                      separator  fields
    ["a;b;c", ";", ["a", "b", "c"]],
    ["a;;c;", ";", ["a", "", "c", ""]],
    ['"a;b";c', ";", ["a;b", "c"]],
    ['"say ""hi""";x', ";", ['say "hi"', "x"]],
    ['"";x', ";", ["", "x"]],
    ["a,b", ",", ["a", "b"]],
  ] as const)("%s → %j", (line, separator, fields) => {
    expect(splitLine(line, separator)).toEqual(fields);
  });

  it.each([
    ['"open;x', "newcomers:import.csv.unclosedQuote"],
    ['"a"b;x', "newcomers:import.csv.textAfterQuote"],
    ['a"b;x', "newcomers:import.csv.strayQuote"],
  ])("refuses broken quoting: %s", (line, error) => {
    expect(splitLine(line, ";")).toEqual({ error });
  });

  it.each([
    ["bsn;achternaam;voornamen", ";"],
    ["bsn,achternaam,voornamen", ","],
    ['"a,b";c;d', ";"],
    ["bsn", ";"],
  ])("detects the separator of %s", (line, separator) => {
    expect(detectSeparator(line)).toBe(separator);
  });

  it("drops a byte-order mark, refuses other encodings", () => {
    expect(decodeUtf8(new TextEncoder().encode("\uFEFFbsn;x"))).toBe("bsn;x");
    expect(decodeUtf8(Uint8Array.from([0x62, 0xfc, 0x6c]))).toBeUndefined(); // "bül" in Latin-1
  });

  it("numbers records by their line, skipping blank lines, any line ending", () => {
    const parsed = parseCsv("a;b\r\n1;2\n\n3;4\r5;6\n\n");
    expect(parsed).toEqual({
      ok: true,
      file: {
        separator: ";",
        header: ["a", "b"],
        records: [
          { line: 2, fields: ["1", "2"] },
          { line: 4, fields: ["3", "4"] },
          { line: 5, fields: ["5", "6"] },
        ],
      },
    });
  });

  it("reports every broken line, and an empty file", () => {
    expect(parseCsv("a;b\n\"x;1\n2;3\n'ok';\"y")).toEqual({
      ok: false,
      problems: [
        { line: 2, message: "newcomers:import.csv.unclosedQuote" },
        { line: 4, message: "newcomers:import.csv.unclosedQuote" },
      ],
    });
    expect(parseCsv("\n\n")).toEqual({
      ok: false,
      problems: [{ line: 1, message: "newcomers:import.csv.empty" }],
    });
  });
});

describe("reading fields", () => {
  it.each([
    ["2025-03-14", "2025-03-14"],
    ["14-03-2025", "2025-03-14"],
    ["4/3/2025", "2025-03-04"],
    ["14.03.2025", "2025-03-14"],
    ["31-02-2025", undefined],
    ["2025-3-14", undefined],
    ["maart", undefined],
  ])("readDate(%s) = %s", (value, expected) => {
    expect(readDate(value)).toBe(expected);
  });

  it.each([
    ["asielstatushouder", "asielstatushouder"],
    ["Overige migrant", "overige_migrant"],
    ["GEZINSVORMER", "gezinsvormer"],
    ["vluchteling", undefined],
  ])("readTargetGroup(%s) = %s", (value, expected) => {
    expect(readTargetGroup(value)).toBe(expected);
  });
});

describe("validateImport", () => {
  const TODAY = "2025-06-01";
  const file = (lines: string[]) => {
    const parsed = parseCsv(lines.join("\n"));
    if (!parsed.ok) throw new Error("unparsable");
    return parsed.file;
  };
  const header = "bsn;achternaam;voornamen;geboortedatum;doelgroep;datum_kennisgeving";

  it("accepts a good DUO row, normalising the BSN and reading its dates", () => {
    const result = validateImport(
      file([
        `${header};datum_start_plicht`,
        "1234.56.782;Haile;Yonas;10-02-1994;asielstatushouder;2025-05-02;",
      ]),
      "duo",
      TODAY,
    );
    expect(result).toEqual({
      ok: true,
      rows: [
        {
          line: 2,
          bsn: "123456782",
          givenNames: "Yonas",
          familyNamePrefix: null,
          familyName: "Haile",
          birthDate: "1994-02-10",
          targetGroup: "asielstatushouder",
          countryOfOrigin: null,
          keyDates: [{ kind: "kennisgeving_duo", date: "2025-05-02" }],
        },
      ],
    });
  });

  it("gives a COA file without a doelgroep column the asylum permit holders' target group", () => {
    const result = validateImport(
      file([
        "bsn;achternaam;voornamen;geboortedatum;datum_koppeling;datum_huisvesting",
        "123456782;Haile;Yonas;1994-02-10;2025-05-01;2025-07-01",
      ]),
      "coa",
      TODAY,
    );
    // A planned housing date may lie ahead.
    expect(result.ok && result.rows[0]).toMatchObject({
      targetGroup: "asielstatushouder",
      keyDates: [
        { kind: "koppeling", date: "2025-05-01" },
        { kind: "huisvesting", date: "2025-07-01" },
      ],
    });
  });

  it.each([
    // what                          header line (or null: the DUO header)       row                                                            errors: field, key
    [
      "unknown column",
      "bsn;achternaam;voornamen;geboortedatum;doelgroep;datum_kennisgeving;telefoon",
      "123456782;a;b;1990-01-01;gezinsvormer;2025-01-01;06",
      [["telefoon", "unknownColumn"]],
    ],
    [
      "repeated column",
      "bsn;bsn;achternaam;voornamen;geboortedatum;doelgroep;datum_kennisgeving",
      "1;1;a;b;1990-01-01;gezinsvormer;2025-01-01",
      [["bsn", "repeatedColumn"]],
    ],
    [
      "missing column",
      "bsn;achternaam;voornamen;geboortedatum;doelgroep",
      "123456782;a;b;1990-01-01;gezinsvormer",
      [["datum_kennisgeving", "missingColumn"]],
    ],
    [
      "BSN fails the 11-check",
      null,
      "123456789;a;b;1990-01-01;gezinsvormer;2025-01-01",
      [["bsn", "bsn"]],
    ],
    ["empty BSN", null, ";a;b;1990-01-01;gezinsvormer;2025-01-01", [["bsn", "required"]]],
    [
      "birth date in the future",
      null,
      "123456782;a;b;2030-01-01;gezinsvormer;2025-01-01",
      [["geboortedatum", "birthDate"]],
    ],
    [
      "notification in the future",
      null,
      "123456782;a;b;1990-01-01;gezinsvormer;2025-07-01",
      [["datum_kennisgeving", "futureDate"]],
    ],
    [
      "no target group (DUO)",
      null,
      "123456782;a;b;1990-01-01;;2025-01-01",
      [["doelgroep", "required"]],
    ],
    [
      "name too long",
      null,
      `123456782;${"x".repeat(201)};b;1990-01-01;gezinsvormer;2025-01-01`,
      [["achternaam", "tooLong"]],
    ],
    ["fields missing", null, "123456782;a;b", [[undefined, "fieldCount"]]],
  ] as const)("%s", (_what, headerLine, row, expected) => {
    const result = validateImport(file([headerLine ?? header, row]), "duo", TODAY);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(
      result.errors.map((e) => [e.field, e.message.replace("newcomers:import.errors.", "")]),
    ).toEqual(expected);
  });

  it("finds a BSN twice in one file, and refuses a file with only a header", () => {
    const twice = validateImport(
      file([
        header,
        "123456782;a;b;1990-01-01;gezinsvormer;2025-01-01",
        "123456782;c;d;1990-01-01;gezinsvormer;2025-01-01",
      ]),
      "duo",
      TODAY,
    );
    expect(twice).toEqual({
      ok: false,
      errors: [{ row: 3, field: "bsn", message: "newcomers:import.errors.duplicateBsn" }],
    });
    expect(validateImport(file([header]), "duo", TODAY)).toEqual({
      ok: false,
      errors: [{ row: 2, message: "newcomers:import.errors.noRows" }],
    });
  });
});
