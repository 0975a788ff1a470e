import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
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
} from "../support/factories.ts";

/** Text of a PDF through poppler's pdftotext (apt-get install poppler-utils). */
function pdfText(pdf: Buffer): string {
  const dir = mkdtempSync(join(tmpdir(), "koers-pdf-"));
  try {
    const file = join(dir, "plan.pdf");
    writeFileSync(file, pdf);
    const text = execFileSync("pdftotext", ["-enc", "UTF-8", file, "-"], { encoding: "utf8" });
    // pdftotext wraps right-to-left runs in embedding marks; they are not part of the text.
    return text.replace(/[\u202a-\u202e\u2066-\u2069]/g, "");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The row version a page's form carries (hidden field "version"). */
const formVersion = (html: string): string => {
  const found = html.match(/name="version" value="(\d+)"/)?.[1];
  if (!found) throw new Error("no version field on the page");
  return found;
};

describe.each(databaseKinds)("the PIP (%s)", (kind) => {
  let t: TestApp;
  let consultant: TestAccount;
  let colleague: TestAccount;
  let outsider: TestAccount;
  let asConsultant: TestClient;
  let asColleague: TestClient;
  let asOutsider: TestClient;
  let newcomerId: string;
  let providerId: string;
  const pip = (rest = "") => `/nieuwkomers/${newcomerId}/pip${rest}`;

  /** A complete save of version n with the given fields on top of sensible ones. */
  const planForm = (version: string, fields: Record<string, string | string[]> = {}) => ({
    version,
    leerroute: "b1",
    languageProviderId: providerId,
    hoursPerWeek: "12",
    pvtHours: "12",
    mapHours: "40",
    ontzorgenMonths: "6",
    ontzorgenCosts: ["huur", "energie", "water", "zorgverzekering"],
    childcare: "Peuterspeelzaal drie ochtenden",
    guidance: "Maatschappelijke begeleiding door VluchtelingenWerk",
    "goals.0.kind": "werk",
    "goals.0.description": "Werken in de zorg",
    "goals.0.steps.0.what": "Oriëntatiegesprek bij een zorginstelling",
    "goals.0.steps.0.who": "Consulent",
    "goals.0.steps.0.dueOn": "2026-03-01",
    "goals.0.steps.0.status": "open",
    "reviews.0.dueOn": "2026-06-01",
    monitoring: "Elk kwartaal een voortgangsgesprek",
    _action: "save",
    ...fields,
  });

  const audit = (subjectId: string) =>
    t.database.query<{
      action: string;
      data_classes: string[];
      purpose: string;
      legal_basis: string;
      outcome: string;
      resource_type: string;
    }>(
      `select action, data_classes, purpose, legal_basis, outcome, resource_type
         from audit_events where subject_id = $1 and resource_type = 'plan' order by seq`,
      [subjectId],
    );

  beforeAll(async () => {
    t = await createTestApp(kind);
    const db = t.database.db;
    const org = await buildOrganisation(db, {
      name: `Gemeente Ede ${kind}`,
      contactEmail: "inburgering@ede.test",
    });
    const other = await buildOrganisation(db, { kind: "gemeente" });
    const school = await buildOrganisation(db, {
      kind: "taalaanbieder",
      name: `Taalschool Vallei ${kind}`,
    });
    providerId = school.id;
    consultant = await buildAccount(db, { organisationId: org.id, name: "Karin Klantregisseur" });
    colleague = await buildAccount(db, { organisationId: org.id, name: "Cor Collega" });
    outsider = await buildAccount(db, { organisationId: other.id });
    const newcomer = await buildNewcomer(db, {
      organisationId: org.id,
      givenNames: "Amal",
      familyName: "Haddad",
      birthDate: "2000-02-01",
      targetGroup: "asielstatushouder",
      socialAssistance: true,
      literacy: "geletterd",
      latinScript: true,
      preferredLanguage: "ar",
      assignedConsultantId: consultant.id,
    });
    newcomerId = newcomer.id;
    asConsultant = await signIn(t.app, consultant, "10.3.0.1");
    asColleague = await signIn(t.app, colleague, "10.3.0.2");
    asOutsider = await signIn(t.app, outsider, "10.3.0.3");
  });
  afterAll(async () => t?.close());

  it("explains the route advice in plain words and starts a concept", async () => {
    const page = await asConsultant.get(pip());
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("Advies: B1-route");
    expect(page.body).toContain("Er is nog geen uitslag van de leerbaarheidstoets.");
    const res = await asConsultant.post(pip(), {});
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(pip("/versies/1/bewerken"));
    const form = await asConsultant.follow(res);
    expect(form.statusCode).toBe(200);
    // Ontzorgen applies: an asylum permit holder on social assistance.
    expect(form.body).toContain('name="ontzorgenMonths"');
    expect(form.body).toContain(`Taalschool Vallei ${kind}`);
  });

  it("adds and removes goals and steps without JavaScript, keeping what was typed and saving nothing", async () => {
    const form = await asConsultant.get(pip("/versies/1/bewerken"));
    const version = formVersion(form.body);
    const added = await asConsultant.post(
      pip("/versies/1/bewerken"),
      planForm(version, { guidance: "Getypt maar niet bewaard", _action: "addStep.0" }),
    );
    expect(added.statusCode).toBe(200);
    expect(added.body).toContain("Getypt maar niet bewaard");
    expect(added.body).toContain('name="goals.0.steps.1.what"');
    const removed = await asConsultant.post(
      pip("/versies/1/bewerken"),
      planForm(version, { _action: "removeGoal.0" }),
    );
    expect(removed.body).not.toContain('name="goals.0.description"');
    const [row] = await t.database.query<{ content: { guidance: string; goals: unknown[] } }>(
      "select content from plan_versions where newcomer_id = $1 and number = 1",
      [newcomerId],
    );
    expect(row?.content.guidance).toBe("");
    expect(row?.content.goals).toEqual([]);
  });

  it("asks for a reason to deviate from the advice, and checks the minimum hours", async () => {
    const version = formVersion((await asConsultant.get(pip("/versies/1/bewerken"))).body);
    const refused = await asConsultant.post(
      pip("/versies/1/bewerken"),
      planForm(version, { leerroute: "onderwijs", pvtHours: "8" }),
    );
    expect(refused.statusCode).toBe(422);
    expect(refused.body).toContain("U kiest een andere leerroute dan het advies. Schrijf waarom.");
    expect(refused.body).toContain("Vul minstens 12 uur in.");
    expect(refused.body).toContain("Werken in de zorg");
    const saved = await asConsultant.post(pip("/versies/1/bewerken"), planForm(version));
    expect(saved.statusCode).toBe(303);
  });

  it("refuses a stale save with 409, shows both versions and loses nothing", async () => {
    const mine = formVersion((await asConsultant.get(pip("/versies/1/bewerken"))).body);
    const theirs = formVersion((await asColleague.get(pip("/versies/1/bewerken"))).body);
    expect(theirs).toBe(mine);
    const first = await asColleague.post(
      pip("/versies/1/bewerken"),
      planForm(theirs, { guidance: "Begeleiding volgens de collega" }),
    );
    expect(first.statusCode).toBe(303);
    const stale = await asConsultant.post(
      pip("/versies/1/bewerken"),
      planForm(mine, { guidance: "Begeleiding volgens mij" }),
    );
    expect(stale.statusCode).toBe(409);
    expect(stale.body).toContain("Begeleiding volgens de collega");
    expect(stale.body).toContain("Begeleiding volgens mij");
    // Side by side in one row, marked as the difference; the goals both typed are not marked.
    expect(stale.body).toMatch(
      /<bdi>Begeleiding en ondersteuning<\/bdi> <strong>\(verschilt\)<\/strong><\/th><td[^>]*><bdi[^>]*>Begeleiding volgens mij<\/bdi><\/td><td[^>]*><bdi[^>]*>Begeleiding volgens de collega<\/bdi><\/td>/,
    );
    expect(stale.body.match(/\(verschilt\)/g)).toHaveLength(1);
    // Saving again from the conflict page knowingly replaces the stored version.
    const again = await asConsultant.post(
      pip("/versies/1/bewerken"),
      planForm(formVersion(stale.body), { guidance: "Begeleiding volgens mij" }),
    );
    expect(again.statusCode).toBe(303);
  });

  it("goes concept → discussed → set, and a change makes a new version that supersedes the first", async () => {
    let page = await asConsultant.get(pip());
    let res = await asConsultant.post(pip("/versies/1/besproken"), {
      version: formVersion(page.body),
      discussedOn: "2025-01-10",
    });
    expect(res.statusCode).toBe(303);
    page = await asConsultant.get(pip());
    res = await asConsultant.post(pip("/versies/1/vaststellen"), {
      version: formVersion(page.body),
      setOn: "2025-01-15",
    });
    expect(res.statusCode).toBe(303);
    const [plan] = await t.database.query<{ first_set_on: string }>(
      "select first_set_on::text from plans where newcomer_id = $1",
      [newcomerId],
    );
    expect(plan?.first_set_on).toBe("2025-01-15");
    page = await asConsultant.get(pip());
    expect(page.body).toContain("16 januari 2025"); // the term starts the day after
    expect(page.body).toContain("15 januari 2028"); // and ends three years later

    const noReason = await asConsultant.post(pip("/wijzigen"), {});
    expect(noReason.statusCode).toBe(422);
    res = await asConsultant.post(pip("/wijzigen"), { changeReason: "Werk gevonden" });
    expect(res.headers.location).toBe(pip("/versies/2/bewerken"));
    const form = await asConsultant.get(pip("/versies/2/bewerken"));
    expect(form.body).toContain("Werken in de zorg"); // a copy of the set version
    res = await asConsultant.post(
      pip("/versies/2/bewerken"),
      planForm(formVersion(form.body), {
        changeReason: "Werk gevonden",
        "goals.0.id": form.body.match(/name="goals\.0\.id" value="([^"]+)"/)?.[1] ?? "",
        "goals.0.steps.0.id":
          form.body.match(/name="goals\.0\.steps\.0\.id" value="([^"]+)"/)?.[1] ?? "",
        "goals.0.steps.0.status": "klaar",
        hoursPerWeek: "8",
      }),
    );
    expect(res.statusCode).toBe(303);
    page = await asConsultant.get(pip());
    await asConsultant.post(pip("/versies/2/besproken"), {
      version: formVersion(page.body),
      discussedOn: "2025-06-01",
    });
    page = await asConsultant.get(pip());
    const early = await asConsultant.post(pip("/versies/2/vaststellen"), {
      version: formVersion(page.body),
      setOn: "2025-05-01",
    });
    expect(early.statusCode).toBe(422);
    res = await asConsultant.post(pip("/versies/2/vaststellen"), {
      version: formVersion(page.body),
      setOn: "2025-06-02",
    });
    expect(res.statusCode).toBe(303);

    const versions = await t.database.query<{ number: number; status: string }>(
      "select number, status from plan_versions where newcomer_id = $1 order by number",
      [newcomerId],
    );
    expect(versions).toEqual([
      { number: 1, status: "vervangen" },
      { number: 2, status: "vastgesteld" },
    ]);

    const compare = await asConsultant.get(pip("/vergelijken?a=1&b=2"));
    expect(compare.statusCode).toBe(200);
    // Changes are named in words, not only marked in colour.
    expect(compare.body).toMatch(
      /Uren taalles per week<\/th><td[^>]*><del>12<\/del><\/td><td[^>]*><ins>8<\/ins><\/td><td[^>]*><strong>Gewijzigd<\/strong>/,
    );
    // The hours, the step's status, and the guidance (v1 kept the text saved over the conflict).
    expect(compare.body).toContain("3 onderdelen zijn anders.");
  });

  it("refuses a route change later than 18 months after the first PIP, with the reason", async () => {
    await t.database.query("update plans set first_set_on = '2023-01-10' where newcomer_id = $1", [
      newcomerId,
    ]);
    await asConsultant.post(pip("/wijzigen"), { changeReason: "Andere route" });
    const form = await asConsultant.get(pip("/versies/3/bewerken"));
    expect(form.body).toContain("kan niet meer gewijzigd worden");
    const res = await asConsultant.post(
      pip("/versies/3/bewerken"),
      planForm(formVersion(form.body), {
        leerroute: "zelfredzaamheid",
        deviationReason: "Leren gaat moeizaam",
        changeReason: "Andere route",
      }),
    );
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain("De leerroute kan niet meer veranderen");
    expect(res.body).toContain("10 juli 2024");
  });

  it("records every read and change of the plan in the audit trail, with purpose and basis", async () => {
    const rows = await audit(newcomerId);
    expect(rows.length).toBeGreaterThan(10);
    expect(new Set(rows.map((r) => r.action))).toEqual(new Set(["read", "create", "update"]));
    for (const r of rows) {
      expect(r.purpose).toBe("uitvoering_wet_inburgering");
      expect(r.legal_basis).toBe("wettelijke_taak");
      expect(r.data_classes).toContain("plan");
    }
  });

  it("hides a plan from another municipality (404) and refuses a forged POST", async () => {
    expect((await asOutsider.get(pip())).statusCode).toBe(404);
    expect((await asOutsider.get(pip("/versies/1/pdf"))).statusCode).toBe(404);
    await asOutsider.get("/");
    const post = await asOutsider.post(pip("/versies/3/bewerken"), planForm("1"));
    expect(post.statusCode).toBe(404);
    const denied = (await audit(newcomerId)).filter((r) => r.outcome === "denied");
    expect(denied.length).toBeGreaterThanOrEqual(2);

    const forged = await asConsultant.post(
      pip("/wijzigen"),
      { changeReason: "x" },
      { csrf: false },
    );
    expect(forged.statusCode).toBe(403);
  });

  it("gives the PIP as a printable page and as a tagged PDF with the newcomer's language", async () => {
    const print = await asConsultant.get(pip("/versies/2/afdrukken"));
    expect(print.statusCode).toBe(200);
    expect(print.body).toContain('<html lang="nl" dir="ltr">');
    expect(print.body).toContain(`Gemeente Ede ${kind}`);
    expect(print.body).toContain('lang="ar" dir="rtl"');

    const res = await asConsultant.get(pip("/versies/2/pdf"));
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toBe("application/pdf");
    const pdf = res.rawPayload;
    expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    const raw = pdf.toString("latin1");
    expect(raw).toContain("/StructTreeRoot");
    expect(raw).toContain("/MarkInfo");
    const text = pdfText(pdf);
    expect(text).toContain("Persoonlijk plan inburgering en participatie");
    // Arabic, right to left, in logical order (pdftotext splits the lam-alef ligature, so this
    // checks the words before it).
    expect(text).toContain("الخطة الشخصية");
    expect(text).toContain("مسار التعلم الخاص بك");
    expect(text).toContain("Werken in de zorg");
    expect(text).toContain(`Gemeente Ede ${kind}`);
    expect(text).toContain("Karin Klantregisseur");
    expect(text).toContain("Bent u het niet eens met dit besluit?");
    const exports = (await audit(newcomerId)).filter((r) => r.action === "export");
    expect(exports).toHaveLength(1);
  });
});
