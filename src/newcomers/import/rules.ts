// The columns of a DUO or COA notification file and the rules every row must pass. Pure: the
// import command (commands.ts) validates the whole file with these before it writes anything.
import { isCalendarDate, isPlausibleBirthDate, isValidBsn, normaliseBsn } from "../rules.ts";
import { type KeyDateKind, type TargetGroup, targetGroups } from "../schema.ts";
import type { CsvFile } from "./csv.ts";

/** Where a file comes from: DUO notifications (kennisgevingen) or COA's koppeling and housing. */
export const importSources = ["duo", "coa"] as const;
export type ImportSource = (typeof importSources)[number];

/**
 * The columns a file may have, as written in its header (any case, any order). Each date column
 * adds a key date of its kind with the file's source. docs: the import page lists them from here.
 */
export const importColumns = {
  bsn: { field: "bsn" },
  achternaam: { field: "familyName" },
  voorvoegsel: { field: "familyNamePrefix" },
  voornamen: { field: "givenNames" },
  geboortedatum: { field: "birthDate" },
  doelgroep: { field: "targetGroup" },
  land_van_herkomst: { field: "countryOfOrigin" },
  datum_kennisgeving: { keyDate: "kennisgeving_duo" },
  datum_start_plicht: { keyDate: "start_plicht" },
  datum_inschrijving_brp: { keyDate: "inschrijving_brp" },
  datum_koppeling: { keyDate: "koppeling" },
  datum_huisvesting: { keyDate: "huisvesting" },
} as const satisfies Record<string, { field: string } | { keyDate: KeyDateKind }>;
export type ImportColumn = keyof typeof importColumns;

/** The columns each source's file must have; the others are optional. */
export const requiredColumns: Record<ImportSource, readonly ImportColumn[]> = {
  duo: ["bsn", "achternaam", "voornamen", "geboortedatum", "doelgroep", "datum_kennisgeving"],
  coa: ["bsn", "achternaam", "voornamen", "geboortedatum", "datum_koppeling"],
};

/** A COA file is about asylum permit holders: without a doelgroep column that is the target group. */
const defaultTargetGroup: Record<ImportSource, TargetGroup | undefined> = {
  duo: undefined,
  coa: "asielstatushouder",
};

/** One valid row, ready to be written. */
export interface ImportRow {
  line: number;
  bsn: string;
  givenNames: string;
  familyNamePrefix: string | null;
  familyName: string;
  birthDate: string;
  targetGroup: TargetGroup | null;
  countryOfOrigin: string | null;
  keyDates: { kind: KeyDateKind; date: string }[];
}

/** What is wrong with one field of one row. `message` is an i18n key, shown in the reader's language. */
export interface RowError {
  /** The line in the file (the header is line 1), as a spreadsheet numbers it. */
  row: number;
  /** The column, as in the header. */
  field?: string;
  message: string;
}

/** Reads a date as DUO and spreadsheets write it: 2025-03-14, 14-03-2025 or 14/03/2025. */
export function readDate(value: string): string | undefined {
  const v = value.trim();
  if (isCalendarDate(v)) return v;
  const dutch = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/.exec(v);
  if (!dutch) return undefined;
  const iso = `${dutch[3]}-${dutch[2]?.padStart(2, "0")}-${dutch[1]?.padStart(2, "0")}`;
  return isCalendarDate(iso) ? iso : undefined;
}

/** Reads a target group: the codes, with a space for the underscore, any case. */
export function readTargetGroup(value: string): TargetGroup | undefined {
  const v = value.trim().toLowerCase().replace(/\s+/g, "_");
  return (targetGroups as readonly string[]).includes(v) ? (v as TargetGroup) : undefined;
}

const MAX_TEXT = 200;

/**
 * Checks a parsed file against the rules of its source: the header (required columns present,
 * no unknown or repeated columns), then every row (field count, BSN with the 11-check and unique
 * in the file, names, dates that exist and — except a planned housing date — are not in the
 * future, a known target group). Returns every
 * error found — not just the first — so one correction round is enough; or the rows when there
 * are none.
 */
export function validateImport(
  file: CsvFile,
  source: ImportSource,
  today: string,
): { ok: true; rows: ImportRow[] } | { ok: false; errors: RowError[] } {
  const errors: RowError[] = [];
  const columns = file.header.map((h) => h.toLowerCase());
  const known = Object.keys(importColumns);
  columns.forEach((c, i) => {
    if (!known.includes(c))
      errors.push({
        row: 1,
        field: file.header[i] || `#${i + 1}`,
        message: "newcomers:import.errors.unknownColumn",
      });
    else if (columns.indexOf(c) !== i)
      errors.push({ row: 1, field: c, message: "newcomers:import.errors.repeatedColumn" });
  });
  for (const required of requiredColumns[source])
    if (!columns.includes(required))
      errors.push({ row: 1, field: required, message: "newcomers:import.errors.missingColumn" });
  if (errors.length > 0) return { ok: false, errors };
  if (file.records.length === 0)
    return { ok: false, errors: [{ row: 2, message: "newcomers:import.errors.noRows" }] };

  const at = (fields: string[], column: ImportColumn): string => {
    const i = columns.indexOf(column);
    return i === -1 ? "" : (fields[i] ?? "").trim();
  };
  const seen = new Map<string, number>();
  const rows: ImportRow[] = [];
  for (const { line, fields } of file.records) {
    const fail = (field: string | undefined, message: string) =>
      errors.push({ row: line, ...(field ? { field } : {}), message });
    if (fields.length !== columns.length) {
      fail(undefined, "newcomers:import.errors.fieldCount");
      continue;
    }
    const before = errors.length;
    const bsn = normaliseBsn(at(fields, "bsn"));
    if (!bsn) fail("bsn", "newcomers:import.errors.required");
    else if (!isValidBsn(bsn)) fail("bsn", "newcomers:import.errors.bsn");
    else if (seen.has(bsn)) fail("bsn", "newcomers:import.errors.duplicateBsn");
    else seen.set(bsn, line);

    const text = (column: ImportColumn, required: boolean): string | null => {
      const value = at(fields, column);
      if (!value) {
        if (required) fail(column, "newcomers:import.errors.required");
        return null;
      }
      if (value.length > MAX_TEXT) fail(column, "newcomers:import.errors.tooLong");
      return value;
    };
    const givenNames = text("voornamen", true);
    const familyName = text("achternaam", true);
    const familyNamePrefix = text("voorvoegsel", false);
    const countryOfOrigin = text("land_van_herkomst", false);

    const birthText = at(fields, "geboortedatum");
    const birthDate = birthText ? readDate(birthText) : undefined;
    if (!birthText) fail("geboortedatum", "newcomers:import.errors.required");
    else if (!birthDate || !isPlausibleBirthDate(birthDate, today))
      fail("geboortedatum", "newcomers:import.errors.birthDate");

    const groupText = at(fields, "doelgroep");
    const targetGroup = groupText ? readTargetGroup(groupText) : defaultTargetGroup[source];
    if (groupText && !targetGroup) fail("doelgroep", "newcomers:import.errors.targetGroup");
    else if (!targetGroup && requiredColumns[source].includes("doelgroep"))
      fail("doelgroep", "newcomers:import.errors.required");

    const dates: ImportRow["keyDates"] = [];
    for (const [column, spec] of Object.entries(importColumns) as [
      ImportColumn,
      (typeof importColumns)[ImportColumn],
    ][]) {
      if (!("keyDate" in spec)) continue;
      const value = at(fields, column);
      if (!value) {
        if (requiredColumns[source].includes(column))
          fail(column, "newcomers:import.errors.required");
        continue;
      }
      const date = readDate(value);
      if (!date) fail(column, "newcomers:import.errors.date");
      else if (date > today && spec.keyDate !== "huisvesting")
        fail(column, "newcomers:import.errors.futureDate");
      else dates.push({ kind: spec.keyDate, date });
    }

    if (errors.length === before && givenNames && familyName && birthDate)
      rows.push({
        line,
        bsn,
        givenNames,
        familyNamePrefix,
        familyName,
        birthDate,
        targetGroup: targetGroup ?? null,
        countryOfOrigin,
        keyDates: dates,
      });
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, rows };
}
