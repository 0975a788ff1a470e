import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { type Locale, locales, publicNamespaces } from "./languages.ts";

/** One thing wrong with a translation file. */
export interface TranslationGap {
  namespace: string;
  locale: string;
  kind: "missing" | "extra" | "empty" | "placeholders" | "meta";
  key: string;
  detail?: string;
}

type Strings = Record<string, unknown>;

const pluralSuffix = /^(.*)_(zero|one|two|few|many|other)$/;

/** The plural forms i18next looks up for a language, e.g. Arabic: zero, one, two, few, many, other. */
export function pluralCategories(locale: string): string[] {
  return new Intl.PluralRules(locale).resolvedOptions().pluralCategories.map(String);
}

/** Nested translation objects as dotted keys: { a: { b: "x" } } → { "a.b": "x" }. */
export function flattenKeys(strings: Strings, prefix = ""): Record<string, unknown> {
  const flat: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(strings)) {
    if (key === "_meta") continue;
    if (value && typeof value === "object" && !Array.isArray(value)) {
      Object.assign(flat, flattenKeys(value as Strings, `${prefix}${key}.`));
    } else {
      flat[`${prefix}${key}`] = value;
    }
  }
  return flat;
}

function placeholders(text: string): string[] {
  return [
    ...new Set([...text.matchAll(/\{\{\s*([\w.-]+)[^}]*\}\}/g)].map((m) => m[1] ?? "")),
  ].sort();
}

/**
 * The keys a language must have in a namespace, given the source (Dutch) keys: a plural key
 * (`x_one`, `x_other` in Dutch) becomes the language's own plural forms of `x`. For each key, the
 * source texts whose {{placeholders}} it must repeat.
 */
export function expectedKeys(
  source: Record<string, unknown>,
  locale: string,
): Map<string, string[]> {
  const groups = new Map<string, string[]>();
  for (const [key, value] of Object.entries(source)) {
    const base = pluralSuffix.exec(key)?.[1];
    if (base !== undefined) groups.set(base, [...(groups.get(base) ?? []), String(value ?? "")]);
  }
  // In the source's order; a plural group's forms where its first form stands.
  const expected = new Map<string, string[]>();
  for (const [key, value] of Object.entries(source)) {
    const base = pluralSuffix.exec(key)?.[1];
    if (base === undefined) {
      expected.set(key, [typeof value === "string" ? value : ""]);
    } else if (!expected.has(`${base}_other`)) {
      for (const category of pluralCategories(locale)) {
        expected.set(`${base}_${category}`, groups.get(base) ?? []);
      }
    }
  }
  return expected;
}

/**
 * Compares one language's namespace with the source: missing and extra keys, empty texts, and
 * {{placeholders}} that differ. In plural forms {{count}} may be left out (Arabic and others
 * write "one" or "two" as a word); every other placeholder must be kept.
 */
export function compareWithSource(
  namespace: string,
  locale: string,
  source: Strings,
  translation: Strings | undefined,
): TranslationGap[] {
  const gaps: TranslationGap[] = [];
  const expected = expectedKeys(flattenKeys(source), locale);
  const actual = flattenKeys(translation ?? {});
  for (const [key, sourceTexts] of expected) {
    const value = actual[key];
    if (value === undefined) {
      gaps.push({ namespace, locale, kind: "missing", key });
      continue;
    }
    if (typeof value !== "string" || value.trim() === "") {
      gaps.push({ namespace, locale, kind: "empty", key });
      continue;
    }
    const isPlural = pluralSuffix.test(key);
    const wanted = [...new Set(sourceTexts.flatMap(placeholders))].sort();
    const found = placeholders(value);
    const same = isPlural
      ? wanted.filter((p) => p !== "count").join() === found.filter((p) => p !== "count").join() &&
        found.every((p) => wanted.includes(p))
      : wanted.join() === found.join();
    if (!same) {
      gaps.push({
        namespace,
        locale,
        kind: "placeholders",
        key,
        detail: `expected {{${wanted.join("}}, {{")}}}, found {{${found.join("}}, {{")}}}`,
      });
    }
  }
  for (const key of Object.keys(actual)) {
    if (!expected.has(key)) gaps.push({ namespace, locale, kind: "extra", key });
  }
  return gaps;
}

/**
 * Every gap in the translations: public namespaces must be complete in all eight languages,
 * every other (staff) namespace in English. Dutch is the source.
 */
export function findTranslationGaps(
  resources: Record<string, Record<string, Strings>>,
  options: { publicNamespaces?: readonly string[]; locales?: readonly Locale[] } = {},
): TranslationGap[] {
  const publicNs = options.publicNamespaces ?? publicNamespaces;
  const allLocales = options.locales ?? locales;
  const namespaces = new Set(Object.values(resources).flatMap((byNs) => Object.keys(byNs)));
  const gaps: TranslationGap[] = [];
  for (const namespace of [...namespaces].sort()) {
    const source = resources.nl?.[namespace];
    if (!source) {
      gaps.push({ namespace, locale: "nl", kind: "missing", key: "(the whole file)" });
      continue;
    }
    const required = publicNs.includes(namespace)
      ? allLocales.filter((l) => l !== "nl")
      : (["en"] as const);
    for (const locale of required) {
      gaps.push(...compareWithSource(namespace, locale, source, resources[locale]?.[namespace]));
    }
  }
  return gaps;
}

const srcDir = fileURLToPath(new URL("../../", import.meta.url));

/** Every locales/<lang>.json file below src/, with its parsed content. */
export function localeFiles(dir = srcDir): { path: string; locale: string; data: Strings }[] {
  const files: { path: string; locale: string; data: Strings }[] = [];
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (!statSync(path).isDirectory() || entry === "node_modules") continue;
    if (entry === "locales") {
      for (const file of readdirSync(path)
        .filter((f) => f.endsWith(".json"))
        .sort()) {
        files.push({
          path: relative(srcDir, join(path, file)),
          locale: file.slice(0, -5),
          data: JSON.parse(readFileSync(join(path, file), "utf8")) as Strings,
        });
      }
    } else {
      files.push(...localeFiles(path));
    }
  }
  return files;
}

/** Files whose "_meta.status" is missing or wrong: Dutch is the "source", others "draft" or "reviewed". */
export function findMetaGaps(files = localeFiles()): TranslationGap[] {
  const gaps: TranslationGap[] = [];
  for (const file of files) {
    const status = (file.data._meta as { status?: unknown } | undefined)?.status;
    const allowed = file.locale === "nl" ? ["source"] : ["draft", "reviewed"];
    if (typeof status !== "string" || !allowed.includes(status)) {
      gaps.push({
        namespace: file.path,
        locale: file.locale,
        kind: "meta",
        key: "_meta.status",
        detail: `is ${JSON.stringify(status)}, expected ${allowed.join(" or ")}`,
      });
    }
  }
  return gaps;
}
