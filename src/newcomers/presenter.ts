import type { Actor } from "../platform/authz/actor.ts";
import { disclosedDataClasses, type NewcomerDataClass } from "./policy.ts";
import type { KeyDateKind, newcomers } from "./schema.ts";

/** A newcomer's row with the name of the assigned consultant, as queries load it. */
export type NewcomerRecord = typeof newcomers.$inferSelect & {
  assignedConsultantName: string | null;
};

/**
 * A newcomer as an actor may see them: the fields of the disclosed data classes only. Fields of
 * other classes are absent (not null), so a page or JSON body cannot show them by accident.
 */
export interface PresentedNewcomer {
  id: string;
  organisationId: string;
  version: number;
  /** The data classes this presentation holds: what the audit record names. */
  dataClasses: NewcomerDataClass[];
  // basic
  givenNames?: string;
  familyNamePrefix?: string | null;
  familyName?: string;
  birthDate?: string | null;
  countryOfOrigin?: string | null;
  preferredLanguage?: string;
  interpreterNeeded?: boolean;
  interpreterLanguage?: string | null;
  literacy?: string | null;
  latinScript?: boolean | null;
  closedOn?: string | null;
  closedReason?: string | null;
  assignedConsultant?: { id: string; name: string } | null;
  // identity
  bsn?: string | null;
  // contact
  phone?: string | null;
  email?: string | null;
  address?: string | null;
  letterLanguage?: string | null;
  // residence
  targetGroup?: string | null;
  socialAssistance?: boolean | null;
  // health
  healthNotes?: string | null;
}

type Field = Exclude<
  keyof PresentedNewcomer,
  "id" | "organisationId" | "version" | "dataClasses" | "assignedConsultant"
>;

/** Which data class each field belongs to: the one table field-level disclosure is decided by. */
export const newcomerFieldClasses = {
  givenNames: "basic",
  familyNamePrefix: "basic",
  familyName: "basic",
  birthDate: "basic",
  countryOfOrigin: "basic",
  preferredLanguage: "basic",
  interpreterNeeded: "basic",
  interpreterLanguage: "basic",
  literacy: "basic",
  latinScript: "basic",
  closedOn: "basic",
  closedReason: "basic",
  assignedConsultantId: "basic",
  bsn: "identity",
  phone: "contact",
  email: "contact",
  address: "contact",
  letterLanguage: "contact",
  // Residence: the facts that follow from the residence permit and the benefit (they decide
  // ontzorgen and who pays), sensitive like the permit itself.
  targetGroup: "residence",
  socialAssistance: "residence",
  healthNotes: "health",
} as const satisfies Record<Field | "assignedConsultantId", NewcomerDataClass>;

/**
 * Turns a row into what this actor may see, deciding per data class with the newcomer policy.
 * `only` narrows further (lists show basic data only, whatever else the actor may see).
 */
export function presentNewcomer(
  actor: Actor,
  row: NewcomerRecord,
  only?: readonly NewcomerDataClass[],
): PresentedNewcomer {
  const classes = disclosedDataClasses(actor, row).filter((dc) => !only || only.includes(dc));
  const shown: PresentedNewcomer = {
    id: row.id,
    organisationId: row.organisationId,
    version: row.version,
    dataClasses: classes,
  };
  for (const [field, dataClass] of Object.entries(newcomerFieldClasses)) {
    if (!classes.includes(dataClass) || field === "assignedConsultantId") continue;
    Object.assign(shown, { [field]: row[field as Field] });
  }
  if (classes.includes("basic"))
    shown.assignedConsultant = row.assignedConsultantId
      ? { id: row.assignedConsultantId, name: row.assignedConsultantName ?? "" }
      : null;
  return shown;
}

/** The name as the BRP writes it: given names, voorvoegsel, family name. */
export function displayName(n: {
  givenNames?: string | undefined;
  familyNamePrefix?: string | null | undefined;
  familyName?: string | undefined;
}): string {
  return [n.givenNames, n.familyNamePrefix, n.familyName].filter(Boolean).join(" ");
}

/**
 * Which data class each kind of key date belongs to. Koppeling and housing are asylum-reception
 * facts: they reveal the residence permit, so they are disclosed like it.
 */
export const keyDateClasses = {
  start_plicht: "basic",
  kennisgeving_duo: "basic",
  inschrijving_brp: "basic",
  koppeling: "residence",
  huisvesting: "residence",
  eerste_pip: "basic",
} as const satisfies Record<KeyDateKind, NewcomerDataClass>;
