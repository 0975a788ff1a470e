import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../support/app.ts";
import { TestClient } from "../support/client.ts";
import { databaseKinds } from "../support/database.ts";
import {
  buildAccount,
  buildOrganisation,
  organisationById,
  signIn,
  type TestAccount,
} from "../support/factories.ts";

const foodValley = ["GM0203", "GM0228", "GM0267", "GM0274", "GM0340", "GM0279", "GM0345", "GM0289"];

describe.each(databaseKinds)("managing organisations (%s)", (kind) => {
  let t: TestApp;
  let admin: TestAccount;
  let beheerderA: TestAccount;
  let consultantA: TestAccount;
  let ede: { id: string };
  let barneveld: { id: string };

  const count = async (sql: string, params: unknown[]) =>
    (await t.database.query<{ n: number }>(`select count(*)::int as n ${sql}`, params))[0]?.n;

  beforeAll(async () => {
    t = await createTestApp(kind);
    const db = t.database.db;
    const koers = await buildOrganisation(db, { kind: "beheer", name: "Koers beheer" });
    admin = await buildAccount(db, { organisationId: koers.id, roles: ["beheerder"] });
    ede = await buildOrganisation(db, {
      kind: "gemeente",
      name: "Gemeente Ede",
      cbsCode: "GM0228",
    });
    barneveld = await buildOrganisation(db, {
      kind: "gemeente",
      name: "Gemeente Barneveld",
      cbsCode: "GM0203",
    });
    beheerderA = await buildAccount(db, {
      organisationId: ede.id,
      roles: ["beheerder"],
      name: "Bram Beheerder",
    });
    consultantA = await buildAccount(db, {
      organisationId: ede.id,
      roles: ["consulent", "teamleider"],
      name: "Carla Consulent",
    });
  });
  afterAll(async () => t?.close());

  it("lets the platform administrator create a gemeente from the CBS list, and logs it", async () => {
    const client = await signIn(t.app, admin, "10.1.0.1");
    const res = await client.post(
      "/beheer/organisaties",
      { kind: "gemeente", municipalityCode: "GM0289" },
      { from: "/beheer/organisaties/nieuw" },
    );
    expect(res.statusCode).toBe(303);
    const id = String(res.headers.location).split("/").at(-1) ?? "";
    const page = await client.follow(res);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("<h1");
    expect(page.body).toContain("Gemeente Wageningen");
    expect(page.body).toContain("GM0289");
    const list = await client.get("/beheer/organisaties?q=wagen");
    expect(list.body).toContain(`href="/beheer/organisaties/${id}"`);
    expect(list.body).not.toContain("Gemeente Barneveld");
    expect(
      await count(
        "from audit_events where resource_type = 'organisation' and action = 'create' and resource_id = $1 and actor_account_id = $2",
        [id, admin.id],
      ),
    ).toBe(1);
  });

  it("keeps the input and shows a message per field when the form is not right", async () => {
    const client = await signIn(t.app, admin, "10.1.0.2");
    await client.get("/beheer/organisaties/nieuw");
    const res = await client.post("/beheer/organisaties", {
      kind: "gemeente",
      name: "Gemeente Nergenshuizen",
      contactEmail: "geen e-mailadres",
    });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain("Kies de gemeente uit de CBS-lijst.");
    expect(res.body).toContain("Vul een e-mailadres in zoals naam@voorbeeld.nl.");
    expect(res.body).toContain('value="Gemeente Nergenshuizen"');
    expect(res.body).toContain('value="geen e-mailadres"');
    expect(res.body).toMatch(/<option value="gemeente" selected/);

    const taken = await client.post("/beheer/organisaties", {
      kind: "gemeente",
      municipalityCode: "GM0228",
    });
    expect(taken.statusCode).toBe(422);
    expect(taken.body).toContain("Voor dit gebied bestaat al een organisatie in Koers.");
    expect(taken.body).toMatch(/<option value="GM0228" selected/);
    expect(await count("from organisations where name = $1", ["Gemeente Nergenshuizen"])).toBe(0);
  });

  it("refuses a forged POST without a CSRF token and changes nothing", async () => {
    const client = await signIn(t.app, admin, "10.1.0.3");
    const res = await client.post(
      "/beheer/organisaties",
      { kind: "taalaanbieder", name: "Taalschool Vervalst" },
      { csrf: false },
    );
    expect(res.statusCode).toBe(403);
    expect(await count("from organisations where name = $1", ["Taalschool Vervalst"])).toBe(0);
  });

  it("refuses consultants, and sends visitors to sign in", async () => {
    const client = await signIn(t.app, consultantA, "10.1.0.4");
    for (const path of ["/beheer/organisaties", "/beheer/regios", `/beheer/organisaties/${ede.id}`])
      expect((await client.get(path)).statusCode, path).toBe(403);
    const visitor = await new TestClient(t.app, "10.1.0.5").get("/beheer/organisaties");
    expect(visitor.statusCode).toBe(303);
    expect(visitor.headers.location).toContain("/inloggen");
  });

  it("shows an organisation's beheerder their own organisation and its people, logged, and nothing of another", async () => {
    const client = await signIn(t.app, beheerderA, "10.1.0.6");
    const own = await client.get(`/beheer/organisaties/${ede.id}`);
    expect(own.statusCode).toBe(200);
    expect(own.body).toContain("Carla Consulent");
    expect(own.body).toContain("Consulent, Teamleider of beleidsmedewerker");
    expect(
      await count(
        "from audit_events where action = 'list' and resource_type = 'account' and organisation_id = $1 and actor_account_id = $2 and purpose = 'beheer_organisaties' and 'account' = any(data_classes)",
        [ede.id, beheerderA.id],
      ),
    ).toBe(1);

    const other = await client.get(`/beheer/organisaties/${barneveld.id}`);
    expect(other.statusCode).toBe(403);
    expect(other.body).not.toContain("Gemeente Barneveld");
    // A made-up id gets the same answer: whether an organisation exists is not revealed.
    expect(
      (await client.get("/beheer/organisaties/00000000-0000-4000-8000-000000000000")).statusCode,
    ).toBe(403);
    expect((await client.get(`/beheer/organisaties/${barneveld.id}/bewerken`)).statusCode).toBe(
      403,
    );
    expect((await client.get("/beheer/organisaties")).statusCode).toBe(403);
  });

  it("lets an organisation's beheerder change only its contact address", async () => {
    const client = await signIn(t.app, beheerderA, "10.1.0.7");
    const form = await client.get(`/beheer/organisaties/${ede.id}/bewerken`);
    expect(form.statusCode).toBe(200);
    expect(form.body).not.toContain('name="name"');
    const version = form.body.match(/name="version" value="(\d+)"/)?.[1] ?? "";
    const res = await client.post(`/beheer/organisaties/${ede.id}`, {
      version,
      contactEmail: "inburgering@ede.example",
      name: "Gemeente Gekaapt",
    });
    expect(res.statusCode).toBe(303);
    const stored = await organisationById(t.database.db, ede.id);
    expect(stored?.contactEmail).toBe("inburgering@ede.example");
    expect(stored?.name).toBe("Gemeente Ede");
    const forbidden = await client.post(
      `/beheer/organisaties/${barneveld.id}`,
      { version: "1", contactEmail: "x@example.org" },
      { from: `/beheer/organisaties/${ede.id}/bewerken` },
    );
    expect(forbidden.statusCode).toBe(403);
    expect((await organisationById(t.database.db, barneveld.id))?.contactEmail).toBeNull();
  });

  it("refuses a save based on an old version with 409, keeping the input and showing what is stored", async () => {
    const org = await buildOrganisation(t.database.db, {
      kind: "taalaanbieder",
      name: "Taalhuis Vallei",
    });
    const first = await signIn(t.app, admin, "10.1.0.8");
    const second = await signIn(t.app, admin, "10.1.0.9");
    const page = await first.get(`/beheer/organisaties/${org.id}/bewerken`);
    const version = page.body.match(/name="version" value="(\d+)"/)?.[1] ?? "";
    expect(version).toBe("1");

    const meanwhile = await second.post(
      `/beheer/organisaties/${org.id}`,
      { version, name: "Taalhuis Vallei", contactEmail: "info@taalhuis.example" },
      { from: `/beheer/organisaties/${org.id}/bewerken` },
    );
    expect(meanwhile.statusCode).toBe(303);

    const stale = await first.post(`/beheer/organisaties/${org.id}`, {
      version,
      name: "Taalhuis Food Valley",
      contactEmail: "",
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.body).toContain("Iemand anders heeft deze organisatie intussen gewijzigd");
    expect(stale.body).toContain('value="Taalhuis Food Valley"');
    expect(stale.body).toContain("info@taalhuis.example");
    expect(stale.body).toContain('name="version" value="2"');
    let stored = await organisationById(t.database.db, org.id);
    expect(stored).toMatchObject({
      name: "Taalhuis Vallei",
      contactEmail: "info@taalhuis.example",
      version: 2,
    });

    // Having seen both, the user saves again from the page they were shown.
    const again = await first.post(`/beheer/organisaties/${org.id}`, {
      version: "2",
      name: "Taalhuis Food Valley",
      contactEmail: "info@taalhuis.example",
    });
    expect(again.statusCode).toBe(303);
    stored = await organisationById(t.database.db, org.id);
    expect(stored).toMatchObject({ name: "Taalhuis Food Valley", version: 3 });
    expect(
      await count(
        "from audit_events where resource_type = 'organisation' and action = 'update' and resource_id = $1",
        [org.id],
      ),
    ).toBe(2);
  });

  it("lets the platform administrator make a region of CBS municipalities and place an organisation in it", async () => {
    const client = await signIn(t.app, admin, "10.1.0.10");
    const res = await client.post(
      "/beheer/regios",
      { name: "Regio Food Valley", provinceCode: "PV25", municipalityCodes: foodValley },
      { from: "/beheer/regios/nieuw" },
    );
    expect(res.statusCode).toBe(303);
    const list = await client.get("/beheer/regios");
    expect(list.body).toContain("Regio Food Valley");
    expect(list.body).toContain(
      "Barneveld, Ede, Nijkerk, Renkum, Rhenen, Scherpenzeel, Veenendaal, Wageningen",
    );

    const edit = await client.get(`/beheer/organisaties/${barneveld.id}/bewerken`);
    const regionId = edit.body.match(
      /<option value="([0-9a-f-]{36})"[^>]*>Regio Food Valley</,
    )?.[1];
    expect(regionId).toBeDefined();
    const saved = await client.post(`/beheer/organisaties/${barneveld.id}`, {
      version: edit.body.match(/name="version" value="(\d+)"/)?.[1] ?? "",
      name: "Gemeente Barneveld",
      regionId: regionId ?? "",
    });
    expect(saved.statusCode).toBe(303);
    expect((await client.follow(saved)).body).toContain("Regio Food Valley");
  });
});
