import { and, eq, gte, inArray, isNull, lte } from "drizzle-orm";
// Tables from their schema files: accounts/index.ts would pull in route modules (see audit/queries.ts).
import { accounts, memberships } from "../accounts/schema.ts";
import { recordAudit } from "../audit/index.ts";
import { newcomers } from "../newcomers/index.ts";
import { systemActor } from "../platform/authz/actor.ts";
import type { Database, Db } from "../platform/db/client.ts";
import { defaultLocale, isLocale, translator } from "../platform/i18n/index.ts";
import type { Job } from "../platform/jobs/scheduler.ts";
import type { Mailer } from "../platform/mail/mailer.ts";
import { reviewAudit } from "./queries.ts";
import { addDays, formatDay, todayInNetherlands } from "./rules.ts";
import { reviews } from "./schema.ts";

export interface ReminderOptions {
  /** How many days before the due date the consultant hears of it. */
  daysBefore: number;
  /** Where links in the mail point (Config.publicUrl). */
  publicUrl: string;
  now?: Date;
}

/**
 * E-mails the assigned consultant of each review that is due within `daysBefore` days and not yet
 * held, once per review (reviews.remindedAt). The mail is in the consultant's language and says no
 * more than needed: a review is due on a date, for one of their newcomers, and a link — no names,
 * since mail leaves the municipality's systems. A review whose newcomer has no active consultant
 * of the municipality is left for a later run (someone may be assigned by then).
 *
 * Safe on several instances at once: a review is claimed by setting remindedAt where it is still
 * empty, so only one instance sends. The claim commits (with its audit record) before the mail is
 * sent; if sending fails the claim is undone, so the next run tries again.
 */
export async function sendReviewReminders(
  db: Db,
  mailer: Mailer,
  options: ReminderOptions,
): Promise<{ sent: number; failed: number }> {
  const now = options.now ?? new Date();
  const today = todayInNetherlands(now);
  const due = await db
    .select({
      id: reviews.id,
      dueOn: reviews.dueOn,
      newcomerId: reviews.newcomerId,
      organisationId: reviews.organisationId,
      consultantId: accounts.id,
      email: accounts.email,
      locale: accounts.locale,
    })
    .from(reviews)
    .innerJoin(newcomers, eq(newcomers.id, reviews.newcomerId))
    .innerJoin(accounts, eq(accounts.id, newcomers.assignedConsultantId))
    .innerJoin(
      memberships,
      and(
        eq(memberships.accountId, accounts.id),
        eq(memberships.organisationId, reviews.organisationId),
        inArray(memberships.role, ["consulent", "teamleider"]),
      ),
    )
    .where(
      and(
        isNull(reviews.heldOn),
        isNull(reviews.remindedAt),
        gte(reviews.dueOn, today),
        lte(reviews.dueOn, addDays(today, options.daysBefore)),
        eq(accounts.status, "active"),
      ),
    );
  // A consultant with two roles in the organisation appears twice in the join: one mail per review.
  const unique = [...new Map(due.map((r) => [r.id, r])).values()];

  let sent = 0;
  let failed = 0;
  for (const review of unique) {
    if (!review.dueOn) continue;
    const claimed = await db.transaction(async (tx) => {
      const [row] = await tx
        .update(reviews)
        .set({ remindedAt: now })
        .where(and(eq(reviews.id, review.id), isNull(reviews.remindedAt), isNull(reviews.heldOn)))
        .returning({ id: reviews.id });
      if (!row) return false;
      await recordAudit(
        tx,
        { actor: systemActor },
        reviewAudit({ id: review.newcomerId, organisationId: review.organisationId }, "notify", {
          resourceId: review.id,
          details: { reminder: "review_due", to: review.consultantId, dueOn: review.dueOn },
        }),
      );
      return true;
    });
    if (!claimed) continue;
    const locale = isLocale(review.locale) ? review.locale : defaultLocale;
    const t = translator(locale);
    const link = `${options.publicUrl}/nieuwkomers/${review.newcomerId}/voortgang/${review.id}`;
    const date = formatDay(locale, review.dueOn);
    try {
      await mailer.send({
        to: review.email,
        subject: t("reviews:reminder.subject", { date }),
        text: t("reviews:reminder.body", { date, link }),
        organisationId: review.organisationId,
      });
      sent++;
    } catch {
      failed++;
      await db
        .update(reviews)
        .set({ remindedAt: null })
        .where(and(eq(reviews.id, review.id), eq(reviews.remindedAt, now)));
    }
  }
  return { sent, failed };
}

/**
 * The scheduled job for the reminders (src/platform/jobs/scheduler.ts): hourly, and once at start,
 * so a reminder goes out on the morning it becomes due even after a restart.
 */
export function reviewReminderJob(
  database: Database,
  mailer: Mailer,
  options: Omit<ReminderOptions, "now">,
): Job {
  return {
    name: "review-reminders",
    everyMs: 60 * 60_000,
    runAtStart: true,
    run: async () => {
      const result = await sendReviewReminders(database.db, mailer, options);
      return result.sent + result.failed > 0 ? result : undefined;
    },
  };
}
