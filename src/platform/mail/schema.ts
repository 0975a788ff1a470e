import { index, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";

/** Development outbox: mails Koers would have sent, shown at /dev/outbox when SMTP is not set. */
export const devOutbox = pgTable(
  "dev_outbox",
  {
    id: uuid().primaryKey().defaultRandom(),
    organisationId: uuid(),
    to: text().notNull(),
    subject: text().notNull(),
    text: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("dev_outbox_created").on(t.createdAt)],
);
