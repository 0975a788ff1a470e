import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import i18next, { type i18n, type TFunction } from "i18next";
import { defaultLocale, isLocale, type Locale, locales } from "./languages.ts";

export * from "./languages.ts";
export type { TFunction };

const srcDir = fileURLToPath(new URL("../../", import.meta.url));

/** Translation review status per language and namespace, from each file's "_meta". */
export interface TranslationMeta {
  status: "source" | "draft" | "reviewed";
  note?: string;
}

type Resources = Record<string, Record<string, Record<string, unknown>>>;

/**
 * Reads every locales/<lang>.json below src/. The folder that holds "locales" names the
 * namespace (src/accounts/locales → "accounts"; src/platform/i18n/locales → "common").
 */
export function readLocaleFiles(): {
  resources: Resources;
  meta: Record<string, Record<string, TranslationMeta>>;
} {
  const resources: Resources = {};
  const meta: Record<string, Record<string, TranslationMeta>> = {};
  const visit = (dir: string) => {
    for (const entry of readdirSync(dir)) {
      const path = join(dir, entry);
      if (!statSync(path).isDirectory()) continue;
      if (entry === "locales") {
        const parent = dir.split(/[\\/]/).filter(Boolean).at(-1) ?? "";
        const ns = parent === "i18n" ? "common" : parent;
        for (const file of readdirSync(path)) {
          if (!file.endsWith(".json")) continue;
          const lang = file.slice(0, -5);
          if (!isLocale(lang)) throw new Error(`Unknown language file ${join(path, file)}`);
          const data = JSON.parse(readFileSync(join(path, file), "utf8")) as Record<
            string,
            unknown
          >;
          const { _meta, ...strings } = data;
          resources[lang] ??= {};
          resources[lang][ns] = strings;
          meta[lang] ??= {};
          meta[lang][ns] = (_meta as TranslationMeta | undefined) ?? { status: "draft" };
        }
      } else if (entry !== "node_modules") {
        visit(path);
      }
    }
  };
  visit(srcDir);
  return { resources, meta };
}

let instance: i18n | undefined;
let translationMeta: Record<string, Record<string, TranslationMeta>> = {};

/** Initialises the shared i18next instance once (synchronously; resources are bundled files). */
export function initI18n(): i18n {
  if (instance) return instance;
  const { resources, meta } = readLocaleFiles();
  translationMeta = meta;
  const inst = i18next.createInstance();
  void inst.init({
    resources,
    lng: defaultLocale,
    supportedLngs: [...locales],
    // Staff screens exist in Dutch and English only: other languages fall back to English.
    fallbackLng: { nl: [], en: ["nl"], default: ["en", "nl"] },
    ns: Object.keys(resources.nl ?? {}),
    defaultNS: "common",
    fallbackNS: "common",
    initAsync: false,
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  instance = inst;
  return inst;
}

/** A translate function fixed to one language. */
export function translator(locale: Locale, ns?: string): TFunction {
  return initI18n().getFixedT(locale, ns ?? null);
}

/** The review status of a language's texts in a namespace ("draft" translations are marked in the UI). */
export function reviewStatus(locale: Locale, ns = "common"): TranslationMeta["status"] {
  initI18n();
  return translationMeta[locale]?.[ns]?.status ?? "draft";
}

/** Picks the best supported language from an Accept-Language header. */
export function negotiateLocale(header: string | undefined): Locale | undefined {
  if (!header) return undefined;
  const ranked = header
    .split(",")
    .map((part) => {
      const [tag = "", ...params] = part.trim().split(";");
      const q = params.find((p) => p.trim().startsWith("q="));
      return { tag: tag.toLowerCase(), q: q ? Number(q.trim().slice(2)) : 1 };
    })
    .filter((r) => r.tag && !Number.isNaN(r.q))
    .sort((a, b) => b.q - a.q);
  for (const { tag } of ranked) {
    const base = tag.split("-")[0];
    if (isLocale(base)) return base;
  }
  return undefined;
}

/** The cookie that remembers the chosen language (set by the switcher and at sign-in). */
export const LANGUAGE_COOKIE = "koers_lang";
export const languageCookieOptions = {
  path: "/",
  sameSite: "lax",
  httpOnly: true,
  maxAge: 31_536_000,
} as const;
