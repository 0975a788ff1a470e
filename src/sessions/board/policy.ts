import type { Actor } from "../../platform/authz/actor.ts";
import { createAuthorizer, hasRole, isSameOrganisation } from "../../platform/authz/index.ts";
import { type BoardPhase, checkVote } from "./rules.ts";

/** A session as the board's policy needs it. */
export interface BoardSessionRef {
  id: string;
  organisationId: string;
  phase: BoardPhase;
  participantsMayGroup: boolean;
  voteBudget: number;
}

/** A participant on the board (no account: known by the secret in their cookie), or nobody. */
export interface ParticipantRef {
  id: string;
  sessionId: string;
}

/** What a rule about the board sees: the session and, on a phone, the participant. */
export interface BoardResource {
  session: BoardSessionRef;
  participant: ParticipantRef | null;
}

/** A note's writer, for rules about one note. */
export interface NoteResource extends BoardResource {
  note: { sessionId: string; participantId: string | null };
}

/** A dot on a vraagstuk: the participant's dots used so far and the vraagstuk's kind. */
export interface VoteResource extends BoardResource {
  groupKind: "groep" | "sleutelinzicht" | "vraagstuk";
  used: number;
}

/** The facilitator: a procesbegeleider of the organisation that organises the session. */
export const isFacilitatorOf = (a: Actor, session: BoardSessionRef): boolean =>
  a.kind === "staff" &&
  hasRole(a, "procesbegeleider") &&
  isSameOrganisation(a, session.organisationId);

const isParticipantOf = (r: BoardResource): boolean =>
  r.participant !== null && r.participant.sessionId === r.session.id;

const isWriterOf = (r: NoteResource): boolean =>
  isParticipantOf(r) &&
  r.note.sessionId === r.session.id &&
  r.note.participantId === r.participant?.id;

/**
 * Who may do what on the live board. Deny by default (createAuthorizer). Participants have no
 * account: a rule about them gets the participant found by their cookie, and only counts them
 * for the session that cookie belongs to. Moderation (hiding) is the facilitator's alone.
 */
export const boardPolicy = createAuthorizer({
  /** Run the board: phases, timer, stories, reveal all, grouping, the projector view. */
  "board.facilitate": (a: Actor, s: BoardSessionRef) => isFacilitatorOf(a, s),
  /** Set the dots per participant and whether participants may group (the settings form). */
  "board.configure": (a: Actor, s: BoardSessionRef) => isFacilitatorOf(a, s),
  /** Follow the live board (the event stream): a participant of it or the facilitator. */
  "board.follow": (a: Actor, r: BoardResource) =>
    isFacilitatorOf(a, r.session) || isParticipantOf(r),
  "note.post": (_a: Actor, r: BoardResource) =>
    isParticipantOf(r) &&
    (r.session.phase === "welkom" ||
      r.session.phase === "luisteren" ||
      r.session.phase === "groeperen"),
  /** Reveal a private note, or add its Dutch version: its writer or the facilitator. */
  "note.reveal": (a: Actor, r: NoteResource) => isFacilitatorOf(a, r.session) || isWriterOf(r),
  "note.translate": (a: Actor, r: NoteResource) => isFacilitatorOf(a, r.session) || isWriterOf(r),
  /** Moderation: hide a note from the board (audited). */
  "note.hide": (a: Actor, r: NoteResource) =>
    isFacilitatorOf(a, r.session) && r.note.sessionId === r.session.id,
  "group.arrange": (a: Actor, r: BoardResource) =>
    isFacilitatorOf(a, r.session) || (isParticipantOf(r) && r.session.participantsMayGroup),
  "vote.cast": (_a: Actor, r: VoteResource) =>
    isParticipantOf(r) &&
    checkVote({
      phase: r.session.phase,
      groupKind: r.groupKind,
      budget: r.session.voteBudget,
      used: r.used,
    }) === null,
  /** Write an action for a vraagstuk: the facilitator, or a participant in the action phase. */
  "action.create": (a: Actor, r: BoardResource) =>
    isFacilitatorOf(a, r.session) || (isParticipantOf(r) && r.session.phase === "actie"),
});
