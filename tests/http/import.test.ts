import { randomBytes } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
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

const BOM = "\uFEFF";

describe.each(databaseKinds)("importing DUO/COA notifications (%s)", (kind) => {
  let t: TestApp;
  let orgId: string;
  let karin: TestAccount;
  let asKarin: TestClient;
  let asOutsider: TestClient;

  const count = async (sql: string, params: unknown[] = []) =>
    Number((await t.database.query<{ n: string }>(sql, params))[0]?.n ?? 0);
  const newcomersOf = (organisationId: string) =>
    count("select count(*) as n from newcomers where organisation_id = $1", [organisationId]);

  /** Posts the upload form as a browser does: multipart, with the page's CSRF token and cookies. */
  async function upload(
    client: TestClient,
    file: { name: string; content: string | Buffer },
    fields: Record<string, string> = { source: "duo" },
    options: { csrf?: boolean } = {},
  ) {
    await client.get("/nieuwkomers/importeren");
    const token = client.html.match(/name="_csrf" value="([^"]+)"/)?.[1] ?? "";
    const boundary = `----koers${randomBytes(8).toString("hex")}`;
    const parts: Buffer[] = [];
    const field = (name: string, value: string) =>
      parts.push(
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`,
        ),
      );
    if (options.csrf !== false) field("_csrf", token);
    for (const [name, value] of Object.entries(fields)) field(name, value);
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: text/csv\r\n\r\n`,
      ),
      Buffer.isBuffer(file.content) ? file.content : Buffer.from(file.content, "utf8"),
      Buffer.from(`\r\n--${boundary}--\r\n`),
    );
    const cookie = ["koers_session", "_csrf"]
      .map((name) => `${name}=${client.cookie(name) ?? ""}`)
      .join("; ");
    return t.app.inject({
      method: "POST",
      url: "/nieuwkomers/importeren",
      payload: Buffer.concat(parts),
      headers: { "content-type": `multipart/form-data; boundary=${boundary}`, cookie },
    });
  }

  /** Follows the redirect to the run's page and waits until it is no longer busy. */
  async function result(client: TestClient, location: string) {
    for (let i = 0; i < 600; i++) {
      const page = await client.get(location);
      if (!page.body.includes("Bezig met importeren")) return page;
      expect(page.headers.refresh).toBe("2");
      await sleep(50);
    }
    throw new Error("import did not finish");
  }

  beforeAll(async () => {
    t = await createTestApp(kind);
    const db = t.database.db;
    orgId = (await buildOrganisation(db, { kind: "gemeente" })).id;
    const otherOrg = await buildOrganisation(db, { kind: "gemeente" });
    karin = await buildAccount(db, { organisationId: orgId, name: "Karin Klantregisseur" });
    const outsider = await buildAccount(db, { organisationId: otherOrg.id });
    asKarin = await signIn(t.app, karin, "10.4.0.1");
    asOutsider = await signIn(t.app, outsider, "10.4.0.2");
  });
  afterAll(async () => t?.close());

  it("documents the columns on the upload page", async () => {
    const page = await asKarin.get("/nieuwkomers/importeren");
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('enctype="multipart/form-data"');
    for (const column of ["bsn", "datum_kennisgeving", "datum_koppeling", "datum_huisvesting"])
      expect(page.body).toContain(`<code>${column}</code>`);
  });

  it("refuses a file with errors as a whole, listing every error by row and column", async () => {
    const known = await buildNewcomer(t.database.db, { organisationId: orgId });
    const good = validBsn();
    const csv = [
      "bsn;achternaam;voornamen;geboortedatum;doelgroep;datum_kennisgeving",
      `${good};Haile;Yonas;1994-02-10;asielstatushouder;2025-01-06`,
      `123456789;Tesfay;Saba;1995-03-01;asielstatushouder;2025-01-06`,
      `${validBsn()};;Amanuel;31-02-1990;vluchteling;2025-13-01`,
      `${good};Haile;Yonas;1994-02-10;asielstatushouder;2025-01-06`,
      `${known.bsn};Bekend;Al;1980-01-01;gezinsvormer`,
    ].join("\n");
    const before = await newcomersOf(orgId);
    const res = await upload(asKarin, { name: "fouten.csv", content: csv });
    expect(res.statusCode).toBe(303);
    const page = await result(asKarin, String(res.headers.location));
    expect(page.body).toContain("Het bestand is niet geïmporteerd: er zijn 7 fouten gevonden.");
    const rows = [
      ...page.body.matchAll(
        /<tr class="utrecht-table__row"><td class="utrecht-table__cell">(\d+)<\/td><td class="utrecht-table__cell">(?:<code>([\w]+)<\/code>)?<\/td><td class="utrecht-table__cell">([^<]+)<\/td>/g,
      ),
    ].map((m) => [Number(m[1]), m[2] ?? "", m[3]]);
    expect(rows).toEqual([
      [3, "bsn", "Dit is geen geldig BSN (elfproef)."],
      [4, "achternaam", "Dit veld is leeg; het is verplicht."],
      [4, "geboortedatum", "Geen geldige geboortedatum, of een datum in de toekomst."],
      [4, "doelgroep", expect.stringContaining("Onbekende doelgroep")],
      [4, "datum_kennisgeving", expect.stringContaining("Geen geldige datum")],
      [5, "bsn", "Dit BSN staat al op een eerdere regel in dit bestand."],
      [6, "", "Deze regel heeft een ander aantal velden dan de kopregel."],
    ]);
    // Nothing at all was imported, not even the good row.
    expect(await newcomersOf(orgId)).toBe(before);
    expect(await count("select count(*) as n from newcomers where bsn = $1", [good])).toBe(0);

    // In the reader's language.
    asKarin.headers = { "accept-language": "en" };
    const english = await asKarin.get(String(res.headers.location));
    asKarin.headers = {};
    expect(english.body).toContain("This is not a valid BSN (11-check).");
  });

  it("refuses an unknown or missing column before looking at the rows", async () => {
    const res = await upload(asKarin, {
      name: "kop.csv",
      content: "bsn;achternam;voornamen;geboortedatum;doelgroep\n123;x;y;1990-01-01;gezinsvormer\n",
    });
    const page = await result(asKarin, String(res.headers.location));
    expect(page.body).toContain("<code>achternam</code>");
    expect(page.body).toContain("Deze kolom kent Koers niet.");
    expect(page.body).toContain("<code>datum_kennisgeving</code>");
    expect(page.body).toContain("Deze kolom ontbreekt; hij is verplicht.");
  });

  it("imports a valid DUO file (UTF-8 with BOM, ;, quotes) with records and dated sources", async () => {
    const [a, b] = [validBsn(), validBsn()];
    const csv = `${BOM}bsn;achternaam;voorvoegsel;voornamen;geboortedatum;doelgroep;datum_kennisgeving;datum_start_plicht\r\n${a};Berg;van den;"Amina; Sahra";17-05-1991;asielstatushouder;2025-02-03;2025-01-20\r\n${b.slice(0, 4)}.${b.slice(4, 6)}.${b.slice(6)};Haddad;;Omar;1988-11-30;gezinshereniger;03-02-2025;\r\n`;
    const res = await upload(
      asKarin,
      { name: "duo-februari.csv", content: csv },
      {
        source: "duo",
        assignTo: karin.id,
      },
    );
    expect(res.statusCode).toBe(303);
    const page = await result(asKarin, String(res.headers.location));
    expect(page.body).toContain(
      "Klaar: 2 regels geïmporteerd, 2 nieuwe nieuwkomers en 0 bestaande aangevuld.",
    );
    const [amina] = await t.database.query<{
      id: string;
      given_names: string;
      family_name_prefix: string;
      birth_date: string;
      target_group: string;
      assigned_consultant_id: string;
    }>(
      "select id, given_names, family_name_prefix, birth_date::text as birth_date, target_group, assigned_consultant_id from newcomers where bsn = $1",
      [a],
    );
    expect(amina).toMatchObject({
      given_names: "Amina; Sahra",
      family_name_prefix: "van den",
      birth_date: "1991-05-17",
      target_group: "asielstatushouder",
      assigned_consultant_id: karin.id,
    });
    expect(
      await t.database.query(
        "select kind, date::text as date, source from key_dates where newcomer_id = $1 order by kind",
        [amina?.id],
      ),
    ).toEqual([
      { kind: "start_plicht", date: "2025-01-20", source: "duo" },
      { kind: "kennisgeving_duo", date: "2025-02-03", source: "duo" },
    ]);
    expect(await count("select count(*) as n from newcomers where bsn = $1", [b])).toBe(1);
    // Audited as created, naming the run.
    const audit = await t.database.query<{ action: string; details: { importRun: string } }>(
      "select action, details from audit_events where subject_id = $1",
      [amina?.id],
    );
    expect(audit).toHaveLength(1);
    expect(audit[0]?.action).toBe("create");
    expect(String(res.headers.location)).toContain(audit[0]?.details.importRun);

    // The same file again changes nothing.
    const datesBefore = await count("select count(*) as n from key_dates");
    const again = await upload(asKarin, { name: "duo-februari.csv", content: csv });
    const second = await result(asKarin, String(again.headers.location));
    expect(second.body).toContain("0 nieuwe nieuwkomers en 2 bestaande aangevuld");
    expect(await count("select count(*) as n from key_dates")).toBe(datesBefore);
    expect(await count("select count(*) as n from newcomers where bsn = $1", [a])).toBe(1);

    // A COA file (, separated) for a known BSN adds dates to that record, with source COA.
    const coa = `bsn,achternaam,voornamen,geboortedatum,datum_koppeling,datum_huisvesting\n${a},Berg,Amina,1991-05-17,2025-01-10,2025-04-01\n`;
    const coaRes = await upload(asKarin, { name: "coa.csv", content: coa }, { source: "coa" });
    await result(asKarin, String(coaRes.headers.location));
    expect(
      await t.database.query(
        "select kind, date::text as date, source from key_dates where newcomer_id = $1 and source = 'coa' order by kind",
        [amina?.id],
      ),
    ).toEqual([
      { kind: "koppeling", date: "2025-01-10", source: "coa" },
      { kind: "huisvesting", date: "2025-04-01", source: "coa" },
    ]);
    expect(await count("select count(*) as n from newcomers where bsn = $1", [a])).toBe(1);
  });

  it("imports 2,000 rows in one go", async () => {
    const header =
      "bsn;achternaam;voornamen;geboortedatum;doelgroep;datum_kennisgeving;datum_start_plicht";
    const groups = ["asielstatushouder", "gezinsvormer", "gezinshereniger", "overige_migrant"];
    const lines = Array.from({ length: 2000 }, (_, i) => {
      const day = String((i % 28) + 1).padStart(2, "0");
      return `${validBsn()};Achternaam ${i};Voornaam;1990-01-${day};${groups[i % 4]};2025-03-${day};2025-03-${day}`;
    });
    const org = await buildOrganisation(t.database.db, { kind: "gemeente" });
    const bulk = await buildAccount(t.database.db, { organisationId: org.id });
    const client = await signIn(t.app, bulk, "10.4.0.3");
    const res = await upload(client, {
      name: "duo-groot.csv",
      content: [header, ...lines].join("\n"),
    });
    expect(res.statusCode).toBe(303);
    const page = await result(client, String(res.headers.location));
    expect(page.body).toContain("Klaar: 2000 regels geïmporteerd, 2000 nieuwe nieuwkomers");
    expect(await newcomersOf(org.id)).toBe(2000);
    expect(
      await count("select count(*) as n from key_dates where organisation_id = $1", [org.id]),
    ).toBe(4000);
    const [run] = await t.database.query<{ processed_rows: number; total_rows: number }>(
      "select processed_rows, total_rows from import_runs where organisation_id = $1",
      [org.id],
    );
    expect(run).toEqual({ processed_rows: 2000, total_rows: 2000 });
  }, 60_000);

  it("refuses a file that is not UTF-8", async () => {
    const latin1 = Buffer.from(
      `bsn;achternaam;voornamen;geboortedatum;doelgroep;datum_kennisgeving\n${validBsn()};Müller;Jörg;1990-01-01;overige_migrant;2025-01-01\n`,
      "latin1",
    );
    const res = await upload(asKarin, { name: "latin1.csv", content: latin1 });
    const page = await result(asKarin, String(res.headers.location));
    expect(page.body).toContain("Het bestand is niet in UTF-8.");
  });

  it("refuses a forged upload, an upload without a file, and a file over 5 MB", async () => {
    const before = await count("select count(*) as n from import_runs");
    const forged = await upload(
      asKarin,
      { name: "x.csv", content: "bsn\n" },
      { source: "duo" },
      { csrf: false },
    );
    expect(forged.statusCode).toBe(403);
    const empty = await upload(asKarin, { name: "leeg.csv", content: "" });
    expect(empty.statusCode).toBe(422);
    expect(empty.body).toContain("Kies een CSV-bestand.");
    const huge = await upload(asKarin, {
      name: "groot.csv",
      content: "x".repeat(5 * 1024 * 1024 + 10),
    });
    expect(huge.statusCode).toBe(413);
    expect(await count("select count(*) as n from import_runs")).toBe(before);
  });

  it("shows another municipality neither the page nor the runs", async () => {
    const [run] = await t.database.query<{ id: string }>(
      "select id from import_runs where organisation_id = $1 limit 1",
      [orgId],
    );
    const res = await asOutsider.get(`/nieuwkomers/importeren/${run?.id}`);
    expect(res.statusCode).toBe(404);
    const own = await asOutsider.get("/nieuwkomers/importeren");
    expect(own.body).not.toContain("duo-februari.csv");
  });
});
