import type { ServerResponse } from "node:http";
import { sql } from "drizzle-orm";
import type { Database, DbOrTx } from "../../platform/db/client.ts";
import type { PresentedAction, PresentedGroup, PresentedNote } from "./queries.ts";
import type { VoteTally } from "./rules.ts";

// Live updates for the board (docs/decisions/0015-live-board.md): a command sends NOTIFY in the
// same transaction as its change, so PostgreSQL delivers it only after the commit — a note is
// saved before any screen shows it. Every app instance LISTENs once and writes the event to the
// Server-Sent Event streams it holds for that session.

/** The one channel every instance listens on; the payload names the session. */
export const BOARD_CHANNEL = "koers_board";

/** A vraagstuk's dots: the total for everyone; per role only on the facilitator's streams. */
export type VoteCount = Pick<VoteTally, "groupId" | "total">;

/**
 * What a screen is told. "note": a note to show (or show again, changed); "hidden": remove it;
 * "group": a group made, renamed or turned into a sleutelinzicht or vraagstuk; "moved": a note
 * put into a group or taken out (groupId null); "votes": a vraagstuk's dots; "action": an action
 * added. Never who voted: a vote event carries counts only.
 */
export type BoardEvent =
  | { type: "note"; data: PresentedNote }
  | { type: "hidden"; data: { id: string } }
  | { type: "phase"; data: { phase: string; timerEndsAt: string | null } }
  | { type: "group"; data: Pick<PresentedGroup, "id" | "kind" | "title"> }
  | { type: "moved"; data: { id: string; groupId: string | null } }
  | { type: "votes"; data: VoteCount; facilitatorData: VoteTally }
  | { type: "action"; data: PresentedAction };

interface Envelope {
  session: string;
  id: string;
  type: BoardEvent["type"];
  data: unknown;
  /** What the facilitator's streams (facilitator page, projector) get instead of `data`. */
  facilitatorData?: unknown;
}

/**
 * Queues the event for delivery when the transaction commits (NOTIFY is transactional). The
 * payload must stay under PostgreSQL's 8000 bytes: notes are limited to 600 characters.
 */
export async function notifyBoard(tx: DbOrTx, sessionId: string, event: BoardEvent): Promise<void> {
  const envelope: Envelope = {
    session: sessionId,
    // Time-ordered ids; a reconnecting screen sends the last one back (Last-Event-ID).
    id: `${Date.now().toString(36)}.${Math.random().toString(36).slice(2, 8)}`,
    type: event.type,
    data: event.data,
    ...("facilitatorData" in event ? { facilitatorData: event.facilitatorData } : {}),
  };
  await tx.execute(sql`select pg_notify(${BOARD_CHANNEL}, ${JSON.stringify(envelope)})`);
}

/** One open event stream. */
interface Stream {
  sessionId: string;
  response: ServerResponse;
  /** The facilitator's own screen: it may see votes per role. */
  facilitator: boolean;
}

/** Formats one Server-Sent Event. Data is one JSON line, so no line of it can break the frame. */
export const sseFrame = (type: string, data: unknown, id?: string): string =>
  `${id ? `id: ${id}\n` : ""}event: ${type}\ndata: ${JSON.stringify(data)}\n\n`;

/**
 * The streams this instance holds, by session, fed by one LISTEN connection. A comment line
 * every 25 seconds keeps proxies from closing idle streams.
 */
export class BoardHub {
  private readonly streams = new Map<string, Set<Stream>>();
  private unlisten: (() => Promise<void>) | undefined;
  private heartbeat: NodeJS.Timeout | undefined;

  constructor(private readonly database: Database) {}

  async start(): Promise<void> {
    this.unlisten = await this.database.listen(BOARD_CHANNEL, (payload) => this.deliver(payload));
    this.heartbeat = setInterval(() => {
      for (const set of this.streams.values()) for (const s of set) s.response.write(": \n\n");
    }, 25_000);
    this.heartbeat.unref();
  }

  /** Ends every stream and stops listening (on app close, so it does not wait for phones). */
  async stop(): Promise<void> {
    if (this.heartbeat) clearInterval(this.heartbeat);
    for (const set of this.streams.values()) for (const s of set) s.response.end();
    this.streams.clear();
    await this.unlisten?.();
  }

  /** Adds an open response to a session's streams until the client goes away. */
  add(sessionId: string, response: ServerResponse, facilitator = false): void {
    const stream: Stream = { sessionId, response, facilitator };
    let set = this.streams.get(sessionId);
    if (!set) {
      set = new Set();
      this.streams.set(sessionId, set);
    }
    set.add(stream);
    response.on("close", () => {
      set.delete(stream);
      if (set.size === 0 && this.streams.get(sessionId) === set) this.streams.delete(sessionId);
    });
  }

  /** Streams open on this instance (for the bench and tests). */
  count(sessionId?: string): number {
    if (sessionId) return this.streams.get(sessionId)?.size ?? 0;
    let n = 0;
    for (const set of this.streams.values()) n += set.size;
    return n;
  }

  private deliver(payload: string): void {
    let envelope: Envelope;
    try {
      envelope = JSON.parse(payload) as Envelope;
    } catch {
      return;
    }
    const set = this.streams.get(envelope.session);
    if (!set) return;
    // Formatted once, written to every stream of the session.
    const frame = sseFrame(envelope.type, envelope.data, envelope.id);
    const staffFrame =
      envelope.facilitatorData === undefined
        ? frame
        : sseFrame(envelope.type, envelope.facilitatorData, envelope.id);
    for (const s of set) s.response.write(s.facilitator ? staffFrame : frame);
  }
}
