import type { FastifyInstance } from "fastify";
import type { Database } from "../platform/db/client.ts";
import { Heading } from "../platform/views/components.tsx";
import { useView } from "../platform/views/context.ts";
import { type DashboardFigures, dashboardFigures } from "./queries.ts";

function Welcome() {
  const { t } = useView();
  return (
    <>
      <Heading>{t("common:home.welcomeTitle")}</Heading>
      <p>{t("common:home.welcomeIntro")}</p>
      <p>
        <a class="utrecht-button-link utrecht-button-link--primary-action" href="/inloggen">
          {t("common:home.signInCta")}
        </a>
      </p>
    </>
  );
}

function Figure(props: { label: string; value: number; href: string }) {
  return (
    <li class="koers-figure">
      <a class="utrecht-link" href={props.href}>
        <span class="koers-figure__value">{props.value}</span>{" "}
        <span class="koers-figure__label">{props.label}</span>
      </a>
    </li>
  );
}

function Dashboard({ figures }: { figures: DashboardFigures }) {
  const { t, actor } = useView();
  const items: { label: string; value: number; href: string }[] = [];
  if (figures.myNewcomers !== undefined)
    items.push({ label: t("home:myNewcomers"), value: figures.myNewcomers, href: "/nieuwkomers" });
  if (figures.organisationNewcomers !== undefined)
    items.push({
      label: t("home:organisationNewcomers"),
      value: figures.organisationNewcomers,
      href: "/nieuwkomers",
    });
  if (figures.organisationAccounts !== undefined)
    items.push({
      label: t("home:organisationAccounts"),
      value: figures.organisationAccounts,
      href: "/beheer/accounts",
    });
  if (figures.upcomingSessions !== undefined)
    items.push({
      label: t("home:upcomingSessions"),
      value: figures.upcomingSessions,
      href: "/maaksessies",
    });
  if (figures.organisations !== undefined)
    items.push({
      label: t("home:organisations"),
      value: figures.organisations,
      href: "/beheer/organisaties",
    });
  return (
    <>
      <Heading>{t("common:home.dashboardTitle")}</Heading>
      <p>
        {t("common:home.greeting", { name: actor.name })}
        {actor.organisationName && ` — ${actor.organisationName}`}
      </p>
      {items.length > 0 ? (
        <ul class="koers-figures" aria-label={t("home:figures")}>
          {items.map((i) => (
            <Figure key={i.href + i.label} {...i} />
          ))}
        </ul>
      ) : (
        <p>{t("home:nothingYet")}</p>
      )}
    </>
  );
}

/** The front page: a welcome for visitors, the dashboard for signed-in people. */
export function homeRoutes(database: Database) {
  return async (app: FastifyInstance) => {
    app.get("/", async (request, reply) => {
      const { actor, t } = request;
      if (actor.kind !== "staff" && actor.kind !== "newcomer") {
        return reply.page(t("common:home.welcomeTitle"), <Welcome />);
      }
      // A newcomer's home is their own plan.
      if (actor.kind === "newcomer") return reply.redirect("/mijn-plan", 303);
      const figures = await dashboardFigures(database.db, actor);
      return reply.page(t("common:home.dashboardTitle"), <Dashboard figures={figures} />);
    });
  };
}
