// Endpoints for a newcomer's brede intake, PIP and progress reviews, built on those capabilities:
// each authorizes (a municipality's own token, by scope; another organisation gets 404), audits
// every read as its pages do, and presents. The schemas here name only what a partner system may
// receive: no health data class appears in them at all, whatever the token's scopes.
import { z } from "zod";
// HOOK (intake/index.ts): switch to the intake capability's index once it exists.
import {
  getDomainScores,
  getEducationAndWork,
  getIntakeOverview,
  listConversations,
} from "../intake/queries.ts";
import {
  conversationKind,
  diplomaValuation,
  domains,
  educationLevel,
  learnabilityStatus,
  notTakenReason,
} from "../intake/schema.ts";
import {
  currentPlan,
  getPlanFile,
  getPlanVersions,
  leerroutes,
  type PresentedPlanVersion,
} from "../plans/index.ts";
import { NotFoundError } from "../platform/authz/index.ts";
import {
  getProgress,
  getReview,
  goalProgressValues,
  inputFromApi,
  type PresentedReview,
  recordAdHocReview,
  reviewInputSchema,
} from "../reviews/index.ts";
import { idParams } from "./contracts.ts";
import { defineEndpoint, type Endpoint } from "./endpoint.ts";

const date = z.iso.date();
const score = z.number().int().min(1).max(5).nullable();

// ─── Intake ─────────────────────────────────────────────────────────────────────────────────

const DomeinScore = z
  .object({
    domain: z.enum(domains),
    consultantScore: score.meta({ description: "De score van de consulent (1-5)." }),
    newcomerScore: score.meta({ description: "De eigen score van de nieuwkomer (1-5)." }),
    scoredOn: date,
  })
  .meta({ id: "DomeinScore", description: "De laatste score van een praktijkdomein." });

const IntakeSamenvatting = z
  .object({
    newcomerId: z.uuid(),
    startedOn: date.nullable(),
    completedOn: date.nullable(),
    conversations: z
      .array(z.object({ heldOn: date, kind: z.enum(conversationKind.enumValues) }))
      .meta({ description: "Gesprekken van de intake (datum en soort), nieuwste eerst." }),
    learnabilityTest: z
      .object({
        status: z.enum(learnabilityStatus.enumValues),
        takenOn: date.nullable(),
        score: z.number().int().nullable(),
        indication: z.string().nullable(),
        notTakenReason: z.enum(notTakenReason.enumValues).nullable(),
      })
      .nullable()
      .meta({ description: "Wettelijk onderdeel 1: de leerbaarheidstoets." }),
    education: z
      .array(
        z.object({
          country: z.string().nullable(),
          level: z.enum(educationLevel.enumValues),
          valuation: z.enum(diplomaValuation.enumValues),
          years: z.number().int().nullable(),
        }),
      )
      .meta({ description: "Wettelijk onderdeel 2: opleiding (ook in het land van herkomst)." }),
    work: z
      .array(
        z.object({
          country: z.string().nullable(),
          sector: z.string(),
          years: z.number().int().nullable(),
        }),
      )
      .meta({ description: "Wettelijk onderdeel 2: werkervaring." }),
    personalCircumstancesRecorded: z.boolean().meta({
      description: "Wettelijk onderdeel 3 is vastgelegd (de inhoud, met gezondheid, niet).",
    }),
    domainScores: z.array(DomeinScore),
    missing: z
      .array(z.string())
      .meta({ description: "Wat nog ontbreekt om de intake af te ronden." }),
  })
  .meta({
    id: "IntakeSamenvatting",
    description:
      "De brede intake in het kort. Gezondheid staat er nooit in: die gegevens zijn alleen voor " +
      "de toegewezen consulent.",
  });

const getIntake = defineEndpoint({
  operationId: "getIntake",
  method: "GET",
  path: "/nieuwkomers/{id}/intake",
  summary: "Samenvatting van de brede intake",
  description:
    "Gesprekken, de drie wettelijke onderdelen en de laatste scores per domein. Elke aanvraag " +
    "wordt vastgelegd in het logboek dataverwerkingen.",
  tag: "Brede intake",
  scopes: ["intake:lezen"],
  params: idParams,
  response: { status: 200, description: "De samenvatting.", schema: IntakeSamenvatting },
  async handler({ params, db, ctx }) {
    const overview = await getIntakeOverview(db, ctx, params.id);
    const { conversations } = await listConversations(db, ctx, params.id);
    const { education, work } = await getEducationAndWork(db, ctx, params.id);
    const { latest } = await getDomainScores(db, ctx, params.id);
    const lbt = overview.learnability;
    return {
      newcomerId: params.id,
      startedOn: overview.startedOn,
      completedOn: overview.intake.completedOn,
      conversations: conversations.map((c) => ({ heldOn: c.heldOn, kind: c.kind })),
      learnabilityTest: lbt && {
        status: lbt.status,
        takenOn: lbt.takenOn,
        score: lbt.score,
        indication: lbt.indication,
        notTakenReason: lbt.notTakenReason,
      },
      education: education.map((e) => ({
        country: e.country,
        level: e.level,
        valuation: e.valuation,
        years: e.years,
      })),
      work: work.map((w) => ({ country: w.country, sector: w.sector, years: w.years })),
      personalCircumstancesRecorded: overview.circumstancesRecorded,
      domainScores: domains.flatMap((domain) => {
        const s = latest[domain];
        return s
          ? [
              {
                domain,
                consultantScore: s.consultantScore,
                newcomerScore: s.newcomerScore,
                scoredOn: s.scoredOn,
              },
            ]
          : [];
      }),
      missing: overview.missing,
    };
  },
});

// ─── PIP ────────────────────────────────────────────────────────────────────────────────────

const PipInhoud = z
  .object({
    leerroute: z.enum(leerroutes),
    routeAdvice: z.object({ route: z.enum(leerroutes), reasons: z.array(z.string()) }),
    deviationReason: z.string().optional(),
    a2Option: z.boolean().optional(),
    languageProvider: z
      .object({ organisationId: z.uuid().optional(), name: z.string() })
      .optional(),
    hoursPerWeek: z.number().optional(),
    components: z.object({
      knm: z.boolean(),
      pvt: z.object({ applies: z.boolean(), hours: z.number() }),
      map: z.object({ applies: z.boolean(), hours: z.number() }),
      zRouteHours: z.object({ course: z.number(), participation: z.number() }).optional(),
      ontzorgen: z.object({ applies: z.boolean(), months: z.number(), costs: z.array(z.string()) }),
      paidBy: z.enum(["gemeente", "inburgeraar_duo_lening"]),
    }),
    preconditions: z.object({
      childcare: z.string().optional(),
      travel: z.string().optional(),
      other: z.string().optional(),
    }),
    guidance: z.string(),
    goals: z.array(
      z.object({
        id: z.string(),
        kind: z.string(),
        description: z.string(),
        steps: z.array(
          z.object({
            id: z.string(),
            what: z.string(),
            who: z.string(),
            dueOn: z.string().optional(),
            status: z.string(),
          }),
        ),
      }),
    ),
    reviewSchedule: z.array(z.object({ dueOn: date, note: z.string().optional() })),
    monitoring: z.string(),
  })
  .meta({ id: "PipInhoud", description: "De onderdelen van één versie van het PIP." });

const versionSummary = {
  number: z.number().int().min(1),
  status: z.enum(["concept", "besproken", "vastgesteld", "vervangen"]),
  discussedOn: date.nullable(),
  setOn: date
    .nullable()
    .meta({ description: "De datum van de beschikking (vastgestelde versie)." }),
  changeReason: z.string().nullable(),
  createdAt: z.iso.datetime(),
};

const PipVersieSamenvatting = z
  .object(versionSummary)
  .meta({ id: "PipVersieSamenvatting", description: "Een versie van het PIP, zonder inhoud." });

const PipVersie = z
  .object({ ...versionSummary, content: PipInhoud })
  .meta({ id: "PipVersie", description: "Een versie van het PIP met haar inhoud." });

const Pip = z
  .object({
    newcomerId: z.uuid(),
    firstSetOn: date.nullable().meta({
      description: "De datum van de eerste vastgestelde versie; de termijn begint de dag erna.",
    }),
    term: z
      .object({
        start: date,
        end: date,
        routeChangeUntil: date,
        extensionsMonths: z.number().int(),
      })
      .nullable(),
    legalRemedy: z.string().meta({ description: "Bezwaar of beroep tegen de beschikking." }),
    current: PipVersie.nullable().meta({
      description: "De versie die geldt (de nieuwste vastgestelde).",
    }),
    draftNumber: z
      .number()
      .int()
      .nullable()
      .meta({ description: "Het nummer van de versie in voorbereiding, als die er is." }),
  })
  .meta({ id: "Pip", description: "Het persoonlijk Plan Inburgering en Participatie." });

const summaryOf = (v: PresentedPlanVersion) => ({
  number: v.number,
  status: v.status,
  discussedOn: v.discussedOn,
  setOn: v.setOn,
  changeReason: v.changeReason,
  createdAt: v.createdAt.toISOString(),
});
const versionOf = (v: PresentedPlanVersion) => ({ ...summaryOf(v), content: v.content });

const getPip = defineEndpoint({
  operationId: "getPip",
  method: "GET",
  path: "/nieuwkomers/{id}/pip",
  summary: "Het PIP, met de versie die geldt",
  description: "404 als er (nog) geen plan is. Elke aanvraag wordt vastgelegd in het logboek.",
  tag: "PIP",
  scopes: ["plannen:lezen"],
  params: idParams,
  response: { status: 200, description: "Het plan.", schema: Pip },
  async handler({ params, db, ctx }) {
    const plan = await currentPlan(db, ctx, params.id);
    if (!plan.plan) throw new NotFoundError("plan");
    return {
      newcomerId: params.id,
      firstSetOn: plan.plan.firstSetOn,
      term: plan.term ?? null,
      legalRemedy: plan.plan.legalRemedy,
      current: plan.current ? versionOf(plan.current) : null,
      draftNumber: plan.draft?.number ?? null,
    };
  },
});

const listPipVersions = defineEndpoint({
  operationId: "listPipVersies",
  method: "GET",
  path: "/nieuwkomers/{id}/pip/versies",
  summary: "Alle versies van het PIP",
  description: "Nummer, status en datums, oudste eerst; elke versie blijft bewaard.",
  tag: "PIP",
  scopes: ["plannen:lezen"],
  params: idParams,
  response: {
    status: 200,
    description: "De versies.",
    schema: z.object({ data: z.array(PipVersieSamenvatting) }).meta({ id: "PipVersieLijst" }),
  },
  async handler({ params, db, ctx }) {
    const file = await getPlanFile(db, ctx, params.id);
    return { data: file.versions.map(summaryOf) };
  },
});

const getPipVersion = defineEndpoint({
  operationId: "getPipVersie",
  method: "GET",
  path: "/nieuwkomers/{id}/pip/versies/{nummer}",
  summary: "Eén versie van het PIP",
  tag: "PIP",
  scopes: ["plannen:lezen"],
  params: idParams.extend({
    nummer: z.coerce.number().int().min(1).max(10_000).meta({ description: "Het versienummer." }),
  }),
  response: { status: 200, description: "De versie.", schema: PipVersie },
  async handler({ params, db, ctx }) {
    const { versions } = await getPlanVersions(db, ctx, params.id, [params.nummer]);
    const version = versions[0];
    if (!version) throw new NotFoundError("plan version");
    return versionOf(version);
  },
});

// ─── Progress reviews ───────────────────────────────────────────────────────────────────────

const Voortgangsgesprek = z
  .object({
    id: z.uuid(),
    kind: z.enum(["gepland", "tussentijds"]),
    dueOn: date.nullable().meta({ description: "De afgesproken datum (gepland gesprek)." }),
    heldOn: date
      .nullable()
      .meta({ description: "Wanneer het gesprek is gehouden; null: nog niet." }),
    planVersionNumber: z.number().int().nullable(),
    goalProgress: z.array(
      z.object({
        goalId: z.string(),
        progress: z.enum(goalProgressValues),
        note: z.string().optional(),
      }),
    ),
    scores: z.array(
      z.object({ domain: z.enum(domains), consultantScore: score, newcomerScore: score }),
    ),
    whatChanged: z.string().nullable(),
    resultingPlanVersionNumber: z
      .number()
      .int()
      .nullable()
      .meta({ description: "De versie van het plan die uit dit gesprek volgde." }),
    version: z.number().int(),
  })
  .meta({ id: "Voortgangsgesprek", description: "Een voortgangsgesprek: gepland of tussentijds." });

const presentReview = (r: PresentedReview) => ({
  id: r.id,
  kind: r.kind,
  dueOn: r.dueOn,
  heldOn: r.heldOn,
  planVersionNumber: r.planVersionNumber,
  goalProgress: r.goalProgress,
  scores: r.scores,
  whatChanged: r.whatChanged,
  resultingPlanVersionNumber: r.resultingPlanVersionNumber,
  version: r.version,
});

const listReviews = defineEndpoint({
  operationId: "listVoortgangsgesprekken",
  method: "GET",
  path: "/nieuwkomers/{id}/voortgangsgesprekken",
  summary: "Voortgangsgesprekken van een nieuwkomer",
  description: "Gehouden en geplande gesprekken. Elke aanvraag wordt vastgelegd in het logboek.",
  tag: "Voortgang",
  scopes: ["voortgang:lezen"],
  params: idParams,
  response: {
    status: 200,
    description: "De gesprekken.",
    schema: z.object({ data: z.array(Voortgangsgesprek) }).meta({ id: "VoortgangsgesprekLijst" }),
  },
  async handler({ params, db, ctx }) {
    const progress = await getProgress(db, ctx, params.id, { withHistory: false });
    return { data: progress.reviews.map(presentReview) };
  },
});

const getReviewEndpoint = defineEndpoint({
  operationId: "getVoortgangsgesprek",
  method: "GET",
  path: "/nieuwkomers/{id}/voortgangsgesprekken/{gesprekId}",
  summary: "Eén voortgangsgesprek",
  tag: "Voortgang",
  scopes: ["voortgang:lezen"],
  params: idParams.extend({ gesprekId: z.uuid().meta({ description: "Het id van het gesprek." }) }),
  response: { status: 200, description: "Het gesprek.", schema: Voortgangsgesprek },
  async handler({ params, db, ctx }) {
    const { review } = await getReview(db, ctx, params.id, params.gesprekId, { withName: false });
    return presentReview(review);
  },
});

const createReview = defineEndpoint({
  operationId: "createVoortgangsgesprek",
  method: "POST",
  path: "/nieuwkomers/{id}/voortgangsgesprekken",
  summary: "Tussentijds voortgangsgesprek vastleggen",
  description:
    "Voortgang per doel van het geldende plan, de scores per domein en wat er veranderd is. " +
    "Antwoordt met Location.",
  tag: "Voortgang",
  scopes: ["voortgang:schrijven"],
  params: idParams,
  body: reviewInputSchema.meta({ id: "VoortgangsgesprekInvoer" }),
  response: { status: 201, description: "Het vastgelegde gesprek.", schema: Voortgangsgesprek },
  async handler({ params, body, db, ctx, reply }) {
    const review = await recordAdHocReview(db, ctx, params.id, inputFromApi(body));
    reply.header("location", `/api/v1/nieuwkomers/${params.id}/voortgangsgesprekken/${review.id}`);
    return presentReview(review);
  },
});

/** The intake, PIP and progress review endpoints, in the order the OpenAPI document lists them. */
export const intakePlanEndpoints: readonly Endpoint[] = [
  getIntake,
  getPip,
  listPipVersions,
  getPipVersion,
  listReviews,
  getReviewEndpoint,
  createReview,
];
