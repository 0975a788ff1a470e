import { and, eq, inArray, ne, sql } from "drizzle-orm";
import { type AuditContext, recordAudit } from "../audit/index.ts";
import type { DbOrTx, Tx } from "../platform/db/client.ts";
import type { FieldErrors } from "../platform/http/forms.ts";
import { findOrganisation, type OrganisationRow } from "./queries.ts";
import { cbsAreaOf, cbsCodeProblem, nameFromCbs } from "./rules.ts";
import {
  type OrganisationKind,
  organisations,
  refMunicipalities,
  refProvinces,
  regionMunicipalities,
  regions,
} from "./schema.ts";

// Organisation data is not personal data; the audit entries below are there so that
// administrators can see who changed which organisation, and when.
const organisationAudit = {
  purpose: "beheer_organisaties",
  legalBasis: "gerechtvaardigd_belang",
  dataClasses: [],
} as const;

/** A command's refusal: field name → i18n key of the message. */
export type Problems = FieldErrors;

export interface CreateOrganisationInput {
  kind: OrganisationKind;
  /** May be left out for a gemeente or provincie: the CBS name is used ("Gemeente Ede"). */
  name?: string | undefined;
  /** GM… for a gemeente, PV… for a provincie, nothing for the other kinds. */
  cbsCode?: string | undefined;
  parentId?: string | undefined;
  regionId?: string | undefined;
  contactEmail?: string | undefined;
}

export type CreateOrganisationResult =
  | { outcome: "created"; organisation: OrganisationRow }
  | { outcome: "invalid"; problems: Problems };

/**
 * Creates an organisation. For a gemeente or provincie the CBS code must name an existing area of
 * that kind, and gives the name when none is given. Names (any case) and CBS codes are unique.
 * Used by the admin pages, the demo seed and the CLI (with the system actor).
 */
export async function createOrganisation(
  db: DbOrTx,
  ctx: AuditContext,
  input: CreateOrganisationInput,
): Promise<CreateOrganisationResult> {
  return db.transaction(async (tx) => {
    const problems: Problems = {};
    const cbsProblem = cbsCodeProblem(input.kind, input.cbsCode);
    let name = input.name?.trim() || undefined;
    if (cbsProblem) problems.cbsCode = cbsProblem;
    else if (input.cbsCode) {
      const areaName = await cbsAreaName(tx, input.kind, input.cbsCode);
      if (!areaName) problems.cbsCode = "organisations:errors.cbsUnknown";
      else {
        name ??= nameFromCbs(input.kind, areaName);
        if (await cbsCodeTaken(tx, input.cbsCode))
          problems.cbsCode = "organisations:errors.cbsTaken";
      }
    }
    if (!name) problems.name ??= "validation:required";
    else if (await nameTaken(tx, name)) problems.name = "organisations:errors.nameTaken";
    if (input.parentId && !(await findOrganisation(tx, input.parentId)))
      problems.parentId = "organisations:errors.parentUnknown";
    if (input.regionId && !(await regionExists(tx, input.regionId)))
      problems.regionId = "organisations:errors.regionUnknown";
    if (Object.keys(problems).length > 0 || !name) return { outcome: "invalid", problems };

    const written = await uniquely(tx, (sp) =>
      sp
        .insert(organisations)
        .values({
          kind: input.kind,
          name,
          cbsCode: input.cbsCode ?? null,
          parentId: input.parentId ?? null,
          regionId: input.regionId ?? null,
          contactEmail: input.contactEmail ?? null,
        })
        .returning(),
    );
    if ("taken" in written) return { outcome: "invalid", problems: takenProblem(written.taken) };
    const [organisation] = written.rows;
    if (!organisation) throw new Error("insert failed");
    await recordAudit(tx, ctx, {
      ...organisationAudit,
      action: "create",
      resourceType: "organisation",
      resourceId: organisation.id,
      organisationId: organisation.id,
      details: { after: auditedFields(organisation) },
    });
    return { outcome: "created", organisation };
  });
}

/** What an administrator may change. Fields left out stay as they are; null clears. */
export interface OrganisationChanges {
  name?: string;
  parentId?: string | null;
  regionId?: string | null;
  contactEmail?: string | null;
}

export type UpdateOrganisationResult =
  | { outcome: "updated"; organisation: OrganisationRow }
  | { outcome: "invalid"; problems: Problems }
  /** Someone saved in between: nothing was written; `current` is what is stored now. */
  | { outcome: "conflict"; current: OrganisationRow }
  | { outcome: "not_found" };

/**
 * Changes an organisation, if it is still at the version the user read (optimistic concurrency):
 * a save based on an older version is refused and changes nothing, so no one overwrites a change
 * they never saw. A parent must exist and must not be the organisation or one below it.
 */
export async function updateOrganisation(
  db: DbOrTx,
  ctx: AuditContext,
  input: { id: string; version: number; changes: OrganisationChanges },
): Promise<UpdateOrganisationResult> {
  return db.transaction(async (tx) => {
    const before = await findOrganisation(tx, input.id);
    if (!before) return { outcome: "not_found" };
    if (before.version !== input.version) return { outcome: "conflict", current: before };
    const { changes } = input;
    const problems: Problems = {};
    if (changes.name !== undefined && (await nameTaken(tx, changes.name, input.id)))
      problems.name = "organisations:errors.nameTaken";
    if (changes.parentId) {
      if (!(await findOrganisation(tx, changes.parentId)))
        problems.parentId = "organisations:errors.parentUnknown";
      else if (await isSelfOrBelow(tx, input.id, changes.parentId))
        problems.parentId = "organisations:errors.parentCycle";
    }
    if (changes.regionId && !(await regionExists(tx, changes.regionId)))
      problems.regionId = "organisations:errors.regionUnknown";
    if (Object.keys(problems).length > 0) return { outcome: "invalid", problems };

    const written = await uniquely(tx, (sp) =>
      sp
        .update(organisations)
        .set({
          ...changes,
          version: sql`${organisations.version} + 1`,
          updatedAt: new Date(),
        })
        // The version check is repeated in the write: two saves that both passed the check above
        // cannot both succeed, whichever commits first.
        .where(and(eq(organisations.id, input.id), eq(organisations.version, input.version)))
        .returning(),
    );
    if ("taken" in written) return { outcome: "invalid", problems: takenProblem(written.taken) };
    const [organisation] = written.rows;
    if (!organisation) {
      const current = await findOrganisation(tx, input.id);
      return current ? { outcome: "conflict", current } : { outcome: "not_found" };
    }
    const changed = changedFields(before, organisation);
    if (changed.length > 0)
      await recordAudit(tx, ctx, {
        ...organisationAudit,
        action: "update",
        resourceType: "organisation",
        resourceId: organisation.id,
        organisationId: organisation.id,
        details: {
          changed,
          before: pick(auditedFields(before), changed),
          after: pick(auditedFields(organisation), changed),
        },
      });
    return { outcome: "updated", organisation };
  });
}

export interface CreateRegionInput {
  name: string;
  provinceCode?: string | undefined;
  municipalityCodes?: readonly string[];
}

export type CreateRegionResult =
  | { outcome: "created"; regionId: string }
  | { outcome: "invalid"; problems: Problems };

/** Creates a region, e.g. "Regio Food Valley", with the municipalities (CBS codes) it covers. */
export async function createRegion(
  db: DbOrTx,
  ctx: AuditContext,
  input: CreateRegionInput,
): Promise<CreateRegionResult> {
  return db.transaction(async (tx) => {
    const problems: Problems = {};
    const name = input.name.trim();
    const [sameName] = await tx
      .select({ id: regions.id })
      .from(regions)
      .where(sql`lower(${regions.name}) = ${name.toLowerCase()}`);
    if (sameName) problems.name = "organisations:errors.regionNameTaken";
    if (input.provinceCode && !(await cbsAreaName(tx, "provincie", input.provinceCode)))
      problems.provinceCode = "organisations:errors.cbsUnknown";
    const codes = [...new Set(input.municipalityCodes ?? [])];
    if (codes.length > 0) {
      const known = await tx
        .select({ code: refMunicipalities.code })
        .from(refMunicipalities)
        .where(inArray(refMunicipalities.code, codes));
      if (known.length !== codes.length)
        problems.municipalityCodes = "organisations:errors.cbsUnknown";
    }
    if (Object.keys(problems).length > 0) return { outcome: "invalid", problems };

    const [region] = await tx
      .insert(regions)
      .values({ name, provinceCode: input.provinceCode ?? null })
      .returning({ id: regions.id });
    if (!region) throw new Error("insert failed");
    if (codes.length > 0)
      await tx
        .insert(regionMunicipalities)
        .values(codes.map((municipalityCode) => ({ regionId: region.id, municipalityCode })));
    await recordAudit(tx, ctx, {
      ...organisationAudit,
      action: "create",
      resourceType: "region",
      resourceId: region.id,
      details: { name, provinceCode: input.provinceCode ?? null, municipalityCodes: codes },
    });
    return { outcome: "created", regionId: region.id };
  });
}

/**
 * Runs a write in a savepoint and turns a unique violation into a value: the checks before a write
 * can pass for two saves at once, and the second must get a field message, not a server error.
 */
async function uniquely<T>(
  tx: Tx,
  write: (sp: Tx) => Promise<T>,
): Promise<{ rows: T } | { taken: string }> {
  try {
    return { rows: await tx.transaction((sp) => write(sp)) };
  } catch (error) {
    for (let e: unknown = error; e && typeof e === "object"; e = (e as { cause?: unknown }).cause) {
      const { code, constraint } = e as { code?: unknown; constraint?: unknown };
      if (code === "23505") return { taken: typeof constraint === "string" ? constraint : "" };
    }
    throw error;
  }
}

function takenProblem(constraint: string): Problems {
  return constraint.includes("cbs")
    ? { cbsCode: "organisations:errors.cbsTaken" }
    : { name: "organisations:errors.nameTaken" };
}

/** The name of the CBS area for a gemeente (GM…) or provincie (PV…) code, if it exists. */
async function cbsAreaName(
  tx: Tx,
  kind: OrganisationKind,
  code: string,
): Promise<string | undefined> {
  const area = cbsAreaOf(kind);
  if (area === "municipality") {
    const [m] = await tx
      .select({ name: refMunicipalities.name })
      .from(refMunicipalities)
      .where(eq(refMunicipalities.code, code));
    return m?.name;
  }
  if (area === "province") {
    const [p] = await tx
      .select({ name: refProvinces.name })
      .from(refProvinces)
      .where(eq(refProvinces.code, code));
    return p?.name;
  }
  return undefined;
}

async function cbsCodeTaken(tx: Tx, code: string): Promise<boolean> {
  const [row] = await tx
    .select({ id: organisations.id })
    .from(organisations)
    .where(eq(organisations.cbsCode, code));
  return !!row;
}

async function nameTaken(tx: Tx, name: string, exceptId?: string): Promise<boolean> {
  const [row] = await tx
    .select({ id: organisations.id })
    .from(organisations)
    .where(
      and(
        sql`lower(${organisations.name}) = ${name.toLowerCase()}`,
        exceptId ? ne(organisations.id, exceptId) : undefined,
      ),
    );
  return !!row;
}

async function regionExists(tx: Tx, id: string): Promise<boolean> {
  const [row] = await tx.select({ id: regions.id }).from(regions).where(eq(regions.id, id));
  return !!row;
}

/**
 * Whether `candidateParentId` is the organisation itself or somewhere below it: walks up from the
 * candidate. Hierarchies are shallow (provincie → gemeente → team), so a few lookups at most.
 */
async function isSelfOrBelow(tx: Tx, id: string, candidateParentId: string): Promise<boolean> {
  const seen = new Set<string>();
  for (let at: string | null = candidateParentId; at && !seen.has(at); ) {
    if (at === id) return true;
    seen.add(at);
    const [row]: { parentId: string | null }[] = await tx
      .select({ parentId: organisations.parentId })
      .from(organisations)
      .where(eq(organisations.id, at));
    at = row?.parentId ?? null;
  }
  return false;
}

const auditedKeys = ["kind", "name", "cbsCode", "parentId", "regionId", "contactEmail"] as const;
type AuditedKey = (typeof auditedKeys)[number];

function auditedFields(o: OrganisationRow): Record<AuditedKey, unknown> {
  return {
    kind: o.kind,
    name: o.name,
    cbsCode: o.cbsCode,
    parentId: o.parentId,
    regionId: o.regionId,
    contactEmail: o.contactEmail,
  };
}

function changedFields(before: OrganisationRow, after: OrganisationRow): AuditedKey[] {
  return auditedKeys.filter((k) => before[k] !== after[k]);
}

function pick(values: Record<AuditedKey, unknown>, keys: AuditedKey[]) {
  return Object.fromEntries(keys.map((k) => [k, values[k]]));
}
