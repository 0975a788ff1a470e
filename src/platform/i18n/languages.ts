/** The eight languages Koers speaks (issue 2). Dutch is the default and the source language. */
export const languages = [
  { code: "nl", name: "Nederlands", dir: "ltr" },
  { code: "en", name: "English", dir: "ltr" },
  { code: "ar", name: "العربية", dir: "rtl" },
  { code: "fa", name: "فارسی", dir: "rtl" },
  { code: "ti", name: "ትግርኛ", dir: "ltr" },
  { code: "uk", name: "Українська", dir: "ltr" },
  { code: "tr", name: "Türkçe", dir: "ltr" },
  { code: "so", name: "Soomaali", dir: "ltr" },
] as const;

export type Locale = (typeof languages)[number]["code"];
export const locales: readonly Locale[] = languages.map((l) => l.code);
export const defaultLocale: Locale = "nl";

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (locales as readonly string[]).includes(value);
}

export function directionOf(locale: Locale): "ltr" | "rtl" {
  return languages.find((l) => l.code === locale)?.dir ?? "ltr";
}

/**
 * Namespaces that newcomers or workshop participants see: these must be complete in all eight
 * languages (tested). Other namespaces are staff screens: Dutch and English are enough.
 */
export const publicNamespaces = [
  "common",
  "validation",
  "signin",
  "invitation",
  "pip",
  "intake-questions",
  "consent",
  "sessions-public",
  "passkeys",
  "digid",
  "portal",
  "board",
] as const;
