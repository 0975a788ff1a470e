import { eq } from "drizzle-orm";
import type { LightMyRequestResponse } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiToken } from "../../src/api/commands.ts";
import type { ApiScope } from "../../src/api/rules.ts";
import { auditEvents } from "../../src/audit/schema.ts";
import {
  conversations,
  domainScores,
  learnabilityTests,
  personalCircumstances,
} from "../../src/intake/schema.ts";
import { type PlanContent, plans, planVersions } from "../../src/plans/index.ts";
import { systemActor } from "../../src/platform/authz/actor.ts";
import { reviews, scheduleReviewsFor } from "../../src/reviews/index.ts";
import { addDays, todayInNetherlands } from "../../src/reviews/rules.ts";
import { createTestApp, type TestApp } from "../support/app.ts";
import { databaseKinds } from "../support/database.ts";
import { buildAccount, buildNewcomer, buildOrganisation } from "../support/factories.ts";

type Json = Record<string, unknown>;
const today = todayInNetherlands();

const content = (description: string, reviewDates: string[]): PlanContent => ({
  leerroute: "b1",
  routeAdvice: { route: "b1", reasons: [] },
  components: {
    knm: true,
    pvt: { applies: true, hours: 0 },
    map: { applies: true, hours: 0 },
    ontzorgen: { applies: false, months: 0, costs: [] },
    paidBy: "gemeente",
  },
  preconditions: {},
  guidance: "",
  goals: [{ id: "doel-1", kind: "werk", description, steps: [] }],
  reviewSchedule: reviewDates.map((dueOn) => ({ dueOn })),
  monitoring: "",
});

describe.each(databaseKinds)("API: intake, PIP and progress reviews (%s)", (kind) => {
  let t: TestApp;
  let orgA: string;
  let orgB: string;
  let newcomerA: string;
  let newcomerB: string;
  const tokens: Partial<Record<string, string>> = {};

  const issue = async (organisationId: string, scopes: ApiScope[]) =>
    (
      await createApiToken(
        t.database.db,
        { actor: systemActor },
        { organisationId, name: "Zaaksysteem", scopes, expiresAt: null },
      )
    ).token;

  function api(
    method: "GET" | "POST",
    url: string,
    token: string | undefined,
    body?: unknown,
  ): Promise<LightMyRequestResponse> {
    return t.app.inject({
      method,
      url: `/api/v1${url}`,
      remoteAddress: "10.9.3.1",
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body === undefined ? {} : { "content-type": "application/json" }),
      },
      ...(body === undefined ? {} : { payload: JSON.stringify(body) }),
    });
  }

  const auditOf = (res: LightMyRequestResponse) =>
    t.database.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.requestId, String(res.headers["x-request-id"])));

  /** A newcomer with an intake (scores, a conversation, health needs) and a set plan. */
  async function newcomerWithFile(organisationId: string, goal: string) {
    const db = t.database.db;
    const consultant = await buildAccount(db, { organisationId });
    const n = await buildNewcomer(db, { organisationId, assignedConsultantId: consultant.id });
    await db.insert(conversations).values({
      organisationId,
      newcomerId: n.id,
      heldOn: addDays(today, -100),
      notes: "Gespreksnotitie die niet naar buiten gaat",
    });
    await db.insert(learnabilityTests).values({
      organisationId,
      newcomerId: n.id,
      status: "afgenomen",
      takenOn: addDays(today, -95),
      score: 62,
    });
    await db.insert(personalCircumstances).values({
      organisationId,
      newcomerId: n.id,
      healthNeeds: "Geheime gezondheidsbehoefte",
      acuteHealthNeeds: true,
    });
    await db.insert(domainScores).values({
      organisationId,
      newcomerId: n.id,
      domain: "taal",
      consultantScore: 2,
      newcomerScore: 3,
      scoredOn: addDays(today, -90),
    });
    const [plan] = await db
      .insert(plans)
      .values({ organisationId, newcomerId: n.id, firstSetOn: addDays(today, -60) })
      .returning();
    const [version] = await db
      .insert(planVersions)
      .values({
        organisationId,
        planId: plan?.id ?? "",
        newcomerId: n.id,
        number: 1,
        status: "vastgesteld",
        setOn: addDays(today, -60),
        content: content(goal, [addDays(today, 30)]),
      })
      .returning();
    if (!version) throw new Error("no version");
    await scheduleReviewsFor(db, { actor: systemActor }, version);
    return n.id;
  }

  beforeAll(async () => {
    t = await createTestApp(kind);
    orgA = (await buildOrganisation(t.database.db, { kind: "gemeente" })).id;
    orgB = (await buildOrganisation(t.database.db, { kind: "gemeente" })).id;
    newcomerA = await newcomerWithFile(orgA, "Werk in de bouw");
    newcomerB = await newcomerWithFile(orgB, "Geheim doel van B");
    tokens.intake = await issue(orgA, ["intake:lezen"]);
    tokens.plans = await issue(orgA, ["plannen:lezen"]);
    tokens.reviews = await issue(orgA, ["voortgang:lezen"]);
    tokens.writer = await issue(orgA, ["voortgang:lezen", "voortgang:schrijven"]);
    tokens.newcomers = await issue(orgA, ["nieuwkomers:lezen"]);
    tokens.ofB = await issue(orgB, ["intake:lezen", "plannen:lezen", "voortgang:lezen"]);
  });
  afterAll(async () => t?.close());

  it("documents every endpoint in the OpenAPI document", async () => {
    const doc = (await api("GET", "/openapi.json", undefined)).json() as {
      paths: Record<string, Record<string, Json>>;
    };
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        "/nieuwkomers/{id}/intake",
        "/nieuwkomers/{id}/pip",
        "/nieuwkomers/{id}/pip/versies",
        "/nieuwkomers/{id}/pip/versies/{nummer}",
        "/nieuwkomers/{id}/voortgangsgesprekken",
        "/nieuwkomers/{id}/voortgangsgesprekken/{gesprekId}",
      ]),
    );
    expect(doc.paths["/nieuwkomers/{id}/voortgangsgesprekken"]?.post).toBeDefined();
  });

  it("summarises the intake without health, audited as the token", async () => {
    const res = await api("GET", `/nieuwkomers/${newcomerA}/intake`, tokens.intake);
    expect(res.statusCode).toBe(200);
    const body = res.json() as Json;
    expect(body).toMatchObject({
      newcomerId: newcomerA,
      conversations: [{ heldOn: addDays(today, -100), kind: "intake" }],
      learnabilityTest: { status: "afgenomen", score: 62 },
      personalCircumstancesRecorded: true,
      domainScores: [{ domain: "taal", consultantScore: 2, newcomerScore: 3 }],
    });
    expect(res.body).not.toContain("Geheime gezondheidsbehoefte");
    expect(res.body).not.toContain("Gespreksnotitie");
    const audit = await auditOf(res);
    expect(audit.length).toBeGreaterThan(0);
    for (const row of audit) {
      expect(row).toMatchObject({ actorKind: "api", subjectId: newcomerA, outcome: "allowed" });
      expect(row.dataClasses).not.toContain("health");
    }
  });

  it("shows the PIP in force, its versions and one version", async () => {
    const pip = await api("GET", `/nieuwkomers/${newcomerA}/pip`, tokens.plans);
    expect(pip.statusCode).toBe(200);
    expect(pip.json()).toMatchObject({
      newcomerId: newcomerA,
      firstSetOn: addDays(today, -60),
      current: { number: 1, status: "vastgesteld", content: { leerroute: "b1" } },
      draftNumber: null,
    });
    const list = await api("GET", `/nieuwkomers/${newcomerA}/pip/versies`, tokens.plans);
    expect((list.json() as { data: Json[] }).data).toEqual([
      expect.objectContaining({ number: 1, status: "vastgesteld", setOn: addDays(today, -60) }),
    ]);
    expect(list.json()).not.toHaveProperty("data.0.content");
    const one = await api("GET", `/nieuwkomers/${newcomerA}/pip/versies/1`, tokens.plans);
    expect(one.statusCode).toBe(200);
    expect((one.json() as { content: { goals: Json[] } }).content.goals[0]).toMatchObject({
      description: "Werk in de bouw",
    });
    expect(
      (await api("GET", `/nieuwkomers/${newcomerA}/pip/versies/7`, tokens.plans)).statusCode,
    ).toBe(404);
    expect((await auditOf(one))[0]).toMatchObject({ actorKind: "api", outcome: "allowed" });
  });

  it("lists the reviews, records an ad-hoc one and answers 201 with Location", async () => {
    const list = await api("GET", `/nieuwkomers/${newcomerA}/voortgangsgesprekken`, tokens.reviews);
    expect(list.statusCode).toBe(200);
    expect((list.json() as { data: Json[] }).data).toEqual([
      expect.objectContaining({ kind: "gepland", dueOn: addDays(today, 30), heldOn: null }),
    ]);
    expect((await auditOf(list))[0]).toMatchObject({
      actorKind: "api",
      action: "read",
      dataClasses: ["plan"],
    });

    const res = await api("POST", `/nieuwkomers/${newcomerA}/voortgangsgesprekken`, tokens.writer, {
      heldOn: today,
      goalProgress: [
        { goalId: "doel-1", progress: "op_schema", note: "Gaat goed" },
        { goalId: "bestaat-niet", progress: "behaald" },
      ],
      scores: [{ domain: "taal", consultantScore: 4, newcomerScore: 5 }],
      whatChanged: "Cursus gestart",
    });
    expect(res.statusCode).toBe(201);
    const body = res.json() as Json;
    expect(body).toMatchObject({
      kind: "tussentijds",
      heldOn: today,
      planVersionNumber: 1,
      goalProgress: [{ goalId: "doel-1", progress: "op_schema", note: "Gaat goed" }],
      scores: [{ domain: "taal", consultantScore: 4, newcomerScore: 5 }],
      whatChanged: "Cursus gestart",
    });
    expect(res.headers.location).toBe(
      `/api/v1/nieuwkomers/${newcomerA}/voortgangsgesprekken/${body.id}`,
    );
    const again = await api("GET", String(res.headers.location).slice(7), tokens.reviews);
    expect(again.json()).toMatchObject({ id: body.id, whatChanged: "Cursus gestart" });
    expect((await auditOf(res))[0]).toMatchObject({ actorKind: "api", action: "create" });
  });

  it("refuses an invalid review with 400 and names each field", async () => {
    const res = await api("POST", `/nieuwkomers/${newcomerA}/voortgangsgesprekken`, tokens.writer, {
      heldOn: addDays(today, 2),
      scores: [{ domain: "taal", consultantScore: 9 }],
      extra: true,
    });
    expect(res.statusCode).toBe(400);
    const names = (res.json() as { invalidParams: { name: string; reason: string }[] })
      .invalidParams;
    expect(names.map((p) => p.name).sort()).toEqual([
      "extra",
      "heldOn",
      "scores.0.consultantScore",
    ]);
    expect(names.find((p) => p.name === "heldOn")?.reason).toBe(
      "Een gesprek kan niet in de toekomst gehouden zijn.",
    );
  });

  it("needs the endpoint's scope: 403 otherwise, and a read scope does not write", async () => {
    expect((await api("GET", `/nieuwkomers/${newcomerA}/pip`, tokens.newcomers)).statusCode).toBe(
      403,
    );
    expect((await api("GET", `/nieuwkomers/${newcomerA}/intake`, tokens.plans)).statusCode).toBe(
      403,
    );
    const before = await t.database.db
      .select()
      .from(reviews)
      .where(eq(reviews.newcomerId, newcomerA));
    const res = await api(
      "POST",
      `/nieuwkomers/${newcomerA}/voortgangsgesprekken`,
      tokens.reviews,
      {
        heldOn: today,
      },
    );
    expect(res.statusCode).toBe(403);
    const after = await t.database.db
      .select()
      .from(reviews)
      .where(eq(reviews.newcomerId, newcomerA));
    expect(after).toHaveLength(before.length);
  });

  it("answers 404 for another municipality's newcomer, on every endpoint", async () => {
    const reads: [string, string | undefined][] = [
      ["intake", tokens.intake],
      ["pip", tokens.plans],
      ["pip/versies", tokens.plans],
      ["pip/versies/1", tokens.plans],
      ["voortgangsgesprekken", tokens.reviews],
    ];
    for (const [path, token] of reads) {
      const res = await api("GET", `/nieuwkomers/${newcomerB}/${path}`, token);
      expect(res.statusCode, path).toBe(404);
      expect(res.body).not.toContain("Geheim doel van B");
    }
    const write = await api(
      "POST",
      `/nieuwkomers/${newcomerB}/voortgangsgesprekken`,
      tokens.writer,
      {
        heldOn: today,
        whatChanged: "Mag niet",
      },
    );
    expect(write.statusCode).toBe(404);
    const rowsOfB = await t.database.db
      .select()
      .from(reviews)
      .where(eq(reviews.newcomerId, newcomerB));
    expect(rowsOfB.every((r) => r.whatChanged !== "Mag niet")).toBe(true);
    // B's own token does see B's reviews.
    const own = await api("GET", `/nieuwkomers/${newcomerB}/voortgangsgesprekken`, tokens.ofB);
    expect(own.statusCode).toBe(200);
  });
});
