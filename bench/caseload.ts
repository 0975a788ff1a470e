// The caseload with 5,000 newcomers in one municipality on PGlite: 200 list requests through the
// real app (app.inject: routing, session, policy, SQL, audit records, rendering) for a consultant
// and for a team lead. Target: p95 ≤ 100 ms. Run: npx tsx bench/caseload.ts
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildApp } from "../src/app.tsx";
import { loadConfig } from "../src/platform/config.ts";
import { openPglite } from "../src/platform/db/client.ts";
import { prepareDatabase } from "../src/setup.ts";
import { TestMailer } from "../tests/support/app.ts";
import { buildAccount, buildOrganisation, signIn } from "../tests/support/factories.ts";

const NEWCOMERS = 5000;
const CONSULTANTS = 20;
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 200);

const dir = mkdtempSync(join(tmpdir(), "koers-caseload-"));
const database = await openPglite({ dataDir: join(dir, "db") });
await prepareDatabase(database, { demo: false });
const db = database.db;

const org = await buildOrganisation(db, { kind: "gemeente", name: "Gemeente Bench" });
const consultants: Awaited<ReturnType<typeof buildAccount>>[] = [];
for (let i = 0; i < CONSULTANTS; i++)
  consultants.push(await buildAccount(db, { organisationId: org.id, name: `Consulent ${i}` }));
const lead = await buildAccount(db, {
  organisationId: org.id,
  roles: ["teamleider"],
  name: "Teamleider",
});
const ids = `array['${consultants.map((c) => c.id).join("','")}']::uuid[]`;
// Invented names, so that a search finds a realistic handful rather than everyone.
const sqlArray = (items: string[]) => `array['${items.join("','")}']`;
const givenNames = sqlArray(
  "Amina Omar Yonas Saba Ahmad Fatima Mariam Daniel Hana Samir Leyla Tesfay Ali Noor Rami Dina Kofi Esra Milan Olena Taras Iryna Bilal Sara Yusuf Aisha Mehmet Elif Abdi Hodan Farah Nadia Karim Zainab Tarik Rania Idris Semhar Lidya Dawit Selam Hamid Parisa Reza Shirin Ayan Liban".split(
    " ",
  ),
);
const familyNames = sqlArray(
  "Haile Tesfay Haddad Yusuf Ahmadi Karimi Mahmoud Hassan Nour Ibrahim Osman Abdullah Kaya Demir Yilmaz Shevchenko Kovalenko Bondar Tkachenko Mohammed Ali Jama Warsame Farah Gebremedhin Tekle Berhane Mengistu Negash Kidane Hosseini Rahimi Sadeghi Mohammadi Saleh Khalil Darwish Aziz Rahman Hussein Suleiman Mansour Nasser Bakr Fadel Jaber Sabri Tawfik Zaki Gebre Amanuel Alemu Desta".split(
    " ",
  ),
);

// 5,000 newcomers registered over the last three years, spread over 20 consultants; everyone has
// a DUO notification and a start date, some a correction (some withdrawn); 70% a PIP; a few
// conversations each; four reviews per PIP (past ones held); some extensions.
const seeded = performance.now();
await database.exec(`
  insert into newcomers (organisation_id, given_names, family_name, birth_date, target_group,
      assigned_consultant_id, created_at)
  select '${org.id}', (${givenNames})[1 + g % 47], (${familyNames})[1 + (g / 47) % 53] || ' ' || g,
    date '1970-01-01' + (g * 7) % 15000,
    (array['asielstatushouder','gezinsvormer','gezinshereniger','overige_migrant'])[1 + g % 4]::target_group,
    (${ids})[1 + g % ${CONSULTANTS}], now() - make_interval(days => g % 1100)
  from generate_series(1, ${NEWCOMERS}) g;

  insert into key_dates (organisation_id, newcomer_id, kind, date, source, recorded_at)
  select organisation_id, id, k.kind::key_date_kind, created_at::date, 'duo', created_at
  from newcomers, (values ('kennisgeving_duo'), ('start_plicht')) k(kind)
  where organisation_id = '${org.id}';

  insert into key_dates (organisation_id, newcomer_id, kind, date, source, recorded_at, withdrawn_at, withdrawn_reason)
  select organisation_id, id, 'kennisgeving_duo', created_at::date + 3, 'duo', created_at + interval '1 day',
    case when random() < 0.3 then now() end, case when random() < 0.3 then 'ingetrokken' end
  from newcomers where organisation_id = '${org.id}' and random() < 0.2;

  insert into plans (organisation_id, newcomer_id, first_set_on)
  select organisation_id, id, created_at::date + 60
  from newcomers where organisation_id = '${org.id}' and created_at < now() - interval '70 days' and random() < 0.8;

  insert into conversations (organisation_id, newcomer_id, held_on)
  select organisation_id, id, created_at::date + 10 * s
  from newcomers, generate_series(1, 3) s
  where organisation_id = '${org.id}' and created_at::date + 10 * s <= current_date and random() < 0.7;

  insert into reviews (organisation_id, newcomer_id, due_on, held_on)
  select organisation_id, newcomer_id, first_set_on + 90 * s,
    case when first_set_on + 90 * s < current_date - 10 then first_set_on + 90 * s end
  from plans, generate_series(1, 4) s where organisation_id = '${org.id}';

  insert into term_extensions (organisation_id, newcomer_id, months, reason, decided_on)
  select organisation_id, newcomer_id, 6, 'wachttijd cursus', current_date
  from plans where organisation_id = '${org.id}' and random() < 0.05;
`);
await database.exec("VACUUM ANALYZE");
const seedMs = performance.now() - seeded;

const app = await buildApp({
  config: loadConfig({ NODE_ENV: "test", LOG_LEVEL: "silent", PUBLIC_URL: "http://koers.test" }),
  database,
  mailer: new TestMailer(),
});
await app.ready();

async function measure(
  label: string,
  ip: string,
  account: (typeof consultants)[number],
  url: string,
) {
  // Each client has its own address: the app's rate limit (600 a minute) is per address.
  const client = await signIn(app, account, ip);
  for (let i = 0; i < 10; i++) await client.get(url); // warm-up
  const times: number[] = [];
  let rows = 0;
  for (let i = 0; i < REQUESTS; i++) {
    const started = performance.now();
    const res = await client.get(url);
    times.push(performance.now() - started);
    if (res.statusCode !== 200) throw new Error(`${label}: ${res.statusCode}`);
    rows = (res.body.match(/href="\/nieuwkomers\/[0-9a-f-]{36}"/g) ?? []).length;
  }
  times.sort((a, b) => a - b);
  const pct = (p: number) =>
    (times[Math.min(times.length - 1, Math.ceil(p * times.length) - 1)] ?? 0).toFixed(1);
  console.log(
    `${label.padEnd(48)} p50 ${pct(0.5).padStart(6)} ms   p95 ${pct(0.95).padStart(6)} ms   (${rows} rows shown)`,
  );
}

console.log(
  `caseload on PGlite: ${NEWCOMERS} newcomers, ${CONSULTANTS} consultants, seeded in ${Math.round(seedMs)} ms, ${REQUESTS} requests each`,
);
const first = consultants[0];
if (!first) throw new Error("no consultant");
await measure("consultant, own caseload by attention", "10.9.0.1", first, "/caseload");
await measure("team lead, team caseload + deadline overview", "10.9.0.2", lead, "/caseload");
await measure(
  "team lead, team caseload, page 40, by name",
  "10.9.0.3",
  lead,
  "/caseload?wie=team&sorteer=naam&pagina=40",
);
await measure(
  "team lead, signal filter (PIP deadline)",
  "10.9.0.4",
  lead,
  "/caseload?wie=team&signaal=pip_deadline",
);
await measure(
  "team lead, name search (typo)",
  "10.9.0.5",
  lead,
  "/caseload?wie=team&zoek=kovalenkp",
);

await app.close();
await database.close();
rmSync(dir, { recursive: true, force: true });
