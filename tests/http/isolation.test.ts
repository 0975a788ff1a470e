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

// A consultant of municipality A cannot read anything of municipality B through the pages.
// (The API side is tested in tests/http/api*.test.ts.)
describe.each(databaseKinds)("isolation between municipalities (%s)", (kind) => {
  let t: TestApp;
  let consultantA: TestAccount;
  let consultantB: TestAccount;
  let clientA: TestClient;
  let newcomerA: { id: string; familyName: string };
  let newcomerB: { id: string; familyName: string; bsn: string | null; version: number };

  const rowOfB = async () =>
    (
      await t.database.query<{ family_name: string; bsn: string; version: number }>(
        "select family_name, bsn, version from newcomers where id = $1",
        [newcomerB.id],
      )
    )[0];

  beforeAll(async () => {
    t = await createTestApp(kind);
    const db = t.database.db;
    const a = await buildOrganisation(db, { kind: "gemeente", name: "Gemeente Aaltjesdorp" });
    const b = await buildOrganisation(db, {
      kind: "gemeente",
      name: "Gemeente Bommelerwaard-Test",
    });
    consultantA = await buildAccount(db, { organisationId: a.id, roles: ["consulent"] });
    consultantB = await buildAccount(db, { organisationId: b.id, roles: ["consulent"] });
    newcomerA = await buildNewcomer(db, {
      organisationId: a.id,
      givenNames: "Alaa",
      familyName: "Vanhier",
      assignedConsultantId: consultantA.id,
    });
    newcomerB = await buildNewcomer(db, {
      organisationId: b.id,
      givenNames: "Bisrat",
      familyName: "Vandaar",
      assignedConsultantId: consultantB.id,
      healthNotes: "Geheim voor A",
    });
    clientA = await signIn(t.app, consultantA, "10.2.0.1");
  });
  afterAll(async () => t?.close());

  it("answers 404 for B's newcomer, as if it did not exist", async () => {
    const nowhere = "00000000-0000-4000-8000-000000000000";
    // Tokens and nonces differ per response; everything else must be the same.
    const normalise = (html: string, id: string) =>
      html.replace(/(value|nonce)="[^"]*"/g, "").replaceAll(id, "ID");
    for (const suffix of ["", "/bewerken"]) {
      const res = await clientA.get(`/nieuwkomers/${newcomerB.id}${suffix}`);
      expect(res.statusCode, suffix).toBe(404);
      expect(res.body).not.toContain("Vandaar");
      expect(res.body).not.toContain("Bisrat");
      const missing = await clientA.get(`/nieuwkomers/${nowhere}${suffix}`);
      expect(missing.statusCode).toBe(404);
      expect(normalise(res.body, newcomerB.id)).toBe(normalise(missing.body, nowhere));
    }
    // A's own newcomer is there, so the 404 above is not a broken page.
    expect((await clientA.get(`/nieuwkomers/${newcomerA.id}`)).statusCode).toBe(200);
  });

  it("lists none of B's newcomers", async () => {
    const res = await clientA.get("/nieuwkomers");
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain(newcomerA.familyName);
    expect(res.body).not.toContain(newcomerB.familyName);
    expect(res.body).not.toContain(newcomerB.id);
  });

  it("finds nothing when searching for B's newcomer by BSN or by name", async () => {
    for (const query of [newcomerB.bsn ?? "", "Vandaar", "Bisrat"]) {
      const res = await clientA.get(`/nieuwkomers?zoek=${encodeURIComponent(query)}`);
      expect(res.statusCode).toBe(200);
      expect(res.body).not.toContain(newcomerB.id);
      expect(res.body).toContain("Geen nieuwkomers gevonden");
    }
  });

  it("refuses a change to B's newcomer with 404 and changes nothing", async () => {
    const before = await rowOfB();
    const res = await clientA.post(
      `/nieuwkomers/${newcomerB.id}/bewerken`,
      {
        version: String(newcomerB.version),
        givenNames: "Bisrat",
        familyName: "Overgenomen",
        bsn: "123456782",
        preferredLanguage: "nl",
        healthNotes: "overschreven",
      },
      { from: "/nieuwkomers" },
    );
    expect(res.statusCode).toBe(404);
    expect(res.body).not.toContain("Vandaar");
    expect(await rowOfB()).toEqual(before);
    const [health] = await t.database.query<{ health_notes: string }>(
      "select health_notes from newcomers where id = $1",
      [newcomerB.id],
    );
    expect(health?.health_notes).toBe("Geheim voor A");
  });

  it("also refuses an invalid change to B's newcomer with 404, not with B's form", async () => {
    const res = await clientA.post(
      `/nieuwkomers/${newcomerB.id}/bewerken`,
      { version: "x", givenNames: "" },
      { from: "/nieuwkomers" },
    );
    expect(res.statusCode).toBe(404);
  });

  it("records A's attempts on B's newcomer as refused, for B's administrator to see", async () => {
    const rows = await t.database.query<{
      action: string;
      outcome: string;
      data_classes: string[];
    }>(
      "select action, outcome, data_classes from audit_events where subject_id = $1 and actor_account_id = $2 order by seq",
      [newcomerB.id, consultantA.id],
    );
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(row).toMatchObject({ outcome: "denied", data_classes: [] });
  });
});
