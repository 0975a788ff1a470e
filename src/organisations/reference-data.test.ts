import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "../../tests/support/database.ts";
import type { Database } from "../platform/db/client.ts";
import { loadReferenceData, readReferenceData } from "./reference-data.ts";

describe("CBS reference data file", () => {
  const data = readReferenceData();

  it("holds the 12 provinces and the 342 municipalities of 1 January 2025", () => {
    expect(data.validOn).toBe("2025-01-01");
    expect(data.provinces).toHaveLength(12);
    expect(data.municipalities).toHaveLength(342);
    expect(data.provinces.map((p) => p.code)).toEqual(
      Array.from({ length: 12 }, (_, i) => `PV${20 + i}`),
    );
  });

  it("has unique codes, and every municipality lies in a known province", () => {
    const codes = data.municipalities.map((m) => m.code);
    expect(new Set(codes).size).toBe(codes.length);
    const provinces = new Set(data.provinces.map((p) => p.code));
    expect(data.municipalities.filter((m) => !provinces.has(m.provinceCode))).toEqual([]);
  });

  it.each([
    ["GM0228", "Ede", "PV25"],
    ["GM0203", "Barneveld", "PV25"],
    ["GM0267", "Nijkerk", "PV25"],
    ["GM0274", "Renkum", "PV25"],
    ["GM0340", "Rhenen", "PV26"],
    ["GM0279", "Scherpenzeel", "PV25"],
    ["GM0345", "Veenendaal", "PV26"],
    ["GM0289", "Wageningen", "PV25"],
    ["GM0363", "Amsterdam", "PV27"],
    ["GM0599", "Rotterdam", "PV28"],
    ["GM1992", "Voorne aan Zee", "PV28"],
  ])("knows %s %s in %s", (code, name, provinceCode) => {
    expect(data.municipalities.find((m) => m.code === code)).toEqual({ code, name, provinceCode });
  });

  it("no longer lists municipalities merged away before 2025", () => {
    const codes = new Set(data.municipalities.map((m) => m.code));
    // Weesp (into Amsterdam, 2022); Brielle, Hellevoetsluis, Westvoorne (Voorne aan Zee, 2023).
    for (const gone of ["GM0457", "GM0501", "GM0530", "GM0614"])
      expect(codes.has(gone)).toBe(false);
  });
});

describe("loading the reference data", () => {
  let database: Database;
  beforeAll(async () => {
    database = await createTestDatabase("pglite");
  });
  afterAll(async () => database?.close());

  it("is loaded, and loading it again writes nothing", async () => {
    const snapshot = () =>
      database.query<{ n: number; versions: string }>(
        "select count(*)::int as n, string_agg(xmin::text, ',' order by code) as versions from ref_municipalities",
      );
    const [before] = await snapshot();
    expect(before?.n).toBe(342);
    await loadReferenceData(database.db);
    expect(await snapshot()).toEqual([before]);
  });

  it("corrects a changed row and dates a municipality that left the list", async () => {
    await database.exec(`
      update ref_municipalities set name = 'Eede' where code = 'GM0228';
      insert into ref_municipalities (code, name, province_code) values ('GM0457', 'Weesp', 'PV27');`);
    await loadReferenceData(database.db);
    const rows = await database.query<{ code: string; name: string; valid_until: string | null }>(
      "select code, name, valid_until::text from ref_municipalities where code in ('GM0228', 'GM0457') order by code",
    );
    expect(rows).toEqual([
      { code: "GM0228", name: "Ede", valid_until: null },
      { code: "GM0457", name: "Weesp", valid_until: "2025-01-01" },
    ]);
  });
});
