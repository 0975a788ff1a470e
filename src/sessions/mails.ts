import { and, eq, gte, inArray, isNull, lte, notInArray } from "drizzle-orm";
import { type AuditContext, recordAudit } from "../audit/index.ts";
import { systemActor } from "../platform/authz/actor.ts";
import type { Database, Db } from "../platform/db/client.ts";
import { defaultLocale, isLocale, translator } from "../platform/i18n/index.ts";
import type { Job } from "../platform/jobs/scheduler.ts";
import type { Mail, Mailer } from "../platform/mail/mailer.ts";
import { type RegistrationMailFacts, registrationToken } from "./commands.ts";
import { registrationAudit } from "./queries.ts";
import { REMINDER_DAYS_BEFORE } from "./rules.ts";
import { maaksessies, registrations } from "./schema.ts";

/** What a mail about a session says of the session itself. */
export interface SessionMailFacts {
  id: string;
  organisationId: string;
  title: string;
  date: string;
  startsAt: string;
  endsAt: string;
  place: string | null;
  onlineUrl: string | null;
}

export interface LinkOptions {
  publicUrl: string;
  linkSecret: string;
}

const formatDay = (locale: string, day: string) =>
  new Intl.DateTimeFormat(locale, { dateStyle: "full", timeZone: "UTC" }).format(
    new Date(`${day}T00:00:00Z`),
  );

/**
 * A mail to a registrant, in their language: confirmation, waiting list, promotion or reminder.
 * The first link is their own page (status, check-in code and QR, cancel); then the calendar file.
 */
export function registrationMail(
  kind: "confirmed" | "waiting" | "promoted" | "reminder" | "changed",
  session: SessionMailFacts,
  registration: RegistrationMailFacts,
  options: LinkOptions,
): Mail {
  const locale = isLocale(registration.locale) ? registration.locale : defaultLocale;
  const t = translator(locale);
  const token = registrationToken(options.linkSecret, registration.id);
  const values = {
    name: registration.name,
    title: session.title,
    date: formatDay(locale, session.date),
    start: session.startsAt.slice(0, 5),
    end: session.endsAt.slice(0, 5),
    place: session.place ?? session.onlineUrl ?? "",
    code: registration.checkInCode,
    link: `${options.publicUrl}/sessies/${session.id}/aanmelding/${token}`,
    ics: `${options.publicUrl}/sessies/${session.id}/agenda.ics`,
  };
  return {
    to: registration.email,
    subject: t(`sessions-public:mail.${kind}.subject`, values),
    text: [
      t(`sessions-public:mail.${kind}.body`, values),
      t("sessions-public:mail.details", values),
      t("sessions-public:mail.links", values),
    ].join("\n\n"),
    organisationId: session.organisationId,
  };
}

/** Whether a change of a session is one its registrants must hear of: when or where it is. */
export function changesForRegistrants(before: SessionMailFacts, after: SessionMailFacts): boolean {
  const keys = ["date", "startsAt", "endsAt", "place", "onlineUrl"] as const;
  // Times come back from the database with seconds ("09:30:00") and from a form without.
  const value = (facts: SessionMailFacts, key: (typeof keys)[number]) => {
    const v = (facts[key] ?? "").trim();
    return key === "startsAt" || key === "endsAt" ? v.slice(0, 5) : v;
  };
  return keys.some((key) => value(before, key) !== value(after, key));
}

/**
 * Tells everyone with a place or on the waiting list, in their own language, how the session is
 * now (when and where), with their own page and the calendar file. `except`: registrations that
 * already got a mail with the new details (promoted from the waiting list by the same change).
 */
export async function sendChangeMails(
  db: Db,
  ctx: AuditContext,
  mailer: Mailer,
  session: SessionMailFacts,
  options: LinkOptions & { except?: string[] },
): Promise<number> {
  const except = options.except ?? [];
  // Reading the registrants' addresses to write to them is a processing of their data: recorded
  // per registration, in the same transaction, as the reminders are.
  const registrants = await db.transaction(async (tx) => {
    const rows = await tx
      .select({
        id: registrations.id,
        name: registrations.name,
        email: registrations.email,
        locale: registrations.locale,
        status: registrations.status,
        checkInCode: registrations.checkInCode,
      })
      .from(registrations)
      .where(
        and(
          eq(registrations.sessionId, session.id),
          inArray(registrations.status, ["aangemeld", "wachtlijst"]),
          except.length > 0 ? notInArray(registrations.id, except) : undefined,
        ),
      );
    for (const row of rows)
      await recordAudit(
        tx,
        ctx,
        registrationAudit(session, "notify", {
          resourceId: row.id,
          subjectId: row.id,
          details: { change: "session_changed" },
        }),
      );
    return rows;
  });
  for (const registration of registrants)
    await mailer.send(registrationMail("changed", session, registration, options));
  return registrants.length;
}

/**
 * Reminds everyone with a place, once, from REMINDER_DAYS_BEFORE days before the session.
 * Each registration is claimed (remindedAt set, audited) before its mail goes; a failed send
 * undoes the claim so the next run tries again. Safe on several instances at once.
 */
export async function sendSessionReminders(
  db: Db,
  mailer: Mailer,
  options: LinkOptions & { now?: Date },
): Promise<{ sent: number; failed: number }> {
  const now = options.now ?? new Date();
  const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Amsterdam" }).format(now);
  const until = new Date(`${today}T00:00:00Z`);
  until.setUTCDate(until.getUTCDate() + REMINDER_DAYS_BEFORE);
  const due = await db
    .select({
      id: registrations.id,
      sessionId: maaksessies.id,
      organisationId: maaksessies.organisationId,
      title: maaksessies.title,
      date: maaksessies.date,
      startsAt: maaksessies.startsAt,
      endsAt: maaksessies.endsAt,
      place: maaksessies.place,
      onlineUrl: maaksessies.onlineUrl,
    })
    .from(registrations)
    .innerJoin(maaksessies, eq(maaksessies.id, registrations.sessionId))
    .where(
      and(
        eq(registrations.status, "aangemeld"),
        isNull(registrations.remindedAt),
        gte(maaksessies.date, today),
        lte(maaksessies.date, until.toISOString().slice(0, 10)),
      ),
    );
  let sent = 0;
  let failed = 0;
  for (const item of due) {
    const session: SessionMailFacts = { ...item, id: item.sessionId };
    const claimed = await db.transaction(async (tx) => {
      const [row] = await tx
        .update(registrations)
        .set({ remindedAt: now })
        .where(
          and(
            eq(registrations.id, item.id),
            isNull(registrations.remindedAt),
            eq(registrations.status, "aangemeld"),
          ),
        )
        .returning();
      if (!row) return undefined;
      await recordAudit(
        tx,
        { actor: systemActor },
        registrationAudit(session, "notify", {
          resourceId: row.id,
          subjectId: row.id,
          details: { reminder: "session_soon" },
        }),
      );
      return row;
    });
    if (!claimed) continue;
    try {
      await mailer.send(registrationMail("reminder", session, claimed, options));
      sent++;
    } catch {
      failed++;
      await db
        .update(registrations)
        .set({ remindedAt: null })
        .where(and(eq(registrations.id, item.id), eq(registrations.remindedAt, now)));
    }
  }
  return { sent, failed };
}

/** The scheduled reminder job (src/platform/jobs/scheduler.ts): hourly, and once at start. */
export function sessionReminderJob(database: Database, mailer: Mailer, options: LinkOptions): Job {
  return {
    name: "session-reminders",
    everyMs: 60 * 60_000,
    runAtStart: true,
    run: async () => {
      const result = await sendSessionReminders(database.db, mailer, options);
      return result.sent + result.failed > 0 ? result : undefined;
    },
  };
}
