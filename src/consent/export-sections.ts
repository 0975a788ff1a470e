import { asc, eq, getTableName } from "drizzle-orm";
import type { PgColumn, PgTable } from "drizzle-orm/pg-core";
// Tables from their schema files, as in queries.ts (the index files would import routes in a cycle).
import { accounts } from "../accounts/schema.ts";
import {
  attachments,
  conversations,
  domainScores,
  educationEntries,
  enforcementSteps,
  intakes,
  learnabilityTests,
  personalCircumstances,
  workEntries,
} from "../intake/schema.ts";
import { consultantAssignments, involvements, termExtensions } from "../newcomers/schema.ts";
import { plans } from "../plans/schema.ts";
import type { DbOrTx } from "../platform/db/client.ts";
import {
  newcomerInvitations,
  passkeys,
  planReactions,
  planViews,
  textTranslations,
} from "../portal/schema.ts";
import { reviews } from "../reviews/schema.ts";

/**
 * The parts of a newcomer's data export (AVG art. 15 and 20) that are rows of one table about the
 * newcomer, shown as they are stored. Columns that only tie a row to Koers's bookkeeping (which
 * organisation, which newcomer, which staff account wrote it, a version counter) and secrets (a
 * code's hash, a passkey's public key) are left out; everything else goes in.
 */
const sections = {
  conversations: { table: conversations, order: conversations.heldOn, omit: [] },
  attachments: { table: attachments, order: attachments.createdAt, omit: [] },
  intake: { table: intakes, order: intakes.createdAt, omit: [] },
  learnabilityTests: { table: learnabilityTests, order: learnabilityTests.createdAt, omit: [] },
  education: { table: educationEntries, order: educationEntries.createdAt, omit: [] },
  work: { table: workEntries, order: workEntries.createdAt, omit: [] },
  circumstances: { table: personalCircumstances, order: personalCircumstances.createdAt, omit: [] },
  domainScores: { table: domainScores, order: domainScores.scoredOn, omit: [] },
  enforcementSteps: { table: enforcementSteps, order: enforcementSteps.takenOn, omit: [] },
  planStatus: { table: plans, order: plans.id, omit: [] },
  reviews: { table: reviews, order: reviews.createdAt, omit: ["remindedAt"] },
  termExtensions: { table: termExtensions, order: termExtensions.decidedOn, omit: [] },
  involvements: { table: involvements, order: involvements.since, omit: ["partnerOrganisationId"] },
  planReactions: { table: planReactions, order: planReactions.createdAt, omit: [] },
  translations: { table: textTranslations, order: textTranslations.createdAt, omit: [] },
  planViews: { table: planViews, order: planViews.lastSeenAt, omit: [] },
  invitations: {
    table: newcomerInvitations,
    order: newcomerInvitations.createdAt,
    omit: ["codeHash"],
  },
} satisfies Record<
  string,
  { table: PgTable & { newcomerId: PgColumn }; order: PgColumn; omit: string[] }
>;

export type SectionName = keyof typeof sections | "consultants" | "passkeys";
export const sectionNames = [...Object.keys(sections), "consultants", "passkeys"] as SectionName[];
export type ExportRow = Record<string, unknown>;

/** Bookkeeping columns no section shows (ids of the row's organisation, newcomer and writers). */
const bookkeeping = new Set([
  "organisationId",
  "newcomerId",
  "accountId",
  "createdBy",
  "assignedBy",
  "authorAccountId",
  "version",
]);

const shown = (row: Record<string, unknown>, omit: readonly string[]): ExportRow =>
  Object.fromEntries(
    Object.entries(row).filter(([key]) => !bookkeeping.has(key) && !omit.includes(key)),
  );

/** Loads every section for one newcomer (and the passkeys of their account). */
export async function loadSections(
  tx: DbOrTx,
  newcomerId: string,
  accountId: string | null,
): Promise<Record<SectionName, ExportRow[]>> {
  // One query after another: a transaction is one connection (pg deprecates overlapping queries on it).
  const loaded: [string, ExportRow[]][] = [];
  for (const [name, { table, order, omit }] of Object.entries(sections)) {
    const rows = await tx
      .select()
      .from(table as PgTable & { newcomerId: PgColumn })
      .where(eq((table as { newcomerId: PgColumn }).newcomerId, newcomerId))
      .orderBy(asc(order));
    loaded.push([name, rows.map((row) => shown(row as Record<string, unknown>, omit))]);
  }
  const consultants = await tx
    .select({
      consultant: accounts.name,
      note: consultantAssignments.note,
      assignedAt: consultantAssignments.assignedAt,
    })
    .from(consultantAssignments)
    .innerJoin(accounts, eq(accounts.id, consultantAssignments.consultantId))
    .where(eq(consultantAssignments.newcomerId, newcomerId))
    .orderBy(asc(consultantAssignments.assignedAt));
  const keys = accountId
    ? await tx
        .select({
          name: passkeys.name,
          createdAt: passkeys.createdAt,
          lastUsedAt: passkeys.lastUsedAt,
        })
        .from(passkeys)
        .where(eq(passkeys.accountId, accountId))
    : [];
  return {
    ...(Object.fromEntries(loaded) as Record<keyof typeof sections, ExportRow[]>),
    consultants,
    passkeys: keys,
  };
}

/** The tables the sections above read, by their SQL names (for the completeness test). */
export const sectionTables: string[] = [
  ...Object.values(sections).map((s) => getTableName(s.table)),
  getTableName(consultantAssignments),
];
