import { type OrganisationKind, organisationKinds } from "./schema.ts";

/**
 * The kinds an administrator can create. "beheer" is the Koers operator itself: there is one, made
 * when Koers is installed, and it is never created from the admin pages.
 */
export const creatableKinds = organisationKinds.filter(
  (k): k is Exclude<OrganisationKind, "beheer"> => k !== "beheer",
);
export type CreatableKind = (typeof creatableKinds)[number];

/** Which CBS area an organisation of this kind stands for, if any: a gemeente (GM…) or a provincie (PV…). */
export function cbsAreaOf(kind: OrganisationKind): "municipality" | "province" | undefined {
  if (kind === "gemeente") return "municipality";
  if (kind === "provincie") return "province";
  return undefined;
}

export const municipalityCodePattern = /^GM\d{4}$/;
export const provinceCodePattern = /^PV\d{2}$/;

/**
 * Whether a CBS code fits the kind: a gemeente needs a GM code, a provincie a PV code, and every
 * other kind none. Returns the i18n key of the problem, or null when it fits.
 */
export function cbsCodeProblem(kind: OrganisationKind, cbsCode: string | undefined): string | null {
  const area = cbsAreaOf(kind);
  if (area === undefined) return cbsCode ? "organisations:errors.cbsNotForKind" : null;
  if (!cbsCode)
    return area === "municipality"
      ? "organisations:errors.municipalityRequired"
      : "organisations:errors.provinceRequired";
  const pattern = area === "municipality" ? municipalityCodePattern : provinceCodePattern;
  return pattern.test(cbsCode) ? null : "organisations:errors.cbsWrongArea";
}

/**
 * The name an organisation gets from its CBS area when the administrator leaves the name empty:
 * "Gemeente Ede", "Provincie Gelderland". Organisation names are Dutch proper names, so this is not
 * translated.
 */
export function nameFromCbs(kind: OrganisationKind, areaName: string): string {
  return kind === "provincie" ? `Provincie ${areaName}` : `Gemeente ${areaName}`;
}
