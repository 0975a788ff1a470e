import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../../src/platform/authz/actor.ts";
import { anonymous } from "../../src/platform/authz/actor.ts";
import { createSession, register, updateSession } from "../../src/sessions/index.ts";
import { maaksessies, registrations } from "../../src/sessions/schema.ts";
import { createTestApp, type TestApp } from "../support/app.ts";
import { TestClient } from "../support/client.ts";
import { databaseKinds } from "../support/database.ts";
import { buildOrganisation } from "../support/factories.ts";

const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Amsterdam" }).format(new Date());

describe.each(databaseKinds)(
  "maaksessies: public registration and the waiting list (%s)",
  (kind) => {
    let t: TestApp;
    let organisationId: string;
    let facilitator: Actor;

    const newSession = async (capacity: number | null, registrationOpen = true) =>
      createSession(
        t.database.db,
        { actor: facilitator },
        {
          title: `Sessie ${Math.random()}`,
          description: null,
          themeIds: [],
          regionId: null,
          date: today,
          startsAt: "13:00",
          endsAt: "17:00",
          place: "Zaal De Linde",
          onlineUrl: null,
          programme: [],
          partnerOrganisationIds: [],
          capacity,
          languages: ["nl"],
          interpreters: null,
          registrationOpen,
        },
      );

    const registerAs = async (
      client: TestClient,
      sessionId: string,
      name: string,
      extra: Record<string, string> = {},
    ) =>
      client.post(
        `/sessies/${sessionId}/aanmelden`,
        {
          name,
          email: `${name.toLowerCase()}@voorbeeld.test`,
          role: "nieuwkomer",
          locale: "nl",
          ...extra,
        },
        { from: `/sessies/${sessionId}` },
      );

    const statusOf = async (sessionId: string) =>
      Object.fromEntries(
        (
          await t.database.db
            .select({ name: registrations.name, status: registrations.status })
            .from(registrations)
            .where(eq(registrations.sessionId, sessionId))
        ).map((r) => [r.name, r.status]),
      );

    beforeAll(async () => {
      t = await createTestApp(kind);
      const org = await buildOrganisation(t.database.db, { kind: "gemeente" });
      organisationId = org.id;
      facilitator = {
        kind: "staff",
        accountId: undefined,
        organisationId,
        organisationKind: "gemeente",
        roles: ["procesbegeleider"],
        mfa: true,
      } as Actor;
    });
    afterAll(async () => t.close());

    it("fills the places, then the waiting list; a cancellation promotes the first waiting", async () => {
      const sessionId = await newSession(2);
      const visitor = new TestClient(t.app);
      for (const name of ["Anna", "Bilal", "Chen", "Dina"]) {
        const res = await registerAs(visitor, sessionId, name);
        expect(res.statusCode).toBe(303);
      }
      expect(await statusOf(sessionId)).toEqual({
        Anna: "aangemeld",
        Bilal: "aangemeld",
        Chen: "wachtlijst",
        Dina: "wachtlijst",
      });
      const chenMail = t.mailer.sent.find((m) => m.to === "chen@voorbeeld.test");
      expect(chenMail?.subject).toBe(
        `Wachtlijst: ${(await t.database.db.select().from(maaksessies).where(eq(maaksessies.id, sessionId)))[0]?.title}`,
      );

      // Anna cancels through the link in her mail; Chen (waiting first) gets her place and a mail.
      const ownPage = t.mailer.linkTo("anna@voorbeeld.test");
      expect(ownPage).toMatch(new RegExp(`^/sessies/${sessionId}/aanmelding/`));
      const page = await visitor.get(ownPage);
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain("<svg");
      const cancel = await visitor.post(`${ownPage}/annuleren`, {});
      expect(cancel.statusCode).toBe(303);
      expect(await statusOf(sessionId)).toEqual({
        Anna: "geannuleerd",
        Bilal: "aangemeld",
        Chen: "aangemeld",
        Dina: "wachtlijst",
      });
      const promoted = t.mailer.sent.filter((m) => m.to === "chen@voorbeeld.test").at(-1);
      expect(promoted?.subject).toContain("Er is een plaats voor je");
      // The link works for the promoted person too (derived, not stored).
      expect((await visitor.get(t.mailer.linkTo("chen@voorbeeld.test"))).body).toContain(
        "je bent aangemeld",
      );

      // Cancelling twice, or with a made-up token, changes nothing more.
      expect((await visitor.post(`${ownPage}/annuleren`, {})).statusCode).toBe(303);
      expect(
        (await visitor.post(`/sessies/${sessionId}/aanmelding/verzonnen/annuleren`, {})).statusCode,
      ).toBe(404);
      expect(await statusOf(sessionId)).toEqual({
        Anna: "geannuleerd",
        Bilal: "aangemeld",
        Chen: "aangemeld",
        Dina: "wachtlijst",
      });
    });

    it("promotes the people waiting when the capacity is raised", async () => {
      const sessionId = await newSession(1);
      const visitor = new TestClient(t.app);
      for (const name of ["Kees", "Lina", "Mo"]) await registerAs(visitor, sessionId, name);
      const [row] = await t.database.db
        .select()
        .from(maaksessies)
        .where(eq(maaksessies.id, sessionId));
      if (!row) throw new Error("no session");
      const promoted = await updateSession(
        t.database.db,
        { actor: facilitator },
        sessionId,
        row.version,
        {
          title: row.title,
          description: null,
          themeIds: [],
          regionId: null,
          date: row.date,
          startsAt: "13:00",
          endsAt: "17:00",
          place: row.place,
          onlineUrl: null,
          programme: [],
          partnerOrganisationIds: [],
          capacity: 2,
          languages: ["nl"],
          interpreters: null,
          registrationOpen: true,
        },
      );
      expect(promoted.map((p) => p.name)).toEqual(["Lina"]);
      expect(await statusOf(sessionId)).toEqual({
        Kees: "aangemeld",
        Lina: "aangemeld",
        Mo: "wachtlijst",
      });
    });

    it("keeps a deelsessie's own capacity", async () => {
      const sessionId = await newSession(10);
      const [breakout] = await t.database.db
        .insert(maaksessies)
        .values({
          organisationId,
          parentId: sessionId,
          title: "Klein",
          date: today,
          startsAt: "14:00",
          endsAt: "15:00",
          capacity: 1,
          joinCode: "BRK234",
        })
        .returning();
      const visitor = new TestClient(t.app);
      await registerAs(visitor, sessionId, "Eva", { breakoutId: breakout?.id ?? "" });
      await registerAs(visitor, sessionId, "Fatma", { breakoutId: breakout?.id ?? "" });
      await registerAs(visitor, sessionId, "Gert");
      expect(await statusOf(sessionId)).toEqual({
        Eva: "aangemeld",
        Fatma: "wachtlijst",
        Gert: "aangemeld",
      });
    });

    it("never gives the last place to two people registering at the same moment", async () => {
      const sessionId = await newSession(1);
      const input = (name: string) => ({
        name,
        email: `${name}@voorbeeld.test`,
        affiliation: null,
        role: "professional" as const,
        locale: "nl",
        needs: {},
        breakoutId: null,
      });
      // Open the pool's connections first, so the four transactions really run side by side.
      if (kind === "postgres")
        await Promise.all(
          Array.from({ length: 5 }, () => t.database.exec("select pg_sleep(0.05)")),
        );
      const results = await Promise.all(
        ["h1", "h2", "h3", "h4"].map((name) =>
          register(t.database.db, { actor: anonymous }, sessionId, input(name), "x".repeat(40)),
        ),
      );
      expect(results.filter((r) => r.status === "aangemeld")).toHaveLength(1);
      expect(results.filter((r) => r.status === "wachtlijst")).toHaveLength(3);
      const placed = await t.database.db
        .select()
        .from(registrations)
        .where(and(eq(registrations.sessionId, sessionId), eq(registrations.status, "aangemeld")));
      expect(placed).toHaveLength(1);
    });

    it("shows the event page without any registrant, and a calendar file", async () => {
      const sessionId = await newSession(5);
      const visitor = new TestClient(t.app);
      await registerAs(visitor, sessionId, "Geheim", { affiliation: "Verborgen Organisatie" });
      const page = await new TestClient(t.app).get(`/sessies/${sessionId}`);
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain("4 van de 5 plaatsen vrij");
      expect(page.body).not.toContain("Geheim");
      expect(page.body).not.toContain("geheim@voorbeeld.test");
      expect(page.body).not.toContain("Verborgen Organisatie");
      const ics = await visitor.get(`/sessies/${sessionId}/agenda.ics`);
      expect(ics.headers["content-type"]).toContain("text/calendar");
      expect(ics.body).toContain("BEGIN:VEVENT");
      expect(ics.body).toContain("LOCATION:Zaal De Linde");
    });

    it("shows the page in the visitor's language and mails in the chosen language", async () => {
      const sessionId = await newSession(5);
      const visitor = new TestClient(t.app);
      visitor.headers = { "accept-language": "ti" };
      const page = await visitor.get(`/sessies/${sessionId}`);
      expect(page.body).toContain("ምምዝጋብ");
      await registerAs(visitor, sessionId, "Tesfay", { locale: "ti" });
      const mail = t.mailer.sent.filter((m) => m.to === "tesfay@voorbeeld.test").at(-1);
      expect(mail?.subject).toContain("ተመዝጊብካ");
    });

    it("validates the form, and refuses when registration is closed", async () => {
      const sessionId = await newSession(5);
      const visitor = new TestClient(t.app);
      const bad = await visitor.post(
        `/sessies/${sessionId}/aanmelden`,
        { name: "Ida", email: "geen-adres", role: "koning", locale: "nl" },
        { from: `/sessies/${sessionId}` },
      );
      expect(bad.statusCode).toBe(422);
      expect(bad.body).toContain('value="Ida"');
      const closed = await newSession(5, false);
      const res = await registerAs(visitor, closed, "Jan");
      expect(res.statusCode).toBe(200);
      expect(await statusOf(closed)).toEqual({});
    });

    it("refuses a forged registration without a CSRF token", async () => {
      const sessionId = await newSession(5);
      const res = await new TestClient(t.app).post(
        `/sessies/${sessionId}/aanmelden`,
        { name: "Vals", email: "vals@voorbeeld.test", role: "nieuwkomer", locale: "nl" },
        { csrf: false },
      );
      expect(res.statusCode).toBe(403);
      expect(await statusOf(sessionId)).toEqual({});
    });
  },
);
