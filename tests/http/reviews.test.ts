import { and, eq, isNotNull } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { accounts } from "../../src/accounts/schema.ts";
import { auditEvents } from "../../src/audit/schema.ts";
import { domainScores } from "../../src/intake/schema.ts";
import { type PlanContent, plans, planVersions } from "../../src/plans/index.ts";
import type { Actor } from "../../src/platform/authz/actor.ts";
import { reviews, scheduleReviewsFor, sendReviewReminders } from "../../src/reviews/index.ts";
import { addDays, formatDay, todayInNetherlands } from "../../src/reviews/rules.ts";
import { createTestApp, type TestApp } from "../support/app.ts";
import type { TestClient } from "../support/client.ts";
import { databaseKinds } from "../support/database.ts";
import {
  buildAccount,
  buildNewcomer,
  buildOrganisation,
  signIn,
  type TestAccount,
} from "../support/factories.ts";

const today = todayInNetherlands();

/** A set plan's content with two goals and the given review dates. */
const planContent = (reviewDates: string[]): PlanContent => ({
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
  guidance: "Elke maand een gesprek.",
  goals: [
    { id: "doel-werk", kind: "werk", description: "Werk vinden in de zorg", steps: [] },
    { id: "doel-taal", kind: "taal", description: "Nederlands op B1", steps: [] },
  ],
  reviewSchedule: reviewDates.map((dueOn) => ({ dueOn })),
  monitoring: "",
});

describe.each(databaseKinds)("progress reviews (%s)", (kind) => {
  let t: TestApp;
  let orgId: string;
  let consultant: TestAccount;
  let colleague: TestAccount;
  let outsider: TestAccount;
  let asConsultant: TestClient;
  let asColleague: TestClient;
  let asOutsider: TestClient;

  const staffActor = (account: TestAccount): Actor => ({
    kind: "staff",
    accountId: account.id,
    organisationId: account.organisationId,
    organisationKind: "gemeente",
    roles: ["consulent"],
    mfa: true,
  });

  /**
   * A newcomer of the municipality with an intake scoring and a set plan whose schedule has been
   * turned into review rows (what setting the plan does through scheduleReviewsFor).
   */
  async function newcomerWithPlan(reviewDates: string[], name = "Amina") {
    const db = t.database.db;
    const newcomer = await buildNewcomer(db, {
      organisationId: orgId,
      givenNames: name,
      familyName: "Yusuf",
      assignedConsultantId: consultant.id,
    });
    await db.insert(domainScores).values({
      organisationId: orgId,
      newcomerId: newcomer.id,
      domain: "taal",
      consultantScore: 2,
      newcomerScore: 3,
      scoredOn: addDays(today, -90),
    });
    const [plan] = await db
      .insert(plans)
      .values({ organisationId: orgId, newcomerId: newcomer.id, firstSetOn: addDays(today, -60) })
      .returning();
    const [version] = await db
      .insert(planVersions)
      .values({
        organisationId: orgId,
        planId: plan?.id ?? "",
        newcomerId: newcomer.id,
        number: 1,
        status: "vastgesteld",
        setOn: addDays(today, -60),
        content: planContent(reviewDates),
      })
      .returning();
    if (!version) throw new Error("no version");
    const scheduled = await scheduleReviewsFor(db, { actor: staffActor(consultant) }, version);
    const rows = await db
      .select()
      .from(reviews)
      .where(eq(reviews.newcomerId, newcomer.id))
      .orderBy(reviews.dueOn);
    return { newcomer, version, scheduled, rows };
  }

  const reviewForm = (overrides: Record<string, string> = {}) => ({
    heldOn: today,
    "progress.doel-werk": "op_schema",
    "note.doel-werk": "Stage bij een verpleeghuis geregeld",
    "progress.doel-taal": "achter",
    "consultant.taal": "4",
    "newcomer.taal": "4",
    "consultant.huisvesting": "5",
    whatChanged: "Verhuisd naar een eigen woning.",
    ...overrides,
  });

  beforeAll(async () => {
    t = await createTestApp(kind);
    const db = t.database.db;
    const org = await buildOrganisation(db, { kind: "gemeente" });
    orgId = org.id;
    const other = await buildOrganisation(db, { kind: "gemeente" });
    consultant = await buildAccount(db, { organisationId: orgId, name: "Karin Klantregisseur" });
    colleague = await buildAccount(db, { organisationId: orgId, name: "Cor Collega" });
    outsider = await buildAccount(db, { organisationId: other.id, name: "Olaf Anderegem" });
    asConsultant = await signIn(t.app, consultant, "10.3.0.1");
    asColleague = await signIn(t.app, colleague, "10.3.0.2");
    asOutsider = await signIn(t.app, outsider, "10.3.0.3");
  });
  afterAll(async () => t?.close());

  it("turns a set plan's schedule into reviews, once, and lists them", async () => {
    const { newcomer, version, scheduled, rows } = await newcomerWithPlan([
      addDays(today, 30),
      addDays(today, 120),
    ]);
    expect(scheduled).toEqual({ added: 2, removed: 0, kept: 0 });
    expect(rows.map((r) => [r.kind, r.dueOn, r.planVersionId, r.heldOn])).toEqual([
      ["gepland", addDays(today, 30), version.id, null],
      ["gepland", addDays(today, 120), version.id, null],
    ]);
    const again = await scheduleReviewsFor(
      t.database.db,
      { actor: staffActor(consultant) },
      version,
    );
    expect(again).toEqual({ added: 0, removed: 0, kept: 2 });

    const page = await asConsultant.get(`/nieuwkomers/${newcomer.id}/voortgang`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("Voortgang van Amina Yusuf");
    expect(page.body).toContain(formatDay("nl", addDays(today, 30)));
    expect(page.body).toContain("Gepland gesprek");
    const [audit] = await t.database.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.requestId, String(page.headers["x-request-id"])));
    expect(audit).toMatchObject({
      action: "read",
      subjectId: newcomer.id,
      dataClasses: ["basic", "plan"],
      outcome: "allowed",
    });
  });

  it("records a scheduled review with progress per goal and the scores again", async () => {
    const { newcomer, rows } = await newcomerWithPlan([addDays(today, 30)]);
    const review = rows[0];
    if (!review) throw new Error("no review");
    const path = `/nieuwkomers/${newcomer.id}/voortgang/${review.id}`;
    const form = await asConsultant.get(`${path}/bewerken`);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain("Werk vinden in de zorg");
    expect(form.body).toContain('class="koers-pictogram"');
    const res = await asConsultant.post(`${path}/bewerken`, {
      ...reviewForm(),
      version: String(review.version),
    });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(path);
    const detail = await asConsultant.follow(res);
    expect(detail.body).toContain("Het gesprek is vastgelegd.");
    expect(detail.body).toContain("Op schema");
    expect(detail.body).toContain("Loopt achter");
    expect(detail.body).toContain("Stage bij een verpleeghuis geregeld");
    expect(detail.body).toContain("Verhuisd naar een eigen woning.");

    const [stored] = await t.database.db.select().from(reviews).where(eq(reviews.id, review.id));
    expect(stored).toMatchObject({ heldOn: today, version: review.version + 1 });
    expect(stored?.goalProgress).toEqual([
      { goalId: "doel-werk", progress: "op_schema", note: "Stage bij een verpleeghuis geregeld" },
      { goalId: "doel-taal", progress: "achter" },
    ]);
    const scores = await t.database.db
      .select()
      .from(domainScores)
      .where(eq(domainScores.reviewId, review.id))
      .orderBy(domainScores.domain);
    expect(scores.map((s) => [s.domain, s.consultantScore, s.newcomerScore, s.scoredOn])).toEqual([
      ["taal", 4, 4, today],
      ["huisvesting", 5, null, today],
    ]);
  });

  it("charts each domain's scores as an accessible SVG with a table of the same numbers", async () => {
    const { newcomer, rows } = await newcomerWithPlan([addDays(today, 30)]);
    await asConsultant.post(
      `/nieuwkomers/${newcomer.id}/voortgang/${rows[0]?.id}/bewerken`,
      { ...reviewForm({ "newcomer.taal": "3" }), version: "1" },
      { from: `/nieuwkomers/${newcomer.id}/voortgang/${rows[0]?.id}/bewerken` },
    );
    const page = await asConsultant.get(`/nieuwkomers/${newcomer.id}/voortgang`);
    const html = page.body;
    const chart = html.match(/<svg class="koers-score-chart"[\s\S]*?<\/svg>/)?.[0] ?? "";
    expect(chart).toContain('role="img"');
    expect(chart).toContain('aria-labelledby="score-chart-taal-title"');
    expect(chart).toContain('aria-describedby="score-chart-taal-desc"');
    expect(chart).toContain('<title id="score-chart-taal-title">Taal: score over tijd</title>');
    const desc = chart.match(/<desc id="score-chart-taal-desc">([^<]*)<\/desc>/)?.[1] ?? "";
    expect(desc).toContain("Volgens de consulent gestegen van 2 naar 4.");
    expect(desc).toContain("Volgens de nieuwkomer gelijk gebleven: van 3 naar 3.");
    expect(desc).toContain("2 metingen");
    // The two series differ by line style and marker shape, and the legend names both.
    const consultantSeries = chart.match(/data-series="consultant">([\s\S]*?)<\/g>/)?.[1] ?? "";
    const newcomerSeries = chart.match(/data-series="newcomer">([\s\S]*?)<\/g>/)?.[1] ?? "";
    expect(consultantSeries).toContain("<polyline");
    expect(consultantSeries).not.toContain("stroke-dasharray");
    expect(consultantSeries.match(/<circle/g)).toHaveLength(2);
    expect(newcomerSeries).toContain('stroke-dasharray="7 5"');
    expect(newcomerSeries.match(/<rect/g)).toHaveLength(2);
    expect(chart).toContain(">Consulent</text>");
    expect(chart).toContain(">Nieuwkomer</text>");
    // Housing was scored once: its description says so.
    expect(html).toContain("Eén score van de consulent: 5.");

    const table = html.match(
      /<caption[^>]*>Scores voor Taal over tijd<\/caption>[\s\S]*?<\/table>/,
    )?.[0];
    expect(table).toBeDefined();
    const cells = [...(table ?? "").matchAll(/<td[^>]*>([^<]*)<\/td>/g)].map((m) => m[1]);
    expect(cells).toEqual([
      formatDay("nl", addDays(today, -90)),
      "Brede intake",
      "2",
      "3",
      formatDay("nl", today),
      "Voortgangsgesprek",
      "4",
      "3",
    ]);
    expect(html).toMatch(/<details class="koers-score-table"><summary>Tabel: Taal<\/summary>/);
  });

  it("refuses a stale save with 409, shows both versions and loses nothing", async () => {
    const { newcomer, rows } = await newcomerWithPlan([addDays(today, 30)]);
    const path = `/nieuwkomers/${newcomer.id}/voortgang/${rows[0]?.id}/bewerken`;
    await asConsultant.get(path);
    await asColleague.get(path);
    const first = await asConsultant.post(path, {
      ...reviewForm({ whatChanged: "Eerste versie van Karin." }),
      version: "1",
    });
    expect(first.statusCode).toBe(303);
    const stale = await asColleague.post(path, {
      ...reviewForm({ whatChanged: "Tweede versie van Cor.", "consultant.taal": "1" }),
      version: "1",
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.body).toContain("Iemand anders heeft dit gesprek intussen opgeslagen");
    // Cor's input is still in the form, Karin's stored text beside it.
    expect(stale.body).toMatch(
      /<textarea[^>]*name="whatChanged"[^>]*>Tweede versie van Cor.<\/textarea>/,
    );
    expect(stale.body).toMatch(/<td[^>]*><bdi[^>]*>Eerste versie van Karin.<\/bdi><\/td>/);
    expect(stale.body).toContain('name="version" value="2"');
    const [kept] = await t.database.db
      .select()
      .from(reviews)
      .where(eq(reviews.id, rows[0]?.id ?? ""));
    expect(kept).toMatchObject({ whatChanged: "Eerste versie van Karin.", version: 2 });

    // Saving again after seeing both is a deliberate overwrite.
    const again = await asColleague.post(path, {
      ...reviewForm({ whatChanged: "Tweede versie van Cor." }),
      version: "2",
    });
    expect(again.statusCode).toBe(303);
  });

  it("records an ad-hoc review and keeps input with field errors on a bad date", async () => {
    const { newcomer } = await newcomerWithPlan([]);
    const path = `/nieuwkomers/${newcomer.id}/voortgang/nieuw`;
    const bad = await asConsultant.post(
      path,
      reviewForm({ heldOn: addDays(today, 3), whatChanged: "Bewaar mij" }),
      { from: path },
    );
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain("Een gesprek kan niet in de toekomst gehouden zijn.");
    expect(bad.body).toContain("Bewaar mij");
    const res = await asConsultant.post(path, reviewForm());
    expect(res.statusCode).toBe(303);
    const [row] = await t.database.db
      .select()
      .from(reviews)
      .where(eq(reviews.newcomerId, newcomer.id));
    expect(row).toMatchObject({ kind: "tussentijds", heldOn: today, dueOn: null });
  });

  it("refuses a forged POST without a CSRF token and records nothing", async () => {
    const { newcomer } = await newcomerWithPlan([]);
    const res = await asConsultant.post(
      `/nieuwkomers/${newcomer.id}/voortgang/nieuw`,
      reviewForm(),
      { csrf: false },
    );
    expect(res.statusCode).toBe(403);
    const rows = await t.database.db
      .select()
      .from(reviews)
      .where(eq(reviews.newcomerId, newcomer.id));
    expect(rows).toEqual([]);
  });

  it("answers 404 to another municipality, for reading and for recording", async () => {
    const { newcomer, rows } = await newcomerWithPlan([addDays(today, 30)]);
    expect((await asOutsider.get(`/nieuwkomers/${newcomer.id}/voortgang`)).statusCode).toBe(404);
    expect(
      (await asOutsider.get(`/nieuwkomers/${newcomer.id}/voortgang/${rows[0]?.id}`)).statusCode,
    ).toBe(404);
    await asOutsider.get("/");
    const post = await asOutsider.post(`/nieuwkomers/${newcomer.id}/voortgang/nieuw`, reviewForm());
    expect(post.statusCode).toBe(404);
    expect(post.body).not.toContain("Amina");
    const refused = await t.database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.subjectId, newcomer.id), eq(auditEvents.outcome, "denied")));
    expect(refused.length).toBeGreaterThan(0);
    const stored = await t.database.db
      .select()
      .from(reviews)
      .where(and(eq(reviews.newcomerId, newcomer.id), isNotNull(reviews.heldOn)));
    expect(stored).toEqual([]);
  });

  it("changes the plan from a review: a new concept version, linked to the review", async () => {
    const { newcomer, rows } = await newcomerWithPlan([addDays(today, 30)]);
    const path = `/nieuwkomers/${newcomer.id}/voortgang/${rows[0]?.id}/bewerken`;
    await asConsultant.get(path);
    const noReason = await asConsultant.post(path, {
      ...reviewForm({ whatChanged: "" }),
      version: "1",
      next: "plan",
    });
    expect(noReason.statusCode).toBe(422);
    expect(noReason.body).toContain("dat is de reden om het plan aan te passen");
    const res = await asConsultant.post(path, { ...reviewForm(), version: "1", next: "plan" });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`/nieuwkomers/${newcomer.id}/pip/versies/2/bewerken`);
    const versions = await t.database.db
      .select()
      .from(planVersions)
      .where(eq(planVersions.newcomerId, newcomer.id))
      .orderBy(planVersions.number);
    expect(versions.map((v) => [v.number, v.status])).toEqual([
      [1, "vastgesteld"],
      [2, "concept"],
    ]);
    expect(versions[1]?.changeReason).toContain("Verhuisd naar een eigen woning.");
    const [review] = await t.database.db
      .select()
      .from(reviews)
      .where(eq(reviews.id, rows[0]?.id ?? ""));
    expect(review?.resultingPlanVersionId).toBe(versions[1]?.id);
    // A second click leads to the same version, not a third.
    await asConsultant.get(`/nieuwkomers/${newcomer.id}/voortgang/${rows[0]?.id}`);
    const twice = await asConsultant.post(
      `/nieuwkomers/${newcomer.id}/voortgang/${rows[0]?.id}/plan-aanpassen`,
      {},
    );
    expect(twice.headers.location).toBe(`/nieuwkomers/${newcomer.id}/pip/versies/2/bewerken`);
  });

  it("mails the assigned consultant once, in their language, without names", async () => {
    const soon = addDays(today, 5);
    const { newcomer, rows } = await newcomerWithPlan([soon, addDays(today, 60)], "Reminder");
    const options = { daysBefore: 7, publicUrl: "http://koers.test" };
    t.mailer.sent.length = 0;
    const first = await sendReviewReminders(t.database.db, t.mailer, options);
    const mine = t.mailer.sent.filter((m) => m.text.includes(newcomer.id));
    expect(mine).toHaveLength(1);
    expect(first.sent).toBeGreaterThanOrEqual(1);
    const mail = mine[0];
    expect(mail?.to).toBe(consultant.email);
    expect(mail?.subject).toBe(`Voortgangsgesprek op ${formatDay("nl", soon)}`);
    expect(mail?.text).toContain(`/nieuwkomers/${newcomer.id}/voortgang/${rows[0]?.id}`);
    expect(mail?.text).not.toContain("Reminder");
    expect(mail?.text).not.toContain("Yusuf");
    expect(mail?.text).not.toContain("Karin");
    const [row] = await t.database.db
      .select()
      .from(reviews)
      .where(eq(reviews.id, rows[0]?.id ?? ""));
    expect(row?.remindedAt).toBeInstanceOf(Date);
    // The link works for the consultant.
    expect((await asConsultant.get(t.mailer.linkTo(consultant.email))).statusCode).toBe(200);

    const second = await sendReviewReminders(t.database.db, t.mailer, options);
    expect(second).toEqual({ sent: 0, failed: 0 });
    expect(t.mailer.sent.filter((m) => m.text.includes(newcomer.id))).toHaveLength(1);

    // In the consultant's own language; the review 60 days out is not due for a reminder yet.
    await t.database.db
      .update(accounts)
      .set({ locale: "en" })
      .where(eq(accounts.id, consultant.id));
    const later = await sendReviewReminders(t.database.db, t.mailer, {
      ...options,
      now: new Date(Date.parse(`${addDays(today, 55)}T08:00:00Z`)),
    });
    expect(later.sent).toBeGreaterThanOrEqual(1);
    const english = t.mailer.sent.filter((m) => m.text.includes(rows[1]?.id ?? "-"));
    expect(english).toHaveLength(1);
    expect(english[0]?.subject).toBe(`Progress review on ${formatDay("en", addDays(today, 60))}`);
    await t.database.db
      .update(accounts)
      .set({ locale: "nl" })
      .where(eq(accounts.id, consultant.id));
  });
});
