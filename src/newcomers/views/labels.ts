import type { TFunction } from "i18next";
import { formatDay } from "../../platform/dates.ts";
import { languages } from "../../platform/i18n/languages.ts";

/** A calendar date (YYYY-MM-DD) in the page's language (one formatter: platform/dates.ts). */
export const formatDate: (locale: string, date: string | null | undefined) => string = formatDay;

/** A moment (when something was recorded) in the page's language, Dutch time. */
export function formatMoment(locale: string, at: Date | null | undefined): string {
  if (!at) return "";
  return new Intl.DateTimeFormat(locale, {
    dateStyle: "medium",
    timeStyle: "short",
    timeZone: "Europe/Amsterdam",
  }).format(at);
}

/** The name of one of Koers's own languages, in that language. */
export const localeName = (code: string | null | undefined): string =>
  languages.find((l) => l.code === code)?.name ?? code ?? "";

/** The name of any language (ISO 639 code) in the reader's language. */
export function spokenLanguageName(locale: string, code: string): string {
  try {
    return new Intl.DisplayNames([locale, "nl"], { type: "language" }).of(code) ?? code;
  } catch {
    return code;
  }
}

/** Yes, no, or unknown. */
export function yesNoLabel(t: TFunction, value: boolean | null | undefined): string {
  if (value === true) return t("newcomers:yes");
  if (value === false) return t("newcomers:no");
  return t("newcomers:unknown");
}

/** A boolean as the value of a ja/nee radio button ("" for unknown). */
export function yesNoValue(value: unknown): string {
  if (value === true || value === "ja") return "ja";
  if (value === false || value === "nee") return "nee";
  return "";
}
