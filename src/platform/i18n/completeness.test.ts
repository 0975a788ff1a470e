import { describe, expect, it } from "vitest";
import {
  compareWithSource,
  expectedKeys,
  findMetaGaps,
  findTranslationGaps,
  localeFiles,
} from "./completeness.ts";
import { readLocaleFiles } from "./index.ts";
import { locales, publicNamespaces } from "./languages.ts";

const describeGap = (g: { locale: string; namespace: string; kind: string; key: string }) =>
  `${g.locale} ${g.namespace}:${g.key} (${g.kind})`;

describe("translations in the repository", () => {
  const { resources } = readLocaleFiles();

  it("has every public namespace in all eight languages and every staff namespace in English", () => {
    expect(findTranslationGaps(resources).map(describeGap)).toEqual([]);
  });

  it("has a file for every public namespace in every language", () => {
    for (const ns of publicNamespaces) {
      for (const locale of locales)
        expect(resources[locale]?.[ns], `${locale}/${ns}`).toBeDefined();
    }
  });

  it("marks every file's review status", () => {
    expect(localeFiles().length).toBeGreaterThanOrEqual(publicNamespaces.length * locales.length);
    expect(findMetaGaps().map(describeGap)).toEqual([]);
  });
});

describe("the completeness check", () => {
  const source = {
    title: "Inloggen",
    greeting: "Welkom, {{name}}",
    tooShort_one: "Minstens {{count}} teken.",
    tooShort_other: "Minstens {{count}} tekens.",
    expired: { idle: "Log opnieuw in." },
  };
  const kinds = (gaps: { kind: string; key: string }[]) => gaps.map((g) => `${g.kind} ${g.key}`);

  it("expands a Dutch plural into the language's own plural forms", () => {
    expect([...expectedKeys({ x_one: "a", x_other: "b" }, "ar").keys()]).toEqual([
      "x_zero",
      "x_one",
      "x_two",
      "x_few",
      "x_many",
      "x_other",
    ]);
    expect([...expectedKeys({ x_one: "a", x_other: "b" }, "uk").keys()]).toEqual([
      "x_one",
      "x_few",
      "x_many",
      "x_other",
    ]);
    expect([...expectedKeys({ x_one: "a", x_other: "b" }, "tr").keys()]).toEqual([
      "x_one",
      "x_other",
    ]);
  });

  it("accepts a complete translation", () => {
    const tr = {
      _meta: { status: "draft" },
      title: "Giriş yap",
      greeting: "Hoş geldiniz, {{name}}",
      tooShort_one: "En az {{count}} karakter.",
      tooShort_other: "En az {{count}} karakter.",
      expired: { idle: "Tekrar giriş yapın." },
    };
    expect(compareWithSource("x", "tr", source, tr)).toEqual([]);
  });

  it("reports a missing key, a missing plural form, an extra key and an empty text", () => {
    const uk = {
      title: "",
      greeting: "Вітаємо, {{name}}",
      tooShort_one: "{{count}} символ.",
      tooShort_many: "{{count}} символів.",
      tooShort_other: "{{count}} символу.",
      old: "залишок",
    };
    expect(kinds(compareWithSource("x", "uk", source, uk))).toEqual([
      "empty title",
      "missing tooShort_few",
      "missing expired.idle",
      "extra old",
    ]);
  });

  it("reports changed placeholders, but lets a plural form say the count in words", () => {
    const ar = {
      title: "تسجيل الدخول",
      greeting: "مرحبًا، {{naam}}",
      tooShort_zero: "{{count}} حرف.",
      tooShort_one: "حرف واحد على الأقل.",
      tooShort_two: "حرفان على الأقل.",
      tooShort_few: "{{count}} أحرف.",
      tooShort_many: "{{count}} حرفًا.",
      tooShort_other: "{{count}} حرف {{extra}}.",
      expired: { idle: "سجّل الدخول مرة أخرى." },
    };
    expect(kinds(compareWithSource("x", "ar", source, ar))).toEqual([
      "placeholders greeting",
      "placeholders tooShort_other",
    ]);
  });

  it("requires staff namespaces in English only, and public ones in every language", () => {
    const resources = {
      nl: { staff: { a: "A" }, open: { b: "B" } },
      en: { staff: { a: "A" }, open: { b: "B" } },
      ar: { open: { b: "ب" } },
    };
    const gaps = findTranslationGaps(resources, {
      publicNamespaces: ["open"],
      locales: ["nl", "en", "ar", "fa"],
    });
    expect(gaps.map(describeGap)).toEqual(["fa open:b (missing)"]);
  });

  it("reports a file without a review status", () => {
    const gaps = findMetaGaps([
      { path: "a/locales/nl.json", locale: "nl", data: { _meta: { status: "source" } } },
      { path: "a/locales/en.json", locale: "en", data: {} },
      { path: "a/locales/ar.json", locale: "ar", data: { _meta: { status: "source" } } },
    ]);
    expect(gaps.map((g) => `${g.namespace} ${g.kind}`)).toEqual([
      "a/locales/en.json meta",
      "a/locales/ar.json meta",
    ]);
  });
});
