import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditEvents } from "../../src/audit/schema.ts";
import { maaksessies, noteGroups, notes, registrations } from "../../src/sessions/schema.ts";
import { createTestApp, type TestApp } from "../support/app.ts";
import { TestClient } from "../support/client.ts";
import { databaseKinds } from "../support/database.ts";
import { buildAccount, buildOrganisation, signIn } from "../support/factories.ts";

const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Amsterdam" }).format(new Date());

let codes = 0;
const joinCode = () => {
  codes += 1;
  return `B${process.pid % 1000}K${codes}${Math.random().toString(36).slice(2, 4).toUpperCase()}`;
};

describe.each(databaseKinds)("maaksessies: changing and removing a deelsessie (%s)", (kind) => {
  let t: TestApp;
  let organisationId: string;
  let partnerId: string;
  let asFacilitator: TestClient;
  let asOtherProvince: TestClient;
  let asConsultant: TestClient;

  /** A session with one deelsessie, inserted directly; returns both ids. */
  const sessionWithBreakout = async (breakout: Partial<typeof maaksessies.$inferInsert> = {}) => {
    const db = t.database.db;
    const [session] = await db
      .insert(maaksessies)
      .values({
        organisationId,
        title: "Maaksessie Gezondheid",
        date: today,
        startsAt: "09:30",
        endsAt: "16:00",
        place: "Provinciehuis",
        capacity: 20,
        joinCode: joinCode(),
      })
      .returning();
    if (!session) throw new Error("no session");
    const [child] = await db
      .insert(maaksessies)
      .values({
        organisationId,
        parentId: session.id,
        title: "Huisarts en tolk",
        room: "Zaal 2",
        date: today,
        startsAt: "13:30",
        endsAt: "15:00",
        capacity: 1,
        joinCode: joinCode(),
        ...breakout,
      })
      .returning();
    if (!child) throw new Error("no deelsessie");
    return { sessionId: session.id, breakoutId: child.id };
  };

  const breakoutRow = async (id: string) =>
    (await t.database.db.select().from(maaksessies).where(eq(maaksessies.id, id)))[0];

  const audits = (resourceId: string, action: string) =>
    t.database.db
      .select()
      .from(auditEvents)
      .where(
        and(
          eq(auditEvents.resourceType, "deelsessie"),
          eq(auditEvents.resourceId, resourceId),
          eq(auditEvents.action, action),
        ),
      );

  const editForm = (overrides: Record<string, string> = {}) => ({
    title: "Huisarts, tolk en apotheek",
    description: "Wat helpt bij het eerste bezoek?",
    hostOrganisationId: partnerId,
    room: "Zaal 3",
    startsAt: "13:45",
    endsAt: "15:15",
    capacity: "2",
    version: "1",
    ...overrides,
  });

  const register = (sessionId: string, breakoutId: string, name: string) =>
    new TestClient(t.app).post(
      `/sessies/${sessionId}/aanmelden`,
      {
        name,
        email: `${name.toLowerCase()}@voorbeeld.test`,
        role: "nieuwkomer",
        locale: "nl",
        breakoutId,
      },
      { from: `/sessies/${sessionId}` },
    );

  beforeAll(async () => {
    t = await createTestApp(kind);
    const db = t.database.db;
    const province = await buildOrganisation(db, { kind: "provincie", name: "Provincie Test" });
    const other = await buildOrganisation(db, { kind: "provincie", name: "Provincie Elders" });
    const partner = await buildOrganisation(db, { kind: "lokaal_initiatief", name: "GGD Test" });
    organisationId = province.id;
    partnerId = partner.id;
    asFacilitator = await signIn(
      t.app,
      await buildAccount(db, { organisationId, roles: ["procesbegeleider"] }),
    );
    asOtherProvince = await signIn(
      t.app,
      await buildAccount(db, { organisationId: other.id, roles: ["procesbegeleider"] }),
    );
    asConsultant = await signIn(
      t.app,
      await buildAccount(db, { organisationId, roles: ["consulent"] }),
    );
  });
  afterAll(async () => t.close());

  it("links to changing and removing each deelsessie from the session page", async () => {
    const { sessionId, breakoutId } = await sessionWithBreakout();
    const page = await asFacilitator.get(`/maaksessies/${sessionId}`);
    expect(page.body).toContain(
      `href="/maaksessies/${sessionId}/deelsessies/${breakoutId}/bewerken"`,
    );
    expect(page.body).toContain(
      `href="/maaksessies/${sessionId}/deelsessies/${breakoutId}/verwijderen"`,
    );
  });

  it("changes a deelsessie with the version the form was loaded with, audited", async () => {
    const { sessionId, breakoutId } = await sessionWithBreakout();
    const path = `/maaksessies/${sessionId}/deelsessies/${breakoutId}/bewerken`;
    const form = await asFacilitator.get(path);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('value="Huisarts en tolk"');
    expect(form.body).toContain('name="version" value="1"');
    const res = await asFacilitator.post(path, editForm());
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`/maaksessies/${sessionId}#deelsessies`);
    const row = await breakoutRow(breakoutId);
    expect(row).toMatchObject({
      title: "Huisarts, tolk en apotheek",
      description: "Wat helpt bij het eerste bezoek?",
      hostOrganisationId: partnerId,
      room: "Zaal 3",
      startsAt: "13:45:00",
      endsAt: "15:15:00",
      capacity: 2,
      version: 2,
      parentId: sessionId,
    });
    expect(await audits(breakoutId, "update")).toHaveLength(1);
    const event = await new TestClient(t.app).get(`/sessies/${sessionId}`);
    expect(event.body).toContain("Huisarts, tolk en apotheek");
    expect(event.body).toContain("GGD Test");
  });

  it("validates like adding: errors in the form, the input kept, nothing changed", async () => {
    const { sessionId, breakoutId } = await sessionWithBreakout();
    const res = await asFacilitator.post(
      `/maaksessies/${sessionId}/deelsessies/${breakoutId}/bewerken`,
      editForm({ endsAt: "12:00", title: "Nieuw onderwerp" }),
      { from: `/maaksessies/${sessionId}/deelsessies/${breakoutId}/bewerken` },
    );
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain("De eindtijd moet na de begintijd liggen.");
    expect(res.body).toContain('value="Nieuw onderwerp"');
    expect(res.body).toContain('value="12:00"');
    expect((await breakoutRow(breakoutId))?.title).toBe("Huisarts en tolk");
    const empty = await asFacilitator.post(
      `/maaksessies/${sessionId}/deelsessies/${breakoutId}/bewerken`,
      editForm({ title: " ", capacity: "veel" }),
    );
    expect(empty.statusCode).toBe(422);
    expect(empty.body).toContain('value="veel"');
    expect(empty.body).toContain('aria-invalid="true"');
    expect(await audits(breakoutId, "update")).toHaveLength(0);
  });

  it("refuses a stale version: shows both versions, keeps the input, then saves knowingly", async () => {
    const { sessionId, breakoutId } = await sessionWithBreakout();
    const path = `/maaksessies/${sessionId}/deelsessies/${breakoutId}/bewerken`;
    // A colleague saves first.
    expect(
      (await asFacilitator.post(path, editForm({ room: "Zaal 9" }), { from: path })).statusCode,
    ).toBe(303);
    const stale = await asFacilitator.post(
      path,
      editForm({ version: "1", room: "Zaal 5", title: "Mijn onderwerp" }),
    );
    expect(stale.statusCode).toBe(409);
    expect(stale.body).toContain("Iemand anders heeft deze deelsessie gewijzigd");
    expect(stale.body).toContain("Uw invoer");
    expect(stale.body).toContain("Nu opgeslagen");
    // Both versions: the colleague's room and the user's own, and the input still in the form.
    expect(stale.body).toContain("Zaal 9");
    expect(stale.body).toContain('value="Zaal 5"');
    expect(stale.body).toContain('value="Mijn onderwerp"');
    expect(stale.body).toContain('name="version" value="2"');
    expect((await breakoutRow(breakoutId))?.room).toBe("Zaal 9");
    const again = await asFacilitator.post(
      path,
      editForm({ version: "2", room: "Zaal 5", title: "Mijn onderwerp" }),
    );
    expect(again.statusCode).toBe(303);
    expect(await breakoutRow(breakoutId)).toMatchObject({
      room: "Zaal 5",
      title: "Mijn onderwerp",
      version: 3,
    });
  });

  it("promotes the people waiting for the deelsessie when its capacity grows, and mails them", async () => {
    const { sessionId, breakoutId } = await sessionWithBreakout({ capacity: 1 });
    for (const name of ["Ayaan", "Bisrat"])
      expect((await register(sessionId, breakoutId, name)).statusCode).toBe(303);
    const status = async () =>
      Object.fromEntries(
        (
          await t.database.db
            .select({ name: registrations.name, status: registrations.status })
            .from(registrations)
            .where(eq(registrations.sessionId, sessionId))
        ).map((r) => [r.name, r.status]),
      );
    expect(await status()).toEqual({ Ayaan: "aangemeld", Bisrat: "wachtlijst" });
    const res = await asFacilitator.post(
      `/maaksessies/${sessionId}/deelsessies/${breakoutId}/bewerken`,
      editForm({ capacity: "2" }),
      { from: `/maaksessies/${sessionId}/deelsessies/${breakoutId}/bewerken` },
    );
    expect(res.statusCode).toBe(303);
    expect(await status()).toEqual({ Ayaan: "aangemeld", Bisrat: "aangemeld" });
    const mail = t.mailer.sent.filter((m) => m.to === "bisrat@voorbeeld.test").at(-1);
    expect(mail?.subject).toContain("Er is een plaats voor je");
  });

  it("removes a deelsessie nothing hangs on after a confirmation page, audited", async () => {
    const { sessionId, breakoutId } = await sessionWithBreakout();
    const path = `/maaksessies/${sessionId}/deelsessies/${breakoutId}/verwijderen`;
    const confirm = await asFacilitator.get(path);
    expect(confirm.statusCode).toBe(200);
    expect(confirm.body).toContain("Ja, verwijder deze deelsessie");
    expect(confirm.body).toContain(`action="${path}"`);
    expect(confirm.body).toContain('name="version" value="1"');
    // A GET changes nothing: the confirmation is its own POST.
    expect(await breakoutRow(breakoutId)).toBeDefined();
    const res = await asFacilitator.post(path, { version: "1" });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`/maaksessies/${sessionId}#deelsessies`);
    expect(await breakoutRow(breakoutId)).toBeUndefined();
    const [audit] = await audits(breakoutId, "delete");
    expect(audit?.details).toMatchObject({ sessionId, title: "Huisarts en tolk" });
    const page = await asFacilitator.follow(res);
    expect(page.body).toContain("De deelsessie ‘Huisarts en tolk’ is verwijderd.");
    expect(page.body).toContain("Nog geen deelsessies.");

    // Someone who opened the event page before the removal is asked to choose again.
    const late = await register(sessionId, breakoutId, "Fenna");
    expect(late.statusCode).toBe(422);
    expect(late.body).toContain("Deze deelsessie bestaat niet meer.");
    expect(late.body).toContain('value="Fenna"');
    expect(
      await t.database.db
        .select()
        .from(registrations)
        .where(eq(registrations.sessionId, sessionId)),
    ).toHaveLength(0);
  });

  it("refuses to remove a deelsessie people registered for, with a clear message", async () => {
    const { sessionId, breakoutId } = await sessionWithBreakout({ capacity: 1 });
    await register(sessionId, breakoutId, "Chaltu");
    await register(sessionId, breakoutId, "Dawit");
    const path = `/maaksessies/${sessionId}/deelsessies/${breakoutId}/verwijderen`;
    const confirm = await asFacilitator.get(path);
    expect(confirm.statusCode).toBe(200);
    expect(confirm.body).toContain("Deze deelsessie kan nu niet worden verwijderd");
    expect(confirm.body).toContain(
      "2 mensen hebben zich voor deze deelsessie aangemeld of staan op de wachtlijst.",
    );
    expect(confirm.body).not.toContain("Ja, verwijder deze deelsessie");
    expect(confirm.body).toContain(`href="/maaksessies/${sessionId}/aanmeldingen"`);
    // A POST anyway (an old tab, a forged form) is refused too.
    const res = await asFacilitator.post(path, { version: "1" });
    expect(res.statusCode).toBe(409);
    expect(res.body).toContain("2 mensen hebben zich");
    expect(await breakoutRow(breakoutId)).toBeDefined();
    expect(await audits(breakoutId, "delete")).toHaveLength(0);
  });

  it("lets cancelled registrations not block removal; their old choice is cleared", async () => {
    const { sessionId, breakoutId } = await sessionWithBreakout();
    await register(sessionId, breakoutId, "Emebet");
    await t.database.db
      .update(registrations)
      .set({ status: "geannuleerd" })
      .where(eq(registrations.sessionId, sessionId));
    const path = `/maaksessies/${sessionId}/deelsessies/${breakoutId}/verwijderen`;
    expect((await asFacilitator.post(path, { version: "1" }, { from: path })).statusCode).toBe(303);
    const [cancelled] = await t.database.db
      .select()
      .from(registrations)
      .where(eq(registrations.sessionId, sessionId));
    expect(cancelled).toMatchObject({ status: "geannuleerd", breakoutId: null });
  });

  it("refuses while a vraagstuk is worked out in it, or its own board has notes", async () => {
    const db = t.database.db;
    const first = await sessionWithBreakout();
    await db.insert(noteGroups).values({
      organisationId,
      sessionId: first.sessionId,
      kind: "vraagstuk",
      title: "Tolk bij de huisarts",
      breakoutId: first.breakoutId,
    });
    const vraagstuk = await asFacilitator.get(
      `/maaksessies/${first.sessionId}/deelsessies/${first.breakoutId}/verwijderen`,
    );
    expect(vraagstuk.body).toContain("1 vraagstuk wordt in deze deelsessie uitgewerkt.");
    expect(vraagstuk.body).not.toContain("Ja, verwijder deze deelsessie");

    const second = await sessionWithBreakout();
    await db.insert(notes).values({
      organisationId,
      sessionId: second.breakoutId,
      clientId: "bord-deelsessie-1",
      category: "positief",
      text: "Goed dat er een tolk was",
      locale: "nl",
      role: "nieuwkomer",
    });
    const path = `/maaksessies/${second.sessionId}/deelsessies/${second.breakoutId}/verwijderen`;
    const board = await asFacilitator.get(path);
    expect(board.body).toContain("Op het eigen bord van deze deelsessie staat al 1 notitie");
    expect((await asFacilitator.post(path, { version: "1" })).statusCode).toBe(409);
    const kept = await db.select().from(notes).where(eq(notes.sessionId, second.breakoutId));
    expect(kept).toHaveLength(1);
  });

  it("asks again when the deelsessie changed after the confirmation page was loaded", async () => {
    const { sessionId, breakoutId } = await sessionWithBreakout();
    const path = `/maaksessies/${sessionId}/deelsessies/${breakoutId}/verwijderen`;
    await asFacilitator.get(path);
    await t.database.db
      .update(maaksessies)
      .set({ title: "Intussen anders", version: 2 })
      .where(eq(maaksessies.id, breakoutId));
    const res = await asFacilitator.post(path, { version: "1" });
    expect(res.statusCode).toBe(409);
    expect(res.body).toContain("Deze deelsessie is gewijzigd nadat je deze pagina opende.");
    expect(res.body).toContain("Intussen anders");
    expect(res.body).toContain('name="version" value="2"');
    expect(await breakoutRow(breakoutId)).toBeDefined();
  });

  it("lets neither another organisation nor a consultant change or remove it (404), nor a forged POST", async () => {
    const { sessionId, breakoutId } = await sessionWithBreakout();
    const base = `/maaksessies/${sessionId}/deelsessies/${breakoutId}`;
    for (const client of [asOtherProvince, asConsultant]) {
      expect((await client.get(`${base}/bewerken`)).statusCode).toBe(404);
      expect((await client.get(`${base}/verwijderen`)).statusCode).toBe(404);
      const edit = await client.post(`${base}/bewerken`, editForm({ title: "Overgenomen" }), {
        from: "/account",
      });
      expect(edit.statusCode).toBe(404);
      const remove = await client.post(`${base}/verwijderen`, { version: "1" });
      expect(remove.statusCode).toBe(404);
    }
    const anonymous = new TestClient(t.app);
    expect((await anonymous.get(`${base}/bewerken`)).statusCode).toBe(303);
    const forgedEdit = await asFacilitator.post(`${base}/bewerken`, editForm(), { csrf: false });
    expect(forgedEdit.statusCode).toBe(403);
    const forgedRemove = await asFacilitator.post(
      `${base}/verwijderen`,
      { version: "1" },
      { csrf: false },
    );
    expect(forgedRemove.statusCode).toBe(403);
    expect(await breakoutRow(breakoutId)).toMatchObject({ title: "Huisarts en tolk", version: 1 });
  });

  it("does not reach a deelsessie through another session's address", async () => {
    const mine = await sessionWithBreakout();
    const other = await sessionWithBreakout();
    const wrong = `/maaksessies/${mine.sessionId}/deelsessies/${other.breakoutId}`;
    expect((await asFacilitator.get(`${wrong}/bewerken`)).statusCode).toBe(404);
    expect(
      (
        await asFacilitator.post(
          `${wrong}/verwijderen`,
          { version: "1" },
          { from: `/maaksessies/${mine.sessionId}` },
        )
      ).statusCode,
    ).toBe(404);
    // A session is not a deelsessie of itself either.
    expect(
      (
        await asFacilitator.get(
          `/maaksessies/${mine.sessionId}/deelsessies/${mine.sessionId}/bewerken`,
        )
      ).statusCode,
    ).toBe(404);
    expect(await breakoutRow(other.breakoutId)).toBeDefined();
  });
});
