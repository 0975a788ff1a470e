import { existsSync } from "node:fs";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exportedTables, openCorrectionRequests } from "../../src/consent/index.ts";
import { conversations, educationEntries, personalCircumstances } from "../../src/intake/schema.ts";
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

describe.each(databaseKinds)("my data: access log, download, correction (%s)", (kind) => {
  let t: TestApp;
  let orgId: string;
  let newcomerId: string;
  let karin: TestAccount;
  let partner: TestAccount;
  let asNewcomer: TestClient;
  let asKarin: TestClient;
  let asPartner: TestClient;
  const bsn = "111222333";

  beforeAll(async () => {
    t = await createTestApp(kind);
    const db = t.database.db;
    orgId = (await buildOrganisation(db, { kind: "gemeente", name: "Gemeente Ede (test)" })).id;
    const partnerOrg = await buildOrganisation(db, {
      kind: "lokaal_initiatief",
      name: "Taalcafé De Brug",
    });
    karin = await buildAccount(db, { organisationId: orgId, name: "Karin Klantregisseur" });
    partner = await buildAccount(db, {
      organisationId: partnerOrg.id,
      roles: ["partnermedewerker"],
      name: "Petra Partner",
    });
    const own = await buildAccount(db, {
      organisationId: orgId,
      roles: ["nieuwkomer"],
      totp: false,
    });
    newcomerId = (
      await buildNewcomer(db, {
        organisationId: orgId,
        givenNames: "Amina",
        familyName: "Yusuf",
        bsn,
        assignedConsultantId: karin.id,
      })
    ).id;
    await db.update(newcomers).set({ accountId: own.id }).where(eq(newcomers.id, newcomerId));
    await db.insert(involvements).values({
      organisationId: orgId,
      newcomerId,
      role: "ketenpartner",
      partnerOrganisationId: partnerOrg.id,
      name: "Taalcafé De Brug",
      since: todayInNetherlands(),
    });
    asNewcomer = await signIn(t.app, own, "10.41.0.1");
    asNewcomer.headers = { "accept-language": "en" };
    asKarin = await signIn(t.app, karin, "10.41.0.2");
    asPartner = await signIn(t.app, partner, "10.41.0.3");
  });
  afterAll(async () => t?.close());

  it("shows the consultant's read in plain words", async () => {
    expect((await asKarin.get(`/nieuwkomers/${newcomerId}`)).statusCode).toBe(200);
    const res = await asNewcomer.get("/mijn-gegevens/inzage");
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain("Your consultant \u2068Karin Klantregisseur\u2069 read your data.");
  });

  it("names a partner organisation, not its employee", async () => {
    const options = await asNewcomer.get("/mijn-gegevens/toegang");
    const involvement = options.body.match(/<option value="([0-9a-f-]{36})"/)?.[1] ?? "";
    const granted = await asNewcomer.post("/mijn-gegevens/toegang", {
      ontvanger: involvement,
      doel: "lokaal_initiatief",
      gegevens: ["basic"],
      tot: addDays(todayInNetherlands(), 20),
    });
    expect(granted.statusCode).toBe(303);
    const seen = await asPartner.get(`/sleutelpersoon/${newcomerId}`);
    expect(seen.statusCode).toBe(200);
    expect(seen.body).not.toContain(bsn);
    const log = await asNewcomer.get("/mijn-gegevens/inzage");
    expect(log.body).toContain(
      "Someone of \u2068Taalcafé De Brug\u2069 read what you share with them.",
    );
    expect(log.body).not.toContain("Petra Partner");
  });

  it("downloads everything as JSON, recorded as an export", async () => {
    const res = await asNewcomer.get("/mijn-gegevens/download.json");
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toContain("application/json");
    const data = JSON.parse(res.body) as {
      record: { bsn: string; familyName: string };
      consents: unknown[];
    };
    expect(data.record).toMatchObject({ bsn, familyName: "Yusuf" });
    expect(data.consents).toHaveLength(1);
    const [audit] = await t.database.query<{ action: string; purpose: string }>(
      "select action, purpose from audit_events where subject_id = $1 order by seq desc limit 1",
      [newcomerId],
    );
    expect(audit).toEqual({ action: "export", purpose: "eigen_inzage" });
    const print = await asNewcomer.get("/mijn-gegevens/overzicht");
    expect(print.statusCode).toBe(200);
    expect(print.body).toContain(bsn);
  });

  it("puts everything else Koers holds in the download: the intake, reviews, the access log", async () => {
    const db = t.database.db;
    const own = { organisationId: orgId, newcomerId, createdBy: karin.id };
    await db
      .insert(educationEntries)
      .values({ ...own, country: "Eritrea", level: "voortgezet", years: 10 });
    await db.insert(conversations).values({
      ...own,
      heldOn: todayInNetherlands(),
      notes: "Wil verpleegkundige worden.",
    });
    await db
      .insert(personalCircumstances)
      .values({ ...own, healthNeeds: "Rustige plek om te leren" });
    expect((await asKarin.get(`/nieuwkomers/${newcomerId}`)).statusCode).toBe(200);

    const res = await asNewcomer.get("/mijn-gegevens/download.json");
    const data = JSON.parse(res.body) as {
      sections: Record<string, Record<string, unknown>[]>;
      accessLog: { person: string | null; organisation: string | null; action: string }[];
    };
    expect(data.sections.education).toEqual([
      expect.objectContaining({ country: "Eritrea", level: "voortgezet", years: 10 }),
    ]);
    expect(data.sections.education?.[0]).not.toHaveProperty("organisationId");
    expect(data.sections.education?.[0]).not.toHaveProperty("createdBy");
    expect(data.sections.conversations?.[0]).toMatchObject({
      notes: "Wil verpleegkundige worden.",
    });
    expect(data.sections.circumstances?.[0]).toMatchObject({
      healthNeeds: "Rustige plek om te leren",
    });
    expect(data.sections.consultants).toEqual([]);
    // The municipality's people by name; a partner's employee only by organisation.
    expect(data.accessLog).toContainEqual(
      expect.objectContaining({ person: "Karin Klantregisseur", action: "read" }),
    );
    expect(data.accessLog).toContainEqual(
      expect.objectContaining({ person: null, organisation: "Taalcafé De Brug" }),
    );
    expect(res.body).not.toContain("Petra Partner");

    const print = await asNewcomer.get("/mijn-gegevens/overzicht");
    expect(print.body).toContain("Education");
    expect(print.body).toContain("Wil verpleegkundige worden.");
    expect(print.body).toContain("Who looked at or changed your data");
  });

  it("leaves no table about a newcomer out of the download", async () => {
    const tables = await t.database.query<{ table_name: string }>(
      `select distinct table_name from information_schema.columns
        where column_name = 'newcomer_id' and table_schema = current_schema()`,
    );
    expect(tables.length).toBeGreaterThan(20);
    const missing = tables.map((r) => r.table_name).filter((n) => !exportedTables.includes(n));
    expect(missing).toEqual([]);
  });

  it.runIf(existsSync(process.env.CHROMIUM_PATH ?? "/usr/bin/chromium"))(
    "downloads everything as a PDF, recorded as an export",
    async () => {
      const res = await asNewcomer.get("/mijn-gegevens/download.pdf");
      expect(res.statusCode).toBe(200);
      expect(res.headers["content-type"]).toContain("application/pdf");
      expect(res.rawPayload.subarray(0, 5).toString()).toBe("%PDF-");
      const [audit] = await t.database.query<{ action: string; details: { format: string } }>(
        "select action, details from audit_events where subject_id = $1 order by seq desc limit 1",
        [newcomerId],
      );
      expect(audit).toMatchObject({ action: "export", details: { format: "pdf" } });
    },
    60_000,
  );

  it("never hands the download to anyone but the newcomer", async () => {
    expect((await asKarin.get("/mijn-gegevens/download.json")).statusCode).toBe(404);
    expect((await asPartner.get("/mijn-gegevens/download.json")).statusCode).toBe(404);
  });

  it("sends a correction request to the consultant as a task, the mail without personal data", async () => {
    await asNewcomer.get("/mijn-gegevens");
    const forged = await asNewcomer.post(
      "/mijn-gegevens/correctie",
      { tekst: "Vervalst" },
      { csrf: false },
    );
    expect(forged.statusCode).toBe(403);
    const empty = await asNewcomer.post("/mijn-gegevens/correctie", { tekst: "" });
    expect(empty.statusCode).toBe(422);
    const res = await asNewcomer.post("/mijn-gegevens/correctie", {
      tekst: "Mijn geboortedatum is 4 maart, niet 1 januari.",
    });
    expect(res.statusCode).toBe(303);
    const mail = t.mailer.sent.at(-1);
    expect(mail?.to).toBe(karin.email);
    expect(mail?.text).toContain(`/nieuwkomers/${newcomerId}/toestemming`);
    expect(mail?.text).not.toContain("Yusuf");
    expect(mail?.text).not.toContain("geboortedatum");
    const page = await asKarin.get(`/nieuwkomers/${newcomerId}/toestemming`);
    expect(page.body).toContain("Mijn geboortedatum is 4 maart, niet 1 januari.");
    const open = await openCorrectionRequests(
      t.database.db,
      {
        actor: {
          kind: "staff",
          roles: ["consulent"],
          organisationId: orgId,
          accountId: karin.id,
          mfa: true,
          organisationKind: "gemeente",
        },
      },
      newcomerId,
    );
    expect(open).toHaveLength(1);
    await expect(
      openCorrectionRequests(
        t.database.db,
        {
          actor: {
            kind: "staff",
            roles: ["partnermedewerker"],
            organisationId: partner.organisationId,
            accountId: partner.id,
            mfa: true,
          },
        },
        newcomerId,
      ),
    ).rejects.toMatchObject({ statusCode: 403 });
  });
});
