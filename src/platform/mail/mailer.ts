import { desc } from "drizzle-orm";
import nodemailer from "nodemailer";
import type { Db } from "../db/client.ts";
import { devOutbox } from "./schema.ts";

export interface Mail {
  to: string;
  subject: string;
  text: string;
  organisationId?: string | null;
}

export interface Mailer {
  send(mail: Mail): Promise<void>;
  /** True when mails go to the development outbox instead of SMTP. */
  readonly usesOutbox: boolean;
}

/** Sends mail over SMTP when SMTP_URL is set; otherwise keeps it in the development outbox. */
export function createMailer(
  config: { SMTP_URL?: string | undefined; MAIL_FROM: string },
  db: Db,
): Mailer {
  if (config.SMTP_URL) {
    const transport = nodemailer.createTransport(config.SMTP_URL);
    return {
      usesOutbox: false,
      async send(mail) {
        await transport.sendMail({
          from: config.MAIL_FROM,
          to: mail.to,
          subject: mail.subject,
          text: mail.text,
        });
      },
    };
  }
  return {
    usesOutbox: true,
    async send(mail) {
      await db.insert(devOutbox).values({
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        organisationId: mail.organisationId ?? null,
      });
    },
  };
}

/** The newest mails in the development outbox. */
export function latestOutboxMails(db: Db, limit = 50) {
  return db.select().from(devOutbox).orderBy(desc(devOutbox.createdAt)).limit(limit);
}
