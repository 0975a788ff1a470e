// The live board with 300 phones on one session: 300 Server-Sent Event streams on loopback
// against a real Koers process (node --import tsx src/main.ts on a temporary DATA_DIR). Posts
// notes one after another and measures, per note, the time from the POST to its arrival on each
// stream (p50/p99 over all arrivals, and the slowest stream per note), and the server's memory
// per open stream (RSS delta / streams). Target: p99 ≤ 250 ms. Stops by itself.
// Run: npx tsx bench/board-fanout.ts   (BENCH_STREAMS, BENCH_NOTES to change the size)
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { Agent, request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { openPglite } from "../src/platform/db/client.ts";
import { hashSecret } from "../src/sessions/board/queries.ts";
import { boardParticipants, maaksessies } from "../src/sessions/schema.ts";
import { prepareDatabase } from "../src/setup.ts";
import { buildOrganisation } from "../tests/support/factories.ts";
import { rssMiB, startKoers, stop } from "./lib.ts";

const STREAMS = Number(process.env.BENCH_STREAMS ?? 300);
const NOTES = Number(process.env.BENCH_NOTES ?? 40);
const CODE = "BENCH7";

// A hard stop, whatever happens.
setTimeout(() => {
  console.error("bench took too long: stopped");
  process.exit(1);
}, 180_000).unref();

// 1. A data folder with one session and its participants (secrets known to the bench).
const dir = mkdtempSync(join(tmpdir(), "koers-board-"));
const dataDir = join(dir, "db");
const secrets: string[] = [];
{
  const database = await openPglite({ dataDir });
  await prepareDatabase(database, { demo: false });
  const org = await buildOrganisation(database.db, { kind: "provincie", name: "Provincie Bench" });
  const [session] = await database.db
    .insert(maaksessies)
    .values({
      organisationId: org.id,
      title: "Maaksessie bench",
      date: "2026-06-01",
      startsAt: "13:00",
      endsAt: "17:00",
      joinCode: CODE,
      phase: "luisteren",
    })
    .returning();
  if (!session) throw new Error("no session");
  for (let i = 0; i <= STREAMS; i++) secrets.push(randomBytes(32).toString("base64url"));
  await database.db.insert(boardParticipants).values(
    secrets.map((s, i) => ({
      organisationId: org.id,
      sessionId: session.id,
      role: i % 2 ? ("nieuwkomer" as const) : ("professional" as const),
      locale: "nl",
      secretHash: hashSecret(s),
    })),
  );
  await database.close();
}

// 2. The real server in its own process.
const koers = await startKoers({ DATA_DIR: dataDir, PORT: "3231", DEMO_DATA: "false" }, "/doe-mee");
const pid = koers.child.pid ?? 0;
try {
  const agent = new Agent({ keepAlive: true, maxSockets: Number.POSITIVE_INFINITY });
  await sleep(500);
  const rssBefore = rssMiB(pid);

  // 3. Open the streams; each records when it saw note n.
  const arrivals: Map<number, number>[] = [];
  const closers: (() => void)[] = [];
  let open = 0;
  for (let i = 0; i < STREAMS; i++) {
    const seen = new Map<number, number>();
    arrivals.push(seen);
    const req = request(
      `${koers.url}/bord/${CODE}/live`,
      { agent, headers: { cookie: `koers_bord=${secrets[i + 1]}`, accept: "text/event-stream" } },
      (res) => {
        if (res.statusCode !== 200) throw new Error(`stream ${i}: ${res.statusCode}`);
        res.setEncoding("utf8");
        let first = true;
        res.on("data", (chunk: string) => {
          const now = performance.now();
          if (first) {
            first = false;
            open += 1;
          }
          for (const m of chunk.matchAll(/BENCH-(\d+)/g)) {
            const n = Number(m[1]);
            if (!seen.has(n)) seen.set(n, now);
          }
        });
      },
    );
    req.on("error", () => {});
    req.end();
    closers.push(() => req.destroy());
  }
  for (let waited = 0; open < STREAMS; waited += 50) {
    if (waited > 30_000) throw new Error(`only ${open} of ${STREAMS} streams opened`);
    await sleep(50);
  }
  await sleep(500);
  const rssAfter = rssMiB(pid);

  // 4. The poster: a participant with a CSRF token from the board page.
  const page = await fetch(`${koers.url}/bord/${CODE}`, {
    headers: { cookie: `koers_bord=${secrets[0]}` },
  });
  const token = (await page.text()).match(/name="_csrf" value="([^"]+)"/)?.[1] ?? "";
  const cookies = [
    `koers_bord=${secrets[0]}`,
    ...page.headers.getSetCookie().map((c) => c.split(";")[0]),
  ].join("; ");

  const latencies: number[] = [];
  const slowest: number[] = [];
  for (let n = 0; n < NOTES; n++) {
    const body = new URLSearchParams({
      _csrf: token,
      clientId: `bench-${n}-${randomBytes(4).toString("hex")}`,
      category: "positief",
      text: `BENCH-${n} de taalcursus sluit goed aan op het werk`,
      reveal: "1",
    });
    const t0 = performance.now();
    const res = await fetch(`${koers.url}/bord/${CODE}/notities`, {
      method: "POST",
      body,
      headers: {
        cookie: cookies,
        accept: "application/json",
        "content-type": "application/x-www-form-urlencoded",
      },
    });
    if (res.status !== 201) throw new Error(`POST ${n}: ${res.status} ${await res.text()}`);
    for (let waited = 0; arrivals.some((a) => !a.has(n)); waited += 5) {
      if (waited > 5000) throw new Error(`note ${n} did not reach every stream`);
      await sleep(5);
    }
    const times = arrivals.map((a) => (a.get(n) ?? t0) - t0);
    latencies.push(...times);
    slowest.push(Math.max(...times));
    await sleep(50);
  }
  for (const close of closers) close();
  agent.destroy();

  const pct = (xs: number[], p: number) => {
    const sorted = [...xs].sort((a, b) => a - b);
    return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
  };
  console.log(`${STREAMS} streams, ${NOTES} notes, ${latencies.length} arrivals`);
  console.log(
    `POST → arrival, all arrivals: p50 ${pct(latencies, 50).toFixed(1)} ms, p99 ${pct(latencies, 99).toFixed(1)} ms (target p99 ≤ 250 ms)`,
  );
  console.log(
    `POST → arrival on the slowest of ${STREAMS} streams, per note: p50 ${pct(slowest, 50).toFixed(1)} ms, p99 ${pct(slowest, 99).toFixed(1)} ms`,
  );
  console.log(
    `server RSS ${rssBefore.toFixed(1)} → ${rssAfter.toFixed(1)} MiB: ${(((rssAfter - rssBefore) * 1024) / STREAMS).toFixed(1)} KiB per stream`,
  );
} finally {
  await stop(koers.child);
  rmSync(dir, { recursive: true, force: true });
}
