// A signed-in dashboard page on PGlite under 50 concurrent connections on loopback, against a bare
// Fastify "hello" measured in the same run; and the server's memory. Run: npx tsx bench/dashboard.ts
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import autocannon from "autocannon";
import { demoLogins, rssMiB, signIn, startKoers, stop } from "./lib.ts";

const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const connections = 50;

async function load(url: string, headers: Record<string, string> = {}) {
  const r = await autocannon({ url, connections, duration: seconds, headers });
  return {
    rps: Math.round(r.requests.average),
    p50: r.latency.p50,
    p99: r.latency.p99,
    errors: r.errors + r.non2xx,
  };
}

const dir = mkdtempSync(join(tmpdir(), "koers-bench-"));
// The per-address rate limit would answer most of a load test from one address with 429.
const koers = await startKoers({
  DATA_DIR: join(dir, "db"),
  PORT: "3220",
  RATE_LIMIT_PER_MINUTE: "100000000",
});
const pid = koers.child.pid ?? 0;
const login =
  demoLogins(koers.output()).find((l) => l.role === "consulent") ?? demoLogins(koers.output())[0];
if (!login) throw new Error(`no demo login printed:\n${koers.output()}`);
const cookie = await signIn(koers.url, login.email, login.password, login.totpSecret);
const check = await fetch(`${koers.url}/`, { headers: { cookie } });
const body = await check.text();
if (!body.includes(login.email.split("@")[0] ?? "") && !/Overzicht/.test(body))
  throw new Error("not signed in");
const rssAfterStart = rssMiB(pid);
await load(`${koers.url}/`, { cookie }); // warm-up
const dashboard = await load(`${koers.url}/`, { cookie });
const rssAfterLoad = rssMiB(pid);
await stop(koers.child);

// The same machine, the same run: a bare Fastify answering "hello".
const hello = spawn(
  process.execPath,
  [
    "-e",
    `
  const f = require("fastify")(); f.get("/", async () => "hello");
  f.listen({ port: 3221, host: "127.0.0.1" });`,
  ],
  { stdio: "ignore" },
);
await sleep(800);
const bare = await load("http://127.0.0.1:3221/");
hello.kill();
rmSync(dir, { recursive: true, force: true });

console.log(
  `signed-in dashboard (${login.role}), ${connections} connections, ${seconds}s, PGlite:`,
);
console.log(
  `  ${dashboard.rps} req/s, p50 ${dashboard.p50} ms, p99 ${dashboard.p99} ms, errors/non-2xx ${dashboard.errors}`,
);
console.log(
  `bare Fastify hello: ${bare.rps} req/s, p99 ${bare.p99} ms, errors/non-2xx ${bare.errors}`,
);
console.log(`ratio dashboard/hello: ${(dashboard.rps / bare.rps).toFixed(3)}`);
console.log(
  `server RSS: ${rssAfterStart.toFixed(0)} MiB after start, ${rssAfterLoad.toFixed(0)} MiB after load`,
);
