import { createHmac, randomInt, randomUUID } from "node:crypto";
import { and, eq, isNull, sql } from "drizzle-orm";
import { type AuditContext, recordAudit } from "../audit/index.ts";
import { NotFoundError } from "../platform/authz/index.ts";
import type { Db, DbOrTx, Tx } from "../platform/db/client.ts";
import { ConflictError } from "../platform/http/errors.ts";
import { type SessionRef, sessionPolicy } from "./policy.ts";
import { breakoutAttachments, hashToken, isId, registrationAudit } from "./queries.ts";
import {
  type BreakoutAttachments,
  type BreakoutRemovalRefusal,
  breakoutRemovalRefusals,
  makeCode,
  normaliseCode,
  type PlaceHolder,
  placeFor,
  promotions,
} from "./rules.ts";
import {
  maaksessies,
  type ParticipantRole,
  type ProgrammeItem,
  registrations,
  themes,
} from "./schema.ts";

/** What a procesbegeleider plans: the session's facts. */
export interface SessionInput {
  title: string;
  description: string | null;
  themeIds: string[];
  regionId: string | null;
  date: string;
  startsAt: string;
  endsAt: string;
  place: string | null;
  onlineUrl: string | null;
  programme: ProgrammeItem[];
  partnerOrganisationIds: string[];
  capacity: number | null;
  languages: string[];
  interpreters: string | null;
  registrationOpen: boolean;
}

/** A deelsessie: topic, host organisation, room, time, capacity. */
export interface BreakoutInput {
  title: string;
  description: string | null;
  hostOrganisationId: string | null;
  room: string | null;
  startsAt: string;
  endsAt: string;
  capacity: number | null;
}

const sessionAudit = (
  session: SessionRef & { id: string },
  action: "create" | "update" | "delete",
) => ({
  action,
  resourceType: "maaksessie",
  resourceId: session.id,
  organisationId: session.organisationId,
  // The session itself holds no personal data; the row records who planned or changed it.
  dataClasses: [],
  purpose: "organisatie_maaksessie" as const,
  legalBasis: "gerechtvaardigd_belang" as const,
});

const breakoutAudit = (
  session: SessionRef & { id: string },
  breakoutId: string,
  action: "create" | "update" | "delete",
  details: Record<string, unknown> = {},
) => ({
  ...sessionAudit(session, action),
  resourceType: "deelsessie",
  resourceId: breakoutId,
  details: { sessionId: session.id, ...details },
});

/** A join code no other session uses (the unique index is the final guard). */
async function freshJoinCode(tx: DbOrTx): Promise<string> {
  for (let attempt = 0; attempt < 10; attempt++) {
    const code = makeCode(randomInt);
    const [taken] = await tx
      .select({ id: maaksessies.id })
      .from(maaksessies)
      .where(eq(maaksessies.joinCode, code));
    if (!taken) return code;
  }
  throw new Error("no free join code");
}

/** Plans a new session for the actor's organisation. Returns its id. */
export async function createSession(
  db: Db,
  ctx: AuditContext,
  input: SessionInput,
): Promise<string> {
  const organisationId = ctx.actor.organisationId ?? "";
  sessionPolicy.authorize(ctx.actor, "session.create", { organisationId });
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(maaksessies)
      .values({
        ...input,
        organisationId,
        joinCode: await freshJoinCode(tx),
        createdBy: ctx.actor.accountId ?? null,
      })
      .returning({ id: maaksessies.id });
    if (!row) throw new Error("insert failed");
    await recordAudit(tx, ctx, sessionAudit({ id: row.id, organisationId }, "create"));
    return row.id;
  });
}

/** Loads a top-level session's policy facts under a row lock. */
async function lockSession(tx: Tx, sessionId: string) {
  if (!isId(sessionId)) throw new NotFoundError("session");
  const [row] = await tx
    .select({
      id: maaksessies.id,
      organisationId: maaksessies.organisationId,
      capacity: maaksessies.capacity,
      version: maaksessies.version,
      registrationOpen: maaksessies.registrationOpen,
      date: maaksessies.date,
    })
    .from(maaksessies)
    .where(and(eq(maaksessies.id, sessionId), isNull(maaksessies.parentId)))
    .for("update");
  if (!row) throw new NotFoundError("session");
  return row;
}

/**
 * Changes a session's facts; `version` is the one the form was loaded with (optimistic lock).
 * Returns the people promoted from the waiting list by a larger capacity.
 */
export async function updateSession(
  db: Db,
  ctx: AuditContext,
  sessionId: string,
  version: number,
  input: SessionInput,
): Promise<RegistrationMailFacts[]> {
  return db.transaction(async (tx) => {
    const session = await lockSession(tx, sessionId);
    sessionPolicy.authorize(ctx.actor, "session.manage", session);
    if (session.version !== version) throw new ConflictError();
    await tx
      .update(maaksessies)
      .set({ ...input, updatedAt: new Date(), version: sql`${maaksessies.version} + 1` })
      .where(eq(maaksessies.id, sessionId));
    await recordAudit(tx, ctx, sessionAudit(session, "update"));
    // A larger capacity may make room for people waiting: they are returned, to be told.
    return promoteWaiting(tx, ctx, { ...session, capacity: input.capacity });
  });
}

/** Adds a deelsessie to a session; it takes the session's day and organiser. */
export async function addBreakout(
  db: Db,
  ctx: AuditContext,
  sessionId: string,
  input: BreakoutInput,
): Promise<string> {
  return db.transaction(async (tx) => {
    const session = await lockSession(tx, sessionId);
    sessionPolicy.authorize(ctx.actor, "session.manage", session);
    const [row] = await tx
      .insert(maaksessies)
      .values({
        ...input,
        organisationId: session.organisationId,
        parentId: session.id,
        date: session.date,
        joinCode: await freshJoinCode(tx),
        createdBy: ctx.actor.accountId ?? null,
      })
      .returning({ id: maaksessies.id });
    if (!row) throw new Error("insert failed");
    await recordAudit(tx, ctx, breakoutAudit(session, row.id, "create"));
    return row.id;
  });
}

/** Loads a deelsessie of the session under a row lock; 404 for anything else. */
async function lockBreakout(tx: Tx, sessionId: string, breakoutId: string) {
  if (!isId(breakoutId)) throw new NotFoundError("deelsessie");
  // FOR UPDATE also makes a note, vote or vraagstuk that would reference this row wait until
  // we commit (a foreign key takes a KEY SHARE lock), so the counts below stay true.
  const [row] = await tx
    .select({ id: maaksessies.id, version: maaksessies.version })
    .from(maaksessies)
    .where(and(eq(maaksessies.id, breakoutId), eq(maaksessies.parentId, sessionId)))
    .for("update");
  if (!row) throw new NotFoundError("deelsessie");
  return row;
}

/**
 * Changes a deelsessie; `version` is the one the form was loaded with (ConflictError when someone
 * saved in between: nothing is overwritten). Returns the people a larger capacity promoted from
 * the waiting list, to be told.
 */
export async function updateBreakout(
  db: Db,
  ctx: AuditContext,
  sessionId: string,
  breakoutId: string,
  version: number,
  input: BreakoutInput,
): Promise<RegistrationMailFacts[]> {
  return db.transaction(async (tx) => {
    // The session's lock first, as registrations take it: places are counted one at a time.
    const session = await lockSession(tx, sessionId);
    sessionPolicy.authorize(ctx.actor, "breakout.update", session);
    const breakout = await lockBreakout(tx, session.id, breakoutId);
    if (breakout.version !== version) throw new ConflictError();
    await tx
      .update(maaksessies)
      .set({ ...input, updatedAt: new Date(), version: sql`${maaksessies.version} + 1` })
      .where(eq(maaksessies.id, breakout.id));
    await recordAudit(tx, ctx, breakoutAudit(session, breakout.id, "update"));
    return promoteWaiting(tx, ctx, session);
  });
}

/** A deelsessie that cannot be removed now, with what hangs on it (rules.breakoutRemovalRefusals). */
export class BreakoutInUseError extends Error {
  readonly statusCode = 409;
  constructor(
    readonly refusals: BreakoutRemovalRefusal[],
    readonly attachments: BreakoutAttachments,
  ) {
    super("Deelsessie in use");
    this.name = "BreakoutInUseError";
  }
}

/**
 * Removes a deelsessie that nothing hangs on (decision 0014): BreakoutInUseError when people
 * registered for it, a vraagstuk is to be worked out in it, or its own board has content;
 * ConflictError when it changed since the confirmation page was loaded.
 */
export async function removeBreakout(
  db: Db,
  ctx: AuditContext,
  sessionId: string,
  breakoutId: string,
  version: number,
): Promise<void> {
  await db.transaction(async (tx) => {
    const session = await lockSession(tx, sessionId);
    sessionPolicy.authorize(ctx.actor, "breakout.remove", session);
    const breakout = await lockBreakout(tx, session.id, breakoutId);
    if (breakout.version !== version) throw new ConflictError();
    const attachments = await breakoutAttachments(tx, breakout.id);
    const refusals = breakoutRemovalRefusals(attachments);
    if (refusals.length > 0) throw new BreakoutInUseError(refusals, attachments);
    const [removed] = await tx
      .delete(maaksessies)
      .where(eq(maaksessies.id, breakout.id))
      .returning({ title: maaksessies.title });
    await recordAudit(
      tx,
      ctx,
      breakoutAudit(session, breakout.id, "delete", { title: removed?.title }),
    );
  });
}

/** The stable key of a theme name: lower case, words joined by underscores. */
export const themeKey = (name: string): string =>
  name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_|_$/g, "");

/** Adds a theme to the shared list (or finds the one with the same key). Returns its id. */
export async function addTheme(db: Db, ctx: AuditContext, name: string): Promise<string> {
  sessionPolicy.authorize(ctx.actor, "theme.add", {});
  const key = themeKey(name) || "thema";
  return db.transaction(async (tx) => {
    await tx.insert(themes).values({ key, name }).onConflictDoNothing();
    const [row] = await tx.select({ id: themes.id }).from(themes).where(eq(themes.key, key));
    if (!row) throw new Error("theme missing");
    return row.id;
  });
}

/** What someone fills in to register. */
export interface RegistrationInput {
  name: string;
  email: string;
  affiliation: string | null;
  role: ParticipantRole;
  locale: string;
  needs: { interpreter?: string; accessibility?: string; childcare?: boolean };
  breakoutId: string | null;
}

/**
 * The secret in a registrant's own link: derived from the registration id with the server's
 * secret, so every mail (confirmation, promotion, reminder) can carry the same link while the
 * database keeps only its hash.
 */
export const registrationToken = (secret: string, registrationId: string): string =>
  createHmac("sha256", secret).update(`registration:${registrationId}`).digest("base64url");

/** A registration just made or promoted, with what its mail needs. */
export interface RegistrationMailFacts {
  id: string;
  name: string;
  email: string;
  locale: string;
  status: "aangemeld" | "wachtlijst" | "geannuleerd";
  checkInCode: string;
}

export class RegistrationClosedError extends Error {
  readonly statusCode = 409;
  constructor() {
    super("Registration closed");
    this.name = "RegistrationClosedError";
  }
}

async function holdersOf(tx: DbOrTx, sessionId: string): Promise<PlaceHolder[]> {
  return tx
    .select({
      id: registrations.id,
      status: registrations.status,
      breakoutId: registrations.breakoutId,
      waitlistedAt: registrations.waitlistedAt,
    })
    .from(registrations)
    .where(eq(registrations.sessionId, sessionId));
}

async function capacitiesOf(tx: DbOrTx, session: { id: string; capacity: number | null }) {
  const children = await tx
    .select({ id: maaksessies.id, capacity: maaksessies.capacity })
    .from(maaksessies)
    .where(eq(maaksessies.parentId, session.id));
  return {
    session: session.capacity,
    breakouts: new Map(children.map((c) => [c.id, c.capacity])),
  };
}

/**
 * Moves people from the waiting list to free places, earliest first (rules.promotions). Runs
 * in the caller's transaction, under the session's row lock. Returns whom to tell.
 */
async function promoteWaiting(
  tx: Tx,
  ctx: AuditContext,
  session: SessionRef & { id: string; capacity: number | null },
): Promise<RegistrationMailFacts[]> {
  const ids = promotions(await capacitiesOf(tx, session), await holdersOf(tx, session.id));
  const promoted: RegistrationMailFacts[] = [];
  for (const id of ids) {
    const [row] = await tx
      .update(registrations)
      .set({ status: "aangemeld" })
      .where(eq(registrations.id, id))
      .returning();
    if (!row) continue;
    promoted.push(row);
    await recordAudit(
      tx,
      ctx,
      registrationAudit(session, "update", {
        resourceId: id,
        subjectId: id,
        details: { change: "promoted" },
      }),
    );
  }
  return promoted;
}

/**
 * Registers someone for a session: a place or the waiting list (rules.placeFor). The session row
 * is locked for the whole transaction, so two people registering at the same moment are counted
 * one after the other and never both get the last place.
 */
export async function register(
  db: Db,
  ctx: AuditContext,
  sessionId: string,
  input: RegistrationInput,
  linkSecret: string,
): Promise<RegistrationMailFacts> {
  return db.transaction(async (tx) => {
    const session = await lockSession(tx, sessionId);
    if (!session.registrationOpen) throw new RegistrationClosedError();
    const capacities = await capacitiesOf(tx, session);
    if (input.breakoutId && !capacities.breakouts.has(input.breakoutId))
      throw new NotFoundError("deelsessie");
    const holders = await holdersOf(tx, session.id);
    const status = placeFor(capacities, holders, input.breakoutId);
    const codes = new Set(
      (
        await tx
          .select({ code: registrations.checkInCode })
          .from(registrations)
          .where(eq(registrations.sessionId, session.id))
      ).map((r) => r.code),
    );
    let checkInCode = makeCode(randomInt);
    while (codes.has(checkInCode)) checkInCode = makeCode(randomInt);
    const id = randomUUID();
    const [row] = await tx
      .insert(registrations)
      .values({
        id,
        organisationId: session.organisationId,
        sessionId: session.id,
        breakoutId: input.breakoutId,
        name: input.name,
        email: input.email,
        affiliation: input.affiliation,
        role: input.role,
        locale: input.locale,
        needs: input.needs,
        status,
        waitlistedAt: status === "wachtlijst" ? new Date() : null,
        cancelTokenHash: hashToken(registrationToken(linkSecret, id)),
        checkInCode,
      })
      .returning();
    if (!row) throw new Error("insert failed");
    await recordAudit(
      tx,
      ctx,
      registrationAudit(session, "create", {
        resourceId: row.id,
        subjectId: row.id,
        details: { status },
      }),
    );
    return row;
  });
}

/**
 * Cancels a registration through its secret link and gives free places to the people waiting.
 * Returns who was promoted (to tell them by mail), or undefined when the link is unknown.
 */
export async function cancelRegistration(
  db: Db,
  ctx: AuditContext,
  sessionId: string,
  token: string,
): Promise<{ promoted: RegistrationMailFacts[] } | undefined> {
  return db.transaction(async (tx) => {
    const session = await lockSession(tx, sessionId);
    const [row] = await tx
      .update(registrations)
      .set({ status: "geannuleerd", waitlistedAt: null })
      .where(
        and(
          eq(registrations.sessionId, session.id),
          eq(registrations.cancelTokenHash, hashToken(token)),
        ),
      )
      .returning({ id: registrations.id });
    if (!row) return undefined;
    await recordAudit(
      tx,
      ctx,
      registrationAudit(session, "update", {
        resourceId: row.id,
        subjectId: row.id,
        details: { change: "cancelled" },
      }),
    );
    return { promoted: await promoteWaiting(tx, ctx, session) };
  });
}

/** Checks someone in by their code. Returns their name and role, or undefined for an unknown code. */
export async function checkIn(
  db: Db,
  ctx: AuditContext,
  sessionId: string,
  typedCode: string,
): Promise<{ name: string; role: ParticipantRole; already: boolean; status: string } | undefined> {
  return db.transaction(async (tx) => {
    const session = await lockSession(tx, sessionId);
    sessionPolicy.authorize(ctx.actor, "registration.checkIn", session);
    const [row] = await tx
      .select()
      .from(registrations)
      .where(
        and(
          eq(registrations.sessionId, session.id),
          eq(registrations.checkInCode, normaliseCode(typedCode)),
        ),
      );
    if (!row) return undefined;
    const already = !!row.checkedInAt;
    // Someone waiting or cancelled who turns up is shown as such, not checked in.
    if (!already && row.status === "aangemeld")
      await tx
        .update(registrations)
        .set({ checkedInAt: new Date() })
        .where(eq(registrations.id, row.id));
    await recordAudit(
      tx,
      ctx,
      registrationAudit(session, already || row.status !== "aangemeld" ? "read" : "update", {
        resourceId: row.id,
        subjectId: row.id,
        details: { change: "check_in" },
      }),
    );
    return { name: row.name, role: row.role, already, status: row.status };
  });
}
