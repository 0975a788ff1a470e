import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { accessLogForSubject, verifyAuditChain } from "../../src/audit/index.ts";
import { auditEvents } from "../../src/audit/schema.ts";
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

type EventValues = Partial<typeof auditEvents.$inferInsert>;

/** Body rows of the logboek table (the header row has no td). */
const tableRows = (html: string) => html.match(/<tr class="utrecht-table__row"><td/g)?.length ?? 0;

describe.each(databaseKinds)("the logboek dataverwerkingen (%s)", (kind) => {
  let t: TestApp;
  let platformAdmin: TestAccount;
  let adminA: TestAccount;
  let consultantA: TestAccount;
  let consultantB: TestAccount;
  let orgA: { id: string; name: string };
  let orgB: { id: string; name: string };
  let subjectA: string;
  let subjectB: string;
  let asPlatformAdmin: TestClient;
  let asAdminA: TestClient;

  const addEvents = (...values: EventValues[]) =>
    t.database.db.insert(auditEvents).values(
      values.map((v) => ({
        actorKind: "staff",
        action: "read",
        dataClasses: ["basic"],
        purpose: "uitvoering_wet_inburgering",
        legalBasis: "wettelijke_taak",
        resourceType: "newcomer",
        subjectKind: "newcomer",
        ...v,
      })),
    );

  beforeAll(async () => {
    t = await createTestApp(kind);
    const db = t.database.db;
    const beheer = await buildOrganisation(db, { kind: "beheer", name: "Koers beheer (test)" });
    orgA = await buildOrganisation(db, { kind: "gemeente", name: "Gemeente Aastad" });
    orgB = await buildOrganisation(db, { kind: "gemeente", name: "Gemeente Beedorp" });
    platformAdmin = await buildAccount(db, { organisationId: beheer.id, roles: ["beheerder"] });
    adminA = await buildAccount(db, { organisationId: orgA.id, roles: ["beheerder"] });
    consultantA = await buildAccount(db, {
      organisationId: orgA.id,
      name: "Karin Klantregisseur",
      email: "karin.k@aastad.test",
    });
    consultantB = await buildAccount(db, { organisationId: orgB.id, name: "Bert Bezoeker" });
    subjectA = (await buildNewcomer(db, { organisationId: orgA.id })).id;
    subjectB = (await buildNewcomer(db, { organisationId: orgB.id })).id;

    const byA = {
      actorAccountId: consultantA.id,
      actorOrganisationId: orgA.id,
      actorRole: "consulent",
    };
    await addEvents(
      {
        ...byA,
        subjectId: subjectA,
        organisationId: orgA.id,
        requestId: "req-a-read",
        dataClasses: ["basic", "health"],
      },
      {
        ...byA,
        subjectId: subjectA,
        organisationId: orgA.id,
        action: "update",
        requestId: "req-a-update",
      },
      {
        actorAccountId: consultantB.id,
        actorOrganisationId: orgB.id,
        subjectId: subjectA,
        organisationId: orgA.id,
        outcome: "denied",
        dataClasses: [],
        requestId: "req-b-tries-a",
      },
      {
        actorAccountId: consultantB.id,
        actorOrganisationId: orgB.id,
        subjectId: subjectB,
        organisationId: orgB.id,
        requestId: "req-b-read",
      },
      // Dates around a month's end in Dutch time: 22:30 UTC on 31 May is 00:30 on 1 June.
      {
        ...byA,
        subjectId: subjectA,
        organisationId: orgA.id,
        at: new Date("2023-05-10T10:00:00Z"),
        requestId: "req-may",
      },
      {
        ...byA,
        subjectId: subjectA,
        organisationId: orgA.id,
        at: new Date("2023-05-31T22:30:00Z"),
        requestId: "req-june",
      },
    );
    asPlatformAdmin = await signIn(t.app, platformAdmin, "10.3.0.1");
    asAdminA = await signIn(t.app, adminA, "10.3.0.2");
  });
  afterAll(async () => t?.close());

  it("is closed to people who do not administer an organisation", async () => {
    const asConsultant = await signIn(t.app, consultantA, "10.3.0.3");
    expect((await asConsultant.get("/beheer/logboek")).statusCode).toBe(403);
    expect((await asConsultant.get("/beheer/logboek?onderwerp=nope")).statusCode).toBe(403);
  });

  it("shows the platform administrator every organisation's events, in plain words", async () => {
    const res = await asPlatformAdmin.get("/beheer/logboek");
    expect(res.statusCode).toBe(200);
    for (const id of ["req-a-read", "req-a-update", "req-b-tries-a", "req-b-read"])
      expect(res.body).toContain(id);
    expect(res.body).toContain("Karin Klantregisseur");
    expect(res.body).toContain("Gemeente Aastad");
    expect(res.body).toContain("Ingezien");
    expect(res.body).toContain("Gewijzigd");
    expect(res.body).toContain("gezondheid");
    expect(res.body).toContain("Uitvoeren van de Wet inburgering");
    expect(res.body).toContain("wettelijke taak");
    expect(res.body).toContain("geweigerd");
    expect(res.body).toContain(`onderwerp=${subjectA}`);
    // Newest first: the last event written comes before the first.
    expect(res.body.indexOf("req-b-read")).toBeLessThan(res.body.indexOf("req-a-read"));
  });

  it("shows an organisation's beheerder only events about data it holds", async () => {
    const res = await asAdminA.get("/beheer/logboek");
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain("req-a-read");
    // Someone of B trying to read A's newcomer is A's business…
    expect(res.body).toContain("req-b-tries-a");
    // …but B's own reads are not.
    expect(res.body).not.toContain("req-b-read");
    expect(res.body).not.toContain(subjectB);
    const sneaky = await asAdminA.get(`/beheer/logboek?onderwerp=${subjectB}`);
    expect(sneaky.body).not.toContain("req-b-read");
  });

  const filterCases: [string, () => string, string[], string[]][] = [
    ["onderwerp", () => subjectB, ["req-b-read"], ["req-a-read"]],
    ["actie", () => "update", ["req-a-update"], ["req-a-read", "req-b-read"]],
    ["gegevens", () => "health", ["req-a-read"], ["req-a-update"]],
    ["uitkomst", () => "denied", ["req-b-tries-a"], ["req-a-read", "req-b-read"]],
    ["wie", () => "klantregis", ["req-a-read"], ["req-b-read"]],
    ["wie", () => "KARIN.K@aastad", ["req-a-read"], ["req-b-read"]],
  ];
  it.each(filterCases)("filters on %s", async (field, value, shown, hidden) => {
    const res = await asPlatformAdmin.get(
      `/beheer/logboek?${field}=${encodeURIComponent(value())}`,
    );
    expect(res.statusCode).toBe(200);
    for (const id of shown) expect(res.body).toContain(id);
    for (const id of hidden) expect(res.body).not.toContain(id);
  });

  it("filters on a period of Dutch calendar days", async () => {
    const may = await asPlatformAdmin.get("/beheer/logboek?van=2023-05-01&tot=2023-05-31");
    expect(may.body).toContain("req-may");
    expect(may.body).not.toContain("req-june");
    expect(may.body).not.toContain("req-a-read");
    const june = await asPlatformAdmin.get("/beheer/logboek?van=2023-06-01&tot=2023-06-30");
    expect(june.body).toContain("req-june");
    expect(june.body).not.toContain("req-may");
  });

  it("refuses malformed filters with field errors", async () => {
    const res = await asPlatformAdmin.get(
      "/beheer/logboek?onderwerp=geen-id&van=2024-02-01&tot=2024-01-01",
    );
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain("De einddatum ligt vóór de begindatum.");
    expect(res.body).toContain('href="#veld-onderwerp"');
  });

  it("pages through events 50 at a time, newest first, without gaps or repeats", async () => {
    const org = await buildOrganisation(t.database.db, { kind: "gemeente" });
    const admin = await buildAccount(t.database.db, {
      organisationId: org.id,
      roles: ["beheerder"],
    });
    // Signing in writes events of its own (older than the 63 below; they end up on page two).
    const client = await signIn(t.app, admin, "10.3.0.4");
    await addEvents(
      ...Array.from({ length: 63 }, (_, i) => ({
        organisationId: org.id,
        requestId: `page-${i}-end`,
      })),
    );
    const first = await client.get("/beheer/logboek");
    expect(tableRows(first.body)).toBe(50);
    expect(first.body).toContain("page-62-end");
    expect(first.body).not.toContain("page-12-end");
    const next = first.body.match(/href="(\/beheer\/logboek\?voor=\d+)"/)?.[1];
    expect(next).toBeDefined();
    const second = await client.get(String(next));
    expect(tableRows(second.body)).toBeGreaterThanOrEqual(13);
    expect(second.body.match(/page-\d+-end/g)).toHaveLength(13);
    expect(second.body).toContain("page-12-end");
    expect(second.body).toContain("page-0-end");
    expect(second.body).not.toContain("page-13-end");
    expect(second.body).not.toMatch(/rel="next"/);
  });

  it("records each look at the logboek in the logboek", async () => {
    const res = await asAdminA.get("/beheer/logboek?actie=update");
    const [row] = await t.database.query<Record<string, unknown>>(
      `select action, resource_type, purpose, legal_basis, organisation_id, actor_account_id, request_id, details
         from audit_events where resource_type = 'audit_log' order by seq desc limit 1`,
    );
    expect(row).toMatchObject({
      action: "read",
      resource_type: "audit_log",
      purpose: "toezicht_logboek",
      organisation_id: orgA.id,
      actor_account_id: adminA.id,
      request_id: res.headers["x-request-id"],
    });
    expect(row?.details).toMatchObject({ filter: { action: "update" } });
    expect(await verifyAuditChain(t.database)).toMatchObject({ ok: true });
  });

  it("speaks English on request", async () => {
    asAdminA.headers = { "accept-language": "en" };
    const res = await asAdminA.get("/beheer/logboek");
    asAdminA.headers = {};
    expect(res.body).toContain("Processing log");
    expect(res.body).toContain("Carrying out the Civic Integration Act");
  });

  it("tells who read or changed one person's data, newest first (for issue 4)", async () => {
    const log = await accessLogForSubject(t.database.db, subjectA);
    const recent = log.filter((e) => e.at.getFullYear() > 2023);
    expect(recent.map((e) => [e.actorName, e.action, e.outcome])).toEqual([
      ["Bert Bezoeker", "read", "denied"],
      ["Karin Klantregisseur", "update", "allowed"],
      ["Karin Klantregisseur", "read", "allowed"],
    ]);
    expect(recent[2]).toMatchObject({
      actorOrganisationName: "Gemeente Aastad",
      organisationName: "Gemeente Aastad",
      dataClasses: ["basic", "health"],
      purpose: "uitvoering_wet_inburgering",
      legalBasis: "wettelijke_taak",
    });
    expect(log.some((e) => e.actorName === "Bert Bezoeker" && e.outcome === "allowed")).toBe(false);
    expect(await accessLogForSubject(t.database.db, subjectB)).toHaveLength(1);
  });
});
