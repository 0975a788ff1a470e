import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditEvents } from "../../src/audit/schema.ts";
import { seedDemoSessions, sendSessionReminders } from "../../src/sessions/index.ts";
import {
  maaksessies,
  noteGroups,
  notes,
  registrations,
  sessionActions,
  themes,
} from "../../src/sessions/schema.ts";
import { createTestApp, type TestApp } from "../support/app.ts";
import { TestClient } from "../support/client.ts";
import { databaseKinds } from "../support/database.ts";
import { buildAccount, buildOrganisation, signIn, type TestAccount } from "../support/factories.ts";

const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Amsterdam" }).format(new Date());
const inDays = (n: number) => {
  const d = new Date(`${today}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
};

/** Text of a PDF through poppler's pdftotext. */
function pdfText(pdf: Buffer): string {
  const dir = mkdtempSync(join(tmpdir(), "koers-agenda-"));
  try {
    const file = join(dir, "agenda.pdf");
    writeFileSync(file, pdf);
    return execFileSync("pdftotext", ["-enc", "UTF-8", file, "-"], { encoding: "utf8" });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The session form as a procesbegeleider fills it in. */
const sessionForm = (overrides: Record<string, string | string[]> = {}) => ({
  title: "Maaksessie werk en taal",
  description: "Samen luisteren naar ervaringen.",
  date: inDays(1),
  startsAt: "09:30",
  endsAt: "16:00",
  place: "Provinciehuis, Arnhem",
  capacity: "2",
  languages: ["nl", "ar", "ti"],
  interpreters: "Arabisch",
  registrationOpen: "ja",
  "programme.0.start": "09:30",
  "programme.0.title": "Welkom",
  "programme.0.who": "Provincie",
  "programme.1.start": "10:00",
  "programme.1.end": "11:00",
  "programme.1.title": "Interviews",
  ...overrides,
});

describe.each(databaseKinds)(
  "maaksessies: planning, check-in and the actie-agenda (%s)",
  (kind) => {
    let t: TestApp;
    let facilitator: TestAccount;
    let asFacilitator: TestClient;
    let asOtherProvince: TestClient;
    let asConsultant: TestClient;
    let provinceId: string;
    let partnerId: string;
    let sessionId: string;

    beforeAll(async () => {
      t = await createTestApp(kind);
      const db = t.database.db;
      const province = await buildOrganisation(db, { kind: "provincie", name: "Provincie Test" });
      const other = await buildOrganisation(db, { kind: "provincie", name: "Provincie Elders" });
      const partner = await buildOrganisation(db, {
        kind: "lokaal_initiatief",
        name: "Stichting Samen",
      });
      provinceId = province.id;
      partnerId = partner.id;
      facilitator = await buildAccount(db, {
        organisationId: province.id,
        roles: ["procesbegeleider"],
      });
      asFacilitator = await signIn(t.app, facilitator);
      asOtherProvince = await signIn(
        t.app,
        await buildAccount(db, { organisationId: other.id, roles: ["procesbegeleider"] }),
      );
      asConsultant = await signIn(
        t.app,
        await buildAccount(db, { organisationId: province.id, roles: ["consulent"] }),
      );
    });
    afterAll(async () => t.close());

    it("offers the shared themes and creates a session with a programme and a new theme", async () => {
      const form = await asFacilitator.get("/maaksessies/nieuw");
      expect(form.statusCode).toBe(200);
      expect(form.body).toContain("Vrouwelijke nieuwkomers");
      const [werk] = await t.database.db.select().from(themes).where(eq(themes.key, "werk"));
      const res = await asFacilitator.post(
        "/maaksessies/nieuw",
        sessionForm({
          themeIds: [werk?.id ?? ""],
          newTheme: "Wonen en buurt",
          partnerOrganisationIds: [partnerId],
        }),
        { from: "/maaksessies/nieuw" },
      );
      expect(res.statusCode).toBe(303);
      sessionId = String(res.headers.location).split("/").at(-1) ?? "";
      const [row] = await t.database.db
        .select()
        .from(maaksessies)
        .where(eq(maaksessies.id, sessionId));
      expect(row?.organisationId).toBe(provinceId);
      expect(row?.joinCode).toMatch(/^[A-HJ-KM-NP-Z2-9]{6}$/);
      expect(row?.programme.map((p) => p.title)).toEqual(["Welkom", "Interviews"]);
      expect(row?.themeIds).toHaveLength(2);
      const [added] = await t.database.db
        .select()
        .from(themes)
        .where(eq(themes.key, "wonen_en_buurt"));
      expect(row?.themeIds).toContain(added?.id);
      const page = await asFacilitator.get(`/maaksessies/${sessionId}`);
      expect(page.body).toContain(row?.joinCode);
      expect(page.body).toContain("Stichting Samen");
    });

    it("re-renders the form with field errors and keeps the input", async () => {
      const res = await asFacilitator.post(
        "/maaksessies/nieuw",
        sessionForm({ endsAt: "08:00", place: "", "programme.2.title": "Zonder tijd" }),
        { from: "/maaksessies/nieuw" },
      );
      expect(res.statusCode).toBe(422);
      expect(res.body).toContain("De eindtijd moet na de begintijd liggen.");
      expect(res.body).toContain("Vul een plaats of een online link in.");
      expect(res.body).toContain('value="Zonder tijd"');
    });

    it("adds a deelsessie with a host organisation and capacity", async () => {
      const res = await asFacilitator.post(
        `/maaksessies/${sessionId}/deelsessies`,
        {
          title: "Taal op de werkvloer",
          hostOrganisationId: partnerId,
          room: "Zaal 2",
          startsAt: "13:30",
          endsAt: "15:00",
          capacity: "1",
        },
        { from: `/maaksessies/${sessionId}` },
      );
      expect(res.statusCode).toBe(303);
      const children = await t.database.db
        .select()
        .from(maaksessies)
        .where(eq(maaksessies.parentId, sessionId));
      expect(children).toHaveLength(1);
      expect(children[0]?.hostOrganisationId).toBe(partnerId);
      expect(children[0]?.capacity).toBe(1);
      const page = await asFacilitator.get(`/maaksessies/${sessionId}`);
      expect(page.body).toContain("Taal op de werkvloer");
    });

    it("lists the session as upcoming", async () => {
      const res = await asFacilitator.get("/maaksessies");
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain("Maaksessie werk en taal");
    });

    it("lets neither another organisation nor a consultant manage the session", async () => {
      for (const client of [asOtherProvince, asConsultant]) {
        expect((await client.get(`/maaksessies/${sessionId}`)).statusCode).toBe(404);
        expect((await client.get(`/maaksessies/${sessionId}/aanmeldingen`)).statusCode).toBe(404);
        const post = await client.post(
          `/maaksessies/${sessionId}/deelsessies`,
          { title: "Overgenomen", startsAt: "10:00", endsAt: "11:00" },
          { from: "/account" },
        );
        expect(post.statusCode).toBe(404);
      }
      expect((await asConsultant.get("/maaksessies/nieuw")).statusCode).toBe(403);
      const anonymous = new TestClient(t.app);
      const res = await anonymous.get(`/maaksessies/${sessionId}`);
      expect(res.statusCode).toBe(303);
    });

    it("refuses a forged POST without a CSRF token", async () => {
      const res = await asFacilitator.post(
        `/maaksessies/${sessionId}/bewerken`,
        sessionForm({ title: "Vervalst" }),
        { csrf: false },
      );
      expect(res.statusCode).toBe(403);
      const [row] = await t.database.db
        .select()
        .from(maaksessies)
        .where(eq(maaksessies.id, sessionId));
      expect(row?.title).toBe("Maaksessie werk en taal");
    });

    it("edits the session (removing a programme item by emptying its row)", async () => {
      const form = await asFacilitator.get(`/maaksessies/${sessionId}/bewerken`);
      expect(form.body).toContain('value="Interviews"');
      const res = await asFacilitator.post(
        `/maaksessies/${sessionId}/bewerken`,
        sessionForm({
          version: "1",
          title: "Maaksessie werk, taal en zorg",
          "programme.1.start": "",
          "programme.1.end": "",
          "programme.1.title": "",
        }),
      );
      expect(res.statusCode).toBe(303);
      const [row] = await t.database.db
        .select()
        .from(maaksessies)
        .where(eq(maaksessies.id, sessionId));
      expect(row?.title).toBe("Maaksessie werk, taal en zorg");
      expect(row?.programme.map((p) => p.title)).toEqual(["Welkom"]);
    });

    it("refuses a stale edit with 409: keeps every input, shows both versions, then saves knowingly", async () => {
      const created = await asFacilitator.post("/maaksessies/nieuw", sessionForm(), {
        from: "/maaksessies/nieuw",
      });
      expect(created.statusCode).toBe(303);
      const id = String(created.headers.location).split("/").at(-1) ?? "";
      const path = `/maaksessies/${id}/bewerken`;
      const loaded = await asFacilitator.get(path);
      expect(loaded.body).toContain('name="version" value="1"');
      // A colleague, with the same page open, saves first.
      const colleague = await asFacilitator.post(
        path,
        sessionForm({ version: "1", place: "Gemeentehuis Ede" }),
      );
      expect(colleague.statusCode).toBe(303);

      // Four programme items: more than the form's empty rows, so none may be dropped.
      const mine = sessionForm({
        version: "1",
        title: "Mijn titel <voor iedereen>",
        newTheme: "Sport en bewegen",
        "programme.2.start": "12:00",
        "programme.2.title": "Lunch",
        "programme.3.start": "15:30",
        "programme.3.title": "Afsluiting",
        "programme.3.who": "Gedeputeerde",
      });
      const stale = await asFacilitator.post(path, mine);
      expect(stale.statusCode).toBe(409);
      expect(stale.body).toContain("Iemand anders heeft deze maaksessie gewijzigd");
      expect(stale.body).toContain("Uw invoer naast wat nu is opgeslagen");
      // Nothing is lost: every field as typed, escaped, and the form now on the stored version.
      expect(stale.body).toContain('value="Mijn titel &lt;voor iedereen>"');
      expect(stale.body).not.toContain("<voor iedereen>");
      expect(stale.body).toMatch(/name="place"[^>]*value="Provinciehuis, Arnhem"/);
      expect(stale.body).toContain('value="Lunch"');
      expect(stale.body).toMatch(/name="programme.3.title"[^>]*value="Afsluiting"/);
      expect(stale.body).toMatch(/name="programme.3.who"[^>]*value="Gedeputeerde"/);
      expect(stale.body).toContain('name="version" value="2"');
      // The theme typed in is added and ticked rather than asked for again.
      const [sport] = await t.database.db
        .select()
        .from(themes)
        .where(eq(themes.key, "sport_en_bewegen"));
      expect(stale.body).toMatch(new RegExp(`value="${sport?.id}"[^>]*checked`));
      // Both versions, the rows that differ marked: the place, the title and the programme.
      const row = (label: string) =>
        new RegExp(
          `<tr class="utrecht-table__row koers-compare__row--changed"><th[^>]*><bdi>${label}</bdi> <strong>\\(verschilt\\)</strong></th><td[^>]*>(.*?)</td><td[^>]*>(.*?)</td></tr>`,
          "s",
        );
      expect(stale.body.match(row("Plaats \\(adres\\)"))?.slice(1)).toEqual([
        '<bdi class="koers-prewrap">Provinciehuis, Arnhem</bdi>',
        '<bdi class="koers-prewrap">Gemeentehuis Ede</bdi>',
      ]);
      expect(stale.body.match(row("Titel"))?.slice(1)).toEqual([
        '<bdi class="koers-prewrap">Mijn titel &lt;voor iedereen></bdi>',
        '<bdi class="koers-prewrap">Maaksessie werk en taal</bdi>',
      ]);
      expect(stale.body.match(row("Programma"))?.[1]).toContain("15:30 Afsluiting (Gedeputeerde)");
      // The same on both sides: shown, not marked.
      expect(stale.body).toMatch(
        /<tr class="utrecht-table__row"><th[^>]*><bdi>Begintijd<\/bdi><\/th><td[^>]*><bdi[^>]*>09:30<\/bdi><\/td><td[^>]*><bdi[^>]*>09:30<\/bdi><\/td><\/tr>/,
      );
      const stored = async () =>
        (await t.database.db.select().from(maaksessies).where(eq(maaksessies.id, id)))[0];
      expect(await stored()).toMatchObject({
        title: "Maaksessie werk en taal",
        place: "Gemeentehuis Ede",
        version: 2,
      });
      const updates = async () =>
        (
          await t.database.db
            .select()
            .from(auditEvents)
            .where(
              and(
                eq(auditEvents.resourceType, "maaksessie"),
                eq(auditEvents.resourceId, id),
                eq(auditEvents.action, "update"),
              ),
            )
        ).length;
      expect(await updates()).toBe(1);

      // Having seen both, saving again from the page overwrites on purpose.
      const again = await asFacilitator.post(path, {
        ...mine,
        version: "2",
        newTheme: "",
        themeIds: [sport?.id ?? ""],
      });
      expect(again.statusCode).toBe(303);
      expect(await stored()).toMatchObject({
        title: "Mijn titel <voor iedereen>",
        place: "Provinciehuis, Arnhem",
        version: 3,
      });
      expect((await stored())?.programme.map((p) => p.title)).toEqual([
        "Welkom",
        "Interviews",
        "Lunch",
        "Afsluiting",
      ]);
      expect(await updates()).toBe(2);
    });

    it("checks people in by code, counts attendance per role, and audits reading registrations", async () => {
      const visitor = new TestClient(t.app);
      for (const [name, role] of [
        ["Amal", "nieuwkomer"],
        ["Bram", "beleidsmaker"],
      ] as const) {
        const res = await visitor.post(
          `/sessies/${sessionId}/aanmelden`,
          { name, email: `${name.toLowerCase()}@voorbeeld.test`, role, locale: "nl" },
          { from: `/sessies/${sessionId}` },
        );
        expect(res.statusCode).toBe(303);
      }
      const [amal] = await t.database.db
        .select()
        .from(registrations)
        .where(and(eq(registrations.sessionId, sessionId), eq(registrations.name, "Amal")));
      const page = await asFacilitator.get(
        `/maaksessies/${sessionId}/inchecken?code=${amal?.checkInCode}`,
      );
      expect(page.body).toContain(`value="${amal?.checkInCode}"`);
      const typed = (amal?.checkInCode ?? "").toLowerCase().replace(/^(...)/, "$1-");
      const res = await asFacilitator.post(`/maaksessies/${sessionId}/inchecken`, { code: typed });
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain("Amal (Nieuwkomer) is ingecheckt.");
      const again = await asFacilitator.post(`/maaksessies/${sessionId}/inchecken`, {
        code: amal?.checkInCode ?? "",
      });
      expect(again.body).toContain("Amal was al ingecheckt.");
      const unknown = await asFacilitator.post(`/maaksessies/${sessionId}/inchecken`, {
        code: "ZZZZZZ",
      });
      expect(unknown.body).toContain("Deze code hoort bij geen aanmelding");

      const list = await asFacilitator.get(`/maaksessies/${sessionId}/aanmeldingen`);
      expect(list.body).toContain("amal@voorbeeld.test");
      // Attendance row for newcomers: 1 registered, 0 waiting, 1 checked in; policy makers: 1, 0, 0.
      const cells = (label: string) =>
        list.body
          .match(
            new RegExp(
              `<td class="utrecht-table__cell">${label}</td>((?:<td class="utrecht-table__cell">\\d+</td>){3})`,
            ),
          )?.[1]
          ?.match(/\d+/g);
      expect(cells("Nieuwkomer")).toEqual(["1", "0", "1"]);
      expect(cells("Beleidsmaker")).toEqual(["1", "0", "0"]);
      const audits = await t.database.db
        .select()
        .from(auditEvents)
        .where(and(eq(auditEvents.resourceType, "registration"), eq(auditEvents.action, "list")));
      expect(
        audits.some(
          (a) => a.actorAccountId === facilitator.id && a.purpose === "organisatie_maaksessie",
        ),
      ).toBe(true);
    });

    it("sends the reminder once, in the registrant's language", async () => {
      await t.database.db
        .update(registrations)
        .set({ locale: "ar" })
        .where(and(eq(registrations.sessionId, sessionId), eq(registrations.name, "Bram")));
      const options = { publicUrl: "http://koers.test", linkSecret: "x".repeat(40) };
      const before = t.mailer.sent.length;
      const first = await sendSessionReminders(t.database.db, t.mailer, options);
      expect(first.sent).toBe(2);
      const second = await sendSessionReminders(t.database.db, t.mailer, options);
      expect(second.sent).toBe(0);
      const mails = t.mailer.sent.slice(before);
      expect(mails).toHaveLength(2);
      const bram = mails.find((m) => m.to === "bram@voorbeeld.test");
      expect(bram?.subject).toContain("قريبًا");
      expect(bram?.text).toContain(`/sessies/${sessionId}/agenda.ics`);
    });

    it("tells registrants of a new time in their own language, and not of a new title", async () => {
      const version = async () => {
        const [row] = await t.database.db
          .select({ version: maaksessies.version })
          .from(maaksessies)
          .where(eq(maaksessies.id, sessionId));
        return String(row?.version);
      };
      const path = `/maaksessies/${sessionId}/bewerken`;
      const title = "Maaksessie werk, taal en zorg";
      const before = t.mailer.sent.length;
      const retitled = await asFacilitator.post(
        path,
        sessionForm({ version: await version(), title }),
      );
      expect(retitled.statusCode).toBe(303);
      expect(t.mailer.sent.length).toBe(before);

      const moved = await asFacilitator.post(
        path,
        sessionForm({ version: await version(), title, startsAt: "10:00" }),
      );
      expect(moved.statusCode).toBe(303);
      const mails = t.mailer.sent.slice(before);
      expect(mails.map((m) => m.to).sort()).toEqual(["amal@voorbeeld.test", "bram@voorbeeld.test"]);
      const amal = mails.find((m) => m.to === "amal@voorbeeld.test");
      expect(amal?.subject).toBe(`Gewijzigd: ${title}`);
      expect(amal?.text).toContain("10:00–16:00");
      expect(amal?.text).toContain(`/sessies/${sessionId}/aanmelding/`);
      expect(mails.find((m) => m.to === "bram@voorbeeld.test")?.subject).toBe(`تغيير: ${title}`);
      const told = await t.database.db
        .select()
        .from(auditEvents)
        .where(
          and(eq(auditEvents.action, "notify"), eq(auditEvents.actorAccountId, facilitator.id)),
        );
      expect(told).toHaveLength(2);
      expect((await asFacilitator.follow(moved)).body).toContain(
        "Opgeslagen. 2 aangemelde personen krijgen een e-mail met de wijziging.",
      );
    });

    it("shows the actie-agenda with the trace both ways and exports it as CSV", async () => {
      const db = t.database.db;
      const [group] = await db
        .insert(noteGroups)
        .values({
          organisationId: provinceId,
          sessionId,
          kind: "vraagstuk",
          title: "Taal als middel",
        })
        .returning();
      const [note] = await db
        .insert(notes)
        .values({
          organisationId: provinceId,
          sessionId,
          clientId: "n1",
          category: "negatief",
          text: "ቅድሚ ስራሕ ቋንቋ",
          locale: "ti",
          dutchText: "Eerst taal, dan werk",
          role: "nieuwkomer",
          revealed: true,
          groupId: group?.id ?? null,
        })
        .returning();
      await db.insert(notes).values({
        organisationId: provinceId,
        sessionId,
        clientId: "n2",
        category: "positief",
        text: "Verborgen notitie",
        locale: "nl",
        role: "professional",
        revealed: true,
        hiddenAt: new Date(),
        groupId: group?.id ?? null,
      });
      const [action] = await db
        .insert(sessionActions)
        .values({
          organisationId: provinceId,
          sessionId,
          groupId: group?.id ?? null,
          what: 'Duaal traject "taal en werk"; pilot',
          ownerName: "Joris Hendriks",
          ownerOrganisationName: "Gemeente Renkum",
          coOwnerOrganisations: ["Taalschool", "=WSP"],
          stakeholders: "Werkgevers",
          firstStep: "Drie werkgevers vinden",
          dueOn: inDays(90),
        })
        .returning();
      const page = await new TestClient(t.app).get(`/sessies/${sessionId}/actie-agenda`);
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain(`id="vraagstuk-${group?.id}"`);
      expect(page.body).toContain(`id="actie-${action?.id}"`);
      expect(page.body).toContain(`id="notitie-${note?.id}"`);
      expect(page.body).toContain(`href="#vraagstuk-${group?.id}"`);
      expect(page.body).toContain("Eerst taal, dan werk");
      expect(page.body).not.toContain("Verborgen notitie");
      expect(page.body).not.toContain("amal@voorbeeld.test");

      const csv = await new TestClient(t.app).get(`/sessies/${sessionId}/actie-agenda.csv`);
      expect(csv.statusCode).toBe(200);
      expect(csv.headers["content-type"]).toContain("text/csv");
      expect(csv.body.startsWith("\uFEFF")).toBe(true);
      const lines = csv.body.slice(1).trim().split("\r\n");
      expect(lines[0]).toBe(
        '"Vraagstuk";"Actie";"Trekker";"Organisatie van de trekker";"Mede-eigenaren";"Te betrekken";"Eerste stap";"Klaar op";"Stand"',
      );
      expect(lines[1]).toBe(
        `"Taal als middel";"Duaal traject ""taal en werk""; pilot";"Joris Hendriks";"Gemeente Renkum";"Taalschool, =WSP";"Werkgevers";"Drie werkgevers vinden";"${inDays(90)}";"gepland"`,
      );
    });

    it("exports the actie-agenda as a PDF with the vraagstuk, its action and its notes", async () => {
      const res = await new TestClient(t.app).get(`/sessies/${sessionId}/actie-agenda.pdf`);
      expect(res.statusCode).toBe(200);
      expect(res.headers["content-type"]).toBe("application/pdf");
      const text = pdfText(res.rawPayload);
      expect(text).toContain("Taal als middel");
      expect(text).toContain("Joris Hendriks");
      expect(text).toContain("Eerst taal, dan werk");
    });

    it("seeds the demo sessions: a past one with nine vraagstukken and an upcoming one", async () => {
      const db = t.database.db;
      const { pastSessionId, upcomingSessionId } = await db.transaction((tx) =>
        seedDemoSessions(tx, { organiserId: provinceId, partnerIds: [partnerId] }),
      );
      const regs = await db
        .select()
        .from(registrations)
        .where(eq(registrations.sessionId, pastSessionId));
      expect(regs.length).toBeGreaterThanOrEqual(40);
      const groups = await db
        .select()
        .from(noteGroups)
        .where(and(eq(noteGroups.sessionId, pastSessionId), eq(noteGroups.kind, "vraagstuk")));
      expect(groups).toHaveLength(9);
      const categories = new Set(
        (await db.select().from(notes).where(eq(notes.sessionId, pastSessionId))).map(
          (n) => n.category,
        ),
      );
      expect(categories.size).toBe(5);
      const agenda = await new TestClient(t.app).get(`/sessies/${pastSessionId}/actie-agenda`);
      expect(agenda.body).toContain("Twee sleutelpersonen in dienst nemen");
      const event = await new TestClient(t.app).get(`/sessies/${upcomingSessionId}`);
      expect(event.body).toContain('action="/sessies/');
    });
  },
);
