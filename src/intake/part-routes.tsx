import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { auditContext } from "../accounts/index.ts";
import { requireSignedIn } from "../platform/authz/index.ts";
import type { Config } from "../platform/config.ts";
import type { Db } from "../platform/db/client.ts";
import {
  recordDomainScores,
  recordEnforcementStep,
  removeEntry,
  saveCircumstances,
  saveDuties,
  saveEducationEntry,
  saveLearnability,
  saveOwnWords,
  saveWorkEntry,
} from "./commands.ts";
import { type FormState, handleForm } from "./http.ts";
import {
  circumstancesSchema,
  domainScoresSchema,
  dutiesSchema,
  educationSchema,
  enforcementSchema,
  learnabilitySchema,
  ownWordsSchema,
  removeSchema,
  workSchema,
} from "./input.ts";
import type {
  PresentedCircumstances,
  PresentedEducation,
  PresentedIntake,
  PresentedLearnability,
  PresentedWork,
} from "./presenter.ts";
import {
  getCircumstances,
  getDomainScores,
  getEducationAndWork,
  getEducationEntry,
  getEnforcement,
  getEnforcementLetter,
  getIntakePage,
  getIntakeRecord,
  getLearnability,
  getSideBySide,
  getWorkEntry,
  type IntakePage,
} from "./queries.ts";
import { EnforcementPage, LetterPage } from "./views/enforcement.tsx";
import { DutiesPage, dutiesValues, OwnWordsPage, ownWordsValues } from "./views/own-words.tsx";
import {
  CircumstancesPage,
  circumstancesValues,
  EducationFormPage,
  EducationWorkPage,
  educationValues,
  LearnabilityPage,
  learnabilityValues,
  WorkFormPage,
  workValues,
} from "./views/parts.tsx";
import { DomainsPage, ScoringPage, SideBySidePage } from "./views/scoring.tsx";
import { intakeUrl } from "./views/shared.tsx";

const params = (request: FastifyRequest) =>
  request.params as { id: string; cid?: string; eid?: string; sid?: string };

/** The statutory parts, the domains, own words, duties and the non-cooperation ladder. */
export function partRoutes(deps: { db: Db; config: Config }) {
  const { db, config } = deps;

  return async (app: FastifyInstance) => {
    const base = "/nieuwkomers/:id/intake";
    const saved = (request: FastifyRequest, location: string) => ({
      location,
      flash: request.t("intake:saved"),
    });

    // ─── Learnability test ─────────────────────────────────────────────────────────────────

    const showLearnability = async (
      request: FastifyRequest,
      reply: FastifyReply,
      state?: FormState,
    ) => {
      const { page, learnability } = await getLearnability(
        db,
        auditContext(request),
        params(request).id,
      );
      return reply.page(
        request.t("intake:parts.learnability"),
        <LearnabilityPage
          page={page}
          values={state?.values ?? learnabilityValues(learnability)}
          errors={state?.errors}
          conflict={
            state?.status === 409 ? (state.conflict as PresentedLearnability | null) : undefined
          }
          canUpdate={page.canUpdate}
        />,
        { status: state?.status ?? 200 },
      );
    };
    app.get(`${base}/leerbaarheidstoets`, async (request, reply) => {
      requireSignedIn(request.actor);
      return showLearnability(request, reply);
    });
    app.post(`${base}/leerbaarheidstoets`, async (request, reply) => {
      const { id } = params(request);
      return handleForm(request, reply, {
        schema: learnabilitySchema,
        save: async (data) => {
          await saveLearnability(db, auditContext(request), id, data);
          return saved(request, intakeUrl(id));
        },
        render: (state) => showLearnability(request, reply, state),
      });
    });

    // ─── Education and work ────────────────────────────────────────────────────────────────

    app.get(`${base}/opleiding-en-werk`, async (request, reply) => {
      requireSignedIn(request.actor);
      const view = await getEducationAndWork(db, auditContext(request), params(request).id);
      return reply.page(
        request.t("intake:parts.educationWork"),
        <EducationWorkPage {...view} canUpdate={view.page.canUpdate} />,
      );
    });

    for (const kind of ["education", "work"] as const) {
      const path = kind === "education" ? "opleiding" : "werk";
      const title = kind === "education" ? "intake:education.add" : "intake:work.add";

      /** The entry's form; after a refused removal (no input to keep) with the entry as stored now. */
      const show = async (
        request: FastifyRequest,
        reply: FastifyReply,
        state?: FormState,
        removal = false,
      ) => {
        const { id, eid } = params(request);
        const ctx = auditContext(request);
        let page: IntakePage;
        let values: Record<string, unknown> = {};
        if (eid) {
          const found =
            kind === "education"
              ? await getEducationEntry(db, ctx, id, eid)
              : await getWorkEntry(db, ctx, id, eid);
          page = found.page;
          values =
            kind === "education"
              ? educationValues(found.entry as PresentedEducation)
              : workValues(found.entry as PresentedWork);
        } else {
          page = await getIntakePage(db, ctx, id);
        }
        const props = {
          page,
          entryId: eid,
          values: removal ? values : (state?.values ?? values),
          errors: state?.errors,
          canUpdate: page.canUpdate,
        };
        const conflict = removal ? undefined : (state?.conflict ?? undefined);
        const body =
          kind === "education" ? (
            <EducationFormPage {...props} conflict={conflict as PresentedEducation | undefined} />
          ) : (
            <WorkFormPage {...props} conflict={conflict as PresentedWork | undefined} />
          );
        return reply.page(request.t(title), body, { status: state?.status ?? 200 });
      };

      app.get(`${base}/${path}/nieuw`, async (request, reply) => {
        requireSignedIn(request.actor);
        return show(request, reply);
      });
      app.get(`${base}/${path}/:eid`, async (request, reply) => {
        requireSignedIn(request.actor);
        return show(request, reply);
      });
      const back = (id: string) => intakeUrl(id, "/opleiding-en-werk");
      app.post(`${base}/${path}/nieuw`, async (request, reply) => {
        const { id } = params(request);
        const ctx = auditContext(request);
        return kind === "education"
          ? handleForm(request, reply, {
              schema: educationSchema,
              save: async (data) => {
                await saveEducationEntry(db, ctx, id, undefined, data);
                return saved(request, back(id));
              },
              render: (state) => show(request, reply, state),
            })
          : handleForm(request, reply, {
              schema: workSchema,
              save: async (data) => {
                await saveWorkEntry(db, ctx, id, undefined, data);
                return saved(request, back(id));
              },
              render: (state) => show(request, reply, state),
            });
      });
      app.post(`${base}/${path}/:eid`, async (request, reply) => {
        const { id, eid = "" } = params(request);
        const ctx = auditContext(request);
        return kind === "education"
          ? handleForm(request, reply, {
              schema: educationSchema,
              save: async (data) => {
                await saveEducationEntry(db, ctx, id, eid, data);
                return saved(request, back(id));
              },
              render: (state) => show(request, reply, state),
            })
          : handleForm(request, reply, {
              schema: workSchema,
              save: async (data) => {
                await saveWorkEntry(db, ctx, id, eid, data);
                return saved(request, back(id));
              },
              render: (state) => show(request, reply, state),
            });
      });
      app.post(`${base}/${path}/:eid/verwijderen`, async (request, reply) => {
        const { id, eid = "" } = params(request);
        return handleForm(request, reply, {
          schema: removeSchema,
          save: async (data) => {
            await removeEntry(db, auditContext(request), id, kind, eid, data.version);
            return { location: back(id), flash: request.t("intake:removed") };
          },
          render: (state) => show(request, reply, state, true),
        });
      });
    }

    // ─── Personal circumstances ────────────────────────────────────────────────────────────

    const showCircumstances = async (
      request: FastifyRequest,
      reply: FastifyReply,
      state?: FormState,
    ) => {
      const { page, circumstances } = await getCircumstances(
        db,
        auditContext(request),
        params(request).id,
      );
      return reply.page(
        request.t("intake:parts.circumstances"),
        <CircumstancesPage
          page={page}
          values={state?.values ?? circumstancesValues(circumstances)}
          errors={state?.errors}
          conflict={
            state?.status === 409 ? (state.conflict as PresentedCircumstances | null) : undefined
          }
          canUpdate={page.canUpdate}
        />,
        { status: state?.status ?? 200 },
      );
    };
    app.get(`${base}/omstandigheden`, async (request, reply) => {
      requireSignedIn(request.actor);
      return showCircumstances(request, reply);
    });
    app.post(`${base}/omstandigheden`, async (request, reply) => {
      const { id } = params(request);
      return handleForm(request, reply, {
        schema: circumstancesSchema,
        save: async (data) => {
          await saveCircumstances(db, auditContext(request), id, data);
          return saved(request, intakeUrl(id));
        },
        render: (state) => showCircumstances(request, reply, state),
      });
    });

    // ─── Domains ───────────────────────────────────────────────────────────────────────────

    app.get(`${base}/domeinen`, async (request, reply) => {
      requireSignedIn(request.actor);
      const view = await getDomainScores(db, auditContext(request), params(request).id);
      return reply.page(
        request.t("intake:parts.domains"),
        <DomainsPage {...view} canUpdate={view.page.canUpdate} />,
      );
    });

    const showScoring = async (request: FastifyRequest, reply: FastifyReply, state?: FormState) => {
      const view = await getDomainScores(db, auditContext(request), params(request).id);
      return reply.page(
        request.t("intake:domains.scoreTitle"),
        <ScoringPage
          page={view.page}
          latest={view.latest}
          values={state?.values ?? {}}
          errors={state?.errors}
        />,
        { status: state?.status ?? 200 },
      );
    };
    app.get(`${base}/domeinen/scoren`, async (request, reply) => {
      requireSignedIn(request.actor);
      return showScoring(request, reply);
    });
    app.post(`${base}/domeinen/scoren`, async (request, reply) => {
      const { id } = params(request);
      return handleForm(request, reply, {
        schema: domainScoresSchema,
        save: async (data) => {
          await recordDomainScores(db, auditContext(request), id, data);
          return saved(request, intakeUrl(id, "/domeinen"));
        },
        render: (state) => showScoring(request, reply, state),
      });
    });

    const showSideBySide = async (
      request: FastifyRequest,
      reply: FastifyReply,
      state?: FormState,
    ) => {
      const { id, cid = "" } = params(request);
      const view = await getSideBySide(db, auditContext(request), id, cid);
      return reply.page(
        request.t("intake:sideBySide.title"),
        <SideBySidePage
          page={view.page}
          conversation={view.conversation}
          latest={view.latest}
          values={state?.values ?? {}}
          errors={state?.errors}
        />,
        { status: state?.status ?? 200 },
      );
    };
    app.get(`${base}/gesprekken/:cid/samen`, async (request, reply) => {
      requireSignedIn(request.actor);
      return showSideBySide(request, reply);
    });
    app.post(`${base}/gesprekken/:cid/samen`, async (request, reply) => {
      const { id, cid = "" } = params(request);
      return handleForm(request, reply, {
        schema: domainScoresSchema,
        save: async (data) => {
          await recordDomainScores(db, auditContext(request), id, { ...data, conversationId: cid });
          return saved(request, intakeUrl(id, `/gesprekken/${cid}`));
        },
        render: (state) => showSideBySide(request, reply, state),
      });
    });

    // ─── Own words and duties ──────────────────────────────────────────────────────────────

    for (const part of ["ownWords", "duties"] as const) {
      const path = part === "ownWords" ? "eigen-woorden" : "plichten";
      const show = async (request: FastifyRequest, reply: FastifyReply, state?: FormState) => {
        const view = await getIntakeRecord(db, auditContext(request), params(request).id);
        const conflict = state?.status === 409 ? (state.conflict as PresentedIntake) : undefined;
        const body =
          part === "ownWords" ? (
            <OwnWordsPage
              view={view}
              values={state?.values ?? ownWordsValues(view.intake)}
              errors={state?.errors}
              conflict={conflict}
            />
          ) : (
            <DutiesPage
              view={view}
              values={state?.values ?? dutiesValues(view.intake)}
              errors={state?.errors}
              conflict={conflict}
            />
          );
        return reply.page(request.t(`intake:parts.${part}`), body, {
          status: state?.status ?? 200,
        });
      };
      app.get(`${base}/${path}`, async (request, reply) => {
        requireSignedIn(request.actor);
        return show(request, reply);
      });
      app.post(`${base}/${path}`, async (request, reply) => {
        const { id } = params(request);
        const ctx = auditContext(request);
        return part === "ownWords"
          ? handleForm(request, reply, {
              schema: ownWordsSchema,
              save: async (data) => {
                await saveOwnWords(db, ctx, id, data);
                return saved(request, intakeUrl(id));
              },
              render: (state) => show(request, reply, state),
            })
          : handleForm(request, reply, {
              schema: dutiesSchema,
              save: async (data) => {
                await saveDuties(db, ctx, id, data);
                return saved(request, intakeUrl(id));
              },
              render: (state) => show(request, reply, state),
            });
      });
    }

    // ─── The non-cooperation ladder ────────────────────────────────────────────────────────

    const showEnforcement = async (
      request: FastifyRequest,
      reply: FastifyReply,
      state?: FormState,
    ) => {
      const view = await getEnforcement(db, auditContext(request), params(request).id);
      return reply.page(
        request.t("intake:parts.enforcement"),
        <EnforcementPage
          {...view}
          fineAmountCents={config.FINE_AMOUNT_CENTS}
          values={state?.status === 409 ? {} : (state?.values ?? {})}
          errors={state?.errors}
          conflict={state?.status === 409}
        />,
        { status: state?.status ?? 200 },
      );
    };
    app.get(`${base}/handhaving`, async (request, reply) => {
      requireSignedIn(request.actor);
      return showEnforcement(request, reply);
    });
    app.post(`${base}/handhaving`, async (request, reply) => {
      const { id } = params(request);
      return handleForm(request, reply, {
        schema: enforcementSchema,
        save: async (data) => {
          const sid = await recordEnforcementStep(db, auditContext(request), id, data, {
            fineAmountCents: config.FINE_AMOUNT_CENTS,
          });
          return {
            location: intakeUrl(id, `/handhaving/${sid}/brief`),
            flash: request.t("intake:enforcement.recorded"),
          };
        },
        render: (state) => showEnforcement(request, reply, state),
      });
    });
    app.get(`${base}/handhaving/:sid/brief`, async (request, reply) => {
      requireSignedIn(request.actor);
      const { id, sid = "" } = params(request);
      const letter = await getEnforcementLetter(db, auditContext(request), id, sid);
      return reply.page(
        request.t("intake:enforcement.letterTitle"),
        <LetterPage letter={letter} />,
      );
    });
  };
}
