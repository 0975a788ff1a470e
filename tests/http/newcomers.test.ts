import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createNewcomer,
  getNewcomer,
  InvalidNewcomerError,
  listNewcomers,
} from "../../src/newcomers/index.ts";
import type { Actor } from "../../src/platform/authz/actor.ts";
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

interface AuditRow {
  action: string;
  data_classes: string[];
  purpose: string;
  legal_basis: string;
  organisation_id: string | null;
  actor_account_id: string | null;
  outcome: string;
  request_id: string | null;
}

describe.each(databaseKinds)("newcomers' records (%s)", (kind) => {
  let t: TestApp;
  let orgId: string;
  let assigned: TestAccount;
  let colleague: TestAccount;
  let teamLead: TestAccount;
  let administrator: TestAccount;
  let asAssigned: TestClient;
  let asColleague: TestClient;
  let newcomerId: string;
  const bsn = validBsn();

  const auditOf = (subjectId: string) =>
    t.database.query<AuditRow>(
      `select action, data_classes, purpose, legal_basis, organisation_id, actor_account_id, outcome, request_id
         from audit_events where subject_id = $1 order by seq`,
      [subjectId],
    );

  const staff = (account: TestAccount, roles: Actor["roles"]): Actor => ({
    kind: "staff",
    accountId: account.id,
    organisationId: account.organisationId,
    organisationKind: "gemeente",
    roles,
    mfa: true,
  });

  beforeAll(async () => {
    t = await createTestApp(kind);
    const db = t.database.db;
    const org = await buildOrganisation(db, { kind: "gemeente" });
    orgId = org.id;
    assigned = await buildAccount(db, { organisationId: orgId, name: "Karin Klantregisseur" });
    colleague = await buildAccount(db, { organisationId: orgId, name: "Cor Collega" });
    teamLead = await buildAccount(db, { organisationId: orgId, roles: ["teamleider"] });
    administrator = await buildAccount(db, { organisationId: orgId, roles: ["beheerder"] });
    asAssigned = await signIn(t.app, assigned, "10.1.0.1");
    asColleague = await signIn(t.app, colleague, "10.1.0.2");
  });
  afterAll(async () => t?.close());

  it("refuses an invalid BSN with a field error and keeps what was typed", async () => {
    const res = await asAssigned.post(
      "/nieuwkomers/nieuw",
      { givenNames: "Amina", familyName: "Yusuf", bsn: "123456789" },
      { from: "/nieuwkomers/nieuw" },
    );
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain("Dit is geen geldig BSN");
    expect(res.body).toContain('value="Amina"');
    expect(await t.database.query("select 1 from newcomers where given_names = 'Amina'")).toEqual(
      [],
    );
  });

  it("refuses a forged POST without a CSRF token and registers nothing", async () => {
    const res = await asAssigned.post(
      "/nieuwkomers/nieuw",
      { givenNames: "Vervalst", familyName: "Formulier" },
      { csrf: false },
    );
    expect(res.statusCode).toBe(403);
    expect(
      await t.database.query("select 1 from newcomers where given_names = 'Vervalst'"),
    ).toEqual([]);
  });

  it("registers a newcomer, then shows the record, audited with the classes shown", async () => {
    const form = await asAssigned.get("/nieuwkomers/nieuw");
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain("Karin Klantregisseur");
    const res = await asAssigned.post("/nieuwkomers/nieuw", {
      givenNames: "Amina",
      familyName: "Yusuf",
      birthDate: "1991-03-04",
      bsn: `${bsn.slice(0, 4)}.${bsn.slice(4, 6)}.${bsn.slice(6)}`,
      countryOfOrigin: "Somalië",
      targetGroup: "asielstatushouder",
      phone: "+31 6 12345678",
      email: "amina@example.org",
      preferredLanguage: "so",
      assignedConsultantId: assigned.id,
    });
    expect(res.statusCode).toBe(303);
    const location = String(res.headers.location);
    expect(location).toMatch(/^\/nieuwkomers\/[0-9a-f-]{36}$/);
    newcomerId = location.split("/").at(-1) ?? "";

    const detail = await asAssigned.follow(res);
    expect(detail.statusCode).toBe(200);
    expect(detail.body).toContain("De nieuwkomer is geregistreerd.");
    expect(detail.body).toContain("Amina Yusuf");
    expect(detail.body).toContain(bsn);
    expect(detail.body).toContain("amina@example.org");
    expect(detail.body).toContain("Asielstatushouder");

    const audit = await auditOf(newcomerId);
    expect(audit.map((a) => a.action)).toEqual(["create", "read"]);
    expect(audit[1]).toMatchObject({
      data_classes: ["basic", "identity", "contact", "residence", "health"],
      purpose: "uitvoering_wet_inburgering",
      legal_basis: "wettelijke_taak",
      organisation_id: orgId,
      actor_account_id: assigned.id,
      outcome: "allowed",
    });
    expect(audit[1]?.request_id).toBe(detail.headers["x-request-id"]);
  });

  it("refuses a second record with the same BSN in the municipality", async () => {
    const res = await asColleague.post(
      "/nieuwkomers/nieuw",
      { givenNames: "Ander", familyName: "Persoon", bsn },
      { from: "/nieuwkomers/nieuw" },
    );
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain("Er is al een nieuwkomer met dit BSN");
  });

  it("lists the municipality's newcomers with basic data only, each one audited", async () => {
    const before = (await auditOf(newcomerId)).length;
    const res = await asColleague.get("/nieuwkomers");
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain("Amina Yusuf");
    expect(res.body).toContain("Karin Klantregisseur");
    expect(res.body).not.toContain(bsn);
    expect(res.body).not.toContain("amina@example.org");
    const audit = await auditOf(newcomerId);
    expect(audit).toHaveLength(before + 1);
    expect(audit.at(-1)).toMatchObject({
      action: "list",
      data_classes: ["basic"],
      actor_account_id: colleague.id,
    });
  });

  it("finds a newcomer by part of the name, with a typo, or by exact BSN", async () => {
    for (const query of ["amin", "Yusef", bsn, `${bsn.slice(0, 3)} ${bsn.slice(3)}`]) {
      const res = await asColleague.get(`/nieuwkomers?zoek=${encodeURIComponent(query)}`);
      expect(res.body, query).toContain("Amina Yusuf");
    }
    const other = validBsn();
    const none = await asColleague.get(`/nieuwkomers?zoek=${other}`);
    expect(none.body).not.toContain("Amina Yusuf");
    expect(none.body).toContain("Geen nieuwkomers gevonden");
  });

  it("lets the assigned consultant record health notes; colleagues never see them", async () => {
    const form = await asAssigned.get(`/nieuwkomers/${newcomerId}/bewerken`);
    expect(form.body).toContain('name="healthNotes"');
    const res = await asAssigned.post(`/nieuwkomers/${newcomerId}/bewerken`, {
      version: "1",
      givenNames: "Amina",
      familyName: "Yusuf",
      birthDate: "1991-03-04",
      bsn,
      countryOfOrigin: "Somalië",
      targetGroup: "asielstatushouder",
      phone: "+31 6 12345678",
      email: "amina@example.org",
      preferredLanguage: "so",
      assignedConsultantId: assigned.id,
      healthNotes: "Slaapt slecht; afspraak huisarts gemaakt.",
    });
    expect(res.statusCode).toBe(303);
    expect((await asAssigned.follow(res)).body).toContain("Slaapt slecht");

    const seenByColleague = await asColleague.get(`/nieuwkomers/${newcomerId}`);
    expect(seenByColleague.statusCode).toBe(200);
    expect(seenByColleague.body).toContain(bsn);
    expect(seenByColleague.body).not.toContain("Slaapt slecht");
    expect(seenByColleague.body).toContain(
      "Gezondheidsgegevens ziet alleen de toegewezen consulent",
    );
    expect((await auditOf(newcomerId)).at(-1)).toMatchObject({
      action: "read",
      actor_account_id: colleague.id,
      data_classes: ["basic", "identity", "contact", "residence"],
    });

    const editByColleague = await asColleague.get(`/nieuwkomers/${newcomerId}/bewerken`);
    expect(editByColleague.body).not.toContain('name="healthNotes"');
    expect(editByColleague.body).not.toContain("Slaapt slecht");
  });

  it("refuses a change based on an old version (409) and keeps the newer data", async () => {
    const stale = await asColleague.post(
      `/nieuwkomers/${newcomerId}/bewerken`,
      { version: "1", givenNames: "Amina", familyName: "Overschreven", preferredLanguage: "so" },
      { from: `/nieuwkomers/${newcomerId}/bewerken` },
    );
    expect(stale.statusCode).toBe(409);
    expect(stale.body).toContain("Iemand anders heeft deze gegevens gewijzigd");
    const [row] = await t.database.query<{
      family_name: string;
      version: number;
      health_notes: string;
    }>("select family_name, version, health_notes from newcomers where id = $1", [newcomerId]);
    expect(row).toMatchObject({ family_name: "Yusuf", version: 2 });

    // Based on the current version, a colleague's change goes through and leaves health alone.
    const ok = await asColleague.post(`/nieuwkomers/${newcomerId}/bewerken`, {
      version: "2",
      givenNames: "Amina",
      familyName: "Yusuf-Ali",
      bsn,
      preferredLanguage: "so",
      assignedConsultantId: assigned.id,
    });
    expect(ok.statusCode).toBe(303);
    const [after] = await t.database.query<{
      family_name: string;
      version: number;
      health_notes: string;
      phone: string | null;
    }>("select family_name, version, health_notes, phone from newcomers where id = $1", [
      newcomerId,
    ]);
    expect(after).toMatchObject({
      family_name: "Yusuf-Ali",
      version: 3,
      health_notes: "Slaapt slecht; afspraak huisarts gemaakt.",
      phone: null,
    });
  });

  it("shows a team lead everything but health; a beheerder nothing", async () => {
    const asLead = await signIn(t.app, teamLead, "10.1.0.3");
    const lead = await asLead.get(`/nieuwkomers/${newcomerId}`);
    expect(lead.statusCode).toBe(200);
    expect(lead.body).toContain(bsn);
    expect(lead.body).not.toContain("Slaapt slecht");

    const asAdmin = await signIn(t.app, administrator, "10.1.0.4");
    expect((await asAdmin.get("/nieuwkomers")).statusCode).toBe(403);
    const detail = await asAdmin.get(`/nieuwkomers/${newcomerId}`);
    expect(detail.statusCode).toBe(404);
    expect(detail.body).not.toContain("Yusuf");
    expect((await auditOf(newcomerId)).at(-1)).toMatchObject({
      action: "read",
      actor_account_id: administrator.id,
      outcome: "denied",
      data_classes: [],
    });
  });

  it("answers 404 for an id that is not a uuid", async () => {
    expect((await asColleague.get("/nieuwkomers/not-a-uuid")).statusCode).toBe(404);
  });

  it("pages through a long list with a keyset cursor", async () => {
    const org = await buildOrganisation(t.database.db, { kind: "gemeente" });
    const consultant = await buildAccount(t.database.db, { organisationId: org.id });
    for (let i = 0; i < 53; i++)
      await buildNewcomer(t.database.db, {
        organisationId: org.id,
        familyName: `Achternaam ${String(i).padStart(2, "0")}`,
      });
    const client = await signIn(t.app, consultant, "10.1.0.5");
    const first = await client.get("/nieuwkomers");
    expect(first.body).toContain("Achternaam 00");
    expect(first.body).toContain("Achternaam 49");
    expect(first.body).not.toContain("Achternaam 50");
    const next = first.body.match(/href="(\/nieuwkomers\?na=[0-9a-f-]+)"/)?.[1];
    expect(next).toBeDefined();
    const second = await client.get(String(next));
    expect(second.body).toContain("Achternaam 50");
    expect(second.body).toContain("Achternaam 52");
    expect(second.body).not.toContain("Achternaam 49");
  });

  describe("the functions the API builds on", () => {
    it("list, get and create authorize, audit and present", async () => {
      const ctx = { actor: staff(colleague, ["consulent"]), requestId: "api-test-1" };
      const list = await listNewcomers(t.database.db, ctx, { query: "Yusuf" });
      expect(list.items.map((n) => n.familyName)).toEqual(["Yusuf-Ali"]);
      expect(list.items[0]).not.toHaveProperty("bsn");

      const one = await getNewcomer(t.database.db, ctx, newcomerId);
      expect(one).toMatchObject({ bsn, familyName: "Yusuf-Ali" });
      expect(one).not.toHaveProperty("healthNotes");

      const created = await createNewcomer(t.database.db, ctx, {
        givenNames: "Omar",
        familyName: "Haddad",
        preferredLanguage: "ar",
      });
      expect(created).toMatchObject({ givenNames: "Omar", bsn: null, assignedConsultant: null });
      expect((await auditOf(created.id)).map((a) => a.action)).toEqual(["create"]);

      await expect(
        createNewcomer(t.database.db, ctx, {
          givenNames: "Dubbel",
          familyName: "BSN",
          bsn,
          preferredLanguage: "nl",
        }),
      ).rejects.toBeInstanceOf(InvalidNewcomerError);
      await expect(
        createNewcomer(t.database.db, ctx, {
          givenNames: "Vreemde",
          familyName: "Consulent",
          preferredLanguage: "nl",
          assignedConsultantId: administrator.id,
        }),
      ).rejects.toMatchObject({
        fields: { assignedConsultantId: "newcomers:errors.unknownConsultant" },
      });
    });

    it("refuses a beheerder through the functions too", async () => {
      const ctx = { actor: staff(administrator, ["beheerder"]) };
      await expect(listNewcomers(t.database.db, ctx)).rejects.toMatchObject({ statusCode: 403 });
      await expect(getNewcomer(t.database.db, ctx, newcomerId)).rejects.toMatchObject({
        statusCode: 404,
      });
    });
  });
});
