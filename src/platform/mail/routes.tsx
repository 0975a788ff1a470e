import type { FastifyInstance } from "fastify";
import type { Database } from "../db/client.ts";
import { Heading } from "../views/components.tsx";
import { latestOutboxMails } from "./mailer.ts";

/** Development only: the mails Koers would have sent, newest first. */
export function devOutboxRoutes(database: Database) {
  return async (app: FastifyInstance) => {
    app.get("/dev/outbox", async (request, reply) => {
      const mails = await latestOutboxMails(database.db);
      const { t } = request;
      return reply.page(
        t("common:outbox.title"),
        <>
          <Heading>{t("common:outbox.title")}</Heading>
          <p>{t("common:outbox.intro")}</p>
          {mails.length === 0 && <p>{t("common:outbox.empty")}</p>}
          {mails.map((m) => (
            <article key={m.id} class="koers-mail">
              <Heading level={2}>{m.subject}</Heading>
              <p>
                {t("common:outbox.to")}: <span class="koers-mail__to">{m.to}</span> ·{" "}
                <time dateTime={m.createdAt.toISOString()}>{m.createdAt.toISOString()}</time>
              </p>
              <pre class="koers-mail__text">{m.text}</pre>
            </article>
          ))}
        </>,
      );
    });
  };
}
