import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays, addMonths, todayInNetherlands } from "../../src/newcomers/index.ts";
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

/** The newcomers listed on a caseload page, in order (the overview links to /caseload, not here). */
const listed = (html: string) =>
  [...html.matchAll(/href="\/nieuwkomers\/([0-9a-f-]{36})">([^<]+)</g)].map((m) => m[2]);

describe.each(databaseKinds)("the caseload (%s)", (kind) => {
  let t: TestApp;
  let orgId: string;
  let anna: TestAccount;
  let bert: TestAccount;
  let lead: TestAccount;
  let asAnna: TestClient;
  let asLead: TestClient;
  let asOutsider: TestClient;
  const today = todayInNetherlands();
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    t = await createTestApp(kind);
    const db = t.database.db;
    orgId = (await buildOrganisation(db, { kind: "gemeente" })).id;
    const otherOrgId = (await buildOrganisation(db, { kind: "gemeente" })).id;
    anna = await buildAccount(db, { organisationId: orgId, name: "Anna Aandacht" });
    bert = await buildAccount(db, { organisationId: orgId, name: "Bert Bakker" });
    lead = await buildAccount(db, {
      organisationId: orgId,
      name: "Lotte Leiding",
      roles: ["teamleider"],
    });
    const outsider = await buildAccount(db, { organisationId: otherOrgId });

    const newcomer = async (
      name: string,
      options: {
        consultant?: TestAccount;
        organisationId?: string;
        targetGroup?: "asielstatushouder" | "gezinsvormer";
        kennisgeving?: string;
        firstPip?: string;
        contact?: string;
        reviewDue?: string;
        closed?: boolean;
      },
    ) => {
      const organisationId = options.organisationId ?? orgId;
      const row = await buildNewcomer(db, {
        organisationId,
        givenNames: name,
        familyName: "Test",
        targetGroup: options.targetGroup ?? "asielstatushouder",
        assignedConsultantId: options.consultant?.id ?? null,
        closedOn: options.closed ? today : null,
      });
      ids[name] = row.id;
      const q = (sql: string, params: unknown[]) => t.database.query(sql, params);
      if (options.kennisgeving)
        await q(
          "insert into key_dates (organisation_id, newcomer_id, kind, date, source) values ($1, $2, 'kennisgeving_duo', $3, 'duo')",
          [organisationId, row.id, options.kennisgeving],
        );
      if (options.firstPip)
        await q(
          "insert into plans (organisation_id, newcomer_id, first_set_on) values ($1, $2, $3)",
          [organisationId, row.id, options.firstPip],
        );
      if (options.contact)
        await q(
          "insert into conversations (organisation_id, newcomer_id, held_on) values ($1, $2, $3)",
          [organisationId, row.id, options.contact],
        );
      if (options.reviewDue)
        await q("insert into reviews (organisation_id, newcomer_id, due_on) values ($1, $2, $3)", [
          organisationId,
          row.id,
          options.reviewDue,
        ]);
      return row;
    };
    const recent = addDays(today, -2);
    const pipLastYear = addDays(today, -200);
    // Anna's newcomers, each needing attention for another reason (or none).
    await newcomer("Nadia", {
      consultant: anna,
      kennisgeving: addDays(today, -75),
      contact: recent,
    });
    await newcomer("Pieter", {
      consultant: anna,
      kennisgeving: addDays(today, -60),
      contact: recent,
    });
    await newcomer("Tarik", {
      consultant: anna,
      targetGroup: "gezinsvormer",
      firstPip: addDays(addMonths(today, -36), 60),
      contact: recent,
    });
    await newcomer("Rania", {
      consultant: anna,
      firstPip: pipLastYear,
      contact: recent,
      reviewDue: addDays(today, 7),
    });
    await newcomer("Cas", {
      consultant: anna,
      firstPip: pipLastYear,
      contact: addDays(today, -50),
    });
    await newcomer("Zoë", { consultant: anna, kennisgeving: addDays(today, -10), contact: recent });
    await newcomer("Gesloten", {
      consultant: anna,
      kennisgeving: addDays(today, -300),
      closed: true,
    });
    // Bert's, and one nobody has yet.
    await newcomer("Bram", {
      consultant: bert,
      kennisgeving: addDays(today, -80),
      contact: recent,
    });
    await newcomer("Niemand", { kennisgeving: addDays(today, -5) });
    // Another municipality's newcomer, overdue as well.
    await newcomer("Elders", {
      organisationId: otherOrgId,
      consultant: outsider,
      kennisgeving: addDays(today, -90),
    });

    asAnna = await signIn(t.app, anna, "10.5.0.1");
    asLead = await signIn(t.app, lead, "10.5.0.2");
    asOutsider = await signIn(t.app, outsider, "10.5.0.3");
  });
  afterAll(async () => t?.close());

  it("lists a consultant's own newcomers, most urgent date first", async () => {
    const res = await asAnna.get("/caseload");
    expect(res.statusCode).toBe(200);
    // Cas: contact due 8 days ago; Nadia: PIP deadline 5 days ago; Rania: review in 7 days;
    // Pieter: PIP deadline in 10 days; Tarik: term ends in about 2 months; Zoë: nothing.
    expect(listed(res.body)).toEqual([
      "Cas Test",
      "Nadia Test",
      "Rania Test",
      "Pieter Test",
      "Tarik Test",
      "Zoë Test",
    ]);
    expect(res.body).toContain("Contact nodig sinds");
    expect(res.body).toContain("PIP vaststellen uiterlijk");
    expect(res.body).toContain("Voortgangsgesprek gepland");
    expect(res.body).toContain("Termijn eindigt");
    expect(res.body).toContain("Niets dringends");
    expect(res.body).not.toContain("Bram Test");
    // No deadline overview for a consultant.
    expect(res.body).not.toContain("Termijnen per consulent");
  });

  it("filters by signal, phase, target group, and sorts by name", async () => {
    const pip = await asAnna.get("/caseload?signaal=pip_deadline");
    expect(listed(pip.body)).toEqual(["Nadia Test", "Pieter Test"]);
    const phase = await asAnna.get("/caseload?fase=pip&sorteer=naam");
    expect(listed(phase.body)).toEqual(["Cas Test", "Rania Test", "Tarik Test"]);
    const group = await asAnna.get("/caseload?doelgroep=gezinsvormer");
    expect(listed(group.body)).toEqual(["Tarik Test"]);
    const closed = await asAnna.get("/caseload?fase=afgesloten");
    expect(listed(closed.body)).toEqual(["Gesloten Test"]);
    const byName = await asAnna.get("/caseload?sorteer=naam");
    expect(listed(byName.body)).toEqual([
      "Cas Test",
      "Nadia Test",
      "Pieter Test",
      "Rania Test",
      "Tarik Test",
      "Zoë Test",
    ]);
    // More weeks without contact before it counts: Cas no longer needs attention for that.
    const eightWeeks = await asAnna.get("/caseload?signaal=no_contact&weken=8");
    expect(listed(eightWeeks.body)).toEqual([]);
    const invalid = await asAnna.get("/caseload?signaal=onzin");
    expect(invalid.statusCode).toBe(200);
    expect(invalid.body).toContain("utrecht-form-field-error-message");
  });

  it("searches by name (typos forgiven) or exact BSN, never showing the BSN", async () => {
    const [cas] = await t.database.query<{ bsn: string }>(
      "select bsn from newcomers where id = $1",
      [ids.Cas],
    );
    const bsn = String(cas?.bsn);
    const byBsn = await asAnna.get(`/caseload?zoek=${bsn}`);
    expect(listed(byBsn.body)).toEqual(["Cas Test"]);
    expect(byBsn.body).not.toContain(`>${bsn}<`);
    const byName = await asAnna.get("/caseload?zoek=nadja&wie=team");
    expect(listed(byName.body)).toEqual(["Nadia Test"]);
  });

  it("shows a team lead the team's caseload and the deadline overview", async () => {
    const res = await asLead.get("/caseload");
    expect(res.statusCode).toBe(200);
    const names = listed(res.body);
    expect(names).toHaveLength(8);
    expect(names.slice(0, 3)).toEqual(["Bram Test", "Cas Test", "Nadia Test"]);
    expect(names).toContain("Niemand Test");
    expect(names).not.toContain("Gesloten Test");
    expect(names).not.toContain("Elders Test");
    expect(res.body).toContain("Termijnen per consulent");
    const overview = res.body.slice(
      res.body.indexOf("Termijnen per consulent"),
      res.body.indexOf("Kiezen en zoeken"),
    );
    const cells = (name: string) =>
      [
        ...(
          overview.match(
            new RegExp(`<td class="utrecht-table__cell">${name}</td>(.*?)</tr>`),
          )?.[1] ?? ""
        ).matchAll(/<td class="utrecht-table__cell">(?:<a[^>]*>)?(\d+)/g),
      ].map((m) => Number(m[1]));
    // open, PIP deadline, review, no contact, term ending, with a passed date
    expect(cells("Anna Aandacht")).toEqual([6, 2, 1, 1, 1, 2]);
    expect(cells("Bert Bakker")).toEqual([1, 1, 0, 0, 0, 1]);
    expect(cells("Nog niemand")).toEqual([1, 0, 0, 0, 0, 0]);
    // The overview drills down to a consultant and a signal.
    expect(overview).toContain(`consulent=${anna.id}&amp;signaal=pip_deadline`);
    const drill = await asLead.get(`/caseload?wie=team&consulent=${anna.id}&signaal=pip_deadline`);
    expect(listed(drill.body)).toEqual(["Nadia Test", "Pieter Test"]);
  });

  it("audits every newcomer listed, with the data classes shown", async () => {
    const before = await t.database.query<{ n: string }>(
      "select count(*) as n from audit_events where action = 'list' and actor_account_id = $1",
      [anna.id],
    );
    await asAnna.get("/caseload?signaal=pip_deadline");
    const rows = await t.database.query<{
      subject_id: string;
      data_classes: string[];
      resource_type: string;
    }>(
      "select subject_id, data_classes, resource_type from audit_events where action = 'list' and actor_account_id = $1 order by seq desc limit 2",
      [anna.id],
    );
    expect(rows.map((r) => r.subject_id).sort()).toEqual([ids.Nadia, ids.Pieter].sort());
    expect(rows[0]).toMatchObject({
      data_classes: ["basic", "residence"],
      resource_type: "caseload",
    });
    const after = await t.database.query<{ n: string }>(
      "select count(*) as n from audit_events where action = 'list' and actor_account_id = $1",
      [anna.id],
    );
    expect(Number(after[0]?.n) - Number(before[0]?.n)).toBe(2);
  });

  it("shows a consultant of another municipality none of it", async () => {
    const res = await asOutsider.get("/caseload?wie=team");
    expect(listed(res.body)).toEqual(["Elders Test"]);
    const [cas] = await t.database.query<{ bsn: string }>(
      "select bsn from newcomers where id = $1",
      [ids.Cas],
    );
    const search = await asOutsider.get(`/caseload?wie=team&zoek=${cas?.bsn}`);
    expect(listed(search.body)).toEqual([]);
    // Even naming a consultant of ours shows nothing of ours.
    const named = await asOutsider.get(`/caseload?wie=team&consulent=${anna.id}`);
    expect(listed(named.body)).toEqual([]);
  });

  it("is not for a beheerder or someone signed out", async () => {
    const admin = await buildAccount(t.database.db, {
      organisationId: orgId,
      roles: ["beheerder"],
    });
    const asAdmin = await signIn(t.app, admin, "10.5.0.4");
    expect((await asAdmin.get("/caseload")).statusCode).toBe(403);
    const anonymous = await t.app.inject({ method: "GET", url: "/caseload" });
    expect(anonymous.statusCode).toBe(303);
  });
});
