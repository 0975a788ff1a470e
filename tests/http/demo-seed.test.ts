import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyAuditChain } from "../../src/audit/index.ts";
import { type DemoLogin, seedDemo } from "../../src/demo/seed.ts";
import { addMonths, todayInNetherlands } from "../../src/newcomers/index.ts";
import type { Database } from "../../src/platform/db/client.ts";
import { createTestDatabase, databaseKinds } from "../support/database.ts";

// The demo seed works through the real commands: these checks read what ended up in the
// database, not the seed's own description of it.

interface Row {
  id: string;
  name: string;
  municipality: string;
  consultant: string | null;
  target_group: string | null;
  notified: string | null;
  key_dates: number;
  languages: number;
  household: number;
  conversations: number;
  scores: number;
  lbt: string | null;
  first_set_on: string | null;
  versions: number;
  set_versions: number;
  draft: string | null;
  route: string | null;
  held_reviews: number;
  review_scores: number;
  upcoming_reviews: number;
  acute_debts: boolean | null;
}

describe.each(databaseKinds)("the demo seed (%s)", (kind) => {
  let database: Database;
  let logins: DemoLogin[];
  let rows: Row[];

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    logins = await seedDemo(database.db);
    rows = await database.query<Row>(
      `select n.id, n.given_names || ' ' || n.family_name as name, o.name as municipality,
              (select a.email from accounts a where a.id = n.assigned_consultant_id) as consultant,
              n.target_group::text as target_group,
              (select max(k.date)::text from key_dates k
                 where k.newcomer_id = n.id and k.kind = 'kennisgeving_duo') as notified,
              (select count(*)::int from key_dates k where k.newcomer_id = n.id) as key_dates,
              (select count(*)::int from newcomer_languages l where l.newcomer_id = n.id) as languages,
              (select count(*)::int from household_members h where h.newcomer_id = n.id) as household,
              (select count(*)::int from conversations c where c.newcomer_id = n.id) as conversations,
              (select count(*)::int from domain_scores s
                 where s.newcomer_id = n.id and s.review_id is null) as scores,
              (select l.status::text from learnability_tests l where l.newcomer_id = n.id) as lbt,
              p.first_set_on::text as first_set_on,
              (select count(*)::int from plan_versions v where v.newcomer_id = n.id) as versions,
              (select count(*)::int from plan_versions v
                 where v.newcomer_id = n.id and v.set_on is not null) as set_versions,
              (select v.status::text from plan_versions v
                 where v.newcomer_id = n.id and v.status in ('concept', 'besproken')) as draft,
              (select v.content->>'leerroute' from plan_versions v
                 where v.newcomer_id = n.id order by v.number desc limit 1) as route,
              (select count(*)::int from reviews r
                 where r.newcomer_id = n.id and r.held_on is not null) as held_reviews,
              (select count(*)::int from domain_scores s
                 where s.newcomer_id = n.id and s.review_id is not null) as review_scores,
              (select count(*)::int from reviews r
                 where r.newcomer_id = n.id and r.held_on is null
                   and r.due_on >= current_date) as upcoming_reviews,
              (select pc.acute_debts from personal_circumstances pc
                 where pc.newcomer_id = n.id) as acute_debts
         from newcomers n
         join organisations o on o.id = n.organisation_id
         left join plans p on p.newcomer_id = n.id
        order by n.family_name`,
    );
  }, 120_000);
  afterAll(async () => {
    await database?.close();
  });

  const ede = () => rows.filter((r) => r.municipality === "Gemeente Ede");
  const today = todayInNetherlands();

  it("has a past maaksessie with its actie-agenda and an upcoming one open for registration", async () => {
    const [past] = await database.query<{
      registrations: number;
      vraagstukken: number;
      actions: number;
      categories: number;
    }>(
      `select (select count(*)::int from registrations r where r.session_id = s.id) as registrations,
              (select count(*)::int from note_groups g where g.session_id = s.id and g.kind = 'vraagstuk') as vraagstukken,
              (select count(*)::int from session_actions a where a.session_id = s.id) as actions,
              (select count(distinct category)::int from notes n where n.session_id = s.id) as categories
         from maaksessies s where s.parent_id is null and s.date < current_date order by s.date desc limit 1`,
    );
    expect(past?.registrations).toBeGreaterThanOrEqual(40);
    expect(past?.vraagstukken).toBe(9);
    expect(past?.actions).toBeGreaterThanOrEqual(9);
    expect(past?.categories).toBe(5);
    const [upcoming] = await database.query<{ n: number }>(
      "select count(*)::int as n from maaksessies where parent_id is null and date >= current_date and registration_open",
    );
    expect(upcoming?.n).toBeGreaterThanOrEqual(1);
  });

  it("keeps the printed logins, with both consultants of Ede", () => {
    const emails = logins.map((l) => l.email);
    expect(emails).toEqual(
      expect.arrayContaining([
        "consulent@ede.example",
        "consulent2@ede.example",
        "consulent@wageningen.example",
      ]),
    );
    for (const login of logins) {
      expect(login.password).toBeTruthy();
      if (login.role !== "nieuwkomer") expect(login.totpSecret).toMatch(/^[A-Z2-7]+$/);
    }
  });

  it("prints a newcomer login: an Ede newcomer with a set plan, in Tigrinya, without TOTP", async () => {
    const login = logins.find((l) => l.role === "nieuwkomer");
    expect(login).toMatchObject({ email: "nieuwkomer@ede.example" });
    expect(login?.totpSecret).toBeUndefined();
    const linked = await database.query<{
      locale: string;
      role: string;
      totp: string | null;
      municipality: string;
      first_set_on: string | null;
    }>(
      `select a.locale, m.role::text as role, a.totp_secret as totp, o.name as municipality,
              p.first_set_on::text as first_set_on
         from accounts a
         join memberships m on m.account_id = a.id
         join newcomers n on n.account_id = a.id
         join organisations o on o.id = n.organisation_id and o.id = m.organisation_id
         left join plans p on p.newcomer_id = n.id
        where a.email = $1`,
      [login?.email],
    );
    expect(linked).toEqual([
      {
        locale: "ti",
        role: "nieuwkomer",
        totp: null,
        municipality: "Gemeente Ede",
        first_set_on: expect.any(String),
      },
    ]);
  });

  it("has at least ten newcomers in Ede, with languages, key dates and households", () => {
    const list = ede();
    expect(list.length).toBeGreaterThanOrEqual(10);
    for (const r of list) {
      expect(r.languages, r.name).toBeGreaterThan(0);
      expect(r.notified, r.name).not.toBeNull();
    }
    expect(list.filter((r) => r.household > 0).length).toBeGreaterThanOrEqual(6);
    // Both consultants hold a caseload.
    expect(new Set(list.map((r) => r.consultant))).toEqual(
      new Set(["consulent@ede.example", "consulent2@ede.example"]),
    );
  });

  it("shows every stage: notified, intake, concept, set, in review, term ending", () => {
    const list = ede();
    const notified = list.filter((r) => r.key_dates === 1 && r.conversations === 0);
    expect(notified.length, "just notified").toBeGreaterThanOrEqual(1);
    for (const r of notified) expect(r.notified! >= addMonths(today, -1)).toBe(true);

    const inIntake = list.filter((r) => r.conversations > 0 && r.versions === 0);
    expect(inIntake.length, "in intake").toBeGreaterThanOrEqual(2);
    expect(
      inIntake.some((r) => r.lbt === "gepland"),
      "LBT planned",
    ).toBe(true);
    expect(
      inIntake.some((r) => r.lbt === "afgenomen"),
      "LBT taken",
    ).toBe(true);
    expect(
      inIntake.some((r) => r.scores > 0 && r.scores < 11),
      "partly scored",
    ).toBe(true);
    expect(
      inIntake.some((r) => r.conversations >= 3),
      "three conversations",
    ).toBe(true);

    expect(
      list.some((r) => r.draft === "besproken" && r.first_set_on === null),
      "concept",
    ).toBe(true);

    const set = list.filter((r) => r.first_set_on !== null);
    expect(set.length, "PIP set").toBeGreaterThanOrEqual(5);
    for (const r of set)
      expect(r.upcoming_reviews, `${r.name}: review schedule`).toBeGreaterThan(0);

    const inReview = set.filter((r) => r.held_reviews > 0 && r.review_scores > 0 && r.scores > 0);
    expect(inReview.length, "held review with new scores").toBeGreaterThanOrEqual(2);

    const termEnding = set.filter((r) => r.first_set_on! <= addMonths(today, -30));
    expect(termEnding.length, "term ending").toBeGreaterThanOrEqual(1);
  });

  it("covers all three routes and both target groups", () => {
    const set = ede().filter((r) => r.first_set_on !== null);
    expect(new Set(set.map((r) => r.route))).toEqual(
      new Set(["b1", "onderwijs", "zelfredzaamheid"]),
    );
    const groups = new Set(ede().map((r) => r.target_group));
    expect(groups.has("asielstatushouder")).toBe(true);
    expect(groups.has("gezinsvormer") || groups.has("gezinshereniger")).toBe(true);
    expect(groups.has("gezinsvormer") && groups.has("gezinshereniger")).toBe(true);
  });

  it("has a changed plan with two versions, and a basis-op-orde case", () => {
    const changed = ede().filter((r) => r.versions === 2 && r.set_versions === 2);
    expect(changed.length).toBeGreaterThanOrEqual(1);
    expect(ede().some((r) => r.acute_debts === true && r.versions === 0)).toBe(true);
  });

  it("puts one or two newcomers in Wageningen", () => {
    const wageningen = rows.filter((r) => r.municipality === "Gemeente Wageningen");
    expect(wageningen.length).toBeGreaterThanOrEqual(1);
    expect(wageningen.length).toBeLessThanOrEqual(2);
  });

  it("records the work as the consultants did it, in an intact audit chain", async () => {
    const [byConsultant] = await database.query<{ n: number }>(
      `select count(*)::int as n from audit_events e
         join accounts a on a.id = e.actor_account_id
        where a.email in ('consulent@ede.example', 'consulent2@ede.example')
          and e.resource_type = 'newcomer' and e.action = 'create'`,
    );
    expect(byConsultant?.n).toBe(ede().length);
    const report = await verifyAuditChain(database);
    expect(report).toMatchObject({ ok: true });
    expect(report.count).toBeGreaterThan(100);
  });
});
