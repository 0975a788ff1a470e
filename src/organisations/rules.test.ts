import { describe, expect, it } from "vitest";
import { cbsAreaOf, cbsCodeProblem, creatableKinds, nameFromCbs } from "./rules.ts";

describe("organisation rules", () => {
  it("lets administrators create the eight kinds of the inburgering chain, not the operator", () => {
    expect(creatableKinds).toHaveLength(8);
    expect(creatableKinds).not.toContain("beheer");
  });

  it.each([
    ["gemeente", "GM0228", null],
    ["gemeente", undefined, "organisations:errors.municipalityRequired"],
    ["gemeente", "PV25", "organisations:errors.cbsWrongArea"],
    ["provincie", "PV25", null],
    ["provincie", undefined, "organisations:errors.provinceRequired"],
    ["provincie", "GM0228", "organisations:errors.cbsWrongArea"],
    ["taalaanbieder", undefined, null],
    ["coa", "GM0228", "organisations:errors.cbsNotForKind"],
  ] as const)("%s with CBS code %s → %s", (kind, code, problem) => {
    expect(cbsCodeProblem(kind, code)).toBe(problem);
  });

  it("names a gemeente or provincie after its CBS area", () => {
    expect(cbsAreaOf("werkgever")).toBeUndefined();
    expect(nameFromCbs("gemeente", "Ede")).toBe("Gemeente Ede");
    expect(nameFromCbs("provincie", "Gelderland")).toBe("Provincie Gelderland");
  });
});
