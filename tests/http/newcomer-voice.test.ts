import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditEvents } from "../../src/audit/schema.ts";
import { addDays, todayInNetherlands } from "../../src/newcomers/index.ts";
import { type PlanContent, plans, planVersions } from "../../src/plans/index.ts";
import { addVoice, reactToPlan } from "../../src/portal/commands.ts";
import { newcomerVoices, planReactions } from "../../src/portal/schema.ts";
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

const content = (goalText: string): PlanContent => ({
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
  goals: [{ id: "doel-werk", kind: "werk", description: goalText, steps: [] }],
  reviewSchedule: [],
  monitoring: "",
});

/** The newcomers listed on a caseload page, in order. */
const listed = (html: string) =>
  [...html.matchAll(/href="\/nieuwkomers\/([0-9a-f-]{36})">([^<]+)</g)].map((m) => m[2]);

describe.each(databaseKinds)("the newcomer's voice on the consultant's side (%s)", (kind) => {
  let t: TestApp;
  let orgId: string;
  let consultant: TestAccount;
  let asConsultant: TestClient;
  let asOutsider: TestClient;
  let semharId: string;
  let semharAccountId: string;
  let quietId: string;
  let commentOnlyId: string;
  let versionId: string;

  beforeAll(async () => {
    t = await createTestApp(kind);
    const db = t.database.db;
    orgId = (await buildOrganisation(db, { kind: "gemeente" })).id;
    const otherOrgId = (await buildOrganisation(db, { kind: "gemeente" })).id;
    consultant = await buildAccount(db, { organisationId: orgId, name: "Karin Klantregisseur" });
    const keyPerson = await buildAccount(db, {
      organisationId: orgId,
      name: "Yonas Sleutel",
      roles: ["sleutelpersoon"],
    });
    const newcomerAccount = await buildAccount(db, {
      organisationId: orgId,
      name: "Semhar Tesfay",
      roles: ["nieuwkomer"],
      totp: false,
    });
    semharAccountId = newcomerAccount.id;
    const outsider = await buildAccount(db, { organisationId: otherOrgId });
    asConsultant = await signIn(t.app, consultant, "10.8.0.1");
    asOutsider = await signIn(t.app, outsider, "10.8.0.2");

    // Recent contact for everyone, so only reactions can ask for attention.
    const newcomer = async (givenNames: string) => {
      const row = await buildNewcomer(db, {
        organisationId: orgId,
        givenNames,
        familyName: "Stem",
        assignedConsultantId: consultant.id,
      });
      await t.database.query(
        "insert into conversations (organisation_id, newcomer_id, held_on) values ($1, $2, $3)",
        [orgId, row.id, addDays(today, -2)],
      );
      return row.id;
    };
    semharId = await newcomer("Semhar");
    await t.database.query("update newcomers set account_id = $1 where id = $2", [
      semharAccountId,
      semharId,
    ]);
    quietId = await newcomer("Quinten");
    commentOnlyId = await newcomer("Carla");

    const [plan] = await db
      .insert(plans)
      .values({ organisationId: orgId, newcomerId: semharId, firstSetOn: addDays(today, -30) })
      .returning();
    const [version] = await db
      .insert(planVersions)
      .values({
        organisationId: orgId,
        planId: plan?.id ?? "",
        newcomerId: semharId,
        number: 1,
        status: "vastgesteld",
        setOn: addDays(today, -30),
        content: content("Werk vinden in de zorg"),
      })
      .returning();
    versionId = version?.id ?? "";

    // Through the portal's own commands, as the newcomer (and a key person) would.
    const asSemhar = {
      actor: {
        kind: "newcomer" as const,
        accountId: semharAccountId,
        organisationId: orgId,
        roles: ["nieuwkomer" as const],
        mfa: false,
      },
    };
    await addVoice(db, asSemhar, {
      newcomerId: semharId,
      organisationId: orgId,
      kind: "opmerking",
      goalId: "doel-werk",
      planVersionId: versionId,
      text: "ኣብ ሆስፒታል ክሰርሕ እደሊ",
      locale: "ti",
    });
    await reactToPlan(db, asSemhar, {
      newcomerId: semharId,
      organisationId: orgId,
      planVersionId: versionId,
      agrees: false,
      explanation: "أريد المزيد من دروس اللغة",
      locale: "ar",
    });
    await db.insert(newcomerVoices).values({
      organisationId: orgId,
      newcomerId: semharId,
      kind: "opmerking",
      text: "Semhar wil graag vaker oefenen.",
      locale: "nl",
      authorAccountId: keyPerson.id,
    });
    // Carla commented (no disagreement) three days ago.
    await db.insert(newcomerVoices).values({
      organisationId: orgId,
      newcomerId: commentOnlyId,
      kind: "droom",
      text: "Ik wil verpleegkundige worden.",
      locale: "nl",
      authorAccountId: null,
      createdAt: new Date(Date.now() - 3 * 24 * 3_600_000),
    });
  });
  afterAll(async () => t?.close());

  it("shows the signal in the caseload, a disagreement above an older comment", async () => {
    const res = await asConsultant.get("/caseload");
    expect(res.statusCode).toBe(200);
    const names = listed(res.body);
    expect(names.slice(0, 2)).toEqual(["Semhar Stem", "Carla Stem"]);
    expect(names).toContain("Quinten Stem");
    expect(res.body).toContain("Niet eens met het plan, lezen uiterlijk");
    expect(res.body).toContain(`href="/nieuwkomers/${semharId}/reacties"`);
    expect(res.body).toContain("Nieuwe reactie van de nieuwkomer, lezen uiterlijk");

    const filtered = await asConsultant.get("/caseload?signaal=reactie");
    expect(listed(filtered.body)).toEqual(["Semhar Stem", "Carla Stem"]);
  });

  it("lists everything written, newest first, in its own language, and audits the read", async () => {
    const before = await t.database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.subjectId, semharId), eq(auditEvents.action, "read")));
    const res = await asConsultant.get(`/nieuwkomers/${semharId}/reacties`);
    expect(res.statusCode).toBe(200);
    const body = res.body;
    expect(body).toContain('lang="ar" dir="auto"');
    expect(body).toContain('lang="ti" dir="auto"');
    expect(body).toContain("Niet eens met het plan");
    expect(body).toContain("over het doel: Werk vinden in de zorg");
    expect(body).toContain("Over planversie 1");
    expect(body).toContain("door Yonas Sleutel (sleutelpersoon)");
    expect(body).toContain("door de nieuwkomer");
    // Newest first: the key person's note came last, the comment first.
    const note = body.indexOf("vaker oefenen");
    const disagreement = body.indexOf("أريد المزيد");
    const comment = body.indexOf("ኣብ ሆስፒታል");
    expect(note).toBeGreaterThan(0);
    expect(note).toBeLessThan(disagreement);
    expect(disagreement).toBeLessThan(comment);
    expect(body).toContain("Markeer 3 nieuwe reacties als gelezen");

    const after = await t.database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.subjectId, semharId), eq(auditEvents.action, "read")));
    const read = after.filter((a) => !before.some((b) => b.id === a.id));
    expect(read).toHaveLength(1);
    expect(read[0]).toMatchObject({
      resourceType: "newcomer_reactions",
      subjectKind: "newcomer",
      dataClasses: ["plan"],
      purpose: "uitvoering_wet_inburgering",
      legalBasis: "wettelijke_taak",
      outcome: "allowed",
    });
  });

  it("gives a consultant of another municipality a 404, and audits the refusal", async () => {
    const res = await asOutsider.get(`/nieuwkomers/${semharId}/reacties`);
    expect(res.statusCode).toBe(404);
    expect(res.body).not.toContain("أريد المزيد");
    const [voice] = await t.database.db
      .select({ id: newcomerVoices.id })
      .from(newcomerVoices)
      .where(eq(newcomerVoices.newcomerId, semharId));
    const post = await asOutsider.post(
      `/nieuwkomers/${semharId}/reacties/gelezen`,
      { stem: voice?.id ?? "" },
      { from: "/caseload" },
    );
    expect(post.statusCode).toBe(404);
    const denied = await t.database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.subjectId, semharId), eq(auditEvents.outcome, "denied")));
    expect(denied.length).toBeGreaterThanOrEqual(2);
    const unseen = await t.database.db
      .select()
      .from(newcomerVoices)
      .where(eq(newcomerVoices.newcomerId, semharId));
    expect(unseen.every((v) => v.seenByConsultantAt === null)).toBe(true);
  });

  it("refuses a forged mark-as-read", async () => {
    await asConsultant.get(`/nieuwkomers/${semharId}/reacties`);
    const ids = [...asConsultant.html.matchAll(/name="(stem|reactie)" value="([^"]+)"/g)];
    expect(ids).toHaveLength(3);
    const forged = await asConsultant.post(
      `/nieuwkomers/${semharId}/reacties/gelezen`,
      { stem: ids.filter((m) => m[1] === "stem").map((m) => m[2] ?? "") },
      { csrf: false },
    );
    expect(forged.statusCode).toBe(403);
    const [reaction] = await t.database.db
      .select()
      .from(planReactions)
      .where(eq(planReactions.newcomerId, semharId));
    expect(reaction?.seenByConsultantAt).toBeNull();
  });

  it("marks only the shown items read, which clears the signal until something new comes", async () => {
    await asConsultant.get(`/nieuwkomers/${semharId}/reacties`);
    const fields = [...asConsultant.html.matchAll(/name="(stem|reactie)" value="([^"]+)"/g)];
    // Written after the page was loaded: not among the shown ids, so it stays unread.
    await t.database.db.insert(planReactions).values({
      organisationId: orgId,
      newcomerId: semharId,
      planVersionId: versionId,
      agrees: true,
      locale: "ti",
      authorAccountId: semharAccountId,
    });
    const res = await asConsultant.post(`/nieuwkomers/${semharId}/reacties/gelezen`, {
      stem: fields.filter((m) => m[1] === "stem").map((m) => m[2] ?? ""),
      reactie: fields.filter((m) => m[1] === "reactie").map((m) => m[2] ?? ""),
    });
    expect(res.statusCode).toBe(303);
    const page = await asConsultant.follow(res);
    expect(page.body).toContain("3 reacties gemarkeerd als gelezen.");
    expect(page.body).toContain("Markeer 1 nieuwe reactie als gelezen");

    const caseload = await asConsultant.get("/caseload");
    // The agreement that came later still asks (in a week); the disagreement is read.
    expect(caseload.body).not.toContain("Niet eens met het plan, lezen uiterlijk");
    expect(listed(caseload.body)[0]).toBe("Carla Stem");

    await asConsultant.get(`/nieuwkomers/${semharId}/reacties`);
    await asConsultant.post(`/nieuwkomers/${semharId}/reacties/gelezen`, {
      reactie: [...asConsultant.html.matchAll(/name="reactie" value="([^"]+)"/g)].map(
        (m) => m[1] ?? "",
      ),
    });
    const filtered = await asConsultant.get("/caseload?signaal=reactie");
    expect(listed(filtered.body)).toEqual(["Carla Stem"]);
    expect(listed(filtered.body)).not.toContain(quietId);
  });
});
