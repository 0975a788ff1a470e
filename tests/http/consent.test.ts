import { brotliCompressSync } from "node:zlib";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { consents } from "../../src/consent/index.ts";
import { educationEntries, workEntries } from "../../src/intake/schema.ts";
import { addDays, todayInNetherlands } from "../../src/newcomers/index.ts";
import { involvements, newcomers } from "../../src/newcomers/schema.ts";
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

describe.each(databaseKinds)("consent: who may see my data (%s)", (kind) => {
  let t: TestApp;
  let orgId: string;
  let newcomerId: string;
  let otherNewcomerId: string;
  let involvementId: string;
  let keyPerson: TestAccount;
  let otherAccount: TestAccount;
  let asNewcomer: TestClient;
  let asKeyPerson: TestClient;
  let asKarin: TestClient;
  const today = todayInNetherlands();

  const consentRows = () =>
    t.database.query<{
      id: string;
      data_classes: string[];
      revoked_at: Date | null;
      shown: { locale: string; text: string; templateVersion: number };
      witness: string | null;
      recorded_by: string | null;
    }>(
      `select id, data_classes, revoked_at, shown, witness, recorded_by from consents
        where newcomer_id = $1 order by created_at, id`,
      [newcomerId],
    );

  beforeAll(async () => {
    t = await createTestApp(kind);
    const db = t.database.db;
    orgId = (await buildOrganisation(db, { kind: "gemeente", name: "Gemeente Ede (test)" })).id;
    const karin = await buildAccount(db, { organisationId: orgId, name: "Karin Klantregisseur" });
    keyPerson = await buildAccount(db, {
      organisationId: orgId,
      roles: ["sleutelpersoon"],
      name: "Samir Sleutel",
    });
    const own = await buildAccount(db, {
      organisationId: orgId,
      roles: ["nieuwkomer"],
      totp: false,
    });
    otherAccount = await buildAccount(db, {
      organisationId: orgId,
      roles: ["nieuwkomer"],
      totp: false,
    });
    const record = await buildNewcomer(db, {
      organisationId: orgId,
      givenNames: "Amina",
      familyName: "Yusuf",
      phone: "0612345678",
      healthNotes: "Rugklachten; fysiotherapie loopt.",
      assignedConsultantId: karin.id,
    });
    newcomerId = record.id;
    await db.update(newcomers).set({ accountId: own.id }).where(eq(newcomers.id, newcomerId));
    otherNewcomerId = (await buildNewcomer(db, { organisationId: orgId, givenNames: "Other" })).id;
    await db
      .update(newcomers)
      .set({ accountId: otherAccount.id })
      .where(eq(newcomers.id, otherNewcomerId));
    const [inv] = await db
      .insert(involvements)
      .values({
        organisationId: orgId,
        newcomerId,
        role: "sleutelpersoon",
        accountId: keyPerson.id,
        name: "Samir Sleutel",
        since: today,
      })
      .returning();
    involvementId = inv?.id ?? "";
    asNewcomer = await signIn(t.app, own, "10.40.0.1");
    asNewcomer.headers = { "accept-language": "en" };
    asKeyPerson = await signIn(t.app, keyPerson, "10.40.0.2");
    asKarin = await signIn(t.app, karin, "10.40.0.3");
  });
  afterAll(async () => t?.close());

  const grant = (gegevens: string[], tot = addDays(today, 30)) =>
    asNewcomer.post(
      "/mijn-gegevens/toegang",
      { ontvanger: involvementId, doel: "sleutelpersoon", gegevens, tot },
      { from: "/mijn-gegevens/toegang" },
    );

  it("shows the legal-duty access, explained and without a revoke button", async () => {
    const res = await asNewcomer.get("/mijn-gegevens/toegang");
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain("Consultants of");
    expect(res.body).toContain("Karin Klantregisseur");
    expect(res.body).toContain("You have not given anyone consent yet.");
    expect(res.body).not.toContain("/intrekken");
  });

  it("refuses the key person before any consent, without revealing the record", async () => {
    const res = await asKeyPerson.get(`/sleutelpersoon/${newcomerId}`);
    expect(res.statusCode).toBe(404);
    expect(res.body).not.toContain("Yusuf");
  });

  it("grant → the key person sees exactly the granted classes, never health → revoke → refused at once", async () => {
    const granted = await grant(["basic", "plan"]);
    expect(granted.statusCode).toBe(303);

    const list = await asKeyPerson.get("/sleutelpersoon");
    expect(list.body).toContain(`href="/sleutelpersoon/${newcomerId}"`);
    const seen = await asKeyPerson.get(`/sleutelpersoon/${newcomerId}`);
    expect(seen.statusCode).toBe(200);
    expect(seen.body).toContain("Yusuf");
    expect(seen.body).not.toContain("0612345678");
    expect(seen.body).not.toContain("Rugklachten");
    const [audit] = await t.database.query<{
      data_classes: string[];
      legal_basis: string;
      purpose: string;
    }>(
      `select data_classes, legal_basis, purpose from audit_events
        where subject_id = $1 and actor_account_id = $2 order by seq desc limit 1`,
      [newcomerId, keyPerson.id],
    );
    expect(audit).toMatchObject({ legal_basis: "toestemming", purpose: "koppeling_partner" });
    expect(audit?.data_classes).not.toContain("health");

    const page = await asNewcomer.get("/mijn-gegevens/toegang");
    const [row] = await consentRows();
    expect(page.body).toContain(`/mijn-gegevens/toegang/${row?.id}/intrekken`);
    const revoked = await asNewcomer.post(`/mijn-gegevens/toegang/${row?.id}/intrekken`, {});
    expect(revoked.statusCode).toBe(303);
    expect((await asKeyPerson.get(`/sleutelpersoon/${newcomerId}`)).statusCode).toBe(404);
    expect((await asKeyPerson.get("/sleutelpersoon")).body).not.toContain(newcomerId);
    expect((await consentRows())[0]?.revoked_at).not.toBeNull();
  });

  it("lays the page out right to left in Arabic, small enough for a cheap phone", async () => {
    const res = await asNewcomer.get("/mijn-gegevens/toegang", { "accept-language": "ar" });
    expect(res.statusCode).toBe(200);
    expect(res.body).toMatch(/<html[^>]+dir="rtl"/);
    expect(res.body).toContain("من يُسمح له برؤية بياناتي");
    // The budget is for what travels: compressed, the page's own CSS inlined (bench/page-weight.ts).
    expect(brotliCompressSync(res.body).byteLength).toBeLessThan(50_000);
  });

  it("keeps the shown text, in the language it was shown in", async () => {
    const [row] = await consentRows();
    expect(row?.shown.locale).toBe("en");
    expect(row?.shown.text).toContain("I consent that the person or organisation I choose");
    expect(row?.shown.text).toContain("Samir Sleutel");
    expect(row?.shown.templateVersion).toBe(1);
  });

  it("shows health only when health was granted by name", async () => {
    expect((await grant(["basic", "health"])).statusCode).toBe(303);
    const seen = await asKeyPerson.get(`/sleutelpersoon/${newcomerId}`);
    expect(seen.statusCode).toBe(200);
    expect(seen.body).toContain("Rugklachten");
    expect(seen.body).not.toContain("0612345678");
    const rows = await consentRows();
    for (const r of rows.filter((c) => !c.revoked_at))
      await asNewcomer.post(
        `/mijn-gegevens/toegang/${r.id}/intrekken`,
        {},
        { from: "/mijn-gegevens/toegang" },
      );
    expect((await asKeyPerson.get(`/sleutelpersoon/${newcomerId}`)).statusCode).toBe(404);
  });

  it("shows education and work from the intake only when education was granted", async () => {
    await t.database.db.insert(educationEntries).values({
      organisationId: orgId,
      newcomerId,
      country: "Eritrea",
      level: "beroeps",
      field: "Verpleegkunde",
      years: 3,
    });
    await t.database.db
      .insert(workEntries)
      .values({ organisationId: orgId, newcomerId, sector: "Zorg", role: "Verzorgende", years: 2 });
    expect((await grant(["basic", "plan"])).statusCode).toBe(303);
    const without = await asKeyPerson.get(`/sleutelpersoon/${newcomerId}`);
    expect(without.body).not.toContain("Verpleegkunde");
    expect(without.body).not.toContain("Verzorgende");

    expect((await grant(["education"])).statusCode).toBe(303);
    const seen = await asKeyPerson.get(`/sleutelpersoon/${newcomerId}`, {
      "accept-language": "nl",
    });
    expect(seen.statusCode).toBe(200);
    expect(seen.body).toContain("Beroepsopleiding");
    expect(seen.body).toContain("Verpleegkunde · Eritrea · 3 jaar");
    expect(seen.body).toContain("Zorg · Verzorgende · 2 jaar");
    const [audit] = await t.database.query<{ data_classes: string[] }>(
      `select data_classes from audit_events
        where subject_id = $1 and actor_account_id = $2 order by seq desc limit 1`,
      [newcomerId, keyPerson.id],
    );
    expect(audit?.data_classes).toContain("education");
    // Never the rest of the intake.
    expect((await asKeyPerson.get(`/nieuwkomers/${newcomerId}/intake`)).statusCode).toBe(404);

    const education = (await consentRows()).find(
      (c) => !c.revoked_at && c.data_classes.includes("education"),
    );
    await asNewcomer.post(
      `/mijn-gegevens/toegang/${education?.id}/intrekken`,
      {},
      { from: "/mijn-gegevens/toegang" },
    );
    const after = await asKeyPerson.get(`/sleutelpersoon/${newcomerId}`);
    expect(after.body).not.toContain("Verpleegkunde");
    for (const r of (await consentRows()).filter((c) => !c.revoked_at))
      await asNewcomer.post(
        `/mijn-gegevens/toegang/${r.id}/intrekken`,
        {},
        { from: "/mijn-gegevens/toegang" },
      );
  });

  it("refuses an expired consent", async () => {
    await t.database.db.insert(consents).values({
      organisationId: orgId,
      newcomerId,
      purpose: "sleutelpersoon",
      granteeAccountId: keyPerson.id,
      granteeName: "Samir Sleutel",
      dataClasses: ["basic", "plan"],
      validFrom: new Date(Date.now() - 40 * 86_400_000),
      validUntil: new Date(Date.now() - 86_400_000),
      shown: { locale: "nl", text: "test", templateVersion: 1 },
    });
    expect((await asKeyPerson.get(`/sleutelpersoon/${newcomerId}`)).statusCode).toBe(404);
  });

  it("refuses an until-date more than a year ahead, and keeps the choices", async () => {
    const res = await grant(["basic"], addDays(today, 400));
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain("at most one year ahead");
  });

  it("refuses a forged POST (no CSRF token)", async () => {
    const res = await asNewcomer.post(
      "/mijn-gegevens/toegang",
      {
        ontvanger: involvementId,
        doel: "sleutelpersoon",
        gegevens: ["basic"],
        tot: addDays(today, 5),
      },
      { csrf: false },
    );
    expect(res.statusCode).toBe(403);
  });

  it("never reaches another newcomer's consents, and staff have no own-data pages", async () => {
    const [row] = await consentRows();
    const asOther = await signIn(t.app, otherAccount, "10.40.0.9");
    const ownPage = await asOther.get("/mijn-gegevens/toegang");
    expect(ownPage.statusCode).toBe(200);
    expect(ownPage.body).not.toContain("Samir Sleutel");
    const revoke = await asOther.post(`/mijn-gegevens/toegang/${row?.id}/intrekken`, {});
    expect(revoke.statusCode).toBe(404);
    const json = await asOther.get("/mijn-gegevens/download.json");
    expect(json.body).not.toContain("Yusuf");
    expect((await asKarin.get("/mijn-gegevens/toegang")).statusCode).toBe(404);
    expect((await asKeyPerson.get("/mijn-gegevens")).statusCode).toBe(404);
  });

  it("lets the consultant record a consent given on paper, with its witness", async () => {
    const page = await asKarin.get(`/nieuwkomers/${newcomerId}/toestemming`);
    expect(page.statusCode).toBe(200);
    const res = await asKarin.post(`/nieuwkomers/${newcomerId}/toestemming`, {
      ontvanger: involvementId,
      doel: "sleutelpersoon",
      gegevens: ["basic"],
      tot: addDays(today, 60),
      taal: "ar",
      getuige: "Hassan, tolk Arabisch",
    });
    expect(res.statusCode).toBe(303);
    const rows = await consentRows();
    const paper = rows.at(-1);
    expect(paper?.witness).toBe("Hassan, tolk Arabisch");
    expect(paper?.shown.locale).toBe("ar");
    expect(paper?.recorded_by).toBeTruthy();
    expect((await asKeyPerson.get(`/sleutelpersoon/${newcomerId}`)).statusCode).toBe(200);
    // The key person cannot record or see consents.
    expect((await asKeyPerson.get(`/nieuwkomers/${newcomerId}/toestemming`)).statusCode).toBe(404);
  });

  it("refuses a grant to someone involved with another newcomer, and outsiders' paper consents", async () => {
    const [foreign] = await t.database.db
      .insert(involvements)
      .values({
        organisationId: orgId,
        newcomerId: otherNewcomerId,
        role: "sleutelpersoon",
        accountId: keyPerson.id,
        name: "Samir Sleutel",
        since: today,
      })
      .returning();
    const res = await asNewcomer.post(
      "/mijn-gegevens/toegang",
      {
        ontvanger: foreign?.id ?? "",
        doel: "sleutelpersoon",
        gegevens: ["basic"],
        tot: addDays(today, 5),
      },
      { from: "/mijn-gegevens/toegang" },
    );
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain("Choose to whom you give consent.");

    const elsewhere = (await buildOrganisation(t.database.db, { kind: "gemeente" })).id;
    const outsider = await buildAccount(t.database.db, { organisationId: elsewhere });
    const asOutsider = await signIn(t.app, outsider, "10.40.0.7");
    expect((await asOutsider.get(`/nieuwkomers/${newcomerId}/toestemming`)).statusCode).toBe(404);
    await asOutsider.get("/");
    const before = (await consentRows()).length;
    const paper = await asOutsider.post(`/nieuwkomers/${newcomerId}/toestemming`, {
      ontvanger: involvementId,
      doel: "sleutelpersoon",
      gegevens: ["basic"],
      tot: addDays(today, 5),
      getuige: "Niemand",
    });
    expect(paper.statusCode).toBe(404);
    expect((await consentRows()).length).toBe(before);
  });

  it("lets the key person add a note, and refuses a forged one", async () => {
    const forged = await asKeyPerson.post(
      `/sleutelpersoon/${newcomerId}/notitie`,
      { tekst: "Vervalst" },
      { csrf: false },
    );
    expect(forged.statusCode).toBe(403);
    const res = await asKeyPerson.post(
      `/sleutelpersoon/${newcomerId}/notitie`,
      { tekst: "Amina wil graag een taalmaatje." },
      { from: `/sleutelpersoon/${newcomerId}` },
    );
    expect(res.statusCode).toBe(303);
    const notes = await t.database.query<{ text: string; author_account_id: string; kind: string }>(
      "select text, author_account_id, kind from newcomer_voices where newcomer_id = $1",
      [newcomerId],
    );
    expect(notes).toEqual([
      {
        text: "Amina wil graag een taalmaatje.",
        author_account_id: keyPerson.id,
        kind: "opmerking",
      },
    ]);
    // No consent for the other newcomer: no note there.
    const elsewhere = await asKeyPerson.post(`/sleutelpersoon/${otherNewcomerId}/notitie`, {
      tekst: "x",
    });
    expect(elsewhere.statusCode).toBe(404);
  });
});
