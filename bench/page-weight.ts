// Page weight of the public pages a newcomer sees first, as transferred on the wire (compressed,
// with headers), on a cold cache: the budget is 50 KB per page (HTML + CSS + JS + fonts).
// With --slow-3g the network is throttled (400 kbit/s down, 400 ms round trip) and the Largest
// Contentful Paint is what a newcomer on a poor connection waits for.
// Run against a running Koers: KOERS_URL=http://localhost:3000 npx tsx bench/page-weight.ts [--slow-3g]
import { type CDPSession, chromium, type Page } from "playwright-core";

const base = (process.env.KOERS_URL ?? "http://localhost:3000").replace(/\/$/, "");
const slow3g = process.argv.includes("--slow-3g");
const budget = 50 * 1024;
const paths = ["/", "/inloggen", "/wachtwoord-vergeten"];
const languages = ["nl", "ar", "ti"];

type Kind = "html" | "css" | "js" | "font" | "other";

interface Measurement {
  path: string;
  language: string;
  bytes: Record<Kind, number>;
  total: number;
  requests: number;
  lcpMs: number | undefined;
}

function kindOf(mimeType: string): Kind {
  if (mimeType.includes("html")) return "html";
  if (mimeType.includes("css")) return "css";
  if (mimeType.includes("javascript")) return "js";
  if (mimeType.includes("font")) return "font";
  return "other";
}

/** Counts every response of the page's loads as CDP reports it: encodedDataLength is on the wire. */
async function recordTransfers(cdp: CDPSession) {
  const kinds = new Map<string, Kind>();
  const bytes: Record<Kind, number> = { html: 0, css: 0, js: 0, font: 0, other: 0 };
  let requests = 0;
  cdp.on("Network.responseReceived", (e) => kinds.set(e.requestId, kindOf(e.response.mimeType)));
  cdp.on("Network.loadingFinished", (e) => {
    const kind = kinds.get(e.requestId) ?? "other";
    bytes[kind] += e.encodedDataLength;
    requests++;
  });
  await cdp.send("Network.enable");
  await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
  return () => ({ bytes, requests });
}

async function largestContentfulPaint(page: Page): Promise<number | undefined> {
  // LCP settles once the page is loaded and painted; give late paints a moment.
  await page.waitForTimeout(500);
  return page.evaluate(() => (window as unknown as { __koersLcp?: number }).__koersLcp);
}

async function measure(path: string, language: string): Promise<Measurement> {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  await context.addInitScript(() => {
    new PerformanceObserver((list) => {
      const last = list.getEntries().at(-1);
      if (last) (window as unknown as { __koersLcp?: number }).__koersLcp = last.startTime;
    }).observe({ type: "largest-contentful-paint", buffered: true });
  });
  const page = await context.newPage();
  // Choose the language first (sets the cookie), on a page that loads no stylesheet.
  await page.goto(`${base}/taal/${language}?terug=/health`);
  const cdp = await context.newCDPSession(page);
  if (slow3g) {
    await cdp.send("Network.emulateNetworkConditions", {
      offline: false,
      latency: 400,
      downloadThroughput: (400 * 1000) / 8,
      uploadThroughput: (400 * 1000) / 8,
    });
  }
  const transfers = await recordTransfers(cdp);
  await page.goto(`${base}${path}`, { waitUntil: "load" });
  const lcpMs = await largestContentfulPaint(page);
  const { bytes, requests } = transfers();
  await context.close();
  const total = Object.values(bytes).reduce((a, b) => a + b, 0);
  return { path, language, bytes, total, requests, lcpMs };
}

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
  ],
});
const results: Measurement[] = [];
try {
  for (const path of paths) {
    for (const language of languages) results.push(await measure(path, language));
  }
} finally {
  await browser.close();
}

const rows = results.map((r) => ({
  page: r.path,
  lang: r.language,
  html: kb(r.bytes.html),
  css: kb(r.bytes.css),
  js: kb(r.bytes.js),
  fonts: kb(r.bytes.font),
  other: kb(r.bytes.other),
  total: kb(r.total),
  requests: r.requests,
  [slow3g ? "LCP slow 3G" : "LCP"]: r.lcpMs === undefined ? "–" : `${Math.round(r.lcpMs)} ms`,
  budget: r.total <= budget ? "ok" : "OVER",
}));
console.log(`Koers page weight at ${base}, cold cache, bytes on the wire incl. headers`);
console.table(rows);
const worst = Math.max(...results.map((r) => r.total));
console.log(`heaviest page: ${kb(worst)} of a ${kb(budget)} budget`);
if (worst > budget) process.exitCode = 1;
