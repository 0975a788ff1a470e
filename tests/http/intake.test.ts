import { randomBytes } from "node:crypto";
import type { LightMyRequestResponse } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { intakeSummaryFor, latestDomainScores } from "../../src/intake/index.ts";
import { householdMembers } from "../../src/newcomers/schema.ts";
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
} from "../support/factories.ts";

interface AuditRow {
  action: string;
  resource_type: string;
  data_classes: string[];
  purpose: string;
  legal_basis: string;
  organisation_id: string | null;
  actor_account_id: string | null;
  outcome: string;
}

const PNG = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  randomBytes(64),
]);

/** A multipart/form-data body, as a browser sends the drawing form. */
function multipart(
  fields: Record<string, string>,
  file?: { name: string; filename: string; type: string; data: Buffer },
) {
  const boundary = `----koers${randomBytes(8).toString("hex")}`;
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields))
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`,
      ),
    );
  if (file)
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${file.name}"; filename="${file.filename}"\r\nContent-Type: ${file.type}\r\n\r\n`,
      ),
      file.data,
      Buffer.from("\r\n"),
    );
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return {
    payload: Buffer.concat(parts),
    contentType: `multipart/form-data; boundary=${boundary}`,
  };
}

describe.each(databaseKinds)("the brede intake (%s)", (kind) => {
  let t: TestApp;
  let orgId: string;
  let assigned: TestAccount;
  let colleague: TestAccount;
  let teamLead: TestAccount;
  let outsider: TestAccount;
  let asAssigned: TestClient;
  let asColleague: TestClient;
  let asLead: TestClient;
  let asOutsider: TestClient;
  let newcomerId: string;
  let conversationId: string;
  let base: string;

  const auditOf = (resourceType?: string) =>
    t.database.query<AuditRow>(
      `select action, resource_type, data_classes, purpose, legal_basis, organisation_id, actor_account_id, outcome
         from audit_events where subject_id = $1 ${resourceType ? "and resource_type = $2" : ""} order by seq`,
      resourceType ? [newcomerId, resourceType] : [newcomerId],
    );
  const count = async (table: string) =>
    Number(
      (
        await t.database.query<{ n: string }>(
          `select count(*) as n from ${table} where newcomer_id = $1`,
          [newcomerId],
        )
      )[0]?.n,
    );

  /** Posts a multipart form with the client's cookies and (unless false) its page's CSRF token. */
  const postMultipart = async (
    client: TestClient,
    url: string,
    fields: Record<string, string>,
    file?: { name: string; filename: string; type: string; data: Buffer },
    csrf = true,
  ): Promise<LightMyRequestResponse> => {
    const token = client.html.match(/name="_csrf" value="([^"]+)"/)?.[1] ?? "";
    const body = multipart(csrf ? { _csrf: token, ...fields } : fields, file);
    const cookie = ["koers_session", "_csrf"]
      .filter((n) => client.cookie(n))
      .map((n) => `${n}=${client.cookie(n)}`)
      .join("; ");
    return t.app.inject({
      method: "POST",
      url,
      payload: body.payload,
      headers: { cookie, "content-type": body.contentType },
    });
  };

  const consultantActor = (account: TestAccount, roles: Actor["roles"]): Actor => ({
    kind: "staff",
    accountId: account.id,
    organisationId: account.organisationId,
    organisationKind: "gemeente",
    roles,
    mfa: true,
  });

  beforeAll(async () => {
    t = await createTestApp(kind, { FINE_AMOUNT_CENTS: "30000" });
    const db = t.database.db;
    const org = await buildOrganisation(db, {
      kind: "gemeente",
      name: `Gemeente Testdorp ${randomBytes(3).toString("hex")}`,
    });
    orgId = org.id;
    const otherOrg = await buildOrganisation(db, { kind: "gemeente" });
    assigned = await buildAccount(db, { organisationId: orgId, name: "Karin Klantregisseur" });
    colleague = await buildAccount(db, { organisationId: orgId, name: "Cor Collega" });
    teamLead = await buildAccount(db, { organisationId: orgId, roles: ["teamleider"] });
    outsider = await buildAccount(db, { organisationId: otherOrg.id });
    const newcomer = await buildNewcomer(db, {
      organisationId: orgId,
      givenNames: "Selam",
      familyName: "Tesfay",
      preferredLanguage: "ti",
      assignedConsultantId: assigned.id,
      address: "Dorpsstraat 1\n1234 AB Testdorp",
    });
    newcomerId = newcomer.id;
    base = `/nieuwkomers/${newcomerId}/intake`;
    await db.insert(householdMembers).values({
      organisationId: orgId,
      newcomerId,
      name: "Kidane",
      relation: "kind",
      birthDate: `${new Date().getUTCFullYear() - 2}-01-15`,
    });
    [asAssigned, asColleague, asLead, asOutsider] = await Promise.all([
      signIn(t.app, assigned, "10.3.0.1"),
      signIn(t.app, colleague, "10.3.0.2"),
      signIn(t.app, teamLead, "10.3.0.3"),
      signIn(t.app, outsider, "10.3.0.4"),
    ]);
  });
  afterAll(async () => t?.close());

  it("shows the overview with open duties, audited with the classes shown", async () => {
    const res = await asAssigned.get(base);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain("Brede intake · Selam Tesfay");
    expect(res.body).toContain("Vertel de ouders over voor- en vroegschoolse educatie");
    // A household with a child and no partner: no conversation without partner to offer (yet).
    expect(res.body).toContain("Gesprek zonder partner: niet van toepassing");
    expect(res.body).toContain("Nog niet bekend: scoor eerst de praktijkdomeinen.");
    const [read] = await auditOf("intake");
    expect(read).toMatchObject({
      action: "read",
      data_classes: ["basic", "plan", "education", "health"],
      purpose: "uitvoering_wet_inburgering",
      legal_basis: "wettelijke_taak",
      organisation_id: orgId,
      actor_account_id: assigned.id,
      outcome: "allowed",
    });
  });

  it("answers 404 to a consultant of another municipality, and records the attempt", async () => {
    for (const path of ["", "/gesprekken", "/omstandigheden", "/domeinen", "/handhaving"])
      expect((await asOutsider.get(`${base}${path}`)).statusCode, path).toBe(404);
    await asOutsider.get("/account");
    const res = await asOutsider.post(`${base}/gesprekken/nieuw`, {
      heldOn: "2025-01-10",
      notes: "Van buiten",
    });
    expect(res.statusCode).toBe(404);
    expect(await count("conversations")).toBe(0);
    const denied = (await auditOf()).filter((a) => a.actor_account_id === outsider.id);
    expect(denied.length).toBeGreaterThanOrEqual(6);
    expect(denied.every((a) => a.outcome === "denied" && a.data_classes.length === 0)).toBe(true);
  });

  it("refuses forged POSTs without a CSRF token, on every form", async () => {
    await asAssigned.get(base);
    for (const path of [
      "/gesprekken/nieuw",
      "/leerbaarheidstoets",
      "/opleiding/nieuw",
      "/werk/nieuw",
      "/omstandigheden",
      "/domeinen/scoren",
      "/eigen-woorden",
      "/plichten",
      "/afronden",
      "/handhaving",
    ]) {
      const res = await asAssigned.post(`${base}${path}`, { version: "0" }, { csrf: false });
      expect(res.statusCode, path).toBe(403);
    }
    expect(await count("conversations")).toBe(0);
  });

  it("records a conversation: field errors keep the input; the intake starts on its date", async () => {
    const form = await asAssigned.get(`${base}/gesprekken/nieuw`);
    expect(form.body).toContain("gesprek zónder partner");
    const invalid = await asAssigned.post(`${base}/gesprekken/nieuw`, {
      heldOn: "2025-02-03",
      interpreterPresent: "ja",
      notes: "Kennismaking, verwachtingen besproken.",
    });
    expect(invalid.statusCode).toBe(422);
    expect(invalid.body).toContain("Vul in welke taal de tolk sprak.");
    expect(invalid.body).toContain("Kennismaking, verwachtingen besproken.");

    const res = await asAssigned.post(`${base}/gesprekken/nieuw`, {
      heldOn: "2025-02-03",
      kind: "intake",
      interpreterPresent: "ja",
      interpreterLanguage: "Tigrinya",
      keyPersonPresent: "nee",
      partnerPresent: "ja",
      notes: "Kennismaking, verwachtingen besproken.",
    });
    expect(res.statusCode).toBe(303);
    conversationId = String(res.headers.location).split("/").at(-1) ?? "";
    const detail = await asAssigned.follow(res);
    expect(detail.body).toContain("Het gesprek is opgeslagen.");
    expect(detail.body).toContain('value="Tigrinya"');

    const list = await asAssigned.get(`${base}/gesprekken`);
    expect(list.body).toContain("tolk (Tigrinya), partner");
    const overview = await asAssigned.get(base);
    expect(overview.body).toContain("Begonnen op 3 februari 2025.");
    // The partner sat in: now the law's offer of a conversation without the partner is open.
    expect(overview.body).toContain("Bied de nieuwkomer een gesprek zonder partner aan.");
    expect((await auditOf("intake_conversation")).map((a) => a.action)).toContain("create");
  });

  it("refuses a stale save with 409, showing both versions and losing nothing", async () => {
    const url = `${base}/gesprekken/${conversationId}`;
    await asAssigned.get(url);
    await asColleague.get(url);
    const first = await asAssigned.post(url, {
      heldOn: "2025-02-03",
      version: "1",
      notes: "Versie van Karin: wil graag in de zorg werken.",
    });
    expect(first.statusCode).toBe(303);
    const stale = await asColleague.post(url, {
      heldOn: "2025-02-03",
      version: "1",
      notes: "Versie van Cor: heeft twee kinderen.",
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.body).toContain("Iemand anders heeft dit intussen gewijzigd");
    expect(stale.body).toContain("Versie van Karin: wil graag in de zorg werken.");
    expect(stale.body).toContain("Versie van Cor: heeft twee kinderen.");
    expect(stale.body).toContain('name="version" value="2"');
    const [row] = await t.database.query<{ notes: string }>(
      "select notes from conversations where id = $1",
      [conversationId],
    );
    expect(row?.notes).toBe("Versie van Karin: wil graag in de zorg werken.");
    // Having compared both, saving again from the conflict page is a choice and goes through.
    const again = await asColleague.post(url, {
      heldOn: "2025-02-03",
      version: "2",
      notes: "Samen: wil in de zorg werken, heeft twee kinderen.",
    });
    expect(again.statusCode).toBe(303);
  });

  it("fills in the domains side by side, in Dutch and the newcomer's language", async () => {
    const url = `${base}/gesprekken/${conversationId}/samen`;
    const page = await asAssigned.get(url);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("Hoe gaat het met uw woning?");
    expect(page.body).toMatch(/lang="ti" dir="ltr">ምስ ገዛኹም ከመይ ኣለኹም\?/);
    expect(page.body).toContain('class="koers-pictogram koers-pictogram--large"');
    expect(page.body).not.toContain("<script>");
    const noScore = await asAssigned.post(url, {
      scoredOn: "2025-02-03",
      note_taal: "Leert snel",
    });
    expect(noScore.statusCode).toBe(422);
    expect(noScore.body).toContain("Kies een score, of laat de toelichting leeg.");
    const res = await asAssigned.post(url, {
      scoredOn: "2025-02-03",
      newcomer_huisvesting: "2",
      consultant_huisvesting: "3",
      newcomer_inkomen: "4",
      consultant_inkomen: "4",
      newcomer_zorgverzekering: "5",
      consultant_zorgverzekering: "4",
      consultant_taal: "1",
      note_taal: "Leert snel",
    });
    expect(res.statusCode).toBe(303);
    const rows = await t.database.query<{ domain: string; conversation_id: string }>(
      "select domain, conversation_id from domain_scores where newcomer_id = $1",
      [newcomerId],
    );
    expect(rows.map((r) => r.domain).sort()).toEqual([
      "huisvesting",
      "inkomen",
      "taal",
      "zorgverzekering",
    ]);
    expect(rows.every((r) => r.conversation_id === conversationId)).toBe(true);

    const overview = await asAssigned.get(base);
    expect(overview.body).toContain("Eerst regelen");
    expect(overview.body).toMatch(/<li>Wonen<\/li>/);

    // A later scoring adds rows: scores are kept over time, the newest counts.
    await asAssigned.get(`${base}/domeinen/scoren`);
    expect(
      (
        await asAssigned.post(`${base}/domeinen/scoren`, {
          scoredOn: "2025-03-01",
          newcomer_huisvesting: "4",
          consultant_huisvesting: "4",
        })
      ).statusCode,
    ).toBe(303);
    expect(await count("domain_scores")).toBe(5);
    const latest = await latestDomainScores(t.database.db, newcomerId);
    expect(latest.huisvesting).toMatchObject({
      consultantScore: 4,
      newcomerScore: 4,
      scoredOn: "2025-03-01",
    });
    const domainsPage = await asAssigned.get(`${base}/domeinen`);
    expect(domainsPage.body).toContain("Alle scores, nieuwste eerst");
  });

  it("records the learnability test, with a reason when not taken, and guards its version", async () => {
    const url = `${base}/leerbaarheidstoets`;
    await asAssigned.get(url);
    const noReason = await asAssigned.post(url, { status: "niet_afgenomen", version: "0" });
    expect(noReason.statusCode).toBe(422);
    expect(noReason.body).toContain("Kies waarom de toets niet is afgenomen.");
    const ok = await asAssigned.post(url, {
      status: "niet_afgenomen",
      notTakenReason: "zintuiglijke_beperking",
      version: "0",
    });
    expect(ok.statusCode).toBe(303);
    // Someone else's form, loaded before the save, still says "new": refused, both shown.
    const stale = await asColleague.post(url, {
      status: "afgenomen",
      takenOn: "2025-01-20",
      score: "70",
      version: "0",
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.body).toContain("Zintuiglijke beperking");
    expect(stale.body).toContain('value="70"');
  });

  it("adds, changes and removes education and work entries", async () => {
    await asAssigned.get(`${base}/opleiding/nieuw`);
    const edu = await asAssigned.post(`${base}/opleiding/nieuw`, {
      level: "beroeps",
      field: "Verpleegkunde",
      country: "Eritrea",
      diploma: "Diploma verpleegkunde",
      valuation: "aangevraagd",
      years: "3",
    });
    expect(edu.statusCode).toBe(303);
    const [entry] = await t.database.query<{ id: string }>(
      "select id from education_entries where newcomer_id = $1",
      [newcomerId],
    );
    const edit = await asAssigned.post(`${base}/opleiding/${entry?.id}`, {
      level: "hoger_beroeps",
      valuation: "gewaardeerd",
      version: "1",
    });
    expect(edit.statusCode).toBe(303);
    const missingSector = await asAssigned.post(`${base}/werk/nieuw`, { role: "Kapper" });
    expect(missingSector.statusCode).toBe(422);
    expect(missingSector.body).toContain('value="Kapper"');
    expect(
      (await asAssigned.post(`${base}/werk/nieuw`, { sector: "Zorg", years: "4" })).statusCode,
    ).toBe(303);
    expect((await asAssigned.post(`${base}/werk/nieuw`, { sector: "Handel" })).statusCode).toBe(
      303,
    );
    const [work] = await t.database.query<{ id: string }>(
      "select id from work_entries where newcomer_id = $1 and sector = 'Handel'",
      [newcomerId],
    );
    expect(
      (await asAssigned.post(`${base}/werk/${work?.id}/verwijderen`, { version: "7" })).statusCode,
    ).toBe(409);
    expect(
      (await asAssigned.post(`${base}/werk/${work?.id}/verwijderen`, { version: "1" })).statusCode,
    ).toBe(303);
    expect(await count("work_entries")).toBe(1);
    const page = await asAssigned.get(`${base}/opleiding-en-werk`);
    expect(page.body).toContain("Hoger beroepsonderwijs");
    expect(page.body).toContain("Zorg");
  });

  it("lets only the assigned consultant read and write health; a team lead saves around it", async () => {
    const url = `${base}/omstandigheden`;
    const form = await asAssigned.get(url);
    expect(form.body).toContain("Koers legt behoeften en verwijzingen vast, geen diagnoses.");
    const res = await asAssigned.post(url, {
      situation: "Woont met twee kinderen in Testdorp.",
      healthNeeds: "Rustige lesplek, korte lesdagen.",
      healthReferrals: "Huisarts, maart 2025.",
      acuteHealthNeeds: "ja",
      version: "0",
    });
    expect(res.statusCode).toBe(303);

    const asLeadPage = await asLead.get(url);
    expect(asLeadPage.statusCode).toBe(200);
    expect(asLeadPage.body).toContain("Woont met twee kinderen in Testdorp.");
    expect(asLeadPage.body).not.toContain("Rustige lesplek");
    expect(asLeadPage.body).not.toContain('name="healthNeeds"');
    const leadOverview = await asLead.get(base);
    expect(leadOverview.body).not.toContain("Acute zorgbehoefte");
    const leadReads = (await auditOf("intake_circumstances")).filter(
      (a) => a.actor_account_id === teamLead.id,
    );
    expect(leadReads[0]?.data_classes).toEqual(["basic", "plan"]);

    const forbidden = await asLead.post(url, {
      situation: "Gewijzigd door teamleider",
      healthNeeds: "Overschreven",
      version: "1",
    });
    expect(forbidden.statusCode).toBe(403);
    await asLead.get(url);
    const ok = await asLead.post(url, {
      situation: "Aangevuld door de teamleider.",
      acuteDebts: "ja",
      version: "1",
    });
    expect(ok.statusCode).toBe(303);
    const [row] = await t.database.query<{
      situation: string;
      health_needs: string;
      acute_health_needs: boolean;
      acute_debts: boolean;
    }>(
      "select situation, health_needs, acute_health_needs, acute_debts from personal_circumstances where newcomer_id = $1",
      [newcomerId],
    );
    expect(row).toEqual({
      situation: "Aangevuld door de teamleider.",
      health_needs: "Rustige lesplek, korte lesdagen.",
      acute_health_needs: true,
      acute_debts: true,
    });
    const overview = await asAssigned.get(base);
    expect(overview.body).toContain("Acute zorgbehoefte");
    expect(overview.body).toContain("Acute schulden");
  });

  it("keeps the newcomer's own words and the duties; open duties disappear when done", async () => {
    await asAssigned.get(`${base}/eigen-woorden`);
    const words = await asAssigned.post(`${base}/eigen-woorden`, {
      ambitions: "Verpleegkundige worden in een ziekenhuis.",
      nextStep: "Vrijwilligerswerk in het verpleeghuis.",
      // The intake row was created when the first conversation set the start date: still unedited.
      version: "0",
    });
    expect(words.statusCode).toBe(303);
    const duties = await asAssigned.get(`${base}/plichten`);
    expect(duties.body).toContain("Er zijn kinderen jonger dan 4 jaar in het huishouden.");
    const acceptedWithoutDate = await asAssigned.post(`${base}/plichten`, {
      withoutPartnerAccepted: "ja",
      version: "1",
    });
    expect(acceptedWithoutDate.statusCode).toBe(422);
    const ok = await asAssigned.post(`${base}/plichten`, {
      vveInformedOn: "2025-02-03",
      withoutPartnerOfferedOn: "2025-02-03",
      withoutPartnerAccepted: "nee",
      version: "1",
    });
    expect(ok.statusCode).toBe(303);
    const overview = await asAssigned.get(base);
    expect(overview.body).not.toContain("Open plichten");
  });

  it("completes the intake only when the statutory parts are there", async () => {
    const overview = await asAssigned.get(base);
    expect(overview.body).not.toContain("Voor het afronden ontbreekt nog");
    const res = await asAssigned.post(`${base}/afronden`, {
      action: "afronden",
      completedOn: "2025-03-01",
      version: "2",
    });
    expect(res.statusCode).toBe(303);
    expect((await asAssigned.follow(res)).body).toContain("Afgerond op 1 maart 2025.");

    const summary = await intakeSummaryFor(
      t.database.db,
      { actor: consultantActor(assigned, ["consulent"]) },
      newcomerId,
    );
    expect(summary).toMatchObject({
      learnability: { status: "niet_afgenomen", notTakenReason: "zintuiglijke_beperking" },
      highestEducationLevel: "hoger_beroeps",
      basisOpOrde: ["financien", "gezondheid"],
      ambitions: "Verpleegkundige worden in een ziekenhuis.",
    });
    const forLead = await intakeSummaryFor(
      t.database.db,
      { actor: consultantActor(teamLead, ["teamleider"]) },
      newcomerId,
    );
    expect(forLead.basisOpOrde).toEqual(["financien"]);
    await expect(
      intakeSummaryFor(
        t.database.db,
        { actor: consultantActor(outsider, ["consulent"]) },
        newcomerId,
      ),
    ).rejects.toThrow(/Not found/);
  });

  it("keeps a sanitised drawing and an image with a conversation, and refuses a script", async () => {
    const url = `${base}/gesprekken/${conversationId}/tekening`;
    const page = await asAssigned.get(url);
    expect(page.body).toMatch(
      /<script nonce="[^"]+" src="\/assets\/intake-sketch\.[0-9a-f]{12}\.js" type="module">/,
    );
    expect(page.body).toContain('data-module="sketch-pad" hidden');

    const evil = await postMultipart(asAssigned, url, {
      drawing:
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 800 500"><path d="M1 1" onload="alert(1)"/></svg>',
    });
    expect(evil.statusCode).toBe(422);
    expect(evil.body).toContain("De tekening kon niet worden bewaard.");
    expect(await count("attachments")).toBe(0);

    const forged = await postMultipart(asAssigned, url, { drawing: "<svg/>" }, undefined, false);
    expect(forged.statusCode).toBe(403);

    await asAssigned.get(url);
    const drawing = await postMultipart(asAssigned, url, {
      drawing:
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 800 500"><path d="M10 10 L200 120" fill="none" stroke="#1b1b1b" stroke-width="3"/></svg>',
    });
    expect(drawing.statusCode).toBe(303);

    await asAssigned.get(url);
    const gif = await postMultipart(
      asAssigned,
      url,
      {},
      {
        name: "image",
        filename: "x.png",
        type: "image/png",
        data: Buffer.from("GIF89a-not-a-png"),
      },
    );
    expect(gif.statusCode).toBe(422);
    expect(gif.body).toContain("Kies een PNG- of JPEG-bestand.");
    await asAssigned.get(url);
    const big = await postMultipart(
      asAssigned,
      url,
      {},
      {
        name: "image",
        filename: "groot.png",
        type: "image/png",
        data: Buffer.concat([PNG, Buffer.alloc(1024 * 1024)]),
      },
    );
    expect(big.statusCode).toBe(422);
    expect(big.body).toContain("De afbeelding is groter dan 1 MB.");
    await asAssigned.get(url);
    const image = await postMultipart(
      asAssigned,
      url,
      {},
      { name: "image", filename: "tijdlijn.png", type: "application/octet-stream", data: PNG },
    );
    expect(image.statusCode).toBe(303);

    const files = await t.database.query<{ id: string; media_type: string }>(
      "select id, media_type from attachments where newcomer_id = $1 order by created_at",
      [newcomerId],
    );
    expect(files.map((f) => f.media_type)).toEqual(["image/svg+xml", "image/png"]);
    const svg = await asAssigned.get(`${base}/bijlagen/${files[0]?.id}`);
    expect(svg.headers["content-type"]).toBe("image/svg+xml");
    expect(svg.headers["content-security-policy"]).toContain("default-src 'none'");
    expect(svg.body).toBe(
      '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 800 500"><path d="M10 10 L200 120" fill="none" stroke="#1b1b1b" stroke-width="3"/></svg>',
    );
    const png = await asAssigned.get(`${base}/bijlagen/${files[1]?.id}`);
    expect(png.headers["content-type"]).toBe("image/png");
    expect(png.headers["content-disposition"]).toBe(
      `inline; filename="tijdlijn.png"; filename*=UTF-8''tijdlijn.png`,
    );
    expect(png.rawPayload.equals(PNG)).toBe(true);
    expect((await asOutsider.get(`${base}/bijlagen/${files[1]?.id}`)).statusCode).toBe(404);

    const conversation = await asAssigned.get(`${base}/gesprekken/${conversationId}`);
    expect(conversation.body).toContain("Tekening gemaakt tijdens het gesprek van 3 februari 2025");
    const removed = await asAssigned.post(`${base}/bijlagen/${files[1]?.id}/verwijderen`, {});
    expect(removed.statusCode).toBe(303);
    expect(await count("attachments")).toBe(1);
  });

  it("walks the non-cooperation ladder with printable letters and configured fines", async () => {
    const url = `${base}/handhaving`;
    const page = await asAssigned.get(url);
    expect(page.body).toMatch(/€\s300,00/);
    const first = await asAssigned.post(url, {
      step: "uitnodiging",
      takenOn: "2025-04-01",
      appointmentOn: "2025-04-10",
      appointmentTime: "09:30",
      location: "het gemeentehuis",
    });
    expect(first.statusCode).toBe(303);
    const letter = await asAssigned.follow(first);
    expect(letter.body).toContain("Gemeente Testdorp");
    expect(letter.body).toContain("Dorpsstraat 1");
    expect(letter.body).toContain(
      "Wij nodigen u uit voor een gesprek op 10 april 2025 om 09:30 uur, het gemeentehuis.",
    );
    expect(letter.body).toContain("Geachte Selam Tesfay,");

    // The same step again (a second tab, a double click): refused, nothing recorded twice.
    await asColleague.get(url);
    const twice = await asColleague.post(url, { step: "uitnodiging", takenOn: "2025-04-01" });
    expect(twice.statusCode).toBe(409);
    expect(await count("enforcement_steps")).toBe(1);

    const early = await asAssigned.post(url, {
      step: "tweede_uitnodiging_waarschuwing",
      takenOn: "2025-03-01",
    });
    expect(early.statusCode).toBe(422);
    expect(early.body).toContain("Deze datum ligt vóór de vorige stap.");
    expect(
      (
        await asAssigned.post(url, {
          step: "tweede_uitnodiging_waarschuwing",
          takenOn: "2025-04-15",
        })
      ).statusCode,
    ).toBe(303);
    const fine = await asAssigned.post(url, {
      step: "eerste_boete_derde_uitnodiging",
      takenOn: "2025-05-01",
    });
    expect(fine.statusCode).toBe(303);
    const fineLetter = await asAssigned.follow(fine);
    expect(fineLetter.body).toMatch(/bestuurlijke boete op van €\s300,00/);
    expect(fineLetter.body).toContain("binnen zes weken");
    const [row] = await t.database.query<{ amount_cents: number }>(
      "select amount_cents from enforcement_steps where newcomer_id = $1 and step = 'eerste_boete_derde_uitnodiging'",
      [newcomerId],
    );
    expect(row?.amount_cents).toBe(30000);
    const overview = await asAssigned.get(base);
    expect(overview.body).toContain("Eerste boete en derde uitnodiging");
    const reads = await auditOf("intake_enforcement");
    expect(reads.some((a) => a.action === "read" && a.data_classes.includes("contact"))).toBe(true);
  });
});
