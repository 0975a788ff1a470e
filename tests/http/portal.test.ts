import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { accounts, memberships } from "../../src/accounts/schema.ts";
import { auditEvents } from "../../src/audit/schema.ts";
import { newcomers } from "../../src/newcomers/index.ts";
import { type PlanContent, plans, planVersions } from "../../src/plans/index.ts";
import { unseenVoicesFor } from "../../src/portal/index.ts";
import {
  newcomerInvitations,
  newcomerVoices,
  planReactions,
  textTranslations,
} from "../../src/portal/schema.ts";
import { reviews } from "../../src/reviews/index.ts";
import { addDays, todayInNetherlands } from "../../src/reviews/rules.ts";
import { createTestApp, type TestApp } from "../support/app.ts";
import { TestClient } from "../support/client.ts";
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
  guidance: "Elke maand een gesprek.",
  goals: [
    {
      id: "doel-werk",
      kind: "werk",
      description: goalText,
      steps: [
        {
          id: "stap-1",
          what: "Cv maken",
          who: "Consulent",
          dueOn: addDays(today, 30),
          status: "open",
        },
      ],
    },
  ],
  reviewSchedule: [{ dueOn: addDays(today, 90) }],
  monitoring: "",
});

describe.each(databaseKinds)("the newcomer's own space (%s)", (kind) => {
  let t: TestApp;
  let orgId: string;
  let consultant: TestAccount;
  let asConsultant: TestClient;
  let newcomerId: string;
  let otherNewcomerId: string;
  let versionId: string;
  let otherVersionId: string;
  let planId: string;
  let asNewcomer: TestClient;
  const email = "semhar@example.test";
  const password = "mijn eigen lange zin";

  async function setPlan(id: string, number: number, goalText: string, existingPlanId?: string) {
    const db = t.database.db;
    let pid = existingPlanId;
    if (!pid) {
      const [plan] = await db
        .insert(plans)
        .values({ organisationId: orgId, newcomerId: id, firstSetOn: addDays(today, -30) })
        .returning();
      pid = plan?.id ?? "";
    } else {
      await db
        .update(planVersions)
        .set({ status: "vervangen" })
        .where(eq(planVersions.planId, pid));
    }
    const [version] = await db
      .insert(planVersions)
      .values({
        organisationId: orgId,
        planId: pid,
        newcomerId: id,
        number,
        status: "vastgesteld",
        setOn: addDays(today, -30 + number),
        content: content(goalText),
      })
      .returning();
    return { planId: pid, versionId: version?.id ?? "" };
  }

  beforeAll(async () => {
    t = await createTestApp(kind);
    const db = t.database.db;
    const org = await buildOrganisation(db, { kind: "gemeente", name: "Gemeente Zwolle" });
    orgId = org.id;
    consultant = await buildAccount(db, { organisationId: orgId, name: "Karin Klantregisseur" });
    asConsultant = await signIn(t.app, consultant, "10.9.0.1");
    const semhar = await buildNewcomer(db, {
      organisationId: orgId,
      givenNames: "Semhar",
      familyName: "Tesfay",
      preferredLanguage: "ti",
      assignedConsultantId: consultant.id,
    });
    newcomerId = semhar.id;
    const other = await buildNewcomer(db, {
      organisationId: orgId,
      givenNames: "Other",
      familyName: "Person",
      assignedConsultantId: consultant.id,
    });
    otherNewcomerId = other.id;
    ({ planId, versionId } = await setPlan(newcomerId, 1, "Werk vinden in de zorg"));
    ({ versionId: otherVersionId } = await setPlan(
      otherNewcomerId,
      1,
      "Geheim doel van een ander",
    ));
    await db.insert(reviews).values({
      organisationId: orgId,
      newcomerId,
      planVersionId: versionId,
      dueOn: addDays(today, 90),
    });
    await db.insert(textTranslations).values([
      {
        organisationId: orgId,
        newcomerId,
        sourceKey: `plan:${versionId}:goal:doel-werk`,
        sourceText: "Werk vinden in de zorg",
        locale: "ti",
        text: "ኣብ ክንክን ጥዕና ስራሕ ምርካብ",
        method: "machine",
        reviewed: false,
      },
      {
        organisationId: orgId,
        newcomerId,
        sourceKey: `plan:${versionId}:goal:doel-werk`,
        sourceText: "Werk vinden in de zorg",
        locale: "ar",
        text: "إيجاد عمل في مجال الرعاية",
        method: "human",
        reviewed: true,
      },
    ]);
  });
  afterAll(async () => t?.close());

  let code = "";

  it("lets the consultant print a letter in Dutch and Tigrinya with a one-time code and QR code", async () => {
    const page = await asConsultant.get(`/nieuwkomers/${newcomerId}/uitnodigen`);
    expect(page.statusCode).toBe(200);
    const res = await asConsultant.post(`/nieuwkomers/${newcomerId}/uitnodigen`, { by: "letter" });
    expect(res.statusCode).toBe(200);
    code = res.body.match(/[A-HJKMNP-Z2-9]{4}-[A-HJKMNP-Z2-9]{4}-[A-HJKMNP-Z2-9]{4}/)?.[0] ?? "";
    expect(code).not.toBe("");
    expect(res.body).toContain('lang="ti"');
    expect(res.body).toContain("ቋንቋኹም ምረጹ።");
    expect(res.body).toContain("Kies uw taal.");
    expect(res.body).toContain("<svg");
    const db = t.database.db;
    const [row] = await db.select().from(newcomers).where(eq(newcomers.id, newcomerId));
    expect(row?.accountId).toBeTruthy();
    const roles = await db
      .select({ role: memberships.role })
      .from(memberships)
      .where(eq(memberships.accountId, row?.accountId ?? ""));
    expect(roles.map((r) => r.role)).toEqual(["nieuwkomer"]);
    const invitations = await db
      .select()
      .from(newcomerInvitations)
      .where(eq(newcomerInvitations.newcomerId, newcomerId));
    expect(invitations).toHaveLength(1);
    expect(invitations[0]?.codeHash).not.toContain(code.replaceAll("-", ""));
  });

  it("refuses the invitation to a newcomer, and a forged invitation POST", async () => {
    const forged = await asConsultant.post(
      `/nieuwkomers/${newcomerId}/uitnodigen`,
      { by: "letter" },
      { csrf: false },
    );
    expect(forged.statusCode).toBe(403);
  });

  it("lets the newcomer choose Tigrinya, enter the code and set a password", async () => {
    asNewcomer = new TestClient(t.app, "10.9.0.2");
    const first = await asNewcomer.get(`/welkom?code=${code}`);
    expect(first.statusCode).toBe(200);
    expect(first.body).toContain('lang="ti"');
    expect(first.body).toContain("ትግርኛ");
    expect(first.body).toContain("العربية");
    const chosen = await asNewcomer.get(
      `/taal/ti?terug=${encodeURIComponent(`/welkom/code?code=${code}`)}`,
    );
    expect(chosen.statusCode).toBe(303);
    const form = await asNewcomer.follow(chosen);
    expect(form.body).toContain("ኮድ ካብቲ ደብዳቤ");
    expect(form.body).toContain(`value="${code}"`);
    const wrong = await asNewcomer.post("/welkom/code", {
      code: "AAAA-BBBB-CCCC",
      email,
      password,
      confirm: password,
    });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.body).toContain("እዚ ኮድ ኣይሰርሕን እዩ");
    const res = await asNewcomer.post("/welkom/code", { code, email, password, confirm: password });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe("/mijn-plan?welkom=1");
    const [account] = await t.database.db.select().from(accounts).where(eq(accounts.email, email));
    expect(account?.locale).toBe("ti");
    expect(account?.status).toBe("active");
    // The code is used up.
    const again = await new TestClient(t.app, "10.9.0.3").post(
      "/welkom/code",
      { code, email: "x@example.test", password, confirm: password },
      { from: "/welkom/code" },
    );
    expect(again.statusCode).toBe(422);
  });

  it("shows My plan in Tigrinya: translated labels, Dutch free text with a marked translation, timeline", async () => {
    const res = await asNewcomer.get("/mijn-plan");
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('lang="ti"');
    expect(res.body).toContain("ትልመይ");
    expect(res.body).toContain("Werk vinden in de zorg");
    expect(res.body).toContain("ኣብ ክንክን ጥዕና ስራሕ ምርካብ");
    expect(res.body).toContain("ብኮምፒተር ዝተተርጎመ");
    expect(res.body).toContain('<ol class="koers-timeline"');
    expect(res.body).toContain("Karin Klantregisseur");
    expect(res.body).not.toContain("Geheim doel van een ander");
    expect(res.body).toContain('data-module="read-aloud"');
    const audit = await t.database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.subjectId, newcomerId), eq(auditEvents.purpose, "eigen_inzage")));
    const read = audit.find((a) => a.action === "read");
    expect(read?.actorKind).toBe("newcomer");
    expect(read?.legalBasis).toBe("wettelijke_taak");
  });

  it("switches to Arabic, right to left, with the human translation", async () => {
    await asNewcomer.get("/taal/ar?terug=/mijn-plan");
    const res = await asNewcomer.get("/mijn-plan");
    expect(res.body).toContain('dir="rtl"');
    expect(res.body).toContain("خطتي");
    expect(res.body).toContain("إيجاد عمل في مجال الرعاية");
    expect(res.body).toContain("ترجمة بشرية");
    const [account] = await t.database.db.select().from(accounts).where(eq(accounts.email, email));
    expect(account?.locale).toBe("ar");
    const beside = await asNewcomer.follow(await asNewcomer.get("/mijn-plan/naast?aan=1"));
    expect(beside.body).toContain('class="koers-portal-dutch" lang="nl"');
    await asNewcomer.get("/mijn-plan/naast?aan=0");
  });

  it("marks what changed since the newcomer last looked, once", async () => {
    await setPlan(newcomerId, 2, "Werk vinden als verpleegkundige", planId);
    const changed = await asNewcomer.get("/mijn-plan");
    expect(changed.body).toContain("هناك نسخة جديدة من خطتك");
    expect(changed.body).toContain("تغيّر منذ آخر مرة نظرت فيها");
    const later = await asNewcomer.get("/mijn-plan");
    expect(later.body).not.toContain("هناك نسخة جديدة من خطتك");
  });

  it("shows Dutch made easy when chosen", async () => {
    const res = await asNewcomer.follow(await asNewcomer.get("/mijn-plan/eenvoudig?aan=1"));
    expect(res.body).toContain('lang="nl"');
    expect(res.body).toContain("Wat gebeurt er in 3 jaar?");
    await asNewcomer.get("/mijn-plan/eenvoudig?aan=0");
    await asNewcomer.get("/taal/ar?terug=/mijn-plan");
  });

  it("records a dream and a comment on a goal, audited, and shows them to the consultant's caseload", async () => {
    const [current] = await t.database.db
      .select({ id: planVersions.id })
      .from(planVersions)
      .where(and(eq(planVersions.newcomerId, newcomerId), eq(planVersions.number, 2)));
    const empty = await asNewcomer.post(
      "/mijn-plan/stem",
      { kind: "droom", form: "text-droom" },
      { from: "/mijn-plan" },
    );
    expect(empty.statusCode).toBe(422);
    const dream = await asNewcomer.post(
      "/mijn-plan/stem",
      { kind: "droom", form: "text-droom", "text-droom": "Ik wil verpleegkundige worden" },
      { from: "/mijn-plan" },
    );
    expect(dream.statusCode).toBe(303);
    const comment = await asNewcomer.post(
      "/mijn-plan/stem",
      {
        kind: "opmerking",
        form: "text-doel-werk",
        goalId: "doel-werk",
        planVersionId: current?.id ?? "",
        "text-doel-werk": "Liever in een ziekenhuis",
      },
      { from: "/mijn-plan" },
    );
    expect(comment.statusCode).toBe(303);
    const voices = await t.database.db
      .select()
      .from(newcomerVoices)
      .where(eq(newcomerVoices.newcomerId, newcomerId));
    expect(voices.map((v) => [v.kind, v.text, v.goalId, v.locale])).toEqual([
      ["droom", "Ik wil verpleegkundige worden", null, "ar"],
      ["opmerking", "Liever in een ziekenhuis", "doel-werk", "ar"],
    ]);
    const audit = await t.database.db
      .select()
      .from(auditEvents)
      .where(
        and(eq(auditEvents.subjectId, newcomerId), eq(auditEvents.resourceType, "newcomer_voice")),
      );
    expect(audit).toHaveLength(2);
    expect(audit[0]?.actorKind).toBe("newcomer");
    const page = await asNewcomer.get("/mijn-plan");
    expect(page.body).toContain("Ik wil verpleegkundige worden");
    const unseen = await unseenVoicesFor(t.database.db, orgId);
    expect(unseen.filter((u) => u.newcomerId === newcomerId).map((u) => u.kind)).toEqual([
      "droom",
      "opmerking",
    ]);
  });

  it("records a disagreement with time and tells the consultant by mail with a link only", async () => {
    const [current] = await t.database.db
      .select({ id: planVersions.id })
      .from(planVersions)
      .where(and(eq(planVersions.newcomerId, newcomerId), eq(planVersions.number, 2)));
    const before = t.mailer.sent.length;
    const res = await asNewcomer.post(
      "/mijn-plan/reactie",
      { planVersionId: current?.id ?? "", agrees: "nee", explanation: "Ik wil meer taalles" },
      { from: "/mijn-plan" },
    );
    expect(res.statusCode).toBe(303);
    const [reaction] = await t.database.db
      .select()
      .from(planReactions)
      .where(eq(planReactions.newcomerId, newcomerId));
    expect(reaction?.agrees).toBe(false);
    expect(reaction?.createdAt).toBeInstanceOf(Date);
    const mail = t.mailer.sent.slice(before).find((m) => m.to === consultant.email);
    expect(mail?.text).toContain(`/nieuwkomers/${newcomerId}/pip`);
    expect(mail?.text).not.toContain("Semhar");
    expect(mail?.text).not.toContain("taalles");
  });

  it("never reaches another newcomer's plan, and refuses forged posts", async () => {
    const other = await asNewcomer.post(
      "/mijn-plan/reactie",
      { planVersionId: otherVersionId, agrees: "ja" },
      { from: "/mijn-plan" },
    );
    expect(other.statusCode).toBe(404);
    expect((await asNewcomer.get(`/nieuwkomers/${otherNewcomerId}/uitnodigen`)).statusCode).toBe(
      404,
    );
    expect((await asNewcomer.get(`/nieuwkomers/${otherNewcomerId}`)).statusCode).toBe(404);
    expect((await asConsultant.get("/mijn-plan")).statusCode).toBe(404);
    const forged = await asNewcomer.post(
      "/mijn-plan/stem",
      { kind: "droom", form: "text-droom", "text-droom": "vervalst" },
      { csrf: false },
    );
    expect(forged.statusCode).toBe(403);
    const anonymous = await new TestClient(t.app, "10.9.0.4").get("/mijn-plan");
    expect(anonymous.statusCode).toBe(303);
  });

  it("lists appointments and offers them as an iCalendar file", async () => {
    const page = await asNewcomer.get("/mijn-plan/afspraken");
    expect(page.statusCode).toBe(200);
    const ics = await asNewcomer.get("/mijn-plan/afspraken.ics");
    expect(ics.headers["content-type"]).toContain("text/calendar");
    expect(ics.body).toContain("BEGIN:VEVENT\r\n");
    expect(ics.body).toContain(`DTSTART;VALUE=DATE:${addDays(today, 90).replaceAll("-", "")}`);
  });

  it("mails an invitation link when the consultant chooses e-mail", async () => {
    const n = await buildNewcomer(t.database.db, {
      organisationId: orgId,
      givenNames: "Oksana",
      familyName: "Koval",
      preferredLanguage: "uk",
    });
    const res = await asConsultant.post(
      `/nieuwkomers/${n.id}/uitnodigen`,
      { by: "mail", email: "oksana@example.test" },
      { from: `/nieuwkomers/${n.id}/uitnodigen` },
    );
    expect(res.statusCode).toBe(303);
    const link = t.mailer.linkTo("oksana@example.test");
    expect(link).toBe("/welkom");
    const mail = t.mailer.sent.at(-1);
    expect(mail?.subject).toBe("Ваше запрошення до Koers");
  });
});
