import { readFileSync } from "node:fs";
import { and, isNull, notInArray, sql } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "../platform/db/client.ts";
import { municipalityCodePattern, provinceCodePattern } from "./rules.ts";
import { refMunicipalities, refProvinces } from "./schema.ts";

/** Where the CBS provinces and municipalities Koers ships are kept. */
export const referenceDataFile = new URL("../../data/reference/cbs.json", import.meta.url);

const referenceDataSchema = z.object({
  source: z.string().min(1),
  validOn: z.iso.date(),
  provinces: z.array(z.object({ code: z.string().regex(provinceCodePattern), name: z.string() })),
  municipalities: z.array(
    z.object({
      code: z.string().regex(municipalityCodePattern),
      name: z.string(),
      provinceCode: z.string().regex(provinceCodePattern),
    }),
  ),
});
export type ReferenceData = z.infer<typeof referenceDataSchema>;

let cached: ReferenceData | undefined;

/** The CBS reference data file, read and checked once per process. */
export function readReferenceData(): ReferenceData {
  cached ??= referenceDataSchema.parse(JSON.parse(readFileSync(referenceDataFile, "utf8")));
  return cached;
}

/**
 * Loads the CBS provinces and municipalities into ref_provinces and ref_municipalities. Runs at
 * every start, so it is one statement per table, and it writes only rows that differ: PGlite has
 * no autovacuum, and rewriting 342 unchanged rows on every start would leave 342 dead rows each
 * time (decision 0003). A municipality that is no longer in the file (merged away) keeps its row,
 * for organisations and history that name it, and gets the file's date as its end of validity.
 */
export async function loadReferenceData(db: DbOrTx): Promise<void> {
  const data = readReferenceData();
  await db.transaction(async (tx) => {
    await tx
      .insert(refProvinces)
      .values(data.provinces)
      .onConflictDoUpdate({
        target: refProvinces.code,
        set: { name: sql`excluded.name` },
        setWhere: sql`${refProvinces.name} is distinct from excluded.name`,
      });
    await tx
      .insert(refMunicipalities)
      .values(data.municipalities.map((m) => ({ ...m, validUntil: null })))
      .onConflictDoUpdate({
        target: refMunicipalities.code,
        set: {
          name: sql`excluded.name`,
          provinceCode: sql`excluded.province_code`,
          validUntil: sql`null`,
        },
        setWhere: sql`(${refMunicipalities.name}, ${refMunicipalities.provinceCode}, ${refMunicipalities.validUntil}) is distinct from (excluded.name, excluded.province_code, null::date)`,
      });
    await tx
      .update(refMunicipalities)
      .set({ validUntil: data.validOn })
      .where(
        and(
          isNull(refMunicipalities.validUntil),
          notInArray(
            refMunicipalities.code,
            data.municipalities.map((m) => m.code),
          ),
        ),
      );
  });
}
