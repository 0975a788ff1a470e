// What the newcomer said, for the consultant: /nieuwkomers/:id/reacties. The newcomer's own side
// is routes.tsx (/mijn-plan); the caseload's "reactie" signal points here until marked read.
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { auditContext } from "../accounts/index.ts";
import { displayName } from "../newcomers/index.ts";
import { requireSignedIn } from "../platform/authz/index.ts";
import type { Database } from "../platform/db/client.ts";
import { type FieldErrors, parseForm } from "../platform/http/forms.ts";
import { Button, ErrorSummary, Form, Heading } from "../platform/views/components.tsx";
import { useView } from "../platform/views/context.ts";
import {
  getNewcomerReactions,
  markReactionsSeen,
  type NewcomerReaction,
  type ReactionsNewcomer,
} from "./consultant-queries.ts";

/** The page's path for a newcomer. */
export const reactionsPath = (newcomerId: string) => `/nieuwkomers/${newcomerId}/reacties`;

// One field or several: a form with one hidden input sends a string, with more a list.
const idList = z
  .union([z.guid(), z.array(z.guid()).max(1000)])
  .optional()
  .transform((v) => (v === undefined ? [] : typeof v === "string" ? [v] : v));
const markSeenSchema = z.object({ stem: idList, reactie: idList });

function formatMoment(locale: string, at: Date): string {
  return new Intl.DateTimeFormat(locale, {
    dateStyle: "medium",
    timeStyle: "short",
    timeZone: "Europe/Amsterdam",
  }).format(at);
}

function languageName(reader: string, code: string): string {
  try {
    return new Intl.DisplayNames([reader, "nl"], { type: "language" }).of(code) ?? code;
  } catch {
    return code;
  }
}

function ReactionItem({ item }: { item: NewcomerReaction }) {
  const { t, locale } = useView();
  const about = [
    item.planVersion && t("portal-consultant:version", { number: item.planVersion.number }),
    item.goal &&
      t("portal-consultant:goal", {
        goal: item.goal.description ?? t("portal-consultant:goalUnknown"),
      }),
  ].filter(Boolean);
  return (
    <li class={`koers-reaction${item.kind === "oneens" ? " koers-reaction--disagrees" : ""}`}>
      <p>
        <strong>{t(`portal-consultant:kinds.${item.kind}`)}</strong>
        {!item.seen && <> ({t("portal-consultant:unseen")})</>}
        {" · "}
        <time dateTime={item.createdAt.toISOString()}>{formatMoment(locale, item.createdAt)}</time>
        {" · "}
        {item.author.self
          ? t("portal-consultant:byNewcomer")
          : t("portal-consultant:byOther", { name: item.author.name })}
      </p>
      {about.length > 0 && <p class="koers-muted">{about.join(" · ")}</p>}
      {item.text ? (
        <blockquote lang={item.locale} dir="auto">
          <p>{item.text}</p>
        </blockquote>
      ) : (
        <p class="koers-muted">{t("portal-consultant:noExplanation")}</p>
      )}
      {item.text && item.locale !== locale && (
        <p class="koers-muted">
          {t("portal-consultant:writtenIn", { language: languageName(locale, item.locale) })}
        </p>
      )}
    </li>
  );
}

/** The reactions page: newest first, unread ones marked, and one button to mark the shown ones read. */
export function ReactionsPage(props: {
  newcomer: ReactionsNewcomer;
  items: NewcomerReaction[];
  errors?: FieldErrors | undefined;
}) {
  const { t } = useView();
  const { newcomer, items } = props;
  const unseen = items.filter((i) => !i.seen);
  return (
    <>
      <Heading>{t("portal-consultant:title", { name: displayName(newcomer) })}</Heading>
      <ErrorSummary errors={props.errors} />
      <p>
        <a class="utrecht-link" href={`/nieuwkomers/${newcomer.id}`}>
          {t("portal-consultant:back")}
        </a>{" "}
        ·{" "}
        <a class="utrecht-link" href={`/nieuwkomers/${newcomer.id}/pip`}>
          {t("portal-consultant:plan")}
        </a>
      </p>
      <p>{t("portal-consultant:intro")}</p>
      {unseen.length > 0 && (
        <Form action={`${reactionsPath(newcomer.id)}/gelezen`}>
          {unseen.map((i) => (
            <input
              key={i.id}
              type="hidden"
              name={i.source === "voice" ? "stem" : "reactie"}
              value={i.id}
            />
          ))}
          <Button>{t("portal-consultant:markSeen", { count: unseen.length })}</Button>
        </Form>
      )}
      <section>
        <Heading level={2}>{t("portal-consultant:listTitle", { count: items.length })}</Heading>
        {items.length === 0 ? (
          <p>{t("portal-consultant:empty")}</p>
        ) : (
          <ol class="utrecht-ordered-list koers-reactions">
            {items.map((item) => (
              <ReactionItem key={item.id} item={item} />
            ))}
          </ol>
        )}
      </section>
    </>
  );
}

/** The consultant's view of the newcomer's voice: the page and marking it read. */
export function consultantReactionRoutes(deps: { database: Database }) {
  const db = deps.database.db;

  return async (app: FastifyInstance) => {
    const show = async (
      request: FastifyRequest,
      reply: FastifyReply,
      id: string,
      options: { errors?: FieldErrors; status?: number } = {},
    ) => {
      const { newcomer, items } = await getNewcomerReactions(db, auditContext(request), id);
      return reply.page(
        request.t("portal-consultant:title", { name: displayName(newcomer) }),
        <ReactionsPage newcomer={newcomer} items={items} errors={options.errors} />,
        { status: options.status ?? 200 },
      );
    };

    app.get("/nieuwkomers/:id/reacties", async (request, reply) => {
      requireSignedIn(request.actor);
      const { id } = request.params as { id: string };
      return show(request, reply, id);
    });

    app.post("/nieuwkomers/:id/reacties/gelezen", async (request, reply) => {
      requireSignedIn(request.actor);
      const { id } = request.params as { id: string };
      const form = parseForm(markSeenSchema, request.body, request.t);
      if (!form.ok) return show(request, reply, id, { errors: form.errors, status: 422 });
      const count = await markReactionsSeen(db, auditContext(request), {
        newcomerId: id,
        voiceIds: form.data.stem,
        reactionIds: form.data.reactie,
      });
      return reply.seeOther(
        reactionsPath(id),
        request.t("portal-consultant:markedSeen", { count }),
      );
    });
  };
}
