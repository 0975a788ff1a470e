// A small, strict CSV reader for DUO/COA notification files. The format is simple (one header
// line, one record per line, no multi-line fields expected) but spreadsheets quote fields that
// hold the separator, so quoting follows RFC 4180. Written here rather than taken from a library
// because the strictness is the point: a malformed line is an error with its line number, never a
// guess. A multi-line quoted field is refused for the same reason (the line numbers in the
// error report must match what the user sees in their spreadsheet).

/** A problem that makes the whole file unreadable, with the line it was found on (1-based). */
export interface CsvProblem {
  line: number;
  /** An i18n key in the "newcomers" namespace. */
  message: string;
}

export interface CsvFile {
  separator: ";" | ",";
  /** The header's fields. */
  header: string[];
  /** The records after the header, each with the line it came from. Blank lines are skipped. */
  records: { line: number; fields: string[] }[];
}

/** Decodes the bytes as UTF-8 (refusing anything else) and drops a byte-order mark. */
export function decodeUtf8(bytes: Uint8Array): string | undefined {
  try {
    const text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    return text.startsWith("\uFEFF") ? text.slice(1) : text;
  } catch {
    return undefined;
  }
}

/**
 * The separator the header uses: ";" (what Dutch spreadsheets write) or ",". The one that occurs
 * more often outside quotes in the first line wins; neither: ";".
 */
export function detectSeparator(firstLine: string): ";" | "," {
  let semicolons = 0;
  let commas = 0;
  let quoted = false;
  for (const c of firstLine) {
    if (c === '"') quoted = !quoted;
    else if (!quoted && c === ";") semicolons++;
    else if (!quoted && c === ",") commas++;
  }
  return commas > semicolons ? "," : ";";
}

/** Splits one line into fields, or returns an error key when its quoting is broken. */
export function splitLine(line: string, separator: string): string[] | { error: string } {
  const fields: string[] = [];
  let i = 0;
  for (;;) {
    if (line[i] === '"') {
      let value = "";
      i++;
      for (;;) {
        if (i >= line.length) return { error: "newcomers:import.csv.unclosedQuote" };
        if (line[i] === '"') {
          if (line[i + 1] === '"') {
            value += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        value += line[i];
        i++;
      }
      if (i < line.length && line[i] !== separator)
        return { error: "newcomers:import.csv.textAfterQuote" };
      fields.push(value);
    } else {
      const end = line.indexOf(separator, i);
      const value = end === -1 ? line.slice(i) : line.slice(i, end);
      if (value.includes('"')) return { error: "newcomers:import.csv.strayQuote" };
      fields.push(value);
      i = end === -1 ? line.length : end;
    }
    if (i >= line.length) return fields;
    i++; // the separator
    if (i === line.length) {
      fields.push("");
      return fields;
    }
  }
}

/** Reads a whole file. Either the parsed file or the problems that make it unreadable. */
export function parseCsv(
  text: string,
): { ok: true; file: CsvFile } | { ok: false; problems: CsvProblem[] } {
  const lines = text.split(/\r\n|\n|\r/);
  while (lines.length > 0 && lines.at(-1)?.trim() === "") lines.pop();
  const first = lines[0];
  if (first === undefined || first.trim() === "")
    return { ok: false, problems: [{ line: 1, message: "newcomers:import.csv.empty" }] };
  const separator = detectSeparator(first);
  const problems: CsvProblem[] = [];
  const header = splitLine(first, separator);
  if ("error" in header) return { ok: false, problems: [{ line: 1, message: header.error }] };
  const records: CsvFile["records"] = [];
  for (let index = 1; index < lines.length; index++) {
    const line = lines[index] ?? "";
    if (line.trim() === "") continue;
    const fields = splitLine(line, separator);
    if ("error" in fields) problems.push({ line: index + 1, message: fields.error });
    else records.push({ line: index + 1, fields });
  }
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, file: { separator, header: header.map((h) => h.trim()), records } };
}
