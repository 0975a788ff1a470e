import { createHash } from "node:crypto";
import { and, asc, count, desc, eq, gte, inArray, isNull, lt } from "drizzle-orm";
import { type AuditContext, type AuditEntry, recordAudit } from "../audit/index.ts";
// Tables from their schema files: the organisations index pulls in route modules.
import { organisations, regions } from "../organisations/schema.ts";
import { NotFoundError } from "../platform/authz/index.ts";
import type { Db, DbOrTx } from "../platform/db/client.ts";
import { inSequence } from "../platform/db/sequence.ts";
import {
  REGISTRATION_DATA_CLASSES,
  REGISTRATION_PURPOSE,
  type SessionRef,
  sessionPolicy,
} from "./policy.ts";
import { type Attendance, attendanceByRole, type BreakoutAttachments } from "./rules.ts";
import {
  maaksessies,
  noteGroups,
  notes,
  type ParticipantRole,
  type ProgrammeItem,
  participantRoles,
  registrations,
  sessionActions,
  stories,
  themes,
} from "./schema.ts";

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Ids come from URLs: anything that is not a uuid simply does not exist. */
export const isId = (id: string): boolean => uuidPattern.test(id);

/** The secret in a cancel link, as stored: only its hash. */
export const hashToken = (token: string): string =>
  createHash("sha256").update(token).digest("base64url");

/** An audit entry about registrations of a session. */
export function registrationAudit(
  session: SessionRef & { id: string },
  action: AuditEntry["action"],
  extra: Partial<AuditEntry> = {},
): AuditEntry {
  return {
    action,
    resourceType: "registration",
    subjectKind: "registration",
    organisationId: session.organisationId,
    dataClasses: REGISTRATION_DATA_CLASSES,
    purpose: REGISTRATION_PURPOSE,
    legalBasis: "toestemming",
    ...extra,
    details: { sessionId: session.id, ...extra.details },
  };
}

/** A deelsessie as shown on the event page and the staff pages. */
export interface PresentedBreakout {
  id: string;
  title: string;
  description: string | null;
  hostOrganisationId: string | null;
  hostOrganisationName: string | null;
  room: string | null;
  startsAt: string;
  endsAt: string;
  capacity: number | null;
  /** Places taken (registrations with a place). */
  taken: number;
  /** Optimistic concurrency for the edit and remove forms. */
  version: number;
}

/** A session as the public may see it: no registrants, only counts. */
export interface PresentedSession extends SessionRef {
  id: string;
  title: string;
  description: string | null;
  themes: { id: string; key: string; name: string }[];
  regionId: string | null;
  regionName: string | null;
  date: string;
  startsAt: string;
  endsAt: string;
  place: string | null;
  onlineUrl: string | null;
  programme: ProgrammeItem[];
  organisationName: string;
  partnerOrganisationIds: string[];
  partnerOrganisationNames: string[];
  capacity: number | null;
  languages: string[];
  interpreters: string | null;
  registrationOpen: boolean;
  joinCode: string;
  phase: string;
  taken: number;
  waiting: number;
  breakouts: PresentedBreakout[];
  version: number;
}

const hhmm = (t: string) => t.slice(0, 5);

/** The shared list of themes, by name. */
export function listThemes(db: DbOrTx) {
  return db
    .select({ id: themes.id, key: themes.key, name: themes.name })
    .from(themes)
    .orderBy(asc(themes.name));
}

/** Organisations that can be chosen as partner or host (names only: no personal data). */
export function listOrganisationChoices(db: DbOrTx) {
  return db
    .select({ id: organisations.id, name: organisations.name })
    .from(organisations)
    .where(
      inArray(organisations.kind, [
        "provincie",
        "gemeente",
        "coa",
        "maatschappelijke_begeleiding",
        "taalaanbieder",
        "werkgever",
        "lokaal_initiatief",
        "kennisinstelling",
      ]),
    )
    .orderBy(asc(organisations.name));
}

export function listRegionChoices(db: DbOrTx) {
  return db.select({ id: regions.id, name: regions.name }).from(regions).orderBy(asc(regions.name));
}

async function placeCounts(db: DbOrTx, sessionId: string) {
  const rows = await db
    .select({ status: registrations.status, breakoutId: registrations.breakoutId })
    .from(registrations)
    .where(eq(registrations.sessionId, sessionId));
  const breakouts = new Map<string, number>();
  let taken = 0;
  let waiting = 0;
  for (const r of rows) {
    if (r.status === "aangemeld") {
      taken++;
      if (r.breakoutId) breakouts.set(r.breakoutId, (breakouts.get(r.breakoutId) ?? 0) + 1);
    } else if (r.status === "wachtlijst") waiting++;
  }
  return { taken, waiting, breakouts };
}

/**
 * Loads a top-level session with its deelsessies, themes and organisation names. Not
 * authorized: what it returns is public (the event page), except the join code, which only
 * staff pages and the live board show.
 */
export async function getSession(db: DbOrTx, id: string): Promise<PresentedSession | undefined> {
  if (!isId(id)) return undefined;
  const [row] = await db
    .select()
    .from(maaksessies)
    .where(and(eq(maaksessies.id, id), isNull(maaksessies.parentId)));
  if (!row) return undefined;
  const children = await db
    .select()
    .from(maaksessies)
    .where(eq(maaksessies.parentId, id))
    .orderBy(asc(maaksessies.startsAt), asc(maaksessies.title));
  const orgIds = [
    row.organisationId,
    ...row.partnerOrganisationIds,
    ...children.flatMap((c) => (c.hostOrganisationId ? [c.hostOrganisationId] : [])),
  ];
  const orgNames = new Map(
    (
      await db
        .select({ id: organisations.id, name: organisations.name })
        .from(organisations)
        .where(inArray(organisations.id, orgIds))
    ).map((o) => [o.id, o.name]),
  );
  const themeRows =
    row.themeIds.length === 0
      ? []
      : await db
          .select({ id: themes.id, key: themes.key, name: themes.name })
          .from(themes)
          .where(inArray(themes.id, row.themeIds))
          .orderBy(asc(themes.name));
  const [region] = row.regionId
    ? await db.select({ name: regions.name }).from(regions).where(eq(regions.id, row.regionId))
    : [];
  const counts = await placeCounts(db, id);
  return {
    id: row.id,
    organisationId: row.organisationId,
    title: row.title,
    description: row.description,
    themes: themeRows,
    regionId: row.regionId,
    regionName: region?.name ?? null,
    date: row.date,
    startsAt: hhmm(row.startsAt),
    endsAt: hhmm(row.endsAt),
    place: row.place,
    onlineUrl: row.onlineUrl,
    programme: row.programme,
    organisationName: orgNames.get(row.organisationId) ?? "",
    partnerOrganisationIds: row.partnerOrganisationIds,
    partnerOrganisationNames: row.partnerOrganisationIds.flatMap((p) => orgNames.get(p) ?? []),
    capacity: row.capacity,
    languages: row.languages,
    interpreters: row.interpreters,
    registrationOpen: row.registrationOpen,
    joinCode: row.joinCode,
    phase: row.phase,
    taken: counts.taken,
    waiting: counts.waiting,
    breakouts: children.map((c) => ({
      id: c.id,
      title: c.title,
      description: c.description,
      hostOrganisationId: c.hostOrganisationId,
      hostOrganisationName: c.hostOrganisationId
        ? (orgNames.get(c.hostOrganisationId) ?? null)
        : null,
      room: c.room,
      startsAt: hhmm(c.startsAt),
      endsAt: hhmm(c.endsAt),
      capacity: c.capacity,
      taken: counts.breakouts.get(c.id) ?? 0,
      version: c.version,
    })),
    version: row.version,
  };
}

/**
 * What hangs on a deelsessie (counts only, no personal data): active registrations that chose
 * it, the session's vraagstukken it works out, and anything written on its own board.
 */
export async function breakoutAttachments(
  db: DbOrTx,
  breakoutId: string,
): Promise<BreakoutAttachments> {
  const countOf = async (query: Promise<{ n: number }[]>) => (await query)[0]?.n ?? 0;
  const [registered, vraagstukken, boardNotes, boardGroups, boardStories, boardActions] =
    await inSequence(
      () =>
        countOf(
          db
            .select({ n: count() })
            .from(registrations)
            .where(
              and(
                eq(registrations.breakoutId, breakoutId),
                inArray(registrations.status, ["aangemeld", "wachtlijst"]),
              ),
            ),
        ),
      () =>
        countOf(
          db
            .select({ n: count() })
            .from(noteGroups)
            .where(and(eq(noteGroups.breakoutId, breakoutId), eq(noteGroups.kind, "vraagstuk"))),
        ),
      () => countOf(db.select({ n: count() }).from(notes).where(eq(notes.sessionId, breakoutId))),
      () =>
        countOf(
          db.select({ n: count() }).from(noteGroups).where(eq(noteGroups.sessionId, breakoutId)),
        ),
      () =>
        countOf(db.select({ n: count() }).from(stories).where(eq(stories.sessionId, breakoutId))),
      () =>
        countOf(
          db
            .select({ n: count() })
            .from(sessionActions)
            .where(eq(sessionActions.sessionId, breakoutId)),
        ),
    );
  return {
    registrations: registered,
    vraagstukken,
    boardItems: boardNotes + boardGroups + boardStories + boardActions,
  };
}

/** A line in the list of sessions. */
export interface SessionListItem {
  id: string;
  title: string;
  date: string;
  startsAt: string;
  place: string | null;
  capacity: number | null;
}

/** The organisation's sessions, upcoming (soonest first) and past (latest first). */
export async function listSessions(
  db: DbOrTx,
  ctx: AuditContext,
  organisationId: string,
  today: string,
): Promise<{ upcoming: SessionListItem[]; past: SessionListItem[] }> {
  sessionPolicy.authorize(ctx.actor, "session.list", { organisationId });
  const columns = {
    id: maaksessies.id,
    title: maaksessies.title,
    date: maaksessies.date,
    startsAt: maaksessies.startsAt,
    place: maaksessies.place,
    capacity: maaksessies.capacity,
  };
  const mine = and(eq(maaksessies.organisationId, organisationId), isNull(maaksessies.parentId));
  const upcoming = await db
    .select(columns)
    .from(maaksessies)
    .where(and(mine, gte(maaksessies.date, today)))
    .orderBy(asc(maaksessies.date), asc(maaksessies.startsAt));
  const past = await db
    .select(columns)
    .from(maaksessies)
    .where(and(mine, lt(maaksessies.date, today)))
    .orderBy(desc(maaksessies.date));
  const trim = (r: SessionListItem) => ({ ...r, startsAt: hhmm(r.startsAt) });
  return { upcoming: upcoming.map(trim), past: past.map(trim) };
}

/** A registration as the organiser's procesbegeleider sees it. */
export interface PresentedRegistration {
  id: string;
  name: string;
  email: string;
  affiliation: string | null;
  role: ParticipantRole;
  locale: string;
  needs: { interpreter?: string; accessibility?: string; childcare?: boolean };
  status: "aangemeld" | "wachtlijst" | "geannuleerd";
  breakoutId: string | null;
  checkInCode: string;
  checkedInAt: Date | null;
  createdAt: Date;
}

/** The session's registrations, for the organiser. Reading them is audited in the same transaction. */
export async function listRegistrations(
  db: Db,
  ctx: AuditContext,
  session: PresentedSession,
): Promise<{ registrations: PresentedRegistration[]; attendance: Attendance[] }> {
  sessionPolicy.authorize(ctx.actor, "registration.read", session);
  return db.transaction(async (tx) => {
    const rows = await tx
      .select({
        id: registrations.id,
        name: registrations.name,
        email: registrations.email,
        affiliation: registrations.affiliation,
        role: registrations.role,
        locale: registrations.locale,
        needs: registrations.needs,
        status: registrations.status,
        breakoutId: registrations.breakoutId,
        checkInCode: registrations.checkInCode,
        checkedInAt: registrations.checkedInAt,
        createdAt: registrations.createdAt,
        waitlistedAt: registrations.waitlistedAt,
      })
      .from(registrations)
      .where(eq(registrations.sessionId, session.id))
      .orderBy(
        asc(registrations.status),
        asc(registrations.waitlistedAt),
        asc(registrations.createdAt),
      );
    await recordAudit(
      tx,
      ctx,
      registrationAudit(session, "list", { details: { count: rows.length } }),
    );
    return {
      registrations: rows.map(({ waitlistedAt: _w, ...r }) => r),
      attendance: attendanceByRole(
        participantRoles,
        rows.map((r) => ({ role: r.role, status: r.status, checkedIn: !!r.checkedInAt })),
      ),
    };
  });
}

/** Attendance per role (counts only: no personal data). */
export async function getAttendance(db: DbOrTx, sessionId: string): Promise<Attendance[]> {
  const rows = await db
    .select({
      role: registrations.role,
      status: registrations.status,
      checkedInAt: registrations.checkedInAt,
    })
    .from(registrations)
    .where(eq(registrations.sessionId, sessionId));
  return attendanceByRole(
    participantRoles,
    rows.map((r) => ({ role: r.role, status: r.status, checkedIn: !!r.checkedInAt })),
  );
}

/** A registration as its own registrant sees it through the secret link. */
export interface OwnRegistration {
  id: string;
  name: string;
  status: "aangemeld" | "wachtlijst" | "geannuleerd";
  breakoutId: string | null;
  checkInCode: string;
  locale: string;
}

/** The registration behind a secret link; reading it is audited (the registrant reads their own). */
export async function findOwnRegistration(
  db: Db,
  ctx: AuditContext,
  session: PresentedSession,
  token: string,
): Promise<OwnRegistration> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select({
        id: registrations.id,
        name: registrations.name,
        status: registrations.status,
        breakoutId: registrations.breakoutId,
        checkInCode: registrations.checkInCode,
        locale: registrations.locale,
      })
      .from(registrations)
      .where(
        and(
          eq(registrations.sessionId, session.id),
          eq(registrations.cancelTokenHash, hashToken(token)),
        ),
      );
    if (!row) throw new NotFoundError("registration");
    await recordAudit(
      tx,
      ctx,
      registrationAudit(session, "read", {
        resourceId: row.id,
        subjectId: row.id,
        purpose: "eigen_inzage",
        details: { via: "link" },
      }),
    );
    return row;
  });
}

/** A note on the actie-agenda: what was written, by which role (a name only if the writer gave it). */
export interface AgendaNote {
  id: string;
  category: string;
  text: string;
  locale: string;
  dutchText: string | null;
  role: ParticipantRole;
  authorName: string | null;
}

export interface AgendaAction {
  id: string;
  what: string;
  ownerName: string;
  ownerOrganisationName: string | null;
  coOwnerOrganisations: string[];
  stakeholders: string | null;
  firstStep: string | null;
  dueOn: string | null;
  status: string;
  groupId: string | null;
}

export interface AgendaVraagstuk {
  id: string;
  title: string;
  description: string | null;
  breakoutTitle: string | null;
  notes: AgendaNote[];
  actions: AgendaAction[];
}

/** The actie-agenda: every vraagstuk with its notes and actions; actions without a vraagstuk last. */
export async function getActionAgenda(
  db: DbOrTx,
  session: PresentedSession,
): Promise<{ vraagstukken: AgendaVraagstuk[]; loose: AgendaAction[] }> {
  const groups = await db
    .select()
    .from(noteGroups)
    .where(and(eq(noteGroups.sessionId, session.id), eq(noteGroups.kind, "vraagstuk")))
    .orderBy(asc(noteGroups.position), asc(noteGroups.createdAt));
  const groupIds = groups.map((g) => g.id);
  // Only notes everyone may see: revealed, not hidden by the facilitator.
  const noteRows =
    groupIds.length === 0
      ? []
      : await db
          .select()
          .from(notes)
          .where(
            and(
              eq(notes.sessionId, session.id),
              inArray(notes.groupId, groupIds),
              eq(notes.revealed, true),
              isNull(notes.hiddenAt),
            ),
          )
          .orderBy(asc(notes.createdAt));
  const actionRows = await db
    .select()
    .from(sessionActions)
    .where(eq(sessionActions.sessionId, session.id))
    .orderBy(asc(sessionActions.dueOn), asc(sessionActions.createdAt));
  const actions: AgendaAction[] = actionRows.map((a) => ({
    id: a.id,
    what: a.what,
    ownerName: a.ownerName,
    ownerOrganisationName: a.ownerOrganisationName,
    coOwnerOrganisations: a.coOwnerOrganisations,
    stakeholders: a.stakeholders,
    firstStep: a.firstStep,
    dueOn: a.dueOn,
    status: a.status,
    groupId: a.groupId,
  }));
  const breakoutTitles = new Map(session.breakouts.map((b) => [b.id, b.title]));
  return {
    vraagstukken: groups.map((g) => ({
      id: g.id,
      title: g.title,
      description: g.description,
      breakoutTitle: g.breakoutId ? (breakoutTitles.get(g.breakoutId) ?? null) : null,
      notes: noteRows
        .filter((n) => n.groupId === g.id)
        .map((n) => ({
          id: n.id,
          category: n.category,
          text: n.text,
          locale: n.locale,
          dutchText: n.dutchText,
          role: n.role,
          authorName: n.authorName,
        })),
      actions: actions.filter((a) => a.groupId === g.id),
    })),
    loose: actions.filter((a) => !a.groupId || !groupIds.includes(a.groupId)),
  };
}
