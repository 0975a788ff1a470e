import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { todayInNetherlands } from "../../src/newcomers/index.ts";
import { createTestApp, type TestApp } from "../support/app.ts";
import type { TestClient } from "../support/client.ts";
import { databaseKinds } from "../support/database.ts";
import {
  buildAccount,
  buildNewcomer,
  buildOrganisation,
  signIn,
  type TestAccount,
  validBsn,
} from "../support/factories.ts";

interface KeyDateRow {
  kind: string;
  date: string;
  source: string;
  note: string | null;
  withdrawn_at: Date | null;
  withdrawn_reason: string | null;
}

describe.each(databaseKinds)("a newcomer's record (%s)", (kind) => {
  let t: TestApp;
  let orgId: string;
  let otherOrgId: string;
  let karin: TestAccount;
  let cor: TestAccount;
  let lead: TestAccount;
  let outsider: TestAccount;
  let asKarin: TestClient;
  let asCor: TestClient;
  let asOutsider: TestClient;
  let id: string;
  const bsn = validBsn();

  const keyDatesOf = (newcomerId: string) =>
    t.database.query<KeyDateRow>(
      `select kind, date::text as date, source, note, withdrawn_at, withdrawn_reason
         from key_dates where newcomer_id = $1 order by recorded_at, id`,
      [newcomerId],
    );
  const lastAudit = async (subjectId: string) =>
    (
      await t.database.query<{
        action: string;
        data_classes: string[];
        outcome: string;
        details: Record<string, unknown> | null;
        actor_account_id: string;
      }>(
        `select action, data_classes, outcome, details, actor_account_id from audit_events
          where subject_id = $1 order by seq desc limit 1`,
        [subjectId],
      )
    )[0];

  beforeAll(async () => {
    t = await createTestApp(kind);
    const db = t.database.db;
    orgId = (await buildOrganisation(db, { kind: "gemeente", name: "Gemeente Ede (test)" })).id;
    otherOrgId = (await buildOrganisation(db, { kind: "gemeente" })).id;
    karin = await buildAccount(db, { organisationId: orgId, name: "Karin Klantregisseur" });
    cor = await buildAccount(db, { organisationId: orgId, name: "Cor Collega" });
    lead = await buildAccount(db, {
      organisationId: orgId,
      name: "Tineke Teamleider",
      roles: ["teamleider"],
    });
    outsider = await buildAccount(db, { organisationId: otherOrgId, name: "Olaf Elders" });
    asKarin = await signIn(t.app, karin, "10.3.0.1");
    asCor = await signIn(t.app, cor, "10.3.0.2");
    asOutsider = await signIn(t.app, outsider, "10.3.0.3");
  });
  afterAll(async () => t?.close());

  it("registers the whole record: BRP names, languages of letters, interpreter, literacy", async () => {
    const res = await asKarin.post(
      "/nieuwkomers/nieuw",
      {
        givenNames: "Yonas Tesfay",
        familyNamePrefix: "ter",
        familyName: "Haile",
        birthDate: "1994-02-10",
        bsn,
        countryOfOrigin: "Eritrea",
        targetGroup: "asielstatushouder",
        address: "Stationsweg 12, 6711 PM Ede",
        preferredLanguage: "ti",
        letterLanguage: "en",
        interpreterNeeded: "ja",
        interpreterLanguage: "Tigrinya",
        literacy: "beperkt_geletterd",
        latinScript: "nee",
        socialAssistance: "ja",
        assignedConsultantId: karin.id,
      },
      { from: "/nieuwkomers/nieuw" },
    );
    expect(res.statusCode).toBe(303);
    id = String(res.headers.location).split("/").at(-1) ?? "";
    const page = await asKarin.follow(res);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<h1 class="utrecht-heading-1">Yonas Tesfay ter Haile</h1>');
    for (const text of [
      "Stationsweg 12, 6711 PM Ede",
      "English",
      "Ja (Tigrinya)",
      "Beperkt geletterd",
      "Bijstandsuitkering",
      `href="/nieuwkomers/${id}/intake"`,
      `href="/nieuwkomers/${id}/pip"`,
    ])
      expect(page.body, text).toContain(text);
    const [row] = await t.database.query<{
      latin_script: boolean;
      social_assistance: boolean;
      interpreter_needed: boolean;
    }>("select latin_script, social_assistance, interpreter_needed from newcomers where id = $1", [
      id,
    ]);
    expect(row).toEqual({ latin_script: false, social_assistance: true, interpreter_needed: true });
    // The first assignment starts the history.
    expect(
      await t.database.query(
        "select consultant_id from consultant_assignments where newcomer_id = $1",
        [id],
      ),
    ).toEqual([{ consultant_id: karin.id }]);
  });

  it("adds and removes languages spoken, with their level", async () => {
    const add = await asKarin.post(
      `/nieuwkomers/${id}/talen`,
      { language: "ti", level: "moedertaal" },
      { from: `/nieuwkomers/${id}/talen` },
    );
    expect(add.statusCode).toBe(303);
    await asKarin.post(`/nieuwkomers/${id}/talen`, { language: "ar", level: "beetje" });
    const page = await asKarin.get(`/nieuwkomers/${id}/talen`);
    expect(page.body).toContain("Moedertaal");
    expect(page.body).toContain("Een beetje");
    const invalid = await asKarin.post(`/nieuwkomers/${id}/talen`, { language: "xx" });
    expect(invalid.statusCode).toBe(422);
    expect(invalid.body).toContain("utrecht-form-field-error-message");

    expect(page.body).toContain("Arabisch verwijderen");
    expect([...page.body.matchAll(/\/talen\/[0-9a-f-]+\/verwijderen/g)]).toHaveLength(2);
    const languages = await t.database.query<{ id: string; language: string }>(
      "select id, language from newcomer_languages where newcomer_id = $1",
      [id],
    );
    const ar = languages.find((l) => l.language === "ar");
    const removed = await asKarin.post(`/nieuwkomers/${id}/talen/${ar?.id}/verwijderen`, {});
    expect(removed.statusCode).toBe(303);
    expect(
      await t.database.query("select language from newcomer_languages where newcomer_id = $1", [
        id,
      ]),
    ).toEqual([{ language: "ti" }]);
    expect(await lastAudit(id)).toMatchObject({
      action: "update",
      data_classes: ["basic"],
      details: { part: "languages", change: "remove" },
    });
  });

  it("links a household member's own record only within the same municipality", async () => {
    const partner = await buildNewcomer(t.database.db, {
      organisationId: orgId,
      givenNames: "Saba",
      familyName: "Haile",
    });
    const elsewhere = await buildNewcomer(t.database.db, {
      organisationId: otherOrgId,
      givenNames: "Ander",
      familyName: "Elders",
    });
    const refused = await asKarin.post(
      `/nieuwkomers/${id}/huishouden`,
      { name: "Ander Elders", relation: "partner", linkedBsn: String(elsewhere.bsn) },
      { from: `/nieuwkomers/${id}/huishouden` },
    );
    expect(refused.statusCode).toBe(422);
    expect(refused.body).toContain("Er is geen nieuwkomer met dit BSN in uw gemeente");
    expect(refused.body).toContain('value="Ander Elders"');

    const linked = await asKarin.post(`/nieuwkomers/${id}/huishouden`, {
      name: "Saba Haile",
      relation: "partner",
      linkedBsn: String(partner.bsn),
    });
    expect(linked.statusCode).toBe(303);
    await asKarin.post(`/nieuwkomers/${id}/huishouden`, {
      name: "Lidya Haile",
      relation: "kind",
      birthDate: "2019-06-01",
    });
    const detail = await asKarin.get(`/nieuwkomers/${id}`);
    expect(detail.body).toContain(`href="/nieuwkomers/${partner.id}"`);
    expect(detail.body).toContain("Lidya Haile");
    expect(detail.body).not.toContain(`/nieuwkomers/${elsewhere.id}`);
  });

  it("keeps every key date with its source; a correction adds a row, a withdrawal marks one", async () => {
    const kennisgeving = "2025-01-06";
    const first = await asKarin.post(
      `/nieuwkomers/${id}/datums`,
      { kind: "kennisgeving_duo", date: kennisgeving, source: "duo", note: "signaal 123" },
      { from: `/nieuwkomers/${id}/datums` },
    );
    expect(first.statusCode).toBe(303);
    const page = await asKarin.follow(first);
    // Notification + 10 weeks.
    expect(page.body).toContain("17 maart 2025");

    // DUO corrects the notification date: a newer row, the older stays.
    await asKarin.post(`/nieuwkomers/${id}/datums`, {
      kind: "kennisgeving_duo",
      date: "2025-01-13",
      source: "duo",
      note: "correctiesignaal",
    });
    let rows = await keyDatesOf(id);
    expect(rows.map((r) => [r.date, r.note])).toEqual([
      [kennisgeving, "signaal 123"],
      ["2025-01-13", "correctiesignaal"],
    ]);
    const corrected = await asKarin.get(`/nieuwkomers/${id}/datums`);
    expect(corrected.body).toContain("24 maart 2025");
    expect(corrected.body).toContain("13 januari 2025");
    expect(corrected.body).toContain("6 januari 2025");

    // DUO withdraws the correction: marked with the reason, never deleted; the first applies again.
    const [correction] = await t.database.query<{ id: string }>(
      "select id from key_dates where newcomer_id = $1 and date = '2025-01-13'",
      [id],
    );
    const ask = await asKarin.get(`/nieuwkomers/${id}/datums/${correction?.id}/intrekken`);
    expect(ask.statusCode).toBe(200);
    const noReason = await asKarin.post(
      `/nieuwkomers/${id}/datums/${correction?.id}/intrekken`,
      {},
    );
    expect(noReason.statusCode).toBe(422);
    const withdrawn = await asKarin.post(`/nieuwkomers/${id}/datums/${correction?.id}/intrekken`, {
      reason: "DUO heeft het correctiesignaal ingetrokken",
    });
    expect(withdrawn.statusCode).toBe(303);
    expect(await lastAudit(id)).toMatchObject({
      action: "update",
      data_classes: ["basic"],
      details: { part: "key_dates", change: "withdraw", kind: "kennisgeving_duo" },
    });
    rows = await keyDatesOf(id);
    expect(rows).toHaveLength(2);
    expect(rows[1]).toMatchObject({
      date: "2025-01-13",
      withdrawn_reason: "DUO heeft het correctiesignaal ingetrokken",
    });
    expect(rows[1]?.withdrawn_at).not.toBeNull();
    const history = await asKarin.follow(withdrawn);
    expect(history.body).toContain("<del>13 januari 2025</del>");
    expect(history.body).toContain("DUO heeft het correctiesignaal ingetrokken");
    expect(history.body).toContain("17 maart 2025");
    // Withdrawing twice is not possible.
    const again = await asKarin.post(`/nieuwkomers/${id}/datums/${correction?.id}/intrekken`, {
      reason: "nogmaals",
    });
    expect(again.statusCode).toBe(404);
  });

  it("derives the term from the first PIP date, the plan's own date first, with extensions", async () => {
    await asKarin.post(`/nieuwkomers/${id}/datums`, {
      kind: "eerste_pip",
      date: "2025-03-03",
      source: "consulent",
    });
    let page = await asKarin.get(`/nieuwkomers/${id}/datums`);
    // Day after the first PIP + 3 years; route change until 18 months after the PIP.
    expect(page.body).toContain("4 maart 2025 tot en met 3 maart 2028");
    expect(page.body).toContain("3 september 2026");

    const extend = await asKarin.post(`/nieuwkomers/${id}/verlengingen`, {
      months: "6",
      reason: "Lange wachttijd voor een taalcursus",
      decidedOn: "2025-06-01",
    });
    expect(extend.statusCode).toBe(303);
    page = await asKarin.get(`/nieuwkomers/${id}/datums`);
    expect(page.body).toContain("4 maart 2025 tot en met 3 september 2028");
    expect(page.body).toContain("Lange wachttijd voor een taalcursus");
    const tooLong = await asKarin.post(`/nieuwkomers/${id}/verlengingen`, {
      months: "99",
      reason: "x",
      decidedOn: "2025-06-01",
    });
    expect(tooLong.statusCode).toBe(422);

    // Once the PIP exists, its own date counts (src/plans owns it).
    await t.database.query(
      "insert into plans (organisation_id, newcomer_id, first_set_on) values ($1, $2, '2025-03-10')",
      [orgId, id],
    );
    page = await asKarin.get(`/nieuwkomers/${id}`);
    expect(page.body).toContain("uit het PIP");
    expect(page.body).toContain("11 maart 2025 tot en met 10 september 2028");
  });

  it("transfers to a colleague with a note, keeping the history", async () => {
    const people = await asKarin.get(`/nieuwkomers/${id}/betrokkenen`);
    expect(people.body).toContain("Cor Collega");
    const version = people.body.match(/name="version" value="(\d+)"/)?.[1] ?? "";
    const elsewhere = await asKarin.post(`/nieuwkomers/${id}/overdragen`, {
      consultantId: outsider.id,
      version,
    });
    expect(elsewhere.statusCode).toBe(422);
    expect(elsewhere.body).toContain("Kies een consulent van uw eigen organisatie.");

    const res = await asKarin.post(
      `/nieuwkomers/${id}/overdragen`,
      { consultantId: cor.id, note: "Ik ga met verlof; intake is afgerond.", version },
      { from: `/nieuwkomers/${id}/betrokkenen` },
    );
    expect(res.statusCode).toBe(303);
    const after = await asKarin.follow(res);
    expect(after.body).toContain("Toegewezen aan Cor Collega.");
    expect(after.body).toContain("Ik ga met verlof; intake is afgerond.");
    const history = await t.database.query<{ consultant_id: string; note: string | null }>(
      "select consultant_id, note from consultant_assignments where newcomer_id = $1 order by assigned_at",
      [id],
    );
    expect(history).toEqual([
      { consultant_id: karin.id, note: null },
      { consultant_id: cor.id, note: "Ik ga met verlof; intake is afgerond." },
    ]);
    // Karin is no longer assigned: handing it on again is for Cor or a team lead.
    const notHers = await asKarin.post(`/nieuwkomers/${id}/overdragen`, {
      consultantId: karin.id,
      version: String(Number(version) + 1),
    });
    expect(notHers.statusCode).toBe(403);
  });

  it("refuses a transfer based on an old version (409) and shows both", async () => {
    const asLead = await signIn(t.app, lead, "10.3.0.4");
    const page = await asLead.get(`/nieuwkomers/${id}/betrokkenen`);
    const staleVersion = page.body.match(/name="version" value="(\d+)"/)?.[1] ?? "";
    // Meanwhile Cor's record changes (an edit bumps the version).
    const [row] = await t.database.query<{ version: number }>(
      "update newcomers set version = version + 1 where id = $1 returning version",
      [id],
    );
    const res = await asLead.post(`/nieuwkomers/${id}/overdragen`, {
      consultantId: karin.id,
      version: staleVersion,
    });
    expect(res.statusCode).toBe(409);
    expect(res.body).toContain("Iemand anders heeft deze gegevens gewijzigd");
    expect(res.body).toContain("Nu opgeslagen");
    // Both: the lead's choice and who is assigned now.
    expect(res.body).toMatch(
      /<td class="utrecht-table__cell"><bdi[^>]*>Karin Klantregisseur<\/bdi><\/td><td class="utrecht-table__cell"><bdi[^>]*>Cor Collega<\/bdi><\/td>/,
    );
    expect(res.body).toContain(`name="version" value="${row?.version}"`);
    const [assigned] = await t.database.query<{ assigned_consultant_id: string }>(
      "select assigned_consultant_id from newcomers where id = $1",
      [id],
    );
    expect(assigned?.assigned_consultant_id).toBe(cor.id);
  });

  it("involves key persons and chain partners, and ends an involvement", async () => {
    const partnerOrg = await buildOrganisation(t.database.db, {
      kind: "maatschappelijke_begeleiding",
      name: "VluchtelingenWerk Test",
    });
    const since = todayInNetherlands();
    const missing = await asCor.post(
      `/nieuwkomers/${id}/betrokkenen`,
      { role: "ketenpartner", since },
      { from: `/nieuwkomers/${id}/betrokkenen` },
    );
    expect(missing.statusCode).toBe(422);
    expect(missing.body).toContain("Kies de organisatie van de ketenpartner.");
    expect(
      (
        await asCor.post(`/nieuwkomers/${id}/betrokkenen`, {
          role: "ketenpartner",
          partnerOrganisationId: partnerOrg.id,
          name: "Mila de Vries",
          since,
        })
      ).statusCode,
    ).toBe(303);
    expect(
      (
        await asCor.post(`/nieuwkomers/${id}/betrokkenen`, {
          role: "sleutelpersoon",
          name: "Abraham Kidane",
          since,
          remark: "Spreekt Tigrinya",
        })
      ).statusCode,
    ).toBe(303);
    const detail = await asCor.get(`/nieuwkomers/${id}`);
    expect(detail.body).toContain("Mila de Vries (VluchtelingenWerk Test)");
    expect(detail.body).toContain("Abraham Kidane");

    const [keyPerson] = await t.database.query<{ id: string }>(
      "select id from involvements where newcomer_id = $1 and role = 'sleutelpersoon'",
      [id],
    );
    const end = await asCor.post(
      `/nieuwkomers/${id}/betrokkenen/${keyPerson?.id}/beeindigen`,
      {},
      { from: `/nieuwkomers/${id}/betrokkenen` },
    );
    expect(end.statusCode).toBe(303);
    const [ended] = await t.database.query<{ until: string }>(
      "select until::text as until from involvements where id = $1",
      [keyPerson?.id],
    );
    expect(ended?.until).toBe(since);
    expect((await asCor.get(`/nieuwkomers/${id}`)).body).not.toContain("Abraham Kidane");
  });

  it("refuses a forged POST on every kind of part form and records nothing", async () => {
    const before = (await keyDatesOf(id)).length;
    for (const [url, form] of [
      [`/nieuwkomers/${id}/datums`, { kind: "start_plicht", date: "2025-01-01", source: "duo" }],
      [`/nieuwkomers/${id}/overdragen`, { consultantId: karin.id, version: "9" }],
      [`/nieuwkomers/${id}/talen`, { language: "fa", level: "goed" }],
    ] as const) {
      const res = await asCor.post(url, form, { csrf: false });
      expect(res.statusCode, url).toBe(403);
    }
    expect(await keyDatesOf(id)).toHaveLength(before);
    expect(
      await t.database.query(
        "select 1 from newcomer_languages where newcomer_id = $1 and language = 'fa'",
        [id],
      ),
    ).toEqual([]);
  });

  it("shows a consultant of another municipality none of it", async () => {
    for (const path of ["", "/datums", "/talen", "/huishouden", "/betrokkenen"]) {
      const res = await asOutsider.get(`/nieuwkomers/${id}${path}`);
      expect(res.statusCode, path).toBe(404);
      expect(res.body).not.toContain("Haile");
    }
    const before = (await keyDatesOf(id)).length;
    const res = await asOutsider.post(
      `/nieuwkomers/${id}/datums`,
      { kind: "start_plicht", date: "2025-01-01", source: "duo" },
      { from: "/caseload" },
    );
    expect(res.statusCode).toBe(404);
    expect(await keyDatesOf(id)).toHaveLength(before);
    expect(await lastAudit(id)).toMatchObject({
      actor_account_id: outsider.id,
      outcome: "denied",
      data_classes: [],
    });
  });

  it("refuses an edit based on an old version (409), showing both versions", async () => {
    const form = await asCor.get(`/nieuwkomers/${id}/bewerken`);
    const version = form.body.match(/name="version" value="(\d+)"/)?.[1] ?? "";
    // Karin saves first.
    await t.database.query(
      "update newcomers set address = 'Bergstraat 3, Ede', version = version + 1 where id = $1",
      [id],
    );
    const res = await asCor.post(`/nieuwkomers/${id}/bewerken`, {
      version,
      givenNames: "Yonas Tesfay",
      familyNamePrefix: "ter",
      familyName: "Haile",
      preferredLanguage: "ti",
      address: "Stationsweg 14, Ede",
      interpreterNeeded: "ja",
    });
    expect(res.statusCode).toBe(409);
    expect(res.body).toContain("Uw invoer naast wat nu is opgeslagen");
    expect(res.body).toContain("Stationsweg 14, Ede");
    expect(res.body).toContain("Bergstraat 3, Ede");
    const [row] = await t.database.query<{ address: string }>(
      "select address from newcomers where id = $1",
      [id],
    );
    expect(row?.address).toBe("Bergstraat 3, Ede");
  });
});
