// Suggested groups for 500 notes on PGlite: the Dutch lexemes from PostgreSQL
// (to_tsvector('dutch', …): stemming, stop words) plus the greedy clustering in
// src/sessions/board/rules.ts. Target: ≤ 1 s. Run: npx tsx bench/grouping.ts
import { openPglite } from "../src/platform/db/client.ts";
import { noteLexemes } from "../src/sessions/board/queries.ts";
import { suggestGroups } from "../src/sessions/board/rules.ts";
import { maaksessies, notes } from "../src/sessions/schema.ts";
import { prepareDatabase } from "../src/setup.ts";
import { buildOrganisation } from "../tests/support/factories.ts";

const NOTES = Number(process.env.BENCH_NOTES ?? 500);
const RUNS = 5;

const themes = [
  ["wachtlijst", "huisarts", "tolk", "afspraak", "zorg"],
  ["taalcursus", "werkgever", "stage", "diploma", "werk"],
  ["buren", "vereniging", "sport", "vrijwilligers", "contact"],
  ["brief", "gemeente", "uitkering", "formulier", "regels"],
  ["school", "kinderen", "ouders", "leraar", "huiswerk"],
];
const fillers = ["vaak", "moeilijk", "goed", "lang", "snel", "echt", "nieuw", "soms"];

const database = await openPglite();
await prepareDatabase(database, { demo: false });
const org = await buildOrganisation(database.db, { kind: "provincie", name: "Provincie Bench" });
const [session] = await database.db
  .insert(maaksessies)
  .values({
    organisationId: org.id,
    title: "Bench",
    date: "2026-06-01",
    startsAt: "13:00",
    endsAt: "17:00",
    joinCode: "GROUP5",
  })
  .returning();
if (!session) throw new Error("no session");
const pick = <T>(xs: readonly T[], i: number): T => xs[i % xs.length] as T;
await database.db.insert(notes).values(
  Array.from({ length: NOTES }, (_, i) => {
    const theme = pick(themes, i);
    return {
      organisationId: org.id,
      sessionId: session.id,
      clientId: `bench-${i}`,
      category: "negatief" as const,
      text: `De ${pick(theme, i)} en de ${pick(theme, i + 2)} zijn ${pick(fillers, i)} een probleem bij ${pick(theme, i * 7 + 1)}`,
      locale: "nl",
      role: "nieuwkomer" as const,
      revealed: true,
    };
  }),
);

const times: number[] = [];
let groups = 0;
for (let r = 0; r < RUNS; r++) {
  const t0 = performance.now();
  const suggestions = suggestGroups(await noteLexemes(database.db, session.id));
  times.push(performance.now() - t0);
  groups = suggestions.length;
}
times.sort((a, b) => a - b);
console.log(
  `${NOTES} notes → ${groups} suggested groups: median ${times[Math.floor(RUNS / 2)]?.toFixed(1)} ms, slowest ${times.at(-1)?.toFixed(1)} ms of ${RUNS} runs (target ≤ 1000 ms)`,
);
await database.close();
