import type { FastifyInstance } from "fastify";
import { Heading } from "../platform/views/components.tsx";
import { useView } from "../platform/views/context.ts";

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

function Dashboard() {
  const { t, actor } = useView();
  return (
    <>
      <Heading>{t("common:home.dashboardTitle")}</Heading>
      <p>{t("common:home.greeting", { name: actor.name })}</p>
    </>
  );
}

/** The front page: a welcome for visitors, the dashboard for signed-in people. */
export function homeRoutes() {
  return async (app: FastifyInstance) => {
    app.get("/", async (request, reply) => {
      const signedIn = request.actor.kind === "staff" || request.actor.kind === "newcomer";
      return reply.page(
        signedIn ? request.t("common:home.dashboardTitle") : request.t("common:home.welcomeTitle"),
        signedIn ? <Dashboard /> : <Welcome />,
      );
    });
  };
}
