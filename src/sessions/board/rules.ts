// Pure rules of the live board (issue 5): phases, the timer, join codes, dot votes and suggested
// groups. No I/O: the database work is in commands.ts and queries.ts.

import type { NoteCategory, ParticipantRole } from "../schema.ts";

/** The phases a facilitator moves the board through, in order. */
export const boardPhases = [
  "voorbereiding",
  "welkom",
  "luisteren",
  "groeperen",
  "stemmen",
  "actie",
  "afgerond",
] as const;
export type BoardPhase = (typeof boardPhases)[number];

/** Notes can be written from the welcome question until the actions are written. */
export const acceptsNotes = (phase: BoardPhase): boolean =>
  phase === "welkom" || phase === "luisteren" || phase === "groeperen";

/** The join code as typed on a phone: case, spaces and dashes do not matter. */
export const normaliseJoinCode = (input: string): string =>
  input.toUpperCase().replace(/[\s-]+/g, "");

/** Whole seconds left on the timer (0 once it has run out, null when no timer runs). */
export function secondsLeft(timerEndsAt: Date | null, now: Date): number | null {
  if (!timerEndsAt) return null;
  return Math.max(0, Math.ceil((timerEndsAt.getTime() - now.getTime()) / 1000));
}

/** Minutes shown on a page without JavaScript: rounded up, so "1" until the very end. */
export const minutesLeft = (seconds: number): number => Math.ceil(seconds / 60);

/** Why a dot may not be placed, or null when it may. */
export type VoteRefusal = "phase" | "not_vraagstuk" | "over_budget";

/**
 * Whether a participant may place one more dot: only while voting, only on a vraagstuk, and
 * never more dots than the session's budget (the same vraagstuk may get several dots).
 */
export function checkVote(input: {
  phase: BoardPhase;
  groupKind: "groep" | "sleutelinzicht" | "vraagstuk";
  budget: number;
  used: number;
}): VoteRefusal | null {
  if (input.phase !== "stemmen") return "phase";
  if (input.groupKind !== "vraagstuk") return "not_vraagstuk";
  if (input.used >= input.budget) return "over_budget";
  return null;
}

/** Dots per vraagstuk, in total and per role: "what newcomers chose" next to the others. */
export interface VoteTally {
  groupId: string;
  total: number;
  byRole: Partial<Record<ParticipantRole, number>>;
}

/** Counts dots per vraagstuk and role, most dots first (ties keep the given order). */
export function tallyVotes(
  groupIds: readonly string[],
  votes: readonly { groupId: string; role: ParticipantRole }[],
): VoteTally[] {
  const tallies = new Map<string, VoteTally>(
    groupIds.map((id) => [id, { groupId: id, total: 0, byRole: {} }]),
  );
  for (const vote of votes) {
    const tally = tallies.get(vote.groupId);
    if (!tally) continue;
    tally.total += 1;
    tally.byRole[vote.role] = (tally.byRole[vote.role] ?? 0) + 1;
  }
  return [...tallies.values()].sort((a, b) => b.total - a.total);
}

/** A note as the grouping suggestion sees it: its Dutch lexemes (stemmed, without stop words). */
export interface NoteLexemes {
  id: string;
  lexemes: readonly string[];
}

/** A suggested group: the notes, and the lexemes they share most (a title to start from). */
export interface SuggestedGroup {
  noteIds: string[];
  commonLexemes: string[];
}

/** Jaccard similarity of two sets: shared / all. Two empty sets are not similar. */
export function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let shared = 0;
  for (const item of small) if (large.has(item)) shared += 1;
  return shared / (a.size + b.size - shared);
}

/**
 * Suggests groups of similar notes: greedy leader clustering over Jaccard similarity of their
 * lexemes. Each note joins the most similar existing group whose leader (first note) it resembles
 * at least `threshold`, else starts a group. Only groups of two or more are suggested.
 * O(notes × groups); 500 notes take a few milliseconds (bench/grouping.ts).
 */
export function suggestGroups(
  notes: readonly NoteLexemes[],
  options: { threshold?: number; maxLexemes?: number } = {},
): SuggestedGroup[] {
  const threshold = options.threshold ?? 0.2;
  const clusters: { leader: Set<string>; members: NoteLexemes[] }[] = [];
  for (const note of notes) {
    const lexemes = new Set(note.lexemes);
    if (lexemes.size === 0) continue;
    let best: (typeof clusters)[number] | undefined;
    let bestScore = threshold;
    for (const cluster of clusters) {
      const score = jaccard(lexemes, cluster.leader);
      if (score >= bestScore) {
        best = cluster;
        bestScore = score;
      }
    }
    if (best) best.members.push(note);
    else clusters.push({ leader: lexemes, members: [note] });
  }
  return clusters
    .filter((c) => c.members.length >= 2)
    .map((c) => ({
      noteIds: c.members.map((m) => m.id),
      commonLexemes: mostCommon(c.members, options.maxLexemes ?? 3),
    }))
    .sort((a, b) => b.noteIds.length - a.noteIds.length);
}

function mostCommon(members: readonly NoteLexemes[], limit: number): string[] {
  const counts = new Map<string, number>();
  for (const m of members)
    for (const l of new Set(m.lexemes)) counts.set(l, (counts.get(l) ?? 0) + 1);
  return [...counts]
    .filter(([, n]) => n >= 2)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, limit)
    .map(([l]) => l);
}

/** The five listening assignments, in the order the board shows them. */
export const categoryOrder: readonly NoteCategory[] = [
  "positief",
  "negatief",
  "onderzoeksvraag",
  "les_instituties",
  "les_nieuwkomers",
];

/** Who may add a Dutch version, as marked beside it. */
export const dutchAuthors = ["schrijver", "tolk", "procesbegeleider"] as const;
export type DutchAuthor = (typeof dutchAuthors)[number];
