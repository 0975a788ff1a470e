import { Alert } from "./components.tsx";
import { useView } from "./context.ts";

// Koers's rule for a concurrent edit: nothing a person typed is lost. A form carries the version it
// was loaded with; a stale save comes back (409) with the input still in the fields, the current
// version in the form (so saving again is a deliberate overwrite) and this comparison above it.
// See docs/decisions/0004-views-i18n-validation.md.

/**
 * One field of a refused save, both sides as a person reads them (dates formatted, codes
 * translated, lists joined). An empty string means "not filled in".
 */
export interface ConflictRow {
  label: string;
  /** What the person sent. */
  yours: string;
  /** What is stored now. */
  saved: string;
}

/** A form field as it reads in the comparison; `show` turns a value into text (default {@link valueText}). */
export interface ComparedField {
  name: string;
  label: string;
  show?: (value: unknown) => string;
}

/** A form value as text: lists joined with commas, nothing (undefined, null, "") as "". */
export function valueText(value: unknown): string {
  if (value === undefined || value === null) return "";
  if (Array.isArray(value)) return value.map(valueText).filter(Boolean).join(", ");
  return String(value).trim();
}

/** The rows for a form's fields: the person's values next to the stored ones, read the same way. */
export function compareValues(
  fields: readonly ComparedField[],
  yours: Record<string, unknown>,
  saved: Record<string, unknown>,
): ConflictRow[] {
  return fields.map((f) => {
    const show = f.show ?? valueText;
    return { label: f.label, yours: show(yours[f.name]), saved: show(saved[f.name]) };
  });
}

// A textarea posts CRLF and may carry trailing blanks: not a difference a person can see.
const normalised = (text: string) => text.replace(/\r\n?/g, "\n").trim();

/** Whether the two sides of a row differ in a way a person can see. */
export const rowDiffers = (row: ConflictRow) => normalised(row.yours) !== normalised(row.saved);

/**
 * After a stale save: what the person sent next to what is stored now, one row per field, the
 * rows that differ marked in words (not by colour alone). Rows empty on both sides are left out.
 * Values and labels (a label may hold a goal someone wrote) are isolated in `<bdi>`, so a Latin
 * name reads right on an Arabic page and the other way round.
 */
export function ConflictComparison(props: {
  rows: readonly ConflictRow[];
  /** Names the table for screen readers; defaults to "your input next to what is saved now". */
  caption?: string | undefined;
  /** What happened and what saving again does; defaults to the common explanation. */
  notice?: string | undefined;
}) {
  const { t } = useView();
  const rows = props.rows.filter((r) => normalised(r.yours) !== "" || normalised(r.saved) !== "");
  const cell = (text: string) =>
    normalised(text) === "" ? (
      <span class="koers-muted">{t("common:conflict.empty")}</span>
    ) : (
      <bdi class="koers-prewrap">{normalised(text)}</bdi>
    );
  return (
    <Alert type="warning">
      <p class="utrecht-paragraph">{props.notice ?? t("common:conflict.notice")}</p>
      {rows.length > 0 && (
        <div class="koers-table-scroll">
          <table class="utrecht-table utrecht-table--html-table koers-compare">
            <caption class="utrecht-table__caption">
              {props.caption ?? t("common:conflict.caption")}
            </caption>
            <thead class="utrecht-table__header">
              <tr class="utrecht-table__row">
                <th class="utrecht-table__header-cell" scope="col">
                  {t("common:conflict.field")}
                </th>
                <th class="utrecht-table__header-cell" scope="col">
                  {t("common:conflict.yours")}
                </th>
                <th class="utrecht-table__header-cell" scope="col">
                  {t("common:conflict.saved")}
                </th>
              </tr>
            </thead>
            <tbody class="utrecht-table__body">
              {rows.map((r, i) => {
                const differs = rowDiffers(r);
                return (
                  <tr
                    key={i}
                    class={`utrecht-table__row${differs ? " koers-compare__row--changed" : ""}`}
                  >
                    <th class="utrecht-table__header-cell" scope="row">
                      <bdi>{r.label}</bdi>
                      {differs && (
                        <>
                          {" "}
                          <strong>{t("common:conflict.differs")}</strong>
                        </>
                      )}
                    </th>
                    <td class="utrecht-table__cell">{cell(r.yours)}</td>
                    <td class="utrecht-table__cell">{cell(r.saved)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </Alert>
  );
}
