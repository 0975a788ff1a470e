import { createHash } from "node:crypto";
import { and, asc, eq, inArray, isNull, or, sql } from "drizzle-orm";
import type { DbOrTx } from "../../platform/db/client.ts";
import { inSequence } from "../../platform/db/sequence.ts";
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
import type { BoardSessionRef, ParticipantRef } from "./policy.ts";
import { type NoteLexemes, normaliseJoinCode, tallyVotes, type VoteTally } from "./rules.ts";

/** A session as the board shows it. */
export interface BoardSession extends BoardSessionRef {
  title: string;
  joinCode: string;
  timerEndsAt: Date | null;
  /** Optimistic concurrency for the facilitator's settings form. */
  version: number;
  languages: string[];
}

/** A participant found by the secret in their cookie. */
export interface BoardParticipant extends ParticipantRef {
  role: ParticipantRole;
  locale: string;
  displayName: string | null;
}

/** A note as anyone on the board may see it: the role always, the name only when given. */
export interface PresentedNote {
  id: string;
  category: NoteCategory;
  text: string;
  locale: string;
  role: ParticipantRole;
  authorName: string | null;
  dutchText: string | null;
  dutchBy: string | null;
  storyId: string | null;
  groupId: string | null;
  revealed: boolean;
  hidden: boolean;
  mine: boolean;
}

export interface PresentedStory {
  id: string;
  /** The name or pseudonym, only when the teller agreed to be named. */
  teller: string | null;
  tellerRole: ParticipantRole;
  mayQuote: boolean;
  mayName: boolean;
  number: number;
}

export interface PresentedGroup {
  id: string;
  kind: "groep" | "sleutelinzicht" | "vraagstuk";
  title: string;
  /** The deelsessie that works the vraagstuk out into actions. */
  breakoutId: string | null;
}

export interface PresentedAction {
  id: string;
  groupId: string | null;
  what: string;
  ownerName: string;
  ownerOrganisationName: string | null;
  coOwnerOrganisations: string[];
  stakeholders: string | null;
  firstStep: string | null;
  dueOn: string | null;
}

/** Everything one screen of the board shows. */
export interface BoardView {
  session: BoardSession;
  notes: PresentedNote[];
  stories: PresentedStory[];
  groups: PresentedGroup[];
  tallies: VoteTally[];
  actions: PresentedAction[];
  /** The session's deelsessies (breakouts), to send a vraagstuk to. */
  breakouts: { id: string; title: string }[];
  /** Dots the viewing participant has placed (0 for the facilitator). */
  dotsUsed: number;
  /** The viewing participant's own dots per vraagstuk (empty for the facilitator). */
  myDots: Record<string, number>;
}

/** An action as the board shows it (also in its live event). */
export const presentAction = (a: typeof sessionActions.$inferSelect): PresentedAction => ({
  id: a.id,
  groupId: a.groupId,
  what: a.what,
  ownerName: a.ownerName,
  ownerOrganisationName: a.ownerOrganisationName,
  coOwnerOrganisations: a.coOwnerOrganisations,
  stakeholders: a.stakeholders,
  firstStep: a.firstStep,
  dueOn: a.dueOn,
});

/** The hash kept for a participant's secret (the secret itself lives only in their cookie). */
export const hashSecret = (secret: string): string =>
  createHash("sha256").update(secret).digest("base64url");

const sessionColumns = {
  id: maaksessies.id,
  organisationId: maaksessies.organisationId,
  phase: maaksessies.phase,
  participantsMayGroup: maaksessies.participantsMayGroup,
  voteBudget: maaksessies.voteBudget,
  title: maaksessies.title,
  joinCode: maaksessies.joinCode,
  timerEndsAt: maaksessies.timerEndsAt,
  languages: maaksessies.languages,
  version: maaksessies.version,
};

export async function findSessionById(db: DbOrTx, id: string): Promise<BoardSession | undefined> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return undefined;
  const [row] = await db.select(sessionColumns).from(maaksessies).where(eq(maaksessies.id, id));
  return row;
}

export async function findSessionByCode(
  db: DbOrTx,
  code: string,
): Promise<BoardSession | undefined> {
  const [row] = await db
    .select(sessionColumns)
    .from(maaksessies)
    .where(eq(maaksessies.joinCode, normaliseJoinCode(code)));
  return row;
}

/** The participant whose secret this is, in this session only. */
export async function findParticipant(
  db: DbOrTx,
  sessionId: string,
  secret: string | undefined,
): Promise<BoardParticipant | null> {
  if (!secret) return null;
  const [row] = await db
    .select({
      id: boardParticipants.id,
      sessionId: boardParticipants.sessionId,
      role: boardParticipants.role,
      locale: boardParticipants.locale,
      displayName: boardParticipants.displayName,
    })
    .from(boardParticipants)
    .where(
      and(
        eq(boardParticipants.secretHash, hashSecret(secret)),
        eq(boardParticipants.sessionId, sessionId),
      ),
    );
  return row ?? null;
}

type NoteRow = typeof notes.$inferSelect;

/** Picks what the board may show of a note; `viewerId` marks the viewer's own notes. */
export function presentNote(row: NoteRow, viewerId: string | null): PresentedNote {
  return {
    id: row.id,
    category: row.category,
    text: row.text,
    locale: row.locale,
    role: row.role,
    authorName: row.authorName,
    dutchText: row.dutchText,
    dutchBy: row.dutchBy,
    storyId: row.storyId,
    groupId: row.groupId,
    revealed: row.revealed,
    hidden: row.hiddenAt !== null,
    mine: viewerId !== null && row.participantId === viewerId,
  };
}

/**
 * The board for one viewer. A participant sees revealed notes that are not hidden, and their own
 * private ones; never another participant's private notes. The facilitator sees every note
 * (hidden ones marked), to reveal and moderate.
 */
export async function loadBoard(
  db: DbOrTx,
  session: BoardSession,
  viewer: { facilitator: boolean; participantId: string | null },
): Promise<BoardView> {
  const visible = viewer.facilitator
    ? eq(notes.sessionId, session.id)
    : and(
        eq(notes.sessionId, session.id),
        or(
          and(eq(notes.revealed, true), isNull(notes.hiddenAt)),
          viewer.participantId
            ? and(eq(notes.participantId, viewer.participantId), isNull(notes.hiddenAt))
            : sql`false`,
        ),
      );
  const [noteRows, storyRows, groupRows, voteRows, actionRows, breakouts] = await inSequence(
    () => db.select().from(notes).where(visible).orderBy(asc(notes.createdAt), asc(notes.id)),
    () =>
      db
        .select()
        .from(stories)
        .where(eq(stories.sessionId, session.id))
        .orderBy(asc(stories.position)),
    () =>
      db
        .select({
          id: noteGroups.id,
          kind: noteGroups.kind,
          title: noteGroups.title,
          breakoutId: noteGroups.breakoutId,
        })
        .from(noteGroups)
        .where(eq(noteGroups.sessionId, session.id))
        .orderBy(asc(noteGroups.position), asc(noteGroups.createdAt)),
    () =>
      db
        .select({ groupId: votes.groupId, role: votes.role, participantId: votes.participantId })
        .from(votes)
        .where(eq(votes.sessionId, session.id)),
    () =>
      db
        .select()
        .from(sessionActions)
        .where(eq(sessionActions.sessionId, session.id))
        .orderBy(asc(sessionActions.createdAt)),
    () =>
      db
        .select({ id: maaksessies.id, title: maaksessies.title })
        .from(maaksessies)
        .where(eq(maaksessies.parentId, session.id))
        .orderBy(asc(maaksessies.startsAt), asc(maaksessies.title)),
  );
  const vraagstukken = groupRows.filter((g) => g.kind === "vraagstuk").map((g) => g.id);
  const mine = viewer.participantId
    ? voteRows.filter((v) => v.participantId === viewer.participantId)
    : [];
  const myDots: Record<string, number> = {};
  for (const v of mine) myDots[v.groupId] = (myDots[v.groupId] ?? 0) + 1;
  return {
    session,
    notes: noteRows.map((n) => presentNote(n, viewer.participantId)),
    stories: storyRows.map((s, i) => ({
      id: s.id,
      teller: s.mayName ? s.teller : null,
      tellerRole: s.tellerRole,
      mayQuote: s.mayQuote,
      mayName: s.mayName,
      number: i + 1,
    })),
    groups: groupRows,
    tallies: tallyVotes(vraagstukken, voteRows),
    actions: actionRows.map(presentAction),
    breakouts,
    dotsUsed: mine.length,
    myDots,
  };
}

/** One note of a session (for rules about it), or undefined. */
export async function findNote(db: DbOrTx, sessionId: string, noteId: string) {
  if (!/^[0-9a-f-]{36}$/i.test(noteId)) return undefined;
  const [row] = await db
    .select()
    .from(notes)
    .where(and(eq(notes.sessionId, sessionId), eq(notes.id, noteId)));
  return row;
}

/** One group of a session, or undefined. */
export async function findGroup(db: DbOrTx, sessionId: string, groupId: string) {
  if (!/^[0-9a-f-]{36}$/i.test(groupId)) return undefined;
  const [row] = await db
    .select()
    .from(noteGroups)
    .where(and(eq(noteGroups.sessionId, sessionId), eq(noteGroups.id, groupId)));
  return row;
}

/**
 * The Dutch lexemes of every visible, ungrouped note: PostgreSQL's `dutch` text search
 * configuration stems and drops stop words. A note in another language counts by its Dutch
 * version; without one it is left out of the suggestion.
 */
export async function noteLexemes(db: DbOrTx, sessionId: string): Promise<NoteLexemes[]> {
  const rows = await db
    .select({
      id: notes.id,
      lexemes: sql<
        string[]
      >`tsvector_to_array(to_tsvector('dutch', coalesce(${notes.dutchText}, ${notes.text})))`,
    })
    .from(notes)
    .where(
      and(
        eq(notes.sessionId, sessionId),
        eq(notes.revealed, true),
        isNull(notes.hiddenAt),
        isNull(notes.groupId),
        or(eq(notes.locale, "nl"), sql`${notes.dutchText} is not null`),
      ),
    )
    .orderBy(asc(notes.createdAt), asc(notes.id));
  return rows.map((r) => ({ id: r.id, lexemes: r.lexemes ?? [] }));
}

/** Notes by id (only those of the session), for accepting a suggested group. */
export async function noteIdsIn(db: DbOrTx, sessionId: string, ids: readonly string[]) {
  const valid = ids.filter((id) => /^[0-9a-f-]{36}$/i.test(id));
  if (valid.length === 0) return [];
  const rows = await db
    .select({ id: notes.id })
    .from(notes)
    .where(and(eq(notes.sessionId, sessionId), inArray(notes.id, valid)));
  return rows.map((r) => r.id);
}

/** Dots a participant has placed in a session. */
export async function dotsUsed(db: DbOrTx, sessionId: string, participantId: string) {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(votes)
    .where(and(eq(votes.sessionId, sessionId), eq(votes.participantId, participantId)));
  return row?.n ?? 0;
}
