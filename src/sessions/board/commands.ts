import { randomBytes } from "node:crypto";
import { and, count, eq, inArray, isNull, sql } from "drizzle-orm";
import { type AuditContext, recordAudit } from "../../audit/record.ts";
import type { Db } from "../../platform/db/client.ts";
import {
  boardParticipants,
  maaksessies,
  type NoteCategory,
  noteGroups,
  notes,
  type ParticipantRole,
  sessionActions,
  stories,
  votes,
} from "../schema.ts";
import { notifyBoard } from "./live.ts";
import type { BoardParticipant, BoardSession } from "./queries.ts";
import { hashSecret, presentAction, presentNote } from "./queries.ts";
import {
  type BoardPhase,
  checkVote,
  type DutchAuthor,
  tallyVotes,
  type VoteRefusal,
} from "./rules.ts";

// The board's notes carry no special categories of data; a name is given only by choice. The
// audit trail records the changes a person may want explained: a join with a name, a story's
// teller, moderation, and actions with an owner's name.
const AUDIT = {
  dataClasses: ["basic"] as const,
  purpose: "organisatie_maaksessie" as const,
  legalBasis: "toestemming" as const,
};

/** Joins the board without an account; returns the secret for the participant's cookie. */
export async function joinBoard(
  db: Db,
  ctx: AuditContext,
  session: BoardSession,
  input: { role: ParticipantRole; displayName?: string | undefined; locale: string },
): Promise<{ participantId: string; secret: string }> {
  const secret = randomBytes(32).toString("base64url");
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(boardParticipants)
      .values({
        organisationId: session.organisationId,
        sessionId: session.id,
        role: input.role,
        displayName: input.displayName ?? null,
        locale: input.locale,
        secretHash: hashSecret(secret),
      })
      .returning({ id: boardParticipants.id });
    if (!row) throw new Error("insert failed");
    if (input.displayName)
      await recordAudit(tx, ctx, {
        ...AUDIT,
        action: "create",
        resourceType: "board_participant",
        resourceId: row.id,
        organisationId: session.organisationId,
      });
    return { participantId: row.id, secret };
  });
}

export interface NoteInput {
  clientId: string;
  category: NoteCategory;
  storyId?: string | undefined;
  text: string;
  /** Give the name with this note (the participant's display name). */
  withName: boolean;
  reveal: boolean;
}

/**
 * Saves a note. The client's id makes a resend (a phone that lost its connection) return the
 * note saved the first time instead of a second one. A revealed note is announced in the same
 * transaction, so no screen shows a note that was not saved.
 */
export async function postNote(
  db: Db,
  session: BoardSession,
  participant: BoardParticipant,
  input: NoteInput,
): Promise<{ id: string; created: boolean }> {
  return db.transaction(async (tx) => {
    const storyId = input.storyId
      ? (
          await tx
            .select({ id: stories.id })
            .from(stories)
            .where(and(eq(stories.sessionId, session.id), eq(stories.id, input.storyId)))
        )[0]?.id
      : undefined;
    const [row] = await tx
      .insert(notes)
      .values({
        organisationId: session.organisationId,
        sessionId: session.id,
        participantId: participant.id,
        clientId: input.clientId,
        category: input.category,
        storyId: storyId ?? null,
        text: input.text,
        locale: participant.locale,
        role: participant.role,
        authorName: input.withName ? participant.displayName : null,
        revealed: input.reveal,
      })
      .onConflictDoNothing({ target: [notes.sessionId, notes.clientId] })
      .returning();
    if (!row) {
      const [existing] = await tx
        .select({ id: notes.id, participantId: notes.participantId })
        .from(notes)
        .where(and(eq(notes.sessionId, session.id), eq(notes.clientId, input.clientId)));
      // Another participant's client id is not theirs to resend: treat it as a conflict.
      if (!existing || existing.participantId !== participant.id)
        throw new Error("client id in use");
      return { id: existing.id, created: false };
    }
    if (row.revealed)
      await notifyBoard(tx, session.id, {
        type: "note",
        data: { ...presentNote(row, null), mine: false },
      });
    return { id: row.id, created: true };
  });
}

/** Reveals notes (one, or every private note of the session) and shows them on every screen. */
export async function revealNotes(
  db: Db,
  session: BoardSession,
  noteId: string | "all",
): Promise<number> {
  return db.transaction(async (tx) => {
    const rows = await tx
      .update(notes)
      .set({ revealed: true })
      .where(
        and(
          eq(notes.sessionId, session.id),
          eq(notes.revealed, false),
          isNull(notes.hiddenAt),
          noteId === "all" ? undefined : eq(notes.id, noteId),
        ),
      )
      .returning();
    for (const row of rows)
      await notifyBoard(tx, session.id, { type: "note", data: presentNote(row, null) });
    return rows.length;
  });
}

/** Adds (or replaces) the Dutch version of a note, marked with who wrote it. */
export async function addDutchVersion(
  db: Db,
  session: BoardSession,
  noteId: string,
  input: { dutchText: string; by: DutchAuthor },
): Promise<void> {
  await db.transaction(async (tx) => {
    const [row] = await tx
      .update(notes)
      .set({ dutchText: input.dutchText, dutchBy: input.by })
      .where(and(eq(notes.sessionId, session.id), eq(notes.id, noteId)))
      .returning();
    if (row?.revealed && !row.hiddenAt)
      await notifyBoard(tx, session.id, { type: "note", data: presentNote(row, null) });
  });
}

/** Moderation: hides a note from every screen. Audited: who hid which note, when. */
export async function hideNote(
  db: Db,
  ctx: AuditContext,
  session: BoardSession,
  noteId: string,
): Promise<void> {
  await db.transaction(async (tx) => {
    const [row] = await tx
      .update(notes)
      .set({ hiddenAt: new Date(), hiddenBy: ctx.actor.accountId ?? null })
      .where(and(eq(notes.sessionId, session.id), eq(notes.id, noteId), isNull(notes.hiddenAt)))
      .returning({ id: notes.id });
    if (!row) return;
    await recordAudit(tx, ctx, {
      ...AUDIT,
      action: "update",
      resourceType: "note",
      resourceId: row.id,
      organisationId: session.organisationId,
      details: { change: "hidden", sessionId: session.id },
    });
    await notifyBoard(tx, session.id, { type: "hidden", data: { id: row.id } });
  });
}

/** Moves the board to a phase, with a timer of `minutes` from now (or none). */
export async function setPhase(
  db: Db,
  session: BoardSession,
  input: { phase: BoardPhase; minutes?: number | undefined },
  now = new Date(),
): Promise<void> {
  const timerEndsAt = input.minutes ? new Date(now.getTime() + input.minutes * 60_000) : null;
  await db.transaction(async (tx) => {
    await tx.execute(
      sql`update maaksessies set phase = ${input.phase}, timer_ends_at = ${timerEndsAt?.toISOString() ?? null},
          updated_at = now(), version = version + 1 where id = ${session.id}`,
    );
    await notifyBoard(tx, session.id, {
      type: "phase",
      data: { phase: input.phase, timerEndsAt: timerEndsAt?.toISOString() ?? null },
    });
  });
}

/** Adds an interviewed experience expert or professional, with consent as given. */
export async function addStory(
  db: Db,
  ctx: AuditContext,
  session: BoardSession,
  input: { teller: string; tellerRole: ParticipantRole; mayQuote: boolean; mayName: boolean },
): Promise<string> {
  return db.transaction(async (tx) => {
    const [{ n } = { n: 0 }] = await tx
      .select({ n: count() })
      .from(stories)
      .where(eq(stories.sessionId, session.id));
    const [row] = await tx
      .insert(stories)
      .values({
        organisationId: session.organisationId,
        sessionId: session.id,
        ...input,
        position: n,
      })
      .returning({ id: stories.id });
    if (!row) throw new Error("insert failed");
    await recordAudit(tx, ctx, {
      ...AUDIT,
      action: "create",
      resourceType: "story",
      resourceId: row.id,
      organisationId: session.organisationId,
    });
    return row.id;
  });
}

/** Makes a group, optionally with notes in it (accepting a suggestion). */
export async function createGroup(
  db: Db,
  session: BoardSession,
  input: { title: string; kind: "groep" | "sleutelinzicht" | "vraagstuk"; noteIds?: string[] },
): Promise<string> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(noteGroups)
      .values({ organisationId: session.organisationId, sessionId: session.id, ...input })
      .returning({ id: noteGroups.id, kind: noteGroups.kind, title: noteGroups.title });
    if (!row) throw new Error("insert failed");
    await notifyBoard(tx, session.id, { type: "group", data: row });
    const moved = input.noteIds?.length
      ? await tx
          .update(notes)
          .set({ groupId: row.id })
          .where(and(eq(notes.sessionId, session.id), inArray(notes.id, input.noteIds)))
          .returning({ id: notes.id, revealed: notes.revealed, hiddenAt: notes.hiddenAt })
      : [];
    // Only notes on the board are announced (a private or hidden one is not there to move).
    for (const note of moved.filter((n) => n.revealed && !n.hiddenAt))
      await notifyBoard(tx, session.id, { type: "moved", data: { id: note.id, groupId: row.id } });
    return row.id;
  });
}

/** Renames a group or makes it a sleutelinzicht or vraagstuk. */
export async function updateGroup(
  db: Db,
  session: BoardSession,
  groupId: string,
  input: {
    title: string;
    kind: "groep" | "sleutelinzicht" | "vraagstuk";
    breakoutId?: string | null | undefined;
  },
): Promise<void> {
  await db.transaction(async (tx) => {
    const [row] = await tx
      .update(noteGroups)
      .set({ ...input, version: sql`${noteGroups.version} + 1` })
      .where(and(eq(noteGroups.sessionId, session.id), eq(noteGroups.id, groupId)))
      .returning({ id: noteGroups.id, kind: noteGroups.kind, title: noteGroups.title });
    if (row) await notifyBoard(tx, session.id, { type: "group", data: row });
  });
}

/** Puts a note in a group of the same session, or takes it out (groupId null). */
export async function moveNote(
  db: Db,
  session: BoardSession,
  noteId: string,
  groupId: string | null,
): Promise<void> {
  await db.transaction(async (tx) => {
    const [row] = await tx
      .update(notes)
      .set({ groupId })
      .where(and(eq(notes.sessionId, session.id), eq(notes.id, noteId)))
      .returning({ id: notes.id, revealed: notes.revealed, hiddenAt: notes.hiddenAt });
    // Only a note that is on the board: a private or hidden one must not be announced.
    if (row?.revealed && !row.hiddenAt)
      await notifyBoard(tx, session.id, { type: "moved", data: { id: row.id, groupId } });
  });
}

/**
 * Places one dot. The participant's row is locked first, so two dots sent at once cannot both
 * pass the budget check.
 */
export async function castVote(
  db: Db,
  session: BoardSession,
  participant: BoardParticipant,
  group: { id: string; kind: "groep" | "sleutelinzicht" | "vraagstuk" },
): Promise<VoteRefusal | null> {
  return db.transaction(async (tx) => {
    await tx.execute(
      sql`select id from board_participants where id = ${participant.id} for update`,
    );
    const [{ used } = { used: 0 }] = await tx
      .select({ used: count() })
      .from(votes)
      .where(and(eq(votes.sessionId, session.id), eq(votes.participantId, participant.id)));
    const refusal = checkVote({
      phase: session.phase,
      groupKind: group.kind,
      budget: session.voteBudget,
      used,
    });
    if (refusal) return refusal;
    await tx.insert(votes).values({
      organisationId: session.organisationId,
      sessionId: session.id,
      groupId: group.id,
      participantId: participant.id,
      role: participant.role,
    });
    // Counts only, never who voted; per role only for the facilitator's screens.
    const cast = await tx
      .select({ groupId: votes.groupId, role: votes.role })
      .from(votes)
      .where(and(eq(votes.sessionId, session.id), eq(votes.groupId, group.id)));
    const [tally = { groupId: group.id, total: 0, byRole: {} }] = tallyVotes([group.id], cast);
    await notifyBoard(tx, session.id, {
      type: "votes",
      data: { groupId: tally.groupId, total: tally.total },
      facilitatorData: tally,
    });
    return null;
  });
}

export interface ActionInput {
  groupId: string;
  what: string;
  ownerName: string;
  ownerOrganisationName: string;
  coOwnerOrganisations: string[];
  stakeholders?: string | undefined;
  firstStep?: string | undefined;
  dueOn?: string | undefined;
}

/** Writes an action for a vraagstuk: the trace note → group → vraagstuk → action is kept. */
export async function createAction(
  db: Db,
  ctx: AuditContext,
  session: BoardSession,
  input: ActionInput,
): Promise<string> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(sessionActions)
      .values({
        organisationId: session.organisationId,
        sessionId: session.id,
        groupId: input.groupId,
        what: input.what,
        ownerName: input.ownerName,
        ownerOrganisationName: input.ownerOrganisationName,
        coOwnerOrganisations: input.coOwnerOrganisations,
        stakeholders: input.stakeholders ?? null,
        firstStep: input.firstStep ?? null,
        dueOn: input.dueOn ?? null,
        createdBy: ctx.actor.accountId ?? null,
      })
      .returning();
    if (!row) throw new Error("insert failed");
    await recordAudit(tx, ctx, {
      ...AUDIT,
      action: "create",
      resourceType: "session_action",
      resourceId: row.id,
      organisationId: session.organisationId,
    });
    await notifyBoard(tx, session.id, { type: "action", data: presentAction(row) });
    return row.id;
  });
}

/**
 * The facilitator's settings: the dots per participant and whether participants may group.
 * Saved only when nobody changed the session since the form was shown (its version); returns
 * false otherwise. Audited.
 */
export async function saveBoardSettings(
  db: Db,
  ctx: AuditContext,
  session: BoardSession,
  input: { voteBudget: number; participantsMayGroup: boolean; version: number },
): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(maaksessies)
      .set({
        voteBudget: input.voteBudget,
        participantsMayGroup: input.participantsMayGroup,
        updatedAt: new Date(),
        version: sql`${maaksessies.version} + 1`,
      })
      .where(and(eq(maaksessies.id, session.id), eq(maaksessies.version, input.version)))
      .returning({ id: maaksessies.id });
    if (!row) return false;
    await recordAudit(tx, ctx, {
      ...AUDIT,
      action: "update",
      resourceType: "maaksessie",
      resourceId: row.id,
      organisationId: session.organisationId,
      details: {
        change: "board_settings",
        voteBudget: input.voteBudget,
        participantsMayGroup: input.participantsMayGroup,
      },
    });
    return true;
  });
}
