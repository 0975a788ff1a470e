// Lists what translators still have to do: per language and namespace, the keys that are
// missing, empty, extra or have different {{placeholders}}, with the Dutch (and English) text.
// Run: npx tsx scratch/missing-keys.ts            (everything)
//      npx tsx scratch/missing-keys.ts ar signin  (only Arabic, only the signin namespace)
import {
  findMetaGaps,
  findTranslationGaps,
  flattenKeys,
  type TranslationGap,
} from "../src/platform/i18n/completeness.ts";
import { readLocaleFiles } from "../src/platform/i18n/index.ts";

const [onlyLocale, onlyNamespace] = process.argv.slice(2);
const { resources } = readLocaleFiles();
const gaps = [...findTranslationGaps(resources), ...findMetaGaps()].filter(
  (g) =>
    (!onlyLocale || g.locale === onlyLocale) && (!onlyNamespace || g.namespace === onlyNamespace),
);

const textOf = (locale: string, namespace: string, key: string): string | undefined => {
  const flat = flattenKeys(resources[locale]?.[namespace] ?? {});
  // A plural form the source lacks (Arabic "_few") is shown with the source's "_other".
  const value = flat[key] ?? flat[key.replace(/_(zero|one|two|few|many|other)$/, "_other")];
  return typeof value === "string" ? value : undefined;
};

const groups = new Map<string, TranslationGap[]>();
for (const gap of gaps) {
  const group = `${gap.locale} · ${gap.namespace}`;
  groups.set(group, [...(groups.get(group) ?? []), gap]);
}

if (groups.size === 0) {
  console.log("No missing translations.");
} else {
  for (const [group, list] of [...groups].sort(([a], [b]) => a.localeCompare(b))) {
    console.log(`\n${group}: ${list.length}`);
    for (const gap of list) {
      console.log(`  ${gap.kind.padEnd(12)} ${gap.key}${gap.detail ? `  (${gap.detail})` : ""}`);
      if (gap.kind === "meta" || gap.kind === "extra") continue;
      const nl = textOf("nl", gap.namespace, gap.key);
      const en = textOf("en", gap.namespace, gap.key);
      if (nl) console.log(`      nl: ${JSON.stringify(nl)}`);
      if (en && gap.locale !== "en") console.log(`      en: ${JSON.stringify(en)}`);
    }
  }
  console.log(`\n${gaps.length} gap(s) in ${groups.size} file(s).`);
  process.exitCode = 1;
}
