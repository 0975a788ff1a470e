import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { auditContext } from "../accounts/index.ts";
import { getPlanFile, InvalidPlanError, type PlanFile, type PlanGoal } from "../plans/index.ts";
import { NotFoundError, requireSignedIn } from "../platform/authz/index.ts";
import type { Database } from "../platform/db/client.ts";
import { ConflictError } from "../platform/http/errors.ts";
import { type FieldErrors, parseForm } from "../platform/http/forms.ts";
import { recordAdHocReview, recordReview, startPlanChange } from "./commands.ts";
import { formFromReview, inputFromForm, type ReviewFormData, reviewFormSchema } from "./input.ts";
import { reviewPolicy } from "./policy.ts";
import {
  findReviewedVersion,
  findReviewNewcomer,
  getProgress,
  getReview,
  type PresentedReview,
  type ReviewNewcomer,
} from "./queries.ts";
import { formatDay, todayInNetherlands } from "./rules.ts";
import { ProgressPage, planVersionPath, ReviewFormPage, ReviewPage } from "./views/pages.tsx";

type Params = { id: string; reviewId?: string };

const progressPath = (id: string) => `/nieuwkomers/${id}/voortgang`;

/** The goals of the plan version a review is held against (the version in force for a new one). */
const goalsOf = (file: PlanFile, planVersionId: string | null): PlanGoal[] =>
  (planVersionId ? file.versions.find((v) => v.id === planVersionId) : file.current)?.content
    .goals ?? [];

const nameOf = (file: PlanFile) => `${file.newcomer.givenNames} ${file.newcomer.familyName}`;

/** Progress reviews (voortgangsgesprekken) for the municipality's consultants and team leads. */
export function reviewRoutes(deps: { database: Database }) {
  const db = deps.database.db;

  /** The newcomer's policy facts; 404 when the actor may see none of their reviews. */
  const visibleNewcomer = async (request: FastifyRequest, id: string) => {
    const newcomer = await findReviewNewcomer(db, id);
    if (!newcomer || !reviewPolicy.can(request.actor, "review.read", newcomer))
      throw new NotFoundError("newcomer");
    return newcomer;
  };

  const mayChangePlan = (request: FastifyRequest, newcomer: ReviewNewcomer, file: PlanFile) =>
    !!file.current && reviewPolicy.can(request.actor, "review.changePlan", newcomer);

  /** Starts the plan change after a review, or says why it cannot (e.g. a concept is open). */
  const changePlanAfter = async (
    request: FastifyRequest,
    reply: FastifyReply,
    newcomerId: string,
    review: Pick<PresentedReview, "id" | "heldOn" | "whatChanged">,
  ) => {
    const { t, locale } = request;
    const reason = [
      t("reviews:planChange.reason", { date: formatDay(locale, review.heldOn ?? "") }),
      review.whatChanged,
    ]
      .filter(Boolean)
      .join(": ");
    try {
      const started = await startPlanChange(
        db,
        auditContext(request),
        newcomerId,
        review.id,
        reason,
      );
      return reply.seeOther(
        `${planVersionPath(newcomerId, started.number)}/bewerken`,
        t("reviews:planChange.started", { number: started.number }),
      );
    } catch (error) {
      if (!(error instanceof InvalidPlanError)) throw error;
      const message = Object.values(error.fields)[0];
      return reply.seeOther(
        `${progressPath(newcomerId)}/${review.id}`,
        message ? t(message.key, message.values) : t("reviews:planChange.failed"),
      );
    }
  };

  return async (app: FastifyInstance) => {
    app.get("/nieuwkomers/:id/voortgang", async (request, reply) => {
      requireSignedIn(request.actor);
      const { id } = request.params as Params;
      const file = await getProgress(db, auditContext(request), id, { withName: true });
      // Whether a plan is set (no personal data): the scheduled reviews follow from it.
      const plan = await findReviewedVersion(db, id, null);
      return reply.page(
        request.t("reviews:progress.title", { name: file.newcomer.name ?? "" }),
        <ProgressPage
          file={file}
          today={todayInNetherlands()}
          planSet={!!plan}
          canRecord={reviewPolicy.can(request.actor, "review.record", file.newcomer)}
        />,
      );
    });

    const showForm = async (
      request: FastifyRequest,
      reply: FastifyReply,
      options: {
        newcomer: ReviewNewcomer;
        review?: PresentedReview | undefined;
        values: Record<string, unknown>;
        version?: number | undefined;
        errors?: FieldErrors | undefined;
        stored?: Record<string, unknown> | undefined;
        status?: number;
      },
    ) => {
      const { t } = request;
      reviewPolicy.authorize(request.actor, "review.record", options.newcomer);
      const file = await getPlanFile(db, auditContext(request), options.newcomer.id);
      const review = options.review;
      const title = !review
        ? t("reviews:form.titleAdHoc")
        : review.heldOn
          ? t("reviews:form.titleEdit")
          : t("reviews:form.titleScheduled", {
              date: review.dueOn ? formatDay(request.locale, review.dueOn) : "",
            });
      const action = review
        ? `${progressPath(options.newcomer.id)}/${review.id}/bewerken`
        : `${progressPath(options.newcomer.id)}/nieuw`;
      return reply.page(
        title,
        <ReviewFormPage
          newcomer={{ id: options.newcomer.id, name: nameOf(file) }}
          action={action}
          title={title}
          goals={goalsOf(file, review?.planVersionId ?? null)}
          values={options.values}
          version={options.version}
          errors={options.errors}
          stored={options.stored}
          canChangePlan={mayChangePlan(request, options.newcomer, file)}
        />,
        { status: options.status ?? 200 },
      );
    };

    app.get("/nieuwkomers/:id/voortgang/nieuw", async (request, reply) => {
      requireSignedIn(request.actor);
      const { id } = request.params as Params;
      const newcomer = await visibleNewcomer(request, id);
      return showForm(request, reply, { newcomer, values: { heldOn: todayInNetherlands() } });
    });

    app.post("/nieuwkomers/:id/voortgang/nieuw", async (request, reply) => {
      const { actor, t } = request;
      requireSignedIn(actor);
      const { id } = request.params as Params;
      const newcomer = await visibleNewcomer(request, id);
      reviewPolicy.authorize(actor, "review.record", newcomer);
      const plan = await findReviewedVersion(db, id, null);
      const goalIds = plan?.goalIds ?? [];
      const form = parseForm(reviewFormSchema(goalIds, { planChange: !!plan }), request.body, t);
      if (!form.ok)
        return showForm(request, reply, {
          newcomer,
          values: form.values,
          errors: form.errors,
          status: 422,
        });
      const review = await recordAdHocReview(
        db,
        auditContext(request),
        id,
        inputFromForm(form.data as ReviewFormData, goalIds),
      );
      if (form.data.next === "plan") return changePlanAfter(request, reply, id, review);
      return reply.seeOther(`${progressPath(id)}/${review.id}`, t("reviews:form.saved"));
    });

    app.get("/nieuwkomers/:id/voortgang/:reviewId", async (request, reply) => {
      requireSignedIn(request.actor);
      const { id, reviewId = "" } = request.params as Params;
      const { newcomer, review } = await getReview(db, auditContext(request), id, reviewId);
      const file = await getPlanFile(db, auditContext(request), id);
      const ref = await visibleNewcomer(request, id);
      return reply.page(
        review.heldOn
          ? request.t("reviews:review.titleHeld", {
              date: formatDay(request.locale, review.heldOn),
            })
          : request.t("reviews:review.titleDue", {
              date: review.dueOn ? formatDay(request.locale, review.dueOn) : "",
            }),
        <ReviewPage
          newcomer={newcomer}
          review={review}
          goals={goalsOf(file, review.planVersionId)}
          canRecord={reviewPolicy.can(request.actor, "review.record", newcomer)}
          canChangePlan={mayChangePlan(request, ref, file)}
        />,
      );
    });

    app.get("/nieuwkomers/:id/voortgang/:reviewId/bewerken", async (request, reply) => {
      requireSignedIn(request.actor);
      const { id, reviewId = "" } = request.params as Params;
      const newcomer = await visibleNewcomer(request, id);
      reviewPolicy.authorize(request.actor, "review.record", newcomer);
      const { review } = await getReview(db, auditContext(request), id, reviewId);
      const values = review.heldOn
        ? formFromReview(review)
        : { ...formFromReview(review), heldOn: todayInNetherlands() };
      return showForm(request, reply, { newcomer, review, values, version: review.version });
    });

    app.post("/nieuwkomers/:id/voortgang/:reviewId/bewerken", async (request, reply) => {
      const { actor, t } = request;
      requireSignedIn(actor);
      const { id, reviewId = "" } = request.params as Params;
      const newcomer = await visibleNewcomer(request, id);
      reviewPolicy.authorize(actor, "review.record", newcomer);
      const { review } = await getReview(db, auditContext(request), id, reviewId);
      const plan = await findReviewedVersion(db, id, review.planVersionId);
      const current = review.planVersionId ? await findReviewedVersion(db, id, null) : plan;
      const goalIds = plan?.goalIds ?? [];
      const schema = reviewFormSchema(goalIds, { planChange: !!current });
      const form = parseForm(schema, request.body, t);
      const sentVersion = Number((request.body as Record<string, unknown>)?.version);
      if (!form.ok)
        return showForm(request, reply, {
          newcomer,
          review,
          values: form.values,
          version: Number.isInteger(sentVersion) ? sentVersion : review.version,
          errors: form.errors,
          status: 422,
        });
      const data = form.data as ReviewFormData;
      try {
        const saved = await recordReview(db, auditContext(request), id, reviewId, {
          ...inputFromForm(data, goalIds),
          version: Number(data.version ?? 0),
        });
        if (data.next === "plan") return changePlanAfter(request, reply, id, saved);
        return reply.seeOther(`${progressPath(id)}/${reviewId}`, t("reviews:form.saved"));
      } catch (error) {
        if (!(error instanceof ConflictError)) throw error;
        const stored = error.current as PresentedReview;
        return showForm(request, reply, {
          newcomer,
          review: stored,
          values: data,
          // Saving again is a deliberate choice to overwrite what is stored now.
          version: stored.version,
          errors: { _form: t("reviews:form.conflict") },
          stored: formFromReview(stored),
          status: 409,
        });
      }
    });

    app.post("/nieuwkomers/:id/voortgang/:reviewId/plan-aanpassen", async (request, reply) => {
      requireSignedIn(request.actor);
      const { id, reviewId = "" } = request.params as Params;
      const newcomer = await visibleNewcomer(request, id);
      reviewPolicy.authorize(request.actor, "review.changePlan", newcomer);
      const { review } = await getReview(db, auditContext(request), id, reviewId);
      return changePlanAfter(request, reply, id, review);
    });
  };
}
