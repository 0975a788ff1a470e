import { request as httpRequest, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditEvents } from "../../src/audit/schema.ts";
import type { Db } from "../../src/platform/db/client.ts";
import { maaksessies, noteGroups, notes, sessionActions } from "../../src/sessions/schema.ts";
import { createTestApp, type TestApp } from "../support/app.ts";
import { TestClient } from "../support/client.ts";
import { databaseKinds } from "../support/database.ts";
import { buildAccount, buildOrganisation, signIn } from "../support/factories.ts";

let codes = 0;

/** A maaksessie inserted directly (its planning pages belong to another part of issue 5). */
async function buildSession(
  db: Db,
  organisationId: string,
  overrides: Partial<typeof maaksessies.$inferInsert> = {},
) {
  codes += 1;
  const [row] = await db
    .insert(maaksessies)
    .values({
      organisationId,
      title: "Maaksessie Werk",
      date: "2026-06-01",
      startsAt: "13:00",
      endsAt: "17:00",
      joinCode: `T${process.pid % 1000}X${codes}${Math.random().toString(36).slice(2, 5).toUpperCase()}`,
      phase: "luisteren",
      languages: ["nl", "ar", "ti", "en"],
      ...overrides,
    })
    .returning();
  if (!row) throw new Error("insert failed");
  return row;
}

/** Joins the board through the real pages; returns the participant's client. */
async function join(
  app: TestApp["app"],
  code: string,
  form: { role: string; locale: string; displayName?: string },
  ip: string,
) {
  const client = new TestClient(app, ip);
  const res = await client.post(`/doe-mee/${code}`, form, { from: `/doe-mee/${code}` });
  expect(res.statusCode).toBe(303);
  return client;
}

const postNote = (client: TestClient, code: string, form: Record<string, string>) =>
  client.post(`/bord/${code}/notities`, {
    category: "negatief",
    reveal: "1",
    clientId: crypto.randomUUID(),
    ...form,
  });

/** Opens the event stream on a real socket and collects its text. */
function openStream(url: string, cookie: string, headers: Record<string, string> = {}) {
  let text = "";
  let response: IncomingMessage | undefined;
  const req = httpRequest(
    url,
    { headers: { cookie, accept: "text/event-stream", ...headers } },
    (res) => {
      response = res;
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => {
        text += chunk;
      });
    },
  );
  req.end();
  const until = async (needle: string, ms = 5000) => {
    const start = Date.now();
    while (!text.includes(needle)) {
      if (Date.now() - start > ms) throw new Error(`stream did not receive ${needle}: ${text}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  };
  return {
    until,
    text: () => text,
    status: () => response?.statusCode,
    close: () => req.destroy(),
  };
}

describe.each(databaseKinds)("the live board (%s)", (kind) => {
  let t: TestApp;
  let organisationId: string;
  let session: typeof maaksessies.$inferSelect;
  let facilitator: TestClient;
  let baseUrl: string;

  beforeAll(async () => {
    t = await createTestApp(kind);
    const org = await buildOrganisation(t.database.db, { kind: "gemeente" });
    organisationId = org.id;
    session = await buildSession(t.database.db, org.id);
    const account = await buildAccount(t.database.db, {
      organisationId: org.id,
      roles: ["procesbegeleider"],
    });
    facilitator = await signIn(t.app, account, "10.1.0.1");
    await t.app.listen({ host: "127.0.0.1", port: 0 });
    baseUrl = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
  });
  afterAll(async () => t?.close());

  it("joins by code without an account: role required, name optional, secret only hashed", async () => {
    const phone = new TestClient(t.app, "10.2.0.1");
    const found = await phone.get(`/doe-mee?code=${session.joinCode.toLowerCase()}`);
    expect(found.statusCode).toBe(303);
    expect(found.headers.location).toBe(`/doe-mee/${session.joinCode}`);
    expect((await phone.get("/doe-mee?code=NOPE99")).statusCode).toBe(404);

    await phone.get(`/doe-mee/${session.joinCode}`);
    expect(phone.html).toContain('lang="ti"');
    const missing = await phone.post(`/doe-mee/${session.joinCode}`, { locale: "ar" });
    expect(missing.statusCode).toBe(422);
    const joined = await phone.post(`/doe-mee/${session.joinCode}`, {
      role: "nieuwkomer",
      locale: "ar",
    });
    expect(joined.statusCode).toBe(303);
    expect(joined.headers.location).toBe(`/bord/${session.joinCode}`);
    const secret = phone.cookie("koers_bord");
    expect(secret).toBeTruthy();
    const stored = await t.database.query<{ secret_hash: string }>(
      "select secret_hash from board_participants where session_id = $1",
      [session.id],
    );
    expect(stored.map((r) => r.secret_hash)).not.toContain(secret);
    const board = await phone.follow(joined);
    expect(board.statusCode).toBe(200);
    expect(board.body).toContain('dir="rtl"');
  });

  it("refuses a forged join and a forged note (participant forms carry CSRF too)", async () => {
    const phone = new TestClient(t.app, "10.2.0.2");
    await phone.get(`/doe-mee/${session.joinCode}`);
    const forged = await phone.post(
      `/doe-mee/${session.joinCode}`,
      { role: "professional", locale: "nl" },
      { csrf: false },
    );
    expect(forged.statusCode).toBe(403);
    const member = await join(
      t.app,
      session.joinCode,
      { role: "professional", locale: "nl" },
      "10.2.0.3",
    );
    const res = await member.post(
      `/bord/${session.joinCode}/notities`,
      { category: "positief", text: "x", clientId: "forged-123" },
      { csrf: false },
    );
    expect(res.statusCode).toBe(403);
  });

  it("keeps a note private until revealed, and never shows another's private note", async () => {
    const writer = await join(
      t.app,
      session.joinCode,
      { role: "nieuwkomer", locale: "nl", displayName: "Amal" },
      "10.2.1.1",
    );
    const other = await join(
      t.app,
      session.joinCode,
      { role: "beleidsmaker", locale: "nl" },
      "10.2.1.2",
    );
    const res = await postNote(writer, session.joinCode, {
      text: "Geheime gedachte over wachtlijsten",
      reveal: "0",
    });
    expect(res.statusCode).toBe(303);
    expect((await writer.follow(res)).body).toContain("Geheime gedachte");
    expect((await other.get(`/bord/${session.joinCode}`)).body).not.toContain("Geheime gedachte");
    const [note] = await t.database.db
      .select()
      .from(notes)
      .where(eq(notes.text, "Geheime gedachte over wachtlijsten"));
    if (!note) throw new Error("no note");
    expect(note.authorName).toBeNull();
    expect(note.role).toBe("nieuwkomer");
    // Another participant cannot reveal it (it does not exist for them).
    expect(
      (
        await other.post(
          `/bord/${session.joinCode}/notities/${note.id}/tonen`,
          {},
          { from: `/bord/${session.joinCode}` },
        )
      ).statusCode,
    ).toBe(404);
    const reveal = await writer.post(
      `/bord/${session.joinCode}/notities/${note.id}/tonen`,
      {},
      { from: `/bord/${session.joinCode}` },
    );
    expect(reveal.statusCode).toBe(303);
    const seen = await other.get(`/bord/${session.joinCode}`);
    expect(seen.body).toContain("Geheime gedachte");
    expect(seen.body).not.toContain("Amal");
  });

  it("pushes a posted note to a live stream, and replays notes after a reconnect", async () => {
    const phone = await join(
      t.app,
      session.joinCode,
      { role: "professional", locale: "nl" },
      "10.2.2.1",
    );
    const cookie = `koers_bord=${phone.cookie("koers_bord")}`;
    const stream = openStream(`${baseUrl}/bord/${session.joinCode}/live`, cookie);
    await stream.until("retry:");
    expect(stream.status()).toBe(200);
    await phone.get(`/bord/${session.joinCode}`);
    const res = await postNote(phone, session.joinCode, { text: "Live over de brede intake" });
    expect(res.statusCode).toBe(303);
    await stream.until("Live over de brede intake");
    expect(stream.text()).toMatch(/id: .+\nevent: note\ndata: \{.*"role":"professional"/);
    stream.close();

    const again = openStream(`${baseUrl}/bord/${session.joinCode}/live`, cookie, {
      "last-event-id": "0",
    });
    await again.until("Live over de brede intake");
    again.close();

    const stranger = openStream(
      `${baseUrl}/bord/${session.joinCode}/live`,
      "koers_bord=not-a-secret",
    );
    await new Promise((r) => setTimeout(r, 200));
    expect(stranger.status()).toBe(403);
    stranger.close();
  });

  it("keeps one note when a phone resends it with the same client id", async () => {
    const phone = await join(
      t.app,
      session.joinCode,
      { role: "vrijwilliger", locale: "nl" },
      "10.2.3.1",
    );
    await phone.get(`/bord/${session.joinCode}`);
    const form = {
      category: "positief",
      text: "Taalmaatjes helpen echt",
      reveal: "1",
      clientId: "resend-0001",
    };
    const first = await phone.post(`/bord/${session.joinCode}/notities`, form);
    const second = await phone.post(`/bord/${session.joinCode}/notities`, form);
    expect([first.statusCode, second.statusCode]).toEqual([303, 303]);
    const rows = await t.database.db.select().from(notes).where(eq(notes.clientId, "resend-0001"));
    expect(rows).toHaveLength(1);
  });

  it("lets the facilitator hide a note (audited); a participant or consultant cannot", async () => {
    const phone = await join(
      t.app,
      session.joinCode,
      { role: "onderzoeker", locale: "nl" },
      "10.2.4.1",
    );
    await phone.get(`/bord/${session.joinCode}`);
    await postNote(phone, session.joinCode, { text: "Iets dat niet op het bord hoort" });
    const [note] = await t.database.db
      .select()
      .from(notes)
      .where(eq(notes.text, "Iets dat niet op het bord hoort"));
    if (!note) throw new Error("no note");
    const hidePath = `/maaksessies/${session.id}/bord/notities/${note.id}/verbergen`;

    const byPhone = await phone.post(hidePath, {}, { from: `/bord/${session.joinCode}` });
    expect(byPhone.statusCode).toBe(303);
    expect(byPhone.headers.location).toMatch(/^\/inloggen/);
    const consultant = await signIn(
      t.app,
      await buildAccount(t.database.db, { organisationId, roles: ["consulent"] }),
      "10.1.0.2",
    );
    expect((await consultant.get(`/maaksessies/${session.id}/bord`)).statusCode).toBe(403);
    expect((await consultant.post(hidePath, {}, { from: "/" })).statusCode).toBe(403);
    const forged = await facilitator.post(hidePath, {}, { csrf: false });
    expect(forged.statusCode).toBe(403);

    await facilitator.get(`/maaksessies/${session.id}/bord`);
    const hidden = await facilitator.post(hidePath, {});
    expect(hidden.statusCode).toBe(303);
    expect((await phone.get(`/bord/${session.joinCode}`)).body).not.toContain(
      "niet op het bord hoort",
    );
    const audit = await t.database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.resourceType, "note"), eq(auditEvents.resourceId, note.id)));
    expect(audit).toHaveLength(1);
  });

  it("suggests groups from Dutch text (a Dutch version for other languages) and accepts one", async () => {
    const other = await buildSession(t.database.db, organisationId);
    const nl = await join(
      t.app,
      other.joinCode,
      { role: "professional", locale: "nl" },
      "10.2.5.1",
    );
    const ar = await join(t.app, other.joinCode, { role: "nieuwkomer", locale: "ar" }, "10.2.5.2");
    await nl.get(`/bord/${other.joinCode}`);
    await postNote(nl, other.joinCode, { text: "De wachtlijsten bij de huisarts zijn lang" });
    await postNote(nl, other.joinCode, { text: "Lange wachtlijst voor de huisartsen" });
    await postNote(nl, other.joinCode, { text: "Fietsles was fijn" });
    await ar.get(`/bord/${other.joinCode}`);
    await postNote(ar, other.joinCode, { text: "قوائم الانتظار طويلة" });
    const [arabic] = await t.database.db
      .select()
      .from(notes)
      .where(eq(notes.text, "قوائم الانتظار طويلة"));
    if (!arabic) throw new Error("no note");
    await ar.post(
      `/bord/${other.joinCode}/notities/${arabic.id}/nederlands`,
      { dutchText: "De wachtlijst bij de huisarts is lang" },
      { from: `/bord/${other.joinCode}` },
    );

    const page = await facilitator.get(`/maaksessies/${other.id}/bord`);
    expect(page.statusCode).toBe(200);
    const suggestion = page.body.match(
      /<form[^>]*\/groepen"[^>]*>(?:(?!<\/form>).)*?name="noteIds"(?:(?!<\/form>).)*<\/form>/s,
    )?.[0];
    expect(suggestion).toBeTruthy();
    const ids = [...(suggestion ?? "").matchAll(/name="noteIds" value="([^"]+)"/g)].map(
      (m) => m[1] ?? "",
    );
    expect(ids).toHaveLength(3);
    expect(ids).toContain(arabic.id);
    const made = await facilitator.post(`/maaksessies/${other.id}/bord/groepen`, {
      title: "Wachten op zorg",
      kind: "groep",
      noteIds: ids,
    });
    expect(made.statusCode).toBe(303);
    const grouped = await t.database.db.select().from(notes).where(eq(notes.sessionId, other.id));
    expect(grouped.filter((n) => n.groupId !== null)).toHaveLength(3);
    expect((await nl.get(`/bord/${other.joinCode}`)).body).toContain(
      "Nederlandse versie, door de schrijver",
    );
  });

  it("moves a note into a group by keyboard form, makes a vraagstuk, counts dots within budget", async () => {
    const voting = await buildSession(t.database.db, organisationId, { voteBudget: 2 });
    const phone = await join(
      t.app,
      voting.joinCode,
      { role: "nieuwkomer", locale: "ti" },
      "10.2.6.1",
    );
    await phone.get(`/bord/${voting.joinCode}`);
    await postNote(phone, voting.joinCode, { text: "ስራ ምርካብ ከቢድ እዩ" });
    const [note] = await t.database.db.select().from(notes).where(eq(notes.sessionId, voting.id));
    if (!note) throw new Error("no note");

    await facilitator.get(`/maaksessies/${voting.id}/bord`);
    await facilitator.post(`/maaksessies/${voting.id}/bord/groepen`, {
      title: "Werk vinden",
      kind: "groep",
    });
    const [group] = await t.database.db
      .select()
      .from(noteGroups)
      .where(eq(noteGroups.sessionId, voting.id));
    if (!group) throw new Error("no group");
    await facilitator.get(`/maaksessies/${voting.id}/bord`);
    expect(
      (
        await facilitator.post(`/maaksessies/${voting.id}/bord/notities/${note.id}/groep`, {
          groupId: group.id,
        })
      ).statusCode,
    ).toBe(303);
    const breakout = await buildSession(t.database.db, organisationId, {
      parentId: voting.id,
      title: "Deelsessie werkgevers",
    });
    await facilitator.get(`/maaksessies/${voting.id}/bord`);
    expect(facilitator.html).toContain("Deelsessie werkgevers");
    await facilitator.post(`/maaksessies/${voting.id}/bord/groepen/${group.id}`, {
      title: "Hoe vinden nieuwkomers werk?",
      kind: "vraagstuk",
      breakoutId: breakout.id,
    });
    const [vraagstuk] = await t.database.db
      .select()
      .from(noteGroups)
      .where(eq(noteGroups.id, group.id));
    expect(vraagstuk).toMatchObject({ kind: "vraagstuk", breakoutId: breakout.id });
    await facilitator.post(`/maaksessies/${voting.id}/bord/fase`, {
      phase: "stemmen",
      minutes: "5",
    });
    const [after] = await t.database.db.select().from(notes).where(eq(notes.id, note.id));
    expect(after?.groupId).toBe(group.id);

    const board = await phone.get(`/bord/${voting.joinCode}`);
    expect(board.body).toContain("Hoe vinden nieuwkomers werk?");
    expect(board.body).toContain('role="timer"');
    // What a vraagstuk arriving live takes its dot from: the phase, the dots left, and the same
    // form as the server renders, CSRF token included (assets/board.js clones it).
    const voteAction = `action="/bord/${voting.joinCode}/stemmen"`;
    const template = (html: string) =>
      html.match(/<template data-vote-form[^>]*>([\s\S]*?)<\/template>/)?.[1] ?? "";
    expect(board.body).toMatch(/data-phase="stemmen" data-left="2"/);
    expect(template(board.body)).toContain(voteAction);
    expect(template(board.body)).toMatch(/name="_csrf" value="[^"]+"/);
    expect(template(board.body)).toMatch(/name="groupId" value(="")?\/>/);
    expect(board.body.split(voteAction)).toHaveLength(3);
    const vote = () => phone.post(`/bord/${voting.joinCode}/stemmen`, { groupId: group.id });
    expect((await vote()).statusCode).toBe(303);
    expect((await vote()).statusCode).toBe(303);
    expect((await vote()).statusCode).toBe(403);
    // Budget spent: no dot on the vraagstuk (only the template's), and the phone's own dots shown.
    const spent = await phone.get(`/bord/${voting.joinCode}`);
    expect(spent.body).toMatch(/data-phase="stemmen" data-left="0"/);
    expect(spent.body.split(voteAction)).toHaveLength(2);
    expect(spent.body).toContain("ናትካ፦ 2");
    const dots = await t.database.query<{ n: number }>(
      "select count(*)::int as n from votes where session_id = $1",
      [voting.id],
    );
    expect(dots[0]?.n).toBe(2);

    // Actions for the vraagstuk, with an owner (person and organisation).
    const byPhone = {
      groupId: group.id,
      what: "Maatjes bij sollicitaties",
      ownerName: "Yonas",
      ownerOrganisationName: "Stichting Samen",
    };
    expect((await phone.post(`/bord/${voting.joinCode}/acties`, byPhone)).statusCode).toBe(403);
    await facilitator.post(`/maaksessies/${voting.id}/bord/fase`, { phase: "actie" });
    await phone.get(`/bord/${voting.joinCode}`);
    expect((await phone.post(`/bord/${voting.joinCode}/acties`, byPhone)).statusCode).toBe(303);
    expect((await phone.get(`/bord/${voting.joinCode}`)).body).toContain(
      "Maatjes bij sollicitaties",
    );
    const forged = await facilitator.post(
      `/maaksessies/${voting.id}/bord/acties`,
      { groupId: group.id, what: "x", ownerName: "x", ownerOrganisationName: "x" },
      { csrf: false },
    );
    expect(forged.statusCode).toBe(403);
    await facilitator.get(`/maaksessies/${voting.id}/bord`);
    const action = await facilitator.post(`/maaksessies/${voting.id}/bord/acties`, {
      groupId: group.id,
      what: "Werkgeversontbijt met statushouders",
      ownerName: "Sanne de Vries",
      ownerOrganisationName: "Provincie Gelderland",
      coOwnerOrganisations: "UWV, VluchtelingenWerk",
      firstStep: "Drie werkgevers bellen",
      dueOn: "2026-09-01",
    });
    expect(action.statusCode).toBe(303);
    const [, saved] = await t.database.db
      .select()
      .from(sessionActions)
      .where(eq(sessionActions.sessionId, voting.id))
      .orderBy(sessionActions.createdAt);
    expect(saved?.coOwnerOrganisations).toEqual(["UWV", "VluchtelingenWerk"]);
    expect(saved?.groupId).toBe(group.id);
  });

  it("pushes groups, dots (per role only to the facilitator) and actions live, and replays them", async () => {
    const live = await buildSession(t.database.db, organisationId, { voteBudget: 3 });
    const phone = await join(
      t.app,
      live.joinCode,
      { role: "nieuwkomer", locale: "nl" },
      "10.2.9.1",
    );
    await phone.get(`/bord/${live.joinCode}`);
    await postNote(phone, live.joinCode, { text: "Taal leren op het werk" });
    const [note] = await t.database.db.select().from(notes).where(eq(notes.sessionId, live.id));
    if (!note) throw new Error("no note");
    const url = `${baseUrl}/bord/${live.joinCode}/live`;
    const onPhone = openStream(url, `koers_bord=${phone.cookie("koers_bord")}`);
    const onProjector = openStream(url, `koers_session=${facilitator.cookie("koers_session")}`);
    await onPhone.until("retry:");
    await onProjector.until("retry:");
    expect(onProjector.status()).toBe(200);

    await facilitator.get(`/maaksessies/${live.id}/bord`);
    await facilitator.post(`/maaksessies/${live.id}/bord/groepen`, {
      title: "Taal op de werkvloer",
      kind: "groep",
    });
    const [group] = await t.database.db
      .select()
      .from(noteGroups)
      .where(eq(noteGroups.sessionId, live.id));
    if (!group) throw new Error("no group");
    await onPhone.until('"title":"Taal op de werkvloer"');
    expect(onPhone.text()).toMatch(/event: group\ndata: \{[^\n]*"kind":"groep"/);

    await facilitator.post(`/maaksessies/${live.id}/bord/notities/${note.id}/groep`, {
      groupId: group.id,
    });
    await onPhone.until(`"groupId":"${group.id}"`);
    expect(onPhone.text()).toContain(
      `event: moved\ndata: {"id":"${note.id}","groupId":"${group.id}"}`,
    );

    await facilitator.post(`/maaksessies/${live.id}/bord/groepen/${group.id}`, {
      title: "Hoe leer je Nederlands op het werk?",
      kind: "vraagstuk",
    });
    await onProjector.until('"kind":"vraagstuk"');
    await facilitator.post(`/maaksessies/${live.id}/bord/fase`, { phase: "stemmen" });
    await phone.get(`/bord/${live.joinCode}`);
    expect(
      (await phone.post(`/bord/${live.joinCode}/stemmen`, { groupId: group.id })).statusCode,
    ).toBe(303);
    await onProjector.until("event: votes");
    await onPhone.until("event: votes");
    expect(onProjector.text()).toContain(
      `event: votes\ndata: {"groupId":"${group.id}","total":1,"byRole":{"nieuwkomer":1}}`,
    );
    expect(onPhone.text()).toContain(`event: votes\ndata: {"groupId":"${group.id}","total":1}`);
    // Counts only: neither stream says who placed the dot.
    for (const text of [onPhone.text(), onProjector.text()]) {
      expect(text).not.toContain("participantId");
      expect(text).not.toContain(phone.cookie("koers_bord") ?? "no cookie");
    }

    await facilitator.get(`/maaksessies/${live.id}/bord`);
    await facilitator.post(`/maaksessies/${live.id}/bord/acties`, {
      groupId: group.id,
      what: "Taalmaatje op de werkplek",
      ownerName: "Ilse Bakker",
      ownerOrganisationName: "Gemeente Ede",
    });
    await onPhone.until("Taalmaatje op de werkplek");
    expect(onPhone.text()).toMatch(/event: action\ndata: \{[^\n]*"ownerName":"Ilse Bakker"/);
    onPhone.close();
    onProjector.close();

    // A reconnect replays the board as it is now: the vraagstuk, its dots and the action.
    const again = openStream(url, `koers_bord=${phone.cookie("koers_bord")}`, {
      "last-event-id": "0",
    });
    await again.until("Taalmaatje op de werkplek");
    expect(again.text()).toContain('"title":"Hoe leer je Nederlands op het werk?"');
    expect(again.text()).toContain(`event: votes\ndata: {"groupId":"${group.id}","total":1}`);
    again.close();

    // Without JavaScript the projector shows the same on reload.
    const projector = await facilitator.get(`/maaksessies/${live.id}/projectie`);
    expect(projector.body).toContain("Hoe leer je Nederlands op het werk?");
    expect(projector.body).toContain("Nieuwkomer: 1");
    expect(projector.body).toContain("Taalmaatje op de werkplek");
  });

  it("lets the facilitator set the dot budget and grouping (CSRF, policy, version, audited)", async () => {
    const configured = await buildSession(t.database.db, organisationId);
    const path = `/maaksessies/${configured.id}/bord`;
    const current = async () =>
      (await t.database.db.select().from(maaksessies).where(eq(maaksessies.id, configured.id)))[0];

    const page = await facilitator.get(path);
    expect(page.body).toContain(`action="${path}/instellingen"`);
    expect(page.body).toContain(`name="version" value="${configured.version}"`);

    const invalid = await facilitator.post(`${path}/instellingen`, {
      voteBudget: "12",
      participantsMayGroup: "1",
      version: String(configured.version),
    });
    expect(invalid.statusCode).toBe(422);
    expect(invalid.body).toContain("Vul een aantal stippen van 1 tot en met 10 in.");
    expect(invalid.body).toMatch(
      /name="voteBudget"[^>]*value="12"|value="12"[^>]*name="voteBudget"/,
    );
    expect(invalid.body).toMatch(/name="participantsMayGroup" value="1" checked/);
    expect((await current())?.voteBudget).toBe(configured.voteBudget);

    const forged = await facilitator.post(
      `${path}/instellingen`,
      { voteBudget: "5", version: String(configured.version) },
      { csrf: false },
    );
    expect(forged.statusCode).toBe(403);

    const phone = await join(
      t.app,
      configured.joinCode,
      { role: "nieuwkomer", locale: "nl" },
      "10.2.10.1",
    );
    await phone.get(`/bord/${configured.joinCode}`);
    const byPhone = await phone.post(`${path}/instellingen`, {
      voteBudget: "9",
      participantsMayGroup: "1",
      version: String(configured.version),
    });
    // A participant has no account: sent to sign in, nothing saved.
    expect(byPhone.statusCode).toBe(303);
    expect(byPhone.headers.location).toMatch(/^\/inloggen\?terug=/);
    const consulent = await signIn(
      t.app,
      await buildAccount(t.database.db, { organisationId, roles: ["consulent"] }),
      "10.1.0.9",
    );
    await consulent.get("/");
    const byConsulent = await consulent.post(`${path}/instellingen`, {
      voteBudget: "9",
      version: String(configured.version),
    });
    expect(byConsulent.statusCode).toBe(403);
    expect(await current()).toMatchObject({ voteBudget: 3, participantsMayGroup: false });

    await facilitator.get(path);
    const saved = await facilitator.post(`${path}/instellingen`, {
      voteBudget: "5",
      participantsMayGroup: "1",
      version: String(configured.version),
    });
    expect(saved.statusCode).toBe(303);
    expect(await current()).toMatchObject({
      voteBudget: 5,
      participantsMayGroup: true,
      version: configured.version + 1,
    });
    const audit = await t.database.db
      .select()
      .from(auditEvents)
      .where(
        and(eq(auditEvents.resourceType, "maaksessie"), eq(auditEvents.resourceId, configured.id)),
      );
    expect(audit).toHaveLength(1);
    expect(audit[0]?.action).toBe("update");

    // A form shown before that change is stale: 409, the input kept, nothing overwritten.
    const stale = await facilitator.post(`${path}/instellingen`, {
      voteBudget: "2",
      version: String(configured.version),
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.body).toContain("Iemand anders heeft deze sessie net gewijzigd");
    expect(stale.body).toContain(`name="version" value="${configured.version + 1}"`);
    expect((await current())?.voteBudget).toBe(5);
  });

  it("lets participants group notes only when the facilitator allows it", async () => {
    for (const allowed of [false, true]) {
      const grouping = await buildSession(t.database.db, organisationId, {
        phase: "groeperen",
        participantsMayGroup: allowed,
      });
      const phone = await join(
        t.app,
        grouping.joinCode,
        { role: "nieuwkomer", locale: "nl" },
        `10.2.8.${allowed ? 2 : 1}`,
      );
      await phone.get(`/bord/${grouping.joinCode}`);
      await postNote(phone, grouping.joinCode, { text: "Samen koken verbindt" });
      const [note] = await t.database.db
        .select()
        .from(notes)
        .where(eq(notes.sessionId, grouping.id));
      const [group] = await t.database.db
        .insert(noteGroups)
        .values({ organisationId, sessionId: grouping.id, title: "Ontmoeten" })
        .returning();
      if (!note || !group) throw new Error("setup failed");
      const board = await phone.get(`/bord/${grouping.joinCode}`);
      expect(board.body.includes(`/notities/${note.id}/groep`)).toBe(allowed);
      const res = await phone.post(`/bord/${grouping.joinCode}/notities/${note.id}/groep`, {
        groupId: group.id,
      });
      expect(res.statusCode).toBe(allowed ? 303 : 403);
      const [after] = await t.database.db.select().from(notes).where(eq(notes.id, note.id));
      expect(after?.groupId).toBe(allowed ? group.id : null);
    }
  });

  it("does not let a participant of one session into another's board", async () => {
    const other = await buildSession(t.database.db, organisationId);
    const phone = await join(
      t.app,
      other.joinCode,
      { role: "nieuwkomer", locale: "nl" },
      "10.2.7.1",
    );
    const res = await phone.get(`/bord/${session.joinCode}`);
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`/doe-mee/${session.joinCode}`);
  });
});
